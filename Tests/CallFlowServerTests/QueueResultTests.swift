import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import Testing

/// What an `<Enqueue>` action's `QueueResult` does (docs/server.md): `bridged` ends the call
/// answered, `hangup` ends it abandoned, `system-error` (as `queue-full`, `error`) is the overflow.
@Suite(.serialized) struct QueueResultTests {
    /// A standard caller of the help desk queued at the service desk: its `<Enqueue>`.
    static func queued(_ server: RunningServer, _ mock: MockIntegrations, _ carrier: inout Carrier) async throws -> TwiMLNode {
        mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
        let menu = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml?.first("Gather"))
        return try #require(try await carrier.post(menu.attributes["action"]!, [("Digits", "2")]).twiml?.first("Enqueue"))
    }

    @Test func bridgedAndHangupEndTheCallAndOtherResultsAreTheOverflow() async throws {
        try await TwiMLMappingTests.withServer { server, mock in
            var answered = Carrier(clock: "2026-11-24T10:00")
            let first = try await Self.queued(server, mock, &answered)
            let bridged = try #require(try await answered.post(first.attributes["action"]!, [("QueueResult", "bridged")]).twiml)
            #expect(bridged.children.map(\.name) == ["Hangup"])
            var left = Carrier(clock: "2026-11-24T10:00")
            let second = try await Self.queued(server, mock, &left)
            let hangup = try #require(try await left.post(second.attributes["action"]!, [("QueueResult", "hangup")]).twiml)
            #expect(hangup.children.map(\.name) == ["Hangup"])
            let metrics = server.server.metrics.render()
            #expect(metrics.contains("ending=\"queue-answered\""))
            #expect(metrics.contains("ending=\"queue-abandoned\""))
            // A platform error while queued: the queue's overflow (a standard caller's is voicemail).
            var failed = Carrier(clock: "2026-11-24T10:00")
            let third = try await Self.queued(server, mock, &failed)
            let overflow = try #require(try await failed.post(third.attributes["action"]!, [("QueueResult", "system-error")]).twiml)
            #expect(overflow.first("Record") != nil, "\(overflow.says)")
        }
    }
}
