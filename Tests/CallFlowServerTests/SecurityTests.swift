import AsyncHTTPClient
import CallFlowCompiler
import CallFlowRuntime
import Crypto
@testable import CallFlowServer
import Foundation
import NIOCore
import Testing

/// Refusals: bad signatures, forged or foreign tokens; and the fallback: never silence.
@Suite(.serialized) struct SecurityTests {
    static func withServer(_ body: (RunningServer, MockIntegrations) async throws -> Void) async throws {
        let scratch = try Scratch()
        try Examples.writeTables(into: scratch.path)
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let server = try await RunningServer.start(tables: scratch.path, integrations: mock.integrations, spool: scratch.path + "/outbox")
        try await body(server, mock)
        await server.stop()
    }

    /// A helpdesk call at the main menu, and its <Gather> action URL.
    static func atMenu(_ server: RunningServer, _ mock: MockIntegrations, _ carrier: inout Carrier) async throws -> String {
        mock.script(carrier.sid, [SimulatedEventShim.found])
        let answer = try await carrier.post(server.base + "/voice/helpdesk")
        return try #require(answer.twiml?.first("Gather")?.attributes["action"])
    }

    @Test func aBadOrMissingSignatureIs403() async throws {
        try await Self.withServer { server, _ in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let bad = try await carrier.post(server.base + "/voice/helpdesk", signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
            #expect(bad.status == 403)
            let empty = try await carrier.post(server.base + "/voice/helpdesk", signature: "")
            #expect(empty.status == 403)
            var other = Carrier(authToken: "not-the-account-token", clock: "2026-11-24T10:00")
            #expect(try await other.post(server.base + "/voice/helpdesk").status == 403)
            #expect(server.server.metrics.render().contains("reason=\"bad-signature\""))
        }
    }

    @Test func aForgedOrForeignTokenIs403() async throws {
        try await Self.withServer { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let action = try await Self.atMenu(server, mock, &carrier)
            var components = try #require(URLComponents(string: action))
            let token = try #require(components.queryItems?.first?.value)
            // One character changed.
            var bytes = Array(token.utf8)
            bytes[20] = bytes[20] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            components.queryItems = [URLQueryItem(name: "s", value: String(decoding: bytes, as: UTF8.self))]
            #expect(try await carrier.post(components.string!, [("Digits", "1")]).status == 403)
            // Garbage.
            #expect(try await carrier.post(server.base + "/call/input?s=bm90LWEtdG9rZW4", [("Digits", "1")]).status == 403)
            // Another call's token.
            var thief = Carrier(clock: "2026-11-24T10:00")
            #expect(try await thief.post(action, [("Digits", "1")]).status == 403)
            // The genuine one goes on.
            let genuine = try await carrier.post(action, [("Digits", "1")])
            #expect(genuine.status == 200)
            #expect(genuine.twiml?.first("Gather")?.attributes["numDigits"] == "8")
        }
    }

    @Test func anExpiredTokenOrAnUnknownFlowHearsTheApologyAndTheFallback() async throws {
        try await Self.withServer { server, _ in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let unknown = try await carrier.post(server.base + "/voice/no-such-flow")
            #expect(unknown.status == 200)
            #expect(unknown.twiml?.first("Dial")?.text == RunningServer.fallback)
            #expect(unknown.twiml?.says.first == Prompts.apologyDial)
            let program = try #require(server.server.library.current("helpdesk")).program
            let state = SessionState.restored(table: program.table.sourceHash, phase: .waiting, node: 0, attempts: 0, failures: 0, priority: 0,
                                     alerted: false, time: 0, slots: program.defaults)
            let key = SymmetricKey(data: RunningServer.key)
            let expired = SessionToken(state: state, sequence: 1, expiry: 1).encoded(key: key, callSid: carrier.sid, defaults: program.defaults)
            let answer = try await carrier.post(server.base + "/call/input?s=" + expired, [("Digits", "1")])
            #expect(answer.status == 200)
            #expect(answer.twiml?.first("Dial")?.text == RunningServer.fallback)
            // A token of a table that is not loaded.
            var foreign = state
            foreign.table ^= 1
            let stale = SessionToken(state: foreign, sequence: 1, expiry: UInt32.max).encoded(key: key, callSid: carrier.sid, defaults: program.defaults)
            #expect(try await carrier.post(server.base + "/call/input?s=" + stale, [("Digits", "1")]).twiml?.first("Dial")?.text == RunningServer.fallback)
        }
    }

    @Test func healthAndMetrics() async throws {
        try await Self.withServer { server, _ in
            var request = HTTPClientRequest(url: server.base + "/health")
            let health = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            #expect(health.status.code == 200)
            let text = String(buffer: try await health.body.collect(upTo: 1 << 16))
            for flow in Examples.all { #expect(text.contains("\"name\":\"\(flow.name)\"")) }
            var carrier = Carrier(clock: "2026-11-24T23:30")
            _ = try await carrier.post(server.base + "/voice/helpdesk?caller.tier=platinum")
            request = HTTPClientRequest(url: server.base + "/metrics")
            let metrics = String(buffer: try await HTTPClient.shared.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 20))
            #expect(metrics.contains("callflow_calls_started_total{flow=\"helpdesk\"} 1"))
            #expect(metrics.contains("callflow_instructions_total{kind=\"enqueue\"} 1"))
            #expect(metrics.contains("callflow_webhook_duration_seconds_bucket"))
            #expect(metrics.contains("callflow_outbox_depth"))
        }
    }

    @Test func tokensRoundTripAndRefuseTampering() throws {
        let key = SymmetricKey(data: RunningServer.key)
        let defaults = SlotValues([.string("standard"), .string(""), .number(0), .bool(false)])
        let state = SessionState.restored(table: 0xDEADBEEF, phase: .waiting, node: 7, attempts: 1, failures: 2, priority: 80, alerted: true,
                                 time: 1_795_000_000.5, slots: SlotValues([.string("gold"), .string("AC-1042"), .number(-3.25), .bool(false)]))
        let text = SessionToken(state: state, sequence: 9, expiry: UInt32.max).encoded(key: key, callSid: "CA1", defaults: defaults)
        let back = try SessionToken.decode(text, key: key, callSid: "CA1", now: Date()) { _ in defaults }
        #expect(back.state == state)
        #expect(back.sequence == 9)
        #expect(throws: SessionToken.Failure.forged) { try SessionToken.decode(text, key: key, callSid: "CA2", now: Date()) { _ in defaults } }
        #expect(throws: SessionToken.Failure.forged) {
            try SessionToken.decode(text, key: SymmetricKey(data: Array("another-key-0123456789".utf8)), callSid: "CA1", now: Date()) { _ in defaults }
        }
        #expect(throws: SessionToken.Failure.forged) { try SessionToken.decode(String(text.dropLast(2)), key: key, callSid: "CA1", now: Date()) { _ in defaults } }
        #expect(text.utf8.count < 120)
    }
}

enum SimulatedEventShim {
    static var found: CallFlowCompiler.SimulatedEvent { .init(.lookup(.found)) }
}
