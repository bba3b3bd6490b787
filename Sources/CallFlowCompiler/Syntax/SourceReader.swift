import Foundation

/// Reads input files, refusing one over the size limit before reading it.
public struct SourceReader: Sendable {
    public var limits: InputLimits

    public init(limits: InputLimits = .standard) {
        self.limits = limits
    }

    public enum ReadError: Error, CustomStringConvertible {
        case missing(String)
        case notAFile(String)
        case unreadable(String)
        case tooLarge(String, Int, Int)

        public var description: String {
            switch self {
            case .missing(let path): return "\(path): no such file"
            case .notAFile(let path): return "\(path): not a regular file"
            case .unreadable(let path): return "\(path): cannot be read"
            case .tooLarge(let path, let size, let limit):
                return "\(path): file is \(size) bytes, over the limit of \(limit) bytes (8 MiB)"
            }
        }
    }

    public func read(_ path: String) throws(ReadError) -> SourceFile {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .missing(path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path) }
        guard Int(info.st_size) <= limits.maxFileBytes else { throw .tooLarge(path, Int(info.st_size), limits.maxFileBytes) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        return SourceFile(path: path, bytes: [UInt8](data))
    }
}
