import Foundation

/// The number a file's path stands for in a `SourceRange`.
typealias FileID = UInt32

/// Paths of the files read in this process, numbered in the order first seen. Ranges keep the
/// number; messages ask for the path. Shared by every thread that lints (guarded by a lock);
/// a path keeps its number for the life of the process.
final class FileNames: @unchecked Sendable {
    static let shared = FileNames()

    private let lock = NSLock()
    private var names: [String] = []
    private var ids: [String: FileID] = [:]

    func id(of name: String) -> FileID {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[name] { return id }
        names.append(name)
        let id = FileID(names.count - 1)
        ids[name] = id
        return id
    }

    func name(of id: FileID) -> String {
        lock.lock()
        defer { lock.unlock() }
        return names[Int(id)]
    }
}
