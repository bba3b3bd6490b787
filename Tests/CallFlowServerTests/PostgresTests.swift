import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import Logging
import Testing

/// Two replicas, one key, one PostgreSQL store: every example scenario's call alternates between
/// them request by request (queue exits included). Needs `CALLFLOW_TEST_POSTGRES`
/// (postgres://USER@HOST:PORT/DB); `.ci/run` starts a server and sets it.
@Suite(.serialized) struct PostgresTests {
    static let url = ProcessInfo.processInfo.environment["CALLFLOW_TEST_POSTGRES"]

    @Test func twoReplicasCarryEveryScenarioAlternately() async throws {
        guard let url = Self.url else {
            print("PostgresTests skipped: CALLFLOW_TEST_POSTGRES is not set (postgres://USER@HOST:PORT/DB; .ci/run sets it)")
            return
        }
        let scratch = try Scratch()
        try Examples.writeTables(into: scratch.path)
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let logger = Logger(label: "pg", factory: { _ in SwiftLogNoOpLogHandler() })
        let publicURL = "https://ivr.example.com"
        let a = try await RunningServer.start(tables: scratch.path, integrations: mock.integrations,
                                              store: try PostgresStore(url: url, password: nil, logger: logger), publicURL: publicURL)
        let b = try await RunningServer.start(tables: scratch.path, integrations: mock.integrations,
                                              store: try PostgresStore(url: url, password: nil, logger: logger), publicURL: publicURL)
        var count = 0
        var queueExits = 0
        for flow in Examples.all {
            for scenario in flow.file.scenarios {
                var carrier = Carrier(clock: scenario.at)
                carrier.replicas = count.isMultiple(of: 2) ? [a.address, b.address] : [b.address, a.address]
                let ending = try await carrier.play(server: publicURL, flow: flow.name, context: scenario.context,
                                                    events: scenario.events, mock: mock)
                #expect(ending == scenario.expect, "\(flow.file.path):\(scenario.line) '\(scenario.name)' on two replicas: \(ending)")
                count += 1
                if scenario.events.contains(where: { if case .queueStatus = $0.event { return true }; return $0.event == .callback || $0.event == .overflow }) {
                    queueExits += 1
                }
            }
        }
        #expect(count >= 30)
        #expect(queueExits >= 5)
        print("PostgresTests: \(count) scenarios on two replicas, \(queueExits) with queue events")
        await a.stop()
        await b.stop()
    }
}
