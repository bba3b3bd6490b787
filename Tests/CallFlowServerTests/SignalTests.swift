import AsyncHTTPClient
import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import NIOCore
import Testing

/// A `callflow-server` process (the debug binary), on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts the server on `tables` and waits until `/health` answers 200.
    static func launch(tables: String, spool: String, integrations: String, port: Int? = nil, extra: [String] = []) async throws -> ServerProcess {
        let port = try port ?? freePort()
        let process = Process()
        process.executableURL = Paths.serverBinary
        process.arguments = ["--tables", tables, "--port", "\(port)", "--public-url", "http://127.0.0.1:\(port)",
                             "--integrations", integrations, "--spool", spool, "--test-clock", "--fallback-number", RunningServer.fallback] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["CALLFLOW_SESSION_KEY"] = String(decoding: RunningServer.key, as: UTF8.self)
        environment["TWILIO_AUTH_TOKEN"] = RunningServer.authToken
        environment["LOG_LEVEL"] = "error"
        process.environment = environment
        // Not the test runner's output: if the tests crash, a server left running would hold
        // that pipe open and `swift test` would wait for it forever.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = ServerProcess(process: process, port: port)
        let up = await OutboxAndReloadTests.eventually(30) { await server.flows() != nil }
        #expect(up, "the server process answers /health")
        return server
    }

    /// `GET /health`: each loaded flow's table hash; nil when it does not answer 200.
    func flows() async -> [String: String]? {
        guard let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/health"), timeout: .seconds(2)),
              response.status.code == 200, let body = try? await response.body.collect(upTo: 1 << 16),
              let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any],
              let flows = object["flows"] as? [[String: Any]] else { return nil }
        var result: [String: String] = [:]
        for flow in flows { if let name = flow["name"] as? String { result[name] = flow["table"] as? String } }
        return result
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits up to `seconds` for the process to end.
    func exited(within seconds: Double) async -> Bool {
        await OutboxAndReloadTests.eventually(seconds) { !self.process.isRunning }
    }
}

/// The server process's signals: SIGHUP reloads the tables folder; SIGTERM finishes requests in
/// flight and makes a last delivery pass of the outbox (docs/server.md, "Reloads and shutdown").
/// A server process on a scratch folder's example tables, beside a started mock of the
/// integrations, with polling off (`--reload-interval 0`: only SIGHUP reloads).
struct PollingOffServer {
    let scratch: Scratch
    let tables: String
    let mock: MockIntegrations
    let server: ServerProcess

    static func launch() async throws -> PollingOffServer {
        let scratch = try Scratch()
        let tables = try scratch.exampleTables()
        let mock = MockIntegrations()
        try await mock.start()
        do {
            let integrations = try mock.writeIntegrationsFile(into: scratch.path)
            let server = try await ServerProcess.launch(tables: tables, spool: scratch.path + "/outbox", integrations: integrations,
                                                        extra: ["--reload-interval", "0"])
            return PollingOffServer(scratch: scratch, tables: tables, mock: mock, server: server)
        } catch {
            mock.stop()
            throw error
        }
    }

    func stop() {
        server.signal(SIGKILL)
        mock.stop()
    }
}

@Suite(.serialized) struct SignalTests {
    static let oldReset = "An agent will verify your identity and reset your password."
    static let newReset = "A service desk agent will verify your identity and reset your password."

    /// The help desk with another greeting and password prompt (and optionally another name), compiled.
    static func changedHelpdesk(in folder: String, name: String? = nil) throws -> [UInt8] {
        var source = try String(contentsOfFile: Paths.flows + "/helpdesk.yaml", encoding: .utf8)
            .replacingOccurrences(of: "Welcome to the Brightline IT service desk.", with: "Welcome back to the Brightline IT service desk.")
            .replacingOccurrences(of: oldReset, with: newReset)
        if let name { source = source.replacingOccurrences(of: "\nname: helpdesk\n", with: "\nname: \(name)\n") }
        let path = folder + "/\(name ?? "helpdesk")-changed.yaml"
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        return try ProgramLoader.load(path).bytes
    }

    @Test func sighupSwapsTablesForNewCallsWhileACallInProgressFinishesOnItsOwn() async throws {
        // Polling off: only SIGHUP reloads.
        let launched = try await PollingOffServer.launch()
        defer { launched.stop() }
        let (scratch, tables, mock, server) = (launched.scratch, launched.tables, launched.mock, launched.server)
        let old = try #require(await server.flows()?["helpdesk"])
        func newCall() async throws -> (Carrier, Carrier.Answer) {
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            let answer = try await carrier.post(server.base + "/voice/helpdesk")
            return (carrier, answer)
        }
        // A call waits at the main menu on the old version.
        var (inProgress, menu) = try await newCall()
        let action = try #require(menu.twiml?.first("Gather")?.attributes["action"])

        // A new version is written; without SIGHUP (and with polling off) nothing changes.
        try Data(Self.changedHelpdesk(in: scratch.path)).write(to: URL(fileURLWithPath: tables + "/helpdesk.cft"), options: .atomic)
        try await Task.sleep(for: .seconds(1))
        #expect(await server.flows()?["helpdesk"] == old)
        #expect(try await newCall().1.twiml?.says.first == "Welcome to the Brightline IT service desk.")

        server.signal(SIGHUP)
        #expect(await OutboxAndReloadTests.eventually(10) { await server.flows()?["helpdesk"].map { $0 != old } ?? false })
        let new = try #require(await server.flows()?["helpdesk"])
        // The call in progress finishes on its version; new calls take the new one.
        let reset = try await inProgress.post(action, [("Digits", "3")])
        #expect(reset.twiml?.says == [Self.oldReset])
        #expect(reset.twiml?.first("Enqueue")?.text == "service-desk")
        var (fresh, greeting) = try await newCall()
        #expect(greeting.twiml?.says.first == "Welcome back to the Brightline IT service desk.")
        let freshAction = try #require(greeting.twiml?.first("Gather")?.attributes["action"])
        #expect(try await fresh.post(freshAction, [("Digits", "3")]).twiml?.says == [Self.newReset])

        // A damaged file is logged and the loaded version stays; the same SIGHUP loads another
        // flow (so the reload did happen).
        try Data(TableFormat.magic + [1, 2, 3, 4, 5]).write(to: URL(fileURLWithPath: tables + "/helpdesk.cft"), options: .atomic)
        try Data(Self.changedHelpdesk(in: scratch.path, name: "helpdesk-spare")).write(to: URL(fileURLWithPath: tables + "/spare.cft"))
        server.signal(SIGHUP)
        #expect(await OutboxAndReloadTests.eventually(10) { await server.flows()?["helpdesk-spare"] != nil })
        #expect(await server.flows()?["helpdesk"] == new)
        #expect(try await newCall().1.twiml?.says.first == "Welcome back to the Brightline IT service desk.")
        server.signal(SIGTERM)
        #expect(await server.exited(within: 15))
        #expect(server.process.terminationStatus == 0)
    }

    @Test func sigtermFinishesRequestsInFlightAndDeliversTheOutbox() async throws {
        let scratch = try Scratch()
        try Examples.writeTables(into: scratch.path)
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let integrations = try mock.writeIntegrationsFile(into: scratch.path)
        let spool = scratch.path + "/outbox"
        let server = try await ServerProcess.launch(tables: scratch.path, spool: spool, integrations: integrations)
        defer { server.signal(SIGKILL) }

        // A callback booking while the callbacks integration is down: spooled, retried, backing off.
        mock.state.withLock { $0.down = true }
        var booked = Carrier(clock: "2026-11-24T10:00")
        booked.deliveryWait = 0
        let ending = try await booked.play(server: server.base, flow: "helpdesk", context: [],
                                           events: OutboxAndReloadTests.callbackEvents, mock: mock)
        #expect(ending == CallEnding("callback", "(not delivered)"))
        #expect(OutboxAndReloadTests.spooled(spool).count == 1)
        // Three refusals: the next attempt is 4 s away, later than the shutdown below.
        #expect(await OutboxAndReloadTests.eventually(15) { mock.state.withLock { $0.refused >= 3 } })
        mock.state.withLock {
            $0.down = false
            $0.lookupDelay = .milliseconds(1500)
        }

        // A new call whose CRM lookup takes 1.5 s is in flight when SIGTERM comes.
        var caller = Carrier(clock: "2026-11-24T10:00")
        mock.script(caller.sid, [SimulatedEvent(.lookup(.found))])
        async let inFlight = caller.post(server.base + "/voice/helpdesk")
        try await Task.sleep(for: .milliseconds(500))
        server.signal(SIGTERM)
        let answer = try await inFlight
        #expect(answer.status == 200)
        #expect(answer.twiml?.first("Gather") != nil, "the request in flight gets its whole answer: \(answer.body)")
        #expect(await server.exited(within: 20))
        #expect(server.process.terminationStatus == 0)
        // The last pass delivered what was pending, back-off or not; nothing is left behind.
        #expect(await !mock.received("callbacks", sid: booked.sid, seconds: 0).isEmpty)
        #expect(OutboxAndReloadTests.spooled(spool).isEmpty)
    }
}
