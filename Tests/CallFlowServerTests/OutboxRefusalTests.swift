import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import Testing

/// The outbox removes an item only after a 2xx (docs/server.md): an integration that answers a
/// 4xx (here 429, too many requests) keeps the item, which is tried again and delivered once the
/// integration accepts it (issue 19: counting 4xx as delivered changed no test).
@Suite(.serialized) struct OutboxRefusalTests {
    @Test func aFourHundredAnswerKeepsTheItemAndItIsRetried() async throws {
        let scratch = try Scratch()
        try Examples.writeTables(into: scratch.path)
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let spool = scratch.path + "/outbox"
        let server = try await RunningServer.start(tables: scratch.path, integrations: mock.integrations, spool: spool)
        mock.state.withLock { $0.down = true; $0.refusal = .tooManyRequests }
        var carrier = Carrier(clock: "2026-11-24T10:00")
        carrier.deliveryWait = 0.3
        let ending = try await carrier.play(server: server.base, flow: "helpdesk", context: [],
                                            events: OutboxAndReloadTests.callbackEvents, mock: mock)
        #expect(ending == CallEnding("callback", "(not delivered)"))
        #expect(await OutboxAndReloadTests.eventually(5) { mock.state.withLock { $0.refused } >= 2 }, "tried again after a 429")
        #expect(OutboxAndReloadTests.spooled(spool).count == 1, "kept while the integration answers 429")
        mock.state.withLock { $0.down = false }
        #expect(await OutboxAndReloadTests.eventually(10) { await !mock.received("callbacks", sid: carrier.sid, seconds: 0).isEmpty })
        #expect(await OutboxAndReloadTests.eventually(2) { OutboxAndReloadTests.spooled(spool).isEmpty })
        await server.stop()
    }
}
