#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file whole or not at all: the bytes go to a new temporary file in the same folder,
/// which is flushed to disk and then renamed over the target. Readers see the old file or the
/// new one, never a part; on any failure the temporary file is removed and the target is left as
/// it was. A target that already exists keeps its permissions; a symbolic link at the target is
/// replaced by the file, not followed, unless it leads to a device or a pipe (`/dev/stdout`),
/// which is written to directly, as is a device or pipe named itself (`/dev/full` is an error).
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String

        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        func failure(_ code: Int32) -> WriteError {
            WriteError(path: path, reason: String(cString: strerror(code)))
        }
        guard !path.isEmpty else { throw WriteError(path: path, reason: "the file name is empty") }
        let folder: String, name: String
        if let slash = path.lastIndex(of: "/") {
            folder = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            folder = "."
            name = path
        }
        guard !name.isEmpty else { throw WriteError(path: path, reason: "the path names a folder") }

        // A device or a pipe (`-o /dev/stdout`, `/dev/full`, a FIFO) has no file to replace: the
        // bytes go straight to it. Renaming over it would replace the device itself.
        var target = stat()
        if stat(path, &target) == 0 {
            let type = target.st_mode & S_IFMT
            if type == S_IFDIR { throw WriteError(path: path, reason: "the path names a folder") }
            if type != S_IFREG { return try writeThrough(bytes, to: path) }
        }

        // A name that cannot collide with another writer: process id and a random suffix,
        // created exclusively.
        var temporary = ""
        var descriptor: Int32 = -1
        for _ in 0..<16 {
            temporary = (folder == "/" ? "/" : folder + "/") + "." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw failure(errno) }

        var status = stat()
        if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            _ = fchmod(descriptor, status.st_mode & 0o7777)
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Self.systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw failure(code)
            }
            offset += written
        }
        if fsync(descriptor) != 0 {
            let code = errno
            close(descriptor)
            unlink(temporary)
            throw failure(code)
        }
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(code)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(code)
        }
    }

    /// Writes to an existing device or pipe, reporting any error (ENOSPC from /dev/full).
    private static func writeThrough(_ bytes: [UInt8], to path: String) throws(WriteError) {
        func failure(_ code: Int32) -> WriteError {
            WriteError(path: path, reason: String(cString: strerror(code)))
        }
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Self.systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                throw failure(code)
            }
            offset += written
        }
        if close(descriptor) != 0 { throw failure(errno) }
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
        #else
        return Darwin.write(descriptor, buffer, count)
        #endif
    }
}
