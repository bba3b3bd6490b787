import Foundation

/// Which version of a file on disk a `SourceFile`'s text is: taken with `fstat` from the
/// descriptor the text was read from. A file whose text was released (`SourceFile.releaseBytes`,
/// issue 17: `callflow lint` does not hold each file's text through the checks) reads its lines
/// back only while the file still has this identity; any write, truncation or replacement changes
/// the modification time, the size or the inode.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int
    /// Nanoseconds since 1970.
    let modified: Int64

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int(info.st_size)
        #if os(Linux)
        modified = Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec)
        #else
        modified = Int64(info.st_mtimespec.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtimespec.tv_nsec)
        #endif
    }

    /// `count` bytes at `offset` of the file at `path`, if it still has this identity. Errors are
    /// values: a file that changed or cannot be read is no reason to stop.
    func readBack(_ path: String, offset: Int, count: Int) -> Result<[UInt8], TextUnavailable> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(errno == ENOENT ? .changed : .unreadable) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable) }
        guard FileIdentity(info) == self else { return .failure(.changed) }
        guard offset >= 0, count >= 0, offset + count <= size else { return .failure(.changed) }
        var failure: TextUnavailable?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while initialized < count {
                let read = pread(descriptor, buffer.baseAddress! + initialized, count - initialized, off_t(offset + initialized))
                if read < 0 && errno == EINTR { continue }
                // The end before the bytes fstat counted: the file was cut while being read.
                guard read > 0 else { failure = read == 0 ? .changed : .unreadable; break }
                initialized += read
            }
        }
        if let failure { return .failure(failure) }
        return .success(bytes)
    }
}

/// Why a released file's lines could not be read back; the text output says so once per file
/// instead of showing its source lines.
public enum TextUnavailable: Error, Equatable, Sendable {
    /// Written, truncated, replaced or removed since it was read.
    case changed
    /// Still there but cannot be opened or read.
    case unreadable

    /// The note printed once for the file at `path`.
    public func note(_ path: String) -> String {
        switch self {
        case .changed: "\(path) changed while it was being linted; source lines not shown"
        case .unreadable: "\(path) could not be read again after it was linted; source lines not shown"
        }
    }
}
