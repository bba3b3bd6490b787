import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import Testing

/// What a lookup integration receives (docs/server.md, "Lookups"): the integration's headers and
/// `{"integration", "flow", "call": {"sid", "from", "to"}, "context": {...}}`, where the context
/// has `caller.number` from `From` and `call.dialed` from `To`.
@Suite(.serialized) struct LookupProtocolTests {
    @Test func aLookupPostsTheCallAndItsContextWithTheIntegrationsHeaders() async throws {
        let withKey: (inout ServerConfiguration) -> Void = { config in
            for name in config.integrations.lookups.keys { config.integrations.lookups[name]?.headers = ["X-Api-Key": "k-123"] }
        }
        try await TwiMLMappingTests.withServer(configure: withKey) { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            _ = try #require(try await carrier.post(server.base + "/voice/helpdesk?caller.tier=gold").twiml?.first("Gather"))
            let lookups = mock.state.withLock { $0.lookups }
            #expect(lookups.count == 1)
            let request = try #require(lookups.first)
            #expect(request.apiKey == "k-123")
            let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(body["integration"] as? String == "crm-accounts")
            #expect(body["flow"] as? String == "helpdesk")
            let call = try #require(body["call"] as? [String: Any])
            #expect(call["sid"] as? String == carrier.sid)
            #expect(call["from"] as? String == carrier.from)
            #expect(call["to"] as? String == carrier.to)
            let context = try #require(body["context"] as? [String: Any])
            #expect(context["caller.number"] as? String == carrier.from)
            #expect(context["call.dialed"] as? String == carrier.to)
            #expect(context["caller.tier"] as? String == "gold")
        }
    }
}
