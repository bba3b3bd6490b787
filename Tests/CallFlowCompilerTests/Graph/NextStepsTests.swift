import Testing
@testable import CallFlowCompiler

/// The shared model of what can happen next at a node (`NextSteps`).
@Suite struct NextStepsTests {
    static func steps(_ yaml: String) throws -> NextSteps {
        NextSteps(FlowGraph(try #require(FrontEnd().load(SourceFile(path: "t.yaml", text: yaml)).flow)))
    }

    static let flow = """
    callflow: 1
    name: t
    timezone: America/New_York
    start: main
    context:
      caller.vip: bool
    schedules:
      office:
        weekly: {mon-fri: "08:00-18:00"}
    queues:
      line: {max_wait: 5m}
    escalations:
      - name: person
        at: request
        goto: desk
      - name: struggling
        at: failure
        when: call.failures >= 4
        goto: desk
      - name: never
        at: failure
        when: call.failures < 0
        goto: bye
      - name: long-wait
        at: queue
        when: queue.wait > 2m
        goto: box
    nodes:
      main:
        menu: "Press 1 or 2."
        options: {"1": route, "2": line}
        fallback: bye
      route:
        switch:
          - if: caller.vip
            goto: line
          - if: caller.vip and not caller.vip
            goto: bye
        else: hours
      hours: {hours: office, open: desk, closed: crm}
      crm: {lookup: crm, next: desk, error: bye}
      line: {queue: line, overflow: desk}
      desk: {transfer: "+15550100", fallback: box}
      box: {voicemail: general}
      bye: {hangup: true}
    """

    @Test func causesAndRules() throws {
        let model = try Self.steps(Self.flow)
        let graph = model.graph
        func described(_ id: String) throws -> [String] {
            model[try #require(graph.index(of: id))].map { "\(model.label(of: $0)) \($0.cause) \($0.firing) -> \(graph.id($0.target))" }
        }
        #expect(try described("main") == [
            "1 choice can -> route", "2 choice can -> line", "no_input failure can -> bye", "no_match failure can -> bye",
            "rule 'person' choice can -> desk", "rule 'struggling' rule can -> desk",
        ])
        // The second case never holds: it is no step.
        #expect(try described("route") == ["if caller.vip decision can -> line", "else decision can -> hours"])
        #expect(try described("hours") == ["open decision can -> desk", "closed decision can -> crm", "holiday decision can -> crm"])
        #expect(try described("crm") == ["next platform can -> desk", "error platform can -> bye", "not_found platform can -> desk"])
        #expect(try described("line") == ["overflow platform can -> desk", "rule 'long-wait' rule can -> box"])
        #expect(try described("desk").allSatisfy { $0.contains("platform can -> box") })
        #expect(try described("box").isEmpty && described("bye").isEmpty)
    }

    @Test func aFailureRuleThatAlwaysHoldsMustFireAndReplacesTheMenusOwnFailures() throws {
        let always = try Self.steps(Self.flow.replacingOccurrences(of: "when: call.failures >= 4", with: "when: call.failures >= 1"))
        let main = try #require(always.graph.index(of: "main"))
        #expect(always[main].map(always.label(of:)) == ["1", "2", "rule 'person'", "rule 'struggling'"])
        #expect(always[main].last?.firing == .must)
        // On the second failure with one retry: the menu's own failures are never taken either.
        let second = try Self.steps(Self.flow.replacingOccurrences(of: "when: call.failures >= 4", with: "when: call.failures >= 2")
            .replacingOccurrences(of: "fallback: bye", with: "fallback: bye\n    retries: 1"))
        #expect(second[main].map(second.label(of:)) == ["1", "2", "rule 'person'", "rule 'struggling'"])
        #expect(second[main].last?.firing == .can)
        // With `== 2` and two retries, a caller arriving with three failures takes `no_input`.
        let equal = try Self.steps(Self.flow.replacingOccurrences(of: "when: call.failures >= 4", with: "when: call.failures == 2"))
        #expect(equal[main].map(equal.label(of:)).contains("no_input"))
    }

    @Test func failureRulesAtEachCount() throws {
        let firing = try Self.steps(Self.flow).firing
        #expect(firing.failureCountCap == 5)
        #expect(firing.failure(at: 3)?.canWin == [false, false])
        #expect(firing.failure(at: 3)?.mustHoldOne == false)
        #expect(firing.failure(at: 4)?.canWin == [true, false])
        #expect(firing.failure(at: 4)?.mustHoldOne == true)
        #expect(firing.failure(at: 40)?.mustHoldOne == true)
    }
}
