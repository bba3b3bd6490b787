import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import Testing

/// Every scenario of every flows/*.tests.yaml, run through the real server over loopback HTTP
/// by the carrier emulator, must end where `callflow test` says it does.
@Suite(.serialized) struct ScenarioServerTests {
    @Test func everyExampleScenarioEndsAsCallflowTestSays() async throws {
        #expect(Examples.all.count >= 3)
        let scratch = try Scratch()
        try Examples.writeTables(into: scratch.path)
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let server = try await RunningServer.start(tables: scratch.path, integrations: mock.integrations, spool: scratch.path + "/outbox")
        var count = 0
        var longest = 0
        var sizes: [String: Int] = [:]
        for flow in Examples.all {
            // What `callflow test` says of each scenario: the simulator's ending.
            for result in ScenarioRunner.run(flow.file, flow.loaded) { #expect(result.passed, "\(flow.file.path): \(result.name)") }
            for scenario in flow.file.scenarios {
                var carrier = Carrier(clock: scenario.at)
                let ending = try await carrier.play(server: server.base, flow: flow.name, context: scenario.context,
                                                    events: scenario.events, mock: mock)
                #expect(ending == scenario.expect, "\(flow.file.path):\(scenario.line) '\(scenario.name)': \(ending) over HTTP")
                count += 1
                let size = carrier.tokens.map(\.utf8.count).max() ?? 0
                longest = max(longest, size)
                sizes[flow.name] = max(sizes[flow.name] ?? 0, size)
            }
        }
        #expect(count >= 30)
        #expect(longest < 600, "session tokens must stay under 600 bytes")
        print("server scenarios: \(count) over HTTP; longest token per flow (bytes): \(sizes.sorted { $0.key < $1.key })")
        await server.stop()
    }
}
