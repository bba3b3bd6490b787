import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Business data the server must hand to an integration: a callback booking, a voicemail
/// recording, a supervisor alert. Written to the outbox before the webhook is answered.
public struct OutboxItem: Sendable, Equatable {
    /// `send`: a flow's `send` node (issue 14), delivered to the integration it names.
    public enum Kind: String, Sendable, CaseIterable { case callback, voicemail, alert, send }
    public var id: String
    public var kind: Kind
    /// The JSON object delivered (UTF-8).
    public var body: [UInt8]

    public init(id: String = UUID().uuidString.lowercased(), kind: Kind, body: [UInt8]) {
        self.id = id
        self.kind = kind
        self.body = body
    }

    public init(kind: Kind, json: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data("{}".utf8)
        self.init(kind: kind, body: Array(data))
    }
}

/// Where outbox items wait until delivered: a spool folder, or a PostgreSQL table.
public protocol OutboxStore: Sendable {
    /// Stores `item` durably (whole or not at all) before returning.
    func add(_ item: OutboxItem) async throws
    /// Every item not yet delivered, oldest first.
    func pending() async throws -> [OutboxItem]
    func remove(id: String) async throws
    /// How many items wait (the `callflow_outbox_depth` gauge).
    func count() async throws -> Int
}

/// The spool folder: one file per item, `<millis>-<kind>-<id>.json`, holding the item's JSON
/// body. Written to a temporary name, fsynced, renamed, and the folder fsynced: a file that has
/// its final name is whole.
public struct SpoolOutbox: OutboxStore {
    public let folder: String

    public init(folder: String) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Why an item could not be spooled (`reason`: the system's words for `errno`).
    public enum WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        case cannotCreate(path: String, reason: String)
        case cannotWrite(item: String, reason: String)

        public var description: String {
            switch self {
            case .cannotCreate(let path, let reason): return "cannot create \(path): \(reason)"
            case .cannotWrite(let item, let reason): return "cannot write outbox item \(item): \(reason)"
            }
        }
    }

    public func add(_ item: OutboxItem) async throws {
        let millis = Int64(Date().timeIntervalSince1970 * 1000)
        let name = String(format: "%013lld", millis) + "-\(item.kind.rawValue)-\(item.id).json"
        let temporary = folder + "/.tmp-" + item.id
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError.cannotCreate(path: temporary, reason: String(cString: strerror(errno))) }
        var ok = item.body.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, folder + "/" + name) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError.cannotWrite(item: name, reason: why)
        }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            fsync(dir)
            close(dir)
        }
    }

    public func pending() async throws -> [OutboxItem] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }.sorted()
        var items: [OutboxItem] = []
        for name in names {
            let parts = name.dropLast(5).split(separator: "-", maxSplits: 2)
            guard parts.count == 3, let kind = OutboxItem.Kind(rawValue: String(parts[1])),
                  let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            items.append(OutboxItem(id: String(parts[2]), kind: kind, body: Array(data)))
        }
        return items
    }

    public func count() async throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }.count
    }

    public func remove(id: String) async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        for name in names where name.hasSuffix("-\(id).json") { unlink(folder + "/" + name) }
    }
}

/// Delivers the outbox: each item is POSTed (JSON, header `Idempotency-Key: <id>`) to its
/// integration and removed after a 2xx; a failure waits 1 s, 2 s, 4 s... up to 5 minutes before
/// the next attempt. Items left by an earlier run are delivered at start.
public actor OutboxDeliverer {
    let store: any OutboxStore
    let integrations: Integrations
    let client: HTTPClient
    let logger: Logger
    let metrics: ServerMetrics
    private var attempts: [String: Int] = [:]
    private var notBefore: [String: Date] = [:]
    private var wake: AsyncStream<Void>.Continuation?
    private var stopping = false

    init(store: any OutboxStore, integrations: Integrations, client: HTTPClient, logger: Logger, metrics: ServerMetrics) {
        self.store = store
        self.integrations = integrations
        self.client = client
        self.logger = logger
        self.metrics = metrics
    }

    /// Stores `item` durably, then wakes the delivery loop.
    func add(_ item: OutboxItem) async throws {
        try await store.add(item)
        wake?.yield()
    }

    func stop() {
        stopping = true
        wake?.yield()
    }

    /// Runs until `stop()` (or cancellation); a final pass is made when stopping.
    func run() async {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        wake = continuation
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                continuation.yield()
            }
        }
        defer { ticker.cancel() }
        await deliverDue()
        for await _ in stream {
            if stopping || Task.isCancelled { break }
            await deliverDue()
        }
        // The last pass tries every item once, back-off or not; what is not delivered stays stored.
        await deliverDue(final: true)
    }

    /// One pass: every item whose back-off is over (every item when `final`).
    func deliverDue(final: Bool = false) async {
        let items: [OutboxItem]
        do { items = try await store.pending() } catch {
            logger.error("outbox: cannot list: \(error)")
            return
        }
        let now = Date()
        for item in items {
            // Shutdown waits at most 10 s for the last pass; what is left is delivered at the next start.
            if final, Date().timeIntervalSince(now) > 10 { break }
            if !final, let due = notBefore[item.id], due > now { continue }
            guard let endpoint = integrations.endpoint(for: item) else {
                if attempts[item.id] == nil { logger.warning("outbox: no \(item.kind.rawValue) integration configured; item \(item.id) waits") }
                attempts[item.id, default: 0] += 1
                notBefore[item.id] = now.addingTimeInterval(300)
                continue
            }
            var request = HTTPClientRequest(url: endpoint.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Idempotency-Key", value: item.id)
            for (name, value) in endpoint.headers { request.headers.add(name: name, value: value) }
            request.body = .bytes(ByteBuffer(bytes: item.body))
            var delivered = false
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try? await response.body.collect(upTo: 1 << 16)
                delivered = (200..<300).contains(response.status.code)
                if !delivered { logger.warning("outbox: \(item.kind.rawValue) \(item.id): \(endpoint.url) answered \(response.status.code)") }
            } catch {
                logger.warning("outbox: \(item.kind.rawValue) \(item.id): \(endpoint.url): \(error)")
            }
            if delivered {
                do {
                    try await store.remove(id: item.id)
                    attempts[item.id] = nil
                    notBefore[item.id] = nil
                    metrics.outboxDelivered(item.kind)
                } catch {
                    logger.error("outbox: delivered \(item.id) but cannot remove it: \(error)")
                }
            } else {
                let n = attempts[item.id, default: 0] + 1
                attempts[item.id] = n
                notBefore[item.id] = now.addingTimeInterval(min(300, pow(2, Double(n - 1))))
            }
        }
        if let left = try? await store.count() { metrics.outboxDepth(left) }
    }
}
