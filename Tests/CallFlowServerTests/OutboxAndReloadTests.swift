import AsyncHTTPClient
import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import NIOCore
import Testing

/// Nothing is lost: the outbox survives an integration that is down and a SIGKILL; tables are
/// swapped under calls in progress.
@Suite(.serialized) struct OutboxAndReloadTests {
    /// A standard caller whose long wait becomes a callback booking.
    static let callbackEvents = [SimulatedEvent(.lookup(.notFound)), SimulatedEvent(.digits("2")),
                                 SimulatedEvent(.queueStatus(wait: 540, depth: 3))]

    static func spooled(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    }

    static func eventually(_ seconds: Double, _ condition: () async -> Bool) async -> Bool {
        let until = Date().addingTimeInterval(seconds)
        while Date() < until {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }

    @Test func anIntegrationDownThenUpLosesNothing() async throws {
        let scratch = try Scratch()
        try Examples.writeTables(into: scratch.path)
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let spool = scratch.path + "/outbox"
        let server = try await RunningServer.start(tables: scratch.path, integrations: mock.integrations, spool: spool)
        mock.state.withLock { $0.down = true }
        var carrier = Carrier(clock: "2026-11-24T10:00")
        carrier.deliveryWait = 0.3
        let ending = try await carrier.play(server: server.base, flow: "helpdesk", context: [], events: Self.callbackEvents, mock: mock)
        #expect(ending == CallEnding("callback", "(not delivered)"))
        #expect(Self.spooled(spool).count == 1)
        try await Task.sleep(for: .seconds(1.5))
        #expect(Self.spooled(spool).count == 1, "kept while the integration refuses it")
        mock.state.withLock { $0.down = false }
        #expect(await Self.eventually(10) { await !mock.received("callbacks", sid: carrier.sid, seconds: 0).isEmpty })
        let booking = await mock.received("callbacks", sid: carrier.sid, seconds: 0)
        #expect(booking.count == 1)
        #expect(booking.first?["queue"] as? String == "service-desk")
        #expect(booking.first?["caller"] as? String == carrier.from)
        #expect(await Self.eventually(2) { Self.spooled(spool).isEmpty })
        await server.stop()
    }

    @Test func aServerKilledWithAFullOutboxDeliversItWhenItStartsAgain() async throws {
        guard FileManager.default.isExecutableFile(atPath: Paths.serverBinary.path) else {
            Issue.record("no \(Paths.serverBinary.path); run `swift build` first")
            return
        }
        let scratch = try Scratch()
        try Examples.writeTables(into: scratch.path)
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let spool = scratch.path + "/outbox"
        let integrations = try mock.writeIntegrationsFile(into: scratch.path)
        let port = try freePort()
        func launch() async throws -> Process {
            try await ServerProcess.launch(tables: scratch.path, spool: spool, integrations: integrations, port: port).process
        }
        mock.state.withLock { $0.down = true }
        let first = try await launch()
        var carriers: [Carrier] = []
        for _ in 0..<3 {
            var carrier = Carrier(clock: "2026-11-24T10:00")
            carrier.deliveryWait = 0
            _ = try await carrier.play(server: "http://127.0.0.1:\(port)", flow: "helpdesk", context: [], events: Self.callbackEvents, mock: mock)
            carriers.append(carrier)
        }
        #expect(Self.spooled(spool).count == 3)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        mock.state.withLock { $0.down = false }
        let second = try await launch()
        for carrier in carriers {
            #expect(await Self.eventually(10) { await !mock.received("callbacks", sid: carrier.sid, seconds: 0).isEmpty }, "\(carrier.sid) delivered")
        }
        #expect(await Self.eventually(3) { Self.spooled(spool).isEmpty })
        // SIGTERM: a graceful shutdown.
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
    }

    @Test func aTableReplacedDuringACallLetsTheCallFinishOnItsVersion() async throws {
        let scratch = try Scratch()
        let tables = try scratch.exampleTables()
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let server = try await RunningServer.start(tables: tables, integrations: mock.integrations, spool: scratch.path + "/outbox")
        let old = try #require(server.server.library.current("helpdesk")).program.table.sourceHash
        // A call waits at the main menu on the old version.
        var carrier = Carrier(clock: "2026-11-24T10:00")
        mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
        let menu = try await carrier.post(server.base + "/voice/helpdesk")
        let action = try #require(menu.twiml?.first("Gather")?.attributes["action"])
        // The flow changes: a new greeting, compiled and written over the table.
        let source = try String(contentsOfFile: Paths.flows + "/helpdesk.yaml", encoding: .utf8)
            .replacingOccurrences(of: "Welcome to the Brightline IT service desk.", with: "Welcome back to the Brightline IT service desk.")
        try source.write(toFile: scratch.path + "/helpdesk.yaml", atomically: true, encoding: .utf8)
        let compiled = try ProgramLoader.load(scratch.path + "/helpdesk.yaml")
        try Data(compiled.bytes).write(to: URL(fileURLWithPath: tables + "/helpdesk.cft"), options: .atomic)
        #expect(await OutboxAndReloadTests.eventually(5) { server.server.library.current("helpdesk")?.program.table.sourceHash != old })
        // The call in progress goes on on its version; a new call hears the new greeting.
        let next = try await carrier.post(action, [("Digits", "2")])
        #expect(next.twiml?.first("Enqueue")?.text == "service-desk")
        var fresh = Carrier(clock: "2026-11-24T10:00")
        mock.script(fresh.sid, [SimulatedEvent(.lookup(.found))])
        let greeting = try await fresh.post(server.base + "/voice/helpdesk")
        #expect(greeting.twiml?.says.first == "Welcome back to the Brightline IT service desk.")
        // A damaged file is logged and the loaded version stays.
        let current = try #require(server.server.library.current("helpdesk")).program.table.sourceHash
        try Data(TableFormat.magic + [1, 2, 3, 4, 5]).write(to: URL(fileURLWithPath: tables + "/helpdesk.cft"), options: .atomic)
        server.server.library.reload()
        #expect(server.server.library.current("helpdesk")?.program.table.sourceHash == current)
        var third = Carrier(clock: "2026-11-24T10:00")
        mock.script(third.sid, [SimulatedEvent(.lookup(.found))])
        #expect(try await third.post(server.base + "/voice/helpdesk").twiml?.first("Gather") != nil)
        await server.stop()
    }
}
