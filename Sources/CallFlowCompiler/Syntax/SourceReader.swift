import Foundation

/// Reads input files, refusing one over the size limit before reading it.
public struct SourceReader: Sendable {
    public var limits: InputLimits

    public init(limits: InputLimits = .standard) {
        self.limits = limits
    }

    public enum ReadError: Error, CustomStringConvertible, Equatable {
        case missing(String)
        case symlinkLoop(String)
        case notAFile(String)
        case unreadable(String)
        case tooLarge(String, Int, Int)
        /// Readable, but something else than what the command reads (a table, a scenario file).
        case notAFlow(String)

        public var description: String {
            switch self {
            case .missing(let path): return PathKind.missingMessage(path)
            case .symlinkLoop(let path): return "\(path): the symbolic links loop (too many levels of symbolic links)"
            case .notAFile(let path): return "\(path): not a regular file (a device, pipe or socket cannot be read as a flow)"
            case .unreadable(let path): return "\(path): cannot be read"
            case .tooLarge(let path, let size, let limit):
                return "\(path): file is \(size) bytes, over the limit of \(limit) bytes (8 MiB)"
            case .notAFlow(let message): return message
            }
        }
    }

    public func read(_ path: String) throws(ReadError) -> SourceFile {
        var info = stat()
        switch PathKind.of(path) {
        case .missing: throw .missing(path)
        case .loop: throw .symlinkLoop(path)
        case .other: throw .notAFile(path)
        case .directory: throw .notAFile(path)
        case .file: break
        }
        guard stat(path, &info) == 0 else { throw .missing(path) }
        guard Int(info.st_size) <= limits.maxFileBytes else { throw .tooLarge(path, Int(info.st_size), limits.maxFileBytes) }
        // Read from one descriptor, whose `fstat` says which version of the file the text is
        // (`FileIdentity`: a released text's lines are read back only from that version).
        // Non-blocking, so a path swapped for a pipe since it was looked at is refused, not waited on.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw errno == ENOENT ? .missing(path) : .unreadable(path) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path) }
        guard let bytes = readToEnd(descriptor, expecting: Int(info.st_size)) else { throw .unreadable(path) }
        // A file that grew or shrank while being read has no one identity: its text is kept.
        return SourceFile(path: path, bytes: bytes, identity: FileIdentity(info))
    }
}

/// Every byte of `descriptor` from where it stands to its end, in one array (`expecting` is
/// what `fstat` counted: one read fills it without a copy); nil on a read error.
private func readToEnd(_ descriptor: Int32, expecting size: Int) -> [UInt8]? {
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
        while initialized < size {
            let count = read(descriptor, buffer.baseAddress! + initialized, size - initialized)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { failed = true }
            guard count > 0 else { break }
            initialized += count
        }
    }
    // Anything past what fstat counted (a file still being written) is read too, as before.
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    while !failed {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count < 0 { failed = true }
        guard count > 0 else { break }
        bytes += chunk[0..<count]
    }
    return failed ? nil : bytes
}

/// What a path names, following symbolic links, told apart without opening it (opening a FIFO
/// would block; reading a device such as /dev/zero would never end).
public enum PathKind: Equatable, Sendable {
    case file, directory, other, missing, loop

    public static func of(_ path: String) -> PathKind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ELOOP { return .loop }
            return .missing
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The one wording of a missing path, in every command.
    public static func missingMessage(_ path: String) -> String {
        "\(path): no such file or folder"
    }
}
