import AsyncHTTPClient
import CallFlowRuntime
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `callflow-server`: answers the voice webhooks of a programmable-voice platform with TwiML,
/// running each call on `CallSession` (docs/server.md).
public final class CallFlowServer: Sendable {
    public let configuration: ServerConfiguration
    public let metrics = ServerMetrics()
    public let library: TableLibrary
    let handler: CallHandler
    let outbox: OutboxDeliverer
    let signature: TwilioSignature?
    let logger: Logger
    /// The PostgreSQL store, when sessions and the outbox are there.
    let postgres: PostgresStore?

    /// Why the server cannot start with its configuration.
    public enum StartError: Error, Equatable, Sendable, CustomStringConvertible {
        case sessionKeyTooShort
        case badPublicURL(String)
        case tablesNotAFolder(String)

        public var description: String {
            switch self {
            case .sessionKeyTooShort: return "CALLFLOW_SESSION_KEY must be set to a secret of at least 16 bytes"
            case .badPublicURL(let url): return "--public-url must be http(s)://HOST[:PORT] without a path, not '\(url)'"
            case .tablesNotAFolder(let folder): return "--tables \(folder) is not a folder"
            }
        }
    }

    /// Prepares a server: reads the tables, opens the outbox and the session store.
    public init(configuration: ServerConfiguration, logger: Logger, store: (any SessionStore)? = nil,
                outboxStore: (any OutboxStore)? = nil) throws {
        self.configuration = configuration
        self.logger = logger
        postgres = (store as? PostgresStore) ?? (outboxStore as? PostgresStore)
        guard configuration.sessionKey.count >= 16 else {
            throw StartError.sessionKeyTooShort
        }
        guard let url = URLComponents(string: configuration.publicURL), let scheme = url.scheme, ["http", "https"].contains(scheme),
              url.host != nil, url.path.isEmpty || url.path == "/" else {
            throw StartError.badPublicURL(configuration.publicURL)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: configuration.tablesFolder, isDirectory: &isFolder), isFolder.boolValue else {
            throw StartError.tablesNotAFolder(configuration.tablesFolder)
        }
        library = TableLibrary(folder: configuration.tablesFolder, logger: logger)
        let spool = configuration.spool ?? configuration.tablesFolder + "/.outbox"
        let outboxStore = try outboxStore ?? SpoolOutbox(folder: spool)
        outbox = OutboxDeliverer(store: outboxStore, integrations: configuration.integrations, client: HTTPClient.shared,
                                 logger: logger, metrics: metrics)
        signature = configuration.authToken.map { TwilioSignature(authToken: $0) }
        handler = CallHandler(config: configuration, library: library, store: store ?? MemorySessionStore(), outbox: outbox,
                              client: HTTPClient.shared, metrics: metrics, logger: logger)
    }

    /// Serves until SIGTERM/SIGINT (or cancellation): stops accepting, finishes requests in flight,
    /// then makes a last outbox delivery pass. `trapSignals` false leaves signals alone (tests);
    /// `onRunning` gets the bound port.
    public func run(trapSignals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        library.reload()
        var app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        if let postgres {
            app.beforeServerStarts {
                try await postgres.prepare()
                self.logger.info("store: PostgreSQL tables ready")
            }
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: OutboxService(deliverer: outbox), serviceName: "outbox"),
            .init(service: ReloadService(library: library, interval: configuration.reloadInterval, trapSignals: trapSignals, logger: logger),
                  serviceName: "tables"),
            .init(service: app, serviceName: "http"),
        ]
        // Shut down in reverse order: HTTP first, then reloads, the outbox's last pass, the database.
        if let postgres { services.insert(.init(service: postgres.client, serviceName: "postgres"), at: 0) }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: trapSignals ? [.sigterm, .sigint] : [],
                                                      logger: logger))
        try await group.run()
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ -> Response in
            guard self.library.isLoaded else { return Self.text(.serviceUnavailable, "{\"status\":\"loading\"}\n", "application/json") }
            let flows = self.library.flows.map { "{\"name\":\(Self.json($0.name)),\"table\":\"\(String($0.program.table.sourceHash, radix: 16))\"}" }
            return Self.text(.ok, "{\"status\":\"ok\",\"flows\":[\(flows.joined(separator: ","))]}\n", "application/json")
        }
        router.get("/metrics") { _, _ -> Response in
            Self.text(.ok, self.metrics.render(), "text/plain; version=0.0.4")
        }
        router.post("/voice/:flow") { request, context -> Response in
            let flow = context.parameters.get("flow") ?? ""
            return try await self.webhook(request) { query, params, clock in
                await self.handler.newCall(flow: flow, query: query, params: params, clock: clock)
            }
        }
        router.post("/call/:step") { request, context -> Response in
            let step = context.parameters.get("step") ?? ""
            return try await self.webhook(request) { query, params, clock in
                await self.handler.step(step, query: query, params: params, clock: clock)
            }
        }
        return router
    }

    /// Reads the form, checks the signature, runs `body`, times it.
    private func webhook(_ request: Request,
                         _ body: ([(String, String)], [String: String], String?) async -> Reply) async throws -> Response {
        let started = ContinuousClock.now
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 16)
        let form = FormEncoding.parse(String(buffer: buffer))
        let query = FormEncoding.parse(request.uri.query ?? "")
        if let signature {
            let url = configuration.base + request.uri.string
            let given = request.headers[Self.signatureHeader] ?? ""
            guard signature.validate(url: url, params: form, signature: given) else {
                logger.warning("a webhook without a valid X-Twilio-Signature (403): \(request.uri.path)")
                metrics.fault("bad-signature")
                return Self.text(.forbidden, "forbidden\n", "text/plain")
            }
        }
        var params: [String: String] = [:]
        for (name, value) in form where params[name] == nil { params[name] = value }
        let clock = configuration.testClock ? request.headers[Self.clockHeader] : nil
        let reply = await body(query, params, clock)
        let elapsed = ContinuousClock.now - started
        metrics.webhook(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return Self.text(HTTPResponse.Status(code: reply.status), reply.body, reply.contentType)
    }

    static let signatureHeader = HTTPField.Name("X-Twilio-Signature")!
    static let clockHeader = HTTPField.Name("X-Callflow-Clock")!

    static func text(_ status: HTTPResponse.Status, _ body: String, _ type: String) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}

/// application/x-www-form-urlencoded, in order (a name may repeat).
enum FormEncoding {
    /// Byte-level (Foundation's percent decoding cost a sixth of a new-call webhook).
    static func parse(_ text: String) -> [(String, String)] {
        guard !text.isEmpty else { return [] }
        var result: [(String, String)] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "&") { end += 1 }
                if end > start {
                    var equals = start
                    while equals < end && bytes[equals] != UInt8(ascii: "=") { equals += 1 }
                    let name = decode(bytes, start, equals)
                    let value = equals < end ? decode(bytes, equals + 1, end) : ""
                    result.append((name, value))
                }
                start = end + 1
            }
        }
        return result
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        // Most names and values (a session token among them) have nothing to decode: no copy.
        let part = UnsafeBufferPointer(rebasing: bytes[start ..< end])
        if !part.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) { return String(decoding: part, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "+") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "%"), i + 2 < end, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) {
                out.append(high << 4 | low)
                i += 2
            } else {
                out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func encode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}

/// Delivers the outbox in the background; at graceful shutdown, one last pass.
struct OutboxService: Service {
    let deliverer: OutboxDeliverer

    func run() async throws {
        await withGracefulShutdownHandler {
            await deliverer.run()
        } onGracefulShutdown: {
            Task { await deliverer.stop() }
        }
    }
}

/// Reloads the tables when the folder changes (polled) and on SIGHUP.
struct ReloadService: Service {
    let library: TableLibrary
    let interval: Double
    let trapSignals: Bool
    let logger: Logger

    func run() async throws {
        // Graceful shutdown cancels the loop; that is the normal end, not an error.
        try? await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Polling off (interval 0): the folder is read at start and on SIGHUP only.
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .milliseconds(interval > 0 ? Int(interval * 1000) : 3_600_000))
                        if interval > 0 { library.reload() }
                    }
                }
                if trapSignals {
                    group.addTask {
                        for await _ in await UnixSignalsSequence(trapping: .sighup) {
                            logger.info("tables: SIGHUP, reloading")
                            library.reload()
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }
}

extension CallFlowServer {
    /// A server with the stores `configuration.store` names: in memory and a spool folder by
    /// default; PostgreSQL for both with `postgres://...`.
    public static func make(configuration: ServerConfiguration, logger: Logger) async throws -> CallFlowServer {
        if let url = configuration.store {
            let postgres = try PostgresStore(url: url, password: ProcessInfo.processInfo.environment["PGPASSWORD"], logger: logger)
            return try CallFlowServer(configuration: configuration, logger: logger, store: postgres, outboxStore: postgres)
        }
        return try CallFlowServer(configuration: configuration, logger: logger)
    }
}
