import CallFlowRuntime
import Testing
@testable import CallFlowCompiler

/// What a call does on its way (its enqueue priority, its alerts, its prompts), checked by the
/// executor and by scenario files' `priority`, `alerts` and `says`.
@Suite struct ScenarioAlongTests {
    static let flow = """
        callflow: 1
        name: desk
        start: hello
        context:
          vip: bool
        queues:
          desk: {max_wait: 10m, alert: {depth: 3, wait: 2m}}
        escalations:
          - name: vip-first
            at: start
            when: vip
            goto: hello
            priority: 90
        nodes:
          hello: {say: "Hello there.", next: line}
          line: {queue: desk, priority: 10, overflow: vm}
          vm: {voicemail: general}

        """

    /// Runs `tests` (the YAML list under `tests:`) against the flow above.
    func run(_ tests: String) throws -> [ScenarioResult] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("desk.yaml", Self.flow)
        let path = try folder.write("desk.tests.yaml", "flow: desk.yaml\ntests:\n" + tests)
        let file = try ScenarioFile.load(path: path)
        return ScenarioRunner.run(file, try ProgramLoader.load(file.flow))
    }

    /// A queue node's priority raises the call's, never lowers what a start rule set.
    @Test func aQueueNodeNeverLowersARulesPriority() throws {
        let results = try run("""
              - {name: vip, at: "2026-11-24T10:00", context: {vip: true}, expect: {queue: desk}, priority: 90}
              - {name: other, at: "2026-11-24T10:00", expect: {queue: desk}, priority: 10}

            """)
        for result in results { #expect(result.passed, "\(result.name): \(result.details)") }
    }

    /// Alert thresholds are inclusive: a wait of exactly `alert.wait`, or a depth of exactly
    /// `alert.depth`, alerts; one second or one caller less does not.
    @Test func alertThresholdsAreInclusive() throws {
        let results = try run("""
              - {name: wait at 2m, at: "2026-11-24T10:00", events: [{queue: {wait: 2m, depth: 0}}], expect: {queue: desk}, alerts: true}
              - {name: wait at 1m59s, at: "2026-11-24T10:00", events: [{queue: {wait: 1m59s, depth: 0}}], expect: {queue: desk}, alerts: false}
              - {name: depth at 3, at: "2026-11-24T10:00", events: [{queue: {wait: 0s, depth: 3}}], expect: {queue: desk}, alerts: true}
              - {name: depth at 2, at: "2026-11-24T10:00", events: [{queue: {wait: 0s, depth: 2}}], expect: {queue: desk}, alerts: false}

            """)
        #expect(results.count == 4)
        for result in results { #expect(result.passed, "\(result.name): \(result.details)") }
    }

    @Test func promptsHeardOnTheWay() throws {
        let results = try run("""
              - {name: heard, at: "2026-11-24T10:00", expect: {queue: desk}, says: [Hello, "there."]}

            """)
        #expect(results.allSatisfy { $0.passed }, "\(results.map { $0.details })")
    }

    /// Each expectation fails when the call does otherwise, and says what it saw.
    @Test func expectationsOnTheWayFail() throws {
        let results = try run("""
              - {name: priority, at: "2026-11-24T10:00", expect: {queue: desk}, priority: 80}
              - {name: alert, at: "2026-11-24T10:00", expect: {queue: desk}, alerts: true}
              - {name: no alert, at: "2026-11-24T10:00", events: [{queue: {wait: 5m, depth: 0}}], expect: {queue: desk}, alerts: false}
              - {name: says, at: "2026-11-24T10:00", expect: {queue: desk}, says: Goodbye}

            """)
        #expect(results.map(\.passed) == [false, false, false, false])
        #expect(results[0].details.contains("expected priority: 80"))
        #expect(results[0].details.contains("actual priority:   10"))
        #expect(results[1].details.contains("expected an alert; none was raised"))
        #expect(results[2].details.contains("expected no alert; one was raised"))
        #expect(results[3].details.contains("expected to hear \"Goodbye\"; no prompt said it"))
    }

    @Test func badExpectationsAreFindingsThatFailTheirTest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("desk.yaml", Self.flow)
        let path = try folder.write("desk.tests.yaml", """
            flow: desk.yaml
            tests:
              - {name: x, at: "2026-11-24T10:00", expect: {queue: desk}, priority: 101}
              - {name: y, at: "2026-11-24T10:00", expect: {queue: desk}, alerts: yes}
              - {name: z, at: "2026-11-24T10:00", expect: {queue: desk}, says: [""]}

            """)
        let loaded = ScenarioFile.read(path: path)
        #expect(loaded.diagnostics.map { $0.range.start.line } == [3, 4, 5], "\(loaded.diagnostics.dump)")
        #expect(loaded.file?.scenarios.map(\.broken) == [true, true, true])
    }
}
