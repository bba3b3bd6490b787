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
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        return SourceFile(path: path, bytes: [UInt8](data))
    }
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
