import AsyncHTTPClient
import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

enum Paths {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var flows: String { packageRoot.appendingPathComponent("flows").path }
    /// `callflow-server` beside the running tests (any `--build-path`; on macOS beside the .xctest
    /// bundle), else in `.build/debug`.
    static var serverBinary: URL {
        let folders = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
            + [Bundle.main.executableURL?.deletingLastPathComponent()].compactMap { $0 }
        let fallback = packageRoot.appendingPathComponent(".build/debug/callflow-server")
        return folders.map { $0.appendingPathComponent("callflow-server") }.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? fallback
    }
    static var signatureVectors: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/twiml/signature-vectors.json")
    }
}

/// A scratch folder, removed at deinit.
final class Scratch: @unchecked Sendable {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-server-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A `tables` folder in the scratch folder holding the example flows' tables; its path.
    func exampleTables() throws -> String {
        let tables = path + "/tables"
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        try Examples.writeTables(into: tables)
        return tables
    }
}

/// Compiles every example flow (flows/) once: scenario files, their tables' bytes.
enum Examples {
    struct Flow: Sendable {
        var file: ScenarioFile
        var loaded: LoadedProgram
        var name: String { loaded.program.table.strings[Int(loaded.program.table.flowName)] }
    }

    static let all: [Flow] = {
        let files = (try? ScenarioRunner.find([Paths.flows])) ?? []
        return files.compactMap { path in
            guard let file = try? ScenarioFile.load(path: path), let loaded = try? ProgramLoader.load(file.flow) else { return nil }
            return Flow(file: file, loaded: loaded)
        }
    }()

    /// Writes every example's table into `folder` as `<name>.cft`.
    static func writeTables(into folder: String) throws {
        for flow in all {
            try Data(flow.loaded.bytes).write(to: URL(fileURLWithPath: folder + "/\(flow.name).cft"))
        }
    }

    /// The names of every lookup integration the examples use.
    static var lookupNames: Set<String> {
        var names = Set<String>()
        for flow in all {
            let table = flow.loaded.program.table
            for node in table.nodes where node.kind == .lookup { names.insert(table.strings[Int(node.text)]) }
        }
        return names
    }
}

/// The integrations a scenario talks to: answers lookups as scripted per call, receives
/// callbacks, voicemail and alerts (or refuses them with 503 while `down`).
final class MockIntegrations: @unchecked Sendable {
    struct State {
        var answers: [String: [SimulatedEvent]] = [:]
        var received: [(kind: String, body: [String: Any])] = []
        var ids: Set<String> = []
        var down = false
        /// Deliveries answered 503 (or `refusal`) while `down`.
        var refused = 0
        var refusal: HTTPResponse.Status = .serviceUnavailable
        var lookupDelay: Swift.Duration = .zero
        /// A lookup's answer sends its head and first byte at once and the rest after this.
        var bodyDelay: Swift.Duration = .zero
        /// Every lookup is answered 404 (not found, as the protocol says).
        var status404 = false
        /// Every lookup request: its `X-Api-Key` header and its JSON body.
        var lookups: [(apiKey: String?, body: Data)] = []
    }

    let state = Mutex(State())
    private(set) var port = 0
    private var task: Task<Void, any Error>?
    private var group: ServiceGroup?

    init() {}

    func start() async throws {
        let router = Router()
        router.post("/lookup/:name") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
            let sid = (object?["call"] as? [String: Any])?["sid"] as? String ?? ""
            let apiKey = request.headers[HTTPField.Name("X-Api-Key")!]
            let bytes = Data(buffer: body)
            self.state.withLock { $0.lookups.append((apiKey, bytes)) }
            let (answer, delay, bodyDelay) = self.state.withLock { s -> (SimulatedEvent?, Swift.Duration, Swift.Duration) in
                (s.answers[sid]?.isEmpty == false ? s.answers[sid]!.removeFirst() : nil, s.lookupDelay, s.bodyDelay)
            }
            if delay > .zero { try await Task.sleep(for: delay) }
            if self.state.withLock({ $0.status404 }) { return Self.respond(.notFound, "{}") }
            if bodyDelay > .zero {
                let body = ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "{"))
                    try await Task.sleep(for: bodyDelay)
                    try await writer.write(ByteBuffer(string: "\"found\": false}"))
                    try await writer.finish(nil)
                }
                return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
            }
            guard let answer, case .lookup(let result) = answer.event else { return Self.respond(.internalServerError, "no scripted answer") }
            switch result {
            case .found:
                var values: [String: String] = [:]
                for (name, text) in answer.values { values[name] = text }
                let json = try JSONSerialization.data(withJSONObject: ["found": true, "values": values])
                return Self.respond(.ok, String(decoding: json, as: UTF8.self))
            case .notFound: return Self.respond(.ok, "{\"found\": false}")
            case .error: return Self.respond(.internalServerError, "down")
            }
        }
        for kind in ["callbacks", "voicemail", "alerts"] {
            router.post("/\(kind)") { request, _ -> Response in
                var request = request
                let body = try await request.collectBody(upTo: 1 << 20)
                let key = request.headers[HTTPField.Name("Idempotency-Key")!] ?? ""
                return self.state.withLock { s in
                    if s.down {
                        s.refused += 1
                        return Self.respond(s.refusal, "down")
                    }
                    let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
                    if s.ids.insert(key).inserted { s.received.append((kind, object)) }
                    return Self.respond(.ok, "{}")
                }
            }
        }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) },
                              logger: Logger(label: "mock", factory: { _ in SwiftLogNoOpLogHandler() }))
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "mock", factory: { _ in SwiftLogNoOpLogHandler() })))
        self.group = group
        task = Task { try await group.run() }
        for await p in stream {
            port = p
            break
        }
    }

    /// A graceful shutdown (cancelling the task can trap in NIO on a connection accepted but not
    /// yet served), with the task cancelled after 5 s if a request never ends.
    func stop() {
        guard let group, let task else { return }
        Task {
            await group.triggerGracefulShutdown()
            try? await Task.sleep(for: .seconds(5))
            task.cancel()
        }
    }

    var integrations: Integrations {
        var result = Integrations()
        for name in Examples.lookupNames { result.lookups[name] = .init(url: "http://127.0.0.1:\(port)/lookup/\(name)") }
        result.callbacks = .init(url: "http://127.0.0.1:\(port)/callbacks")
        result.voicemail = .init(url: "http://127.0.0.1:\(port)/voicemail")
        result.alerts = .init(url: "http://127.0.0.1:\(port)/alerts")
        return result
    }

    /// Writes the integrations file for a server process into `folder`; returns its path.
    func writeIntegrationsFile(into folder: String) throws -> String {
        let path = folder + "/integrations.json"
        try integrationsJSON.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The integrations file's JSON (for a server process).
    var integrationsJSON: String {
        var lookups: [String: Any] = [:]
        for name in Examples.lookupNames { lookups[name] = ["url": "http://127.0.0.1:\(port)/lookup/\(name)"] }
        let object: [String: Any] = ["lookups": lookups, "callbacks": ["url": "http://127.0.0.1:\(port)/callbacks"],
                                     "voicemail": ["url": "http://127.0.0.1:\(port)/voicemail"], "alerts": ["url": "http://127.0.0.1:\(port)/alerts"]]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    func script(_ sid: String, _ answers: [SimulatedEvent]) { state.withLock { $0.answers[sid] = answers } }

    /// Items received for call `sid`, waiting up to `seconds` for at least one.
    func received(_ kind: String, sid: String, seconds: Double = 5) async -> [[String: Any]] {
        let until = Date().addingTimeInterval(seconds)
        while true {
            let found = state.withLock { s in s.received.filter { $0.kind == kind && ($0.body["call_sid"] as? String) == sid }.map(\.body) }
            if !found.isEmpty || Date() > until { return found }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    static func respond(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// A server under test, in this process, on a free loopback port.
final class RunningServer: Sendable {
    let server: CallFlowServer
    let port: Int
    let task: Task<Void, any Error>
    static let key = Array("test-session-key-0123456789abcdef".utf8)
    static let authToken = "test-auth-token"
    static let fallback = "+15550000000"

    init(server: CallFlowServer, port: Int, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.task = task
    }

    static func start(tables: String, integrations: Integrations, spool: String? = nil, store: (any SessionStore & OutboxStore)? = nil,
                      publicURL: String? = nil, configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> RunningServer {
        var config = ServerConfiguration(tablesFolder: tables, publicURL: "http://127.0.0.1:1", sessionKey: key)
        config.port = 0
        config.integrations = integrations
        config.spool = spool
        config.testClock = true
        config.authToken = authToken
        config.fallbackNumber = fallback
        config.reloadInterval = 0.2
        configure(&config)
        // The public URL names the port, known once bound: bind first on a port picked here.
        let port = try freePort()
        config.port = port
        config.publicURL = publicURL ?? "http://127.0.0.1:\(port)"
        let server = try CallFlowServer(configuration: config, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                        store: store, outboxStore: store)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run(trapSignals: false, onRunning: { continuation.yield($0) }) }
        for await _ in stream { break }
        return RunningServer(server: server, port: port, task: task)
    }

    /// A graceful shutdown, as SIGTERM: cancelling the task can trap in NIO on a connection
    /// accepted but not yet served.
    /// A request that never ends would keep the shutdown waiting: after 5 s the task is cancelled.
    func stop() async {
        await server.shutdown()
        let task = self.task
        let deadline = Task { try await Task.sleep(for: .seconds(5)); task.cancel() }
        _ = try? await task.value
        deadline.cancel()
    }

    var base: String { server.configuration.publicURL }
    var address: String { "http://127.0.0.1:\(port)" }
}

/// A free TCP port on loopback (bound and released).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw CocoaError(.fileWriteUnknown) }
    return Int(UInt16(bigEndian: address.sin_port))
}
