import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Crypto
import Foundation
import Testing

/// A call's arrival (issue 15): the context its webhook URL may set, `X-Callflow-Clock` (honoured
/// only with `--test-clock`), and a first answer over Twilio's 64 kB.
@Suite(.serialized) struct ArrivalTests {
    /// The session clock (Unix seconds) in the token of the first action URL of `twiml`.
    static func sessionTime(_ twiml: TwiMLNode, sid: String, server: RunningServer) throws -> Double {
        let action = try #require(twiml.all.compactMap { $0.attributes["action"] }.first { $0.contains("?s=") }, "no action URL with a token")
        let token = try #require(URLComponents(string: action)?.queryItems?.first { $0.name == "s" }?.value)
        let decoded = try SessionToken.decode(token, key: SymmetricKey(data: RunningServer.key), callSid: sid, now: Date()) {
            server.server.library.version($0)?.program.defaults
        }
        return decoded.state.time
    }

    @Test func theTestClockHeaderIsHonouredOnlyWithTheFlag() async throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let fixed = try #require(LocalClock.instant("2026-11-24T10:00", zone: berlin)).timeIntervalSince1970
        try await TwiMLMappingTests.withServer { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            #expect(try Self.sessionTime(twiml, sid: carrier.sid, server: server) == fixed)
        }
        // Without --test-clock the header is ignored: the call runs on the real clock.
        try await TwiMLMappingTests.withServer(configure: { $0.testClock = false }) { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            let time = try Self.sessionTime(twiml, sid: carrier.sid, server: server)
            #expect(abs(time - Date().timeIntervalSince1970) < 60, "\(time)")
        }
    }

    @Test func theWebhookURLSetsDeclaredContextOnlyWithValuesOfItsType() async throws {
        try await TwiMLMappingTests.withServer(configure: { $0.taskRouterWorkflow = "WW0123" }) { server, mock in
            // A built-in (call.priority) and an unknown name are ignored; the declared variable is set.
            var platinum = Carrier(clock: "2026-11-24T23:30")
            let queued = try #require(try await platinum.post(server.base + "/voice/helpdesk?caller.tier=platinum&call.priority=100&no.such=1").twiml)
            let task = try #require(queued.first("Enqueue")?.first("Task"))
            #expect(task.attributes["priority"] == "80")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(task.text.utf8)) as? [String: Any])
            #expect(json["queue"] as? String == "priority-desk")
            // A value that is not one of the variable's: ignored, the caller is not platinum.
            var diamond = Carrier(clock: "2026-11-24T10:00")
            mock.script(diamond.sid, [SimulatedEvent(.lookup(.found))])
            let menu = try #require(try await diamond.post(server.base + "/voice/helpdesk?caller.tier=diamond").twiml)
            #expect(menu.first("Enqueue") == nil)
            #expect(menu.first("Gather") != nil, "the standard caller's menu")
        }
    }

    @Test func anAnswerOver64kBIsTheFallback() async throws {
        // Forty says of 1,980 characters run in one response: about 80 kB of TwiML.
        let scratch = try Scratch()
        let words = String(repeating: "This is a long announcement about our opening hours and services. ", count: 30)
        var yaml = "callflow: 1\nname: chatty\ntimezone: Europe/Berlin\nstart: s0\nnodes:\n"
        for i in 0..<40 { yaml += "  s\(i):\n    say: \"\(words)\"\n    next: \(i < 39 ? "s\(i + 1)" : "person")\n" }
        yaml += "  person: {transfer: \"+15550100\", fallback: mailbox}\n  mailbox: {voicemail: general}\n"
        try yaml.write(toFile: scratch.path + "/chatty.yaml", atomically: true, encoding: .utf8)
        let loaded = try ProgramLoader.load(scratch.path + "/chatty.yaml")
        let tables = scratch.path + "/tables"
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        try Data(loaded.bytes).write(to: URL(fileURLWithPath: tables + "/chatty.cft"))
        let server = try await RunningServer.start(tables: tables, integrations: Integrations(), spool: scratch.path + "/outbox")
        var carrier = Carrier()
        let answer = try await carrier.post(server.base + "/voice/chatty")
        let twiml = try #require(answer.twiml)
        #expect(twiml.first("Dial")?.text == RunningServer.fallback)
        #expect(twiml.says == [Prompts.apologyDial])
        #expect(server.server.metrics.render().contains("reason=\"too-large\""))
        await server.stop()
    }
}
