import CallFlowRuntime
import Foundation
import Logging
import Synchronization

/// The loaded routing tables: each flow's current version (new calls) and, by source hash, the
/// versions calls in progress started on (bounded: the last `keptVersions` per flow).
public final class TableLibrary: Sendable {
    public struct Loaded: Sendable {
        public var name: String
        public var program: TableProgram
        public var zone: TimeZone?
        public var path: String
        /// The file's modification time and size when read (a reload skips unchanged files).
        var stamp: String
    }

    struct Contents: Sendable {
        var current: [String: Loaded] = [:]
        var byHash: [UInt64: Loaded] = [:]
        var history: [String: [UInt64]] = [:]
        var loaded = false
    }

    public static let keptVersions = 8
    let folder: String
    let logger: Logger
    private let contents = Mutex(Contents())

    public init(folder: String, logger: Logger) {
        self.folder = folder
        self.logger = logger
    }

    /// Whether tables have been loaded (GET /health is 503 before).
    public var isLoaded: Bool { contents.withLock { $0.loaded } }

    public func current(_ flow: String) -> Loaded? { contents.withLock { $0.current[flow] } }
    public func version(_ hash: UInt64) -> Loaded? { contents.withLock { $0.byHash[hash] } }
    public var flows: [Loaded] { contents.withLock { $0.current.values.sorted { $0.name < $1.name } } }

    /// Reads every table file of the folder (files starting with the table magic; others are
    /// skipped). A table that fails to load is logged and the flow keeps its loaded version; a
    /// new version is swapped in whole. Returns the names of flows that changed.
    @discardableResult
    public func reload() -> [String] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else {
            logger.error("tables: cannot read folder \(folder)")
            contents.withLock { $0.loaded = true }
            return []
        }
        let known = contents.withLock { c in Dictionary(c.current.values.map { ($0.path, $0.stamp) }, uniquingKeysWith: { a, _ in a }) }
        var fresh: [Loaded] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let attributes = try? manager.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let stamp = "\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)/\(attributes[.size] as? Int ?? -1)"
            if known[path] == stamp { continue }
            guard let data = manager.contents(atPath: path) else {
                logger.error("tables: cannot read \(path)")
                continue
            }
            let bytes = [UInt8](data)
            guard bytes.starts(with: TableFormat.magic) else {
                if name.hasSuffix(".cft") || name.hasSuffix(".table") { logger.error("tables: \(path) is not a routing table; ignored") }
                continue
            }
            do {
                let program = try TableProgram(bytes: bytes)
                let table = program.table
                let zone = table.timeZone >= 0 ? TimeZone(identifier: table.strings[Int(table.timeZone)]) : nil
                fresh.append(Loaded(name: table.strings[Int(table.flowName)], program: program, zone: zone, path: path, stamp: stamp))
            } catch {
                logger.error("tables: \(path) does not load (\(error.description)); the loaded version stays")
            }
        }
        return contents.withLock { c in
            var changed: [String] = []
            for table in fresh {
                let hash = table.program.table.sourceHash
                if let old = c.current[table.name], old.path != table.path, old.program.table.sourceHash != hash {
                    logger.warning("tables: \(table.path) and \(old.path) both hold flow '\(table.name)'; \(table.path) serves it now")
                }
                c.current[table.name] = table
                c.byHash[hash] = table
                var history = c.history[table.name, default: []].filter { $0 != hash }
                history.append(hash)
                while history.count > Self.keptVersions { c.byHash[history.removeFirst()] = nil }
                c.history[table.name] = history
                changed.append(table.name)
                logger.info("tables: flow '\(table.name)' version \(String(hash, radix: 16)) from \(table.path)")
            }
            c.loaded = true
            return changed
        }
    }
}
