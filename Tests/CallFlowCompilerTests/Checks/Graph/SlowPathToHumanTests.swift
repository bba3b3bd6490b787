import Testing
@testable import CallFlowCompiler

@Suite struct SlowPathToHumanTests {
    static func graph(_ yaml: String) throws -> FlowGraph {
        FlowGraph(try #require(FrontEnd().load(SourceFile(path: "t.yaml", text: yaml)).flow))
    }

    /// 20 words: 8 s at 2.5 words a second.
    static let prompt = "For billing press 1. For sales press 2. For anything else stay on the line and we will connect you"

    /// main: 3 × (8 s + 5 s) = 39 s; info: 10 words, 4 s; route: its slowest outcome, `more`:
    /// 5 × (8 s + 17 s) = 125 s. From main: 168 s.
    static let slow = """
    callflow: 1
    name: slow
    start: main
    context:
      caller.vip: bool
    nodes:
      main:
        menu: "\(prompt)"
        options: {"1": desk, "2": desk}
        no_match: desk
        no_input: info
      info: {say: "Please hold on while we look at your account today.", next: route}
      route:
        switch:
          - if: caller.vip
            goto: desk
        else: more
      more:
        menu: "\(prompt)"
        options: {"1": desk, "2": desk}
        retries: 4
        timeout: 17s
        fallback: desk
      desk: {transfer: "+15550100", fallback: box}
      box: {voicemail: general}
    """

    @Test func exactSecondsInTheMessage() throws {
        let findings = lint(Self.slow).with("slow-path-to-human")
        #expect(findings.count == 2, "\(findings.dump)")
        let main = try #require(findings.first { $0.message.contains("menu 'main'") })
        #expect(main.message == "a silent caller needs 168 s to reach a human from menu 'main' (limit 120 s)")
        #expect(main.range.start == at(7, 3))
        #expect(main.notes.map(\.message) == [
            "'main' plays its prompt 3 times (24 s) and waits 3 × 5 s: 39 s (no_input), then 'info'",
            "'info' plays its prompt once: 4 s, then 'route'",
            "'route' takes its slowest outcome: 0 s, then 'more'",
            "'more' plays its prompt 5 times (40 s) and waits 5 × 17 s: 125 s (no_input), then 'desk'",
            "'desk' reaches a live human",
        ])
        #expect(main.notes.last?.range?.start == at(24, 3))
        let more = try #require(findings.first { $0.message.contains("menu 'more'") })
        #expect(more.message.contains("125 s"))
    }

    @Test func underTheLimitIsClean() throws {
        let graph = try Self.graph(Self.slow)
        let lenient = CheckContext(graph: graph, options: ["slow-path-to-human": ["limit": .duration(Duration(seconds: 168))]])
        #expect(SlowPathToHuman.run(graph, lenient).isEmpty)
        let strict = CheckContext(graph: graph, options: ["slow-path-to-human": ["limit": .duration(Duration(seconds: 167))]])
        #expect(SlowPathToHuman.run(graph, strict).map(\.message)
            == ["a silent caller needs 168 s to reach a human from menu 'main' (limit 167 s)"])
    }

    @Test func tenthsOfASecondAreShown() throws {
        // 8 words: 3.2 s a play; 6 × (3.2 s + 30 s) = 199.2 s.
        let findings = lint(SlowPathToHuman.descriptor.failingExample).with("slow-path-to-human")
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("needs 199.2 s") == true)
        #expect(findings.first?.notes.first?.message.contains("6 times (19.2 s) and waits 6 × 30 s: 199.2 s") == true)
    }

    @Test func aHangupNeverReachesAHuman() throws {
        let findings = lint("""
        callflow: 1
        name: bye
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": desk, "2": desk}
            no_match: desk
            no_input: bye
          bye: {hangup: "Goodbye."}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """).with("slow-path-to-human")
        #expect(findings.count == 1)
        #expect(findings.first?.message == "a silent caller never reaches a human from menu 'main'")
        #expect(findings.first?.notes.last?.message == "'bye' hangs up: no human is reached")
    }

    @Test func aSilentLoopNeverReachesAHuman() throws {
        let findings = lint("""
        callflow: 1
        name: loop
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": desk, "2": desk}
            no_match: desk
            no_input: again
          again: {say: "Let us try that again.", next: main}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """).with("slow-path-to-human")
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("never reaches a human") == true)
        #expect(findings.first?.notes.last?.message.contains("goes round this loop forever") == true)
    }

    @Test func lookupsCostTheirTimeoutAndCollectsCount() throws {
        let graph = try Self.graph("""
        callflow: 1
        name: lookup
        start: ask
        context:
          account.id: string
        nodes:
          ask:
            collect: "Enter your account number."
            into: account.id
            next: find
            fallback: find
          find:
            lookup: crm
            timeout: 4s
            sets: [account.id]
            next: desk
            error: note
          note: {say: "Sorry.", next: desk}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        var walk = SlowPathToHuman.SilentWalk(NextSteps(graph))
        // find: 4 s + the slower outcome ('note', 0.4 s).
        #expect(walk.worst(from: try #require(graph.index(of: "find"))).time == 44)
        // ask: 3 × (4 words 1.6 s + 5 s) = 19.8 s, then find.
        #expect(walk.worst(from: try #require(graph.index(of: "ask"))).time == 198 + 44)
        #expect(walk.worst(from: try #require(graph.index(of: "box"))).time == 0)
    }

    @Test func unreachableMenusAreNotReported() {
        let findings = lint("""
        callflow: 1
        name: unreachable
        start: desk
        nodes:
          lost:
            menu: "For sales press 1. For support press 2."
            options: {"1": desk, "2": desk}
            no_match: desk
            no_input: bye
          bye: {hangup: true}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("slow-path-to-human").isEmpty, "\(findings.dump)")
    }

    /// The false alarm: a silent caller's third silence fires `call.failures >= 3`, which
    /// sends them to a person, though the menu's own `no_input` loops back to itself.
    static func ruleFlow(_ when: String) -> String {
        """
        callflow: 1
        name: vet
        start: main
        context:
          caller.vip: bool
        escalations:
          - name: struggling
            at: failure
            when: \(when)
            goto: desk
        nodes:
          main:
            menu: "For appointments press 1. For prescriptions press 2."
            options: {"1": desk, "2": desk}
            no_input: again
            no_match: desk
            retries: 1
          again: {say: "Let us try that again.", next: main}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """
    }

    @Test func aFailureRuleSureToFireEndsTheSilentCallersWait() throws {
        let findings = lint(Self.ruleFlow("call.failures >= 3"))
        #expect(findings.with("slow-path-to-human").isEmpty, "\(findings.dump)")
        #expect(findings.with("trap-loop").isEmpty, "\(findings.dump)")
        // Exactly: 2 plays (8 words 3.2 s + 5 s), 'again' (5 words, 2 s), then the third silence.
        let graph = try Self.graph(Self.ruleFlow("call.failures >= 3"))
        var walk = SlowPathToHuman.SilentWalk(NextSteps(graph))
        let main = try #require(graph.index(of: "main"))
        #expect(walk.worst(from: main).time == 2 * 82 + 20 + 82)
        // A larger limit in the condition takes more rounds, and the notes say when it fires.
        let strict = CheckContext(graph: try Self.graph(Self.ruleFlow("call.failures >= 7")),
                                  options: ["slow-path-to-human": ["limit": .duration(Duration(seconds: 30))]])
        let finding = try #require(SlowPathToHuman.run(strict.graph, strict).first)
        #expect(finding.message == "a silent caller needs 63.4 s to reach a human from menu 'main' (limit 30 s)")
        #expect(finding.notes.last?.message == "'desk' reaches a live human")
        #expect(finding.notes.dropLast().last?.message
            == "'main' plays its prompt once (3.2 s) and waits 1 × 5 s: 8.2 s; rule 'struggling' fires at call.failures = 7, then 'desk'")
    }

    @Test func aFailureRuleThatOnlyMayFireIsNotCountedOn() throws {
        let findings = lint(Self.ruleFlow("call.failures >= 3 and caller.vip"))
        let finding = try #require(findings.with("slow-path-to-human").first, "\(findings.dump)")
        #expect(finding.message == "a silent caller never reaches a human from menu 'main'")
        // It can fire, so the loop is not a trap.
        #expect(findings.with("trap-loop").isEmpty, "\(findings.dump)")
    }

    /// Counts past the largest one a rule compares with behave alike: a huge `retries` is not walked silence by silence.
    @Test func hugeRetriesWithFailureRulesFinishAtOnce() throws {
        let text = Self.ruleFlow("call.failures >= 3 and caller.vip").replacingOccurrences(of: "retries: 1", with: "retries: 1000000000000")
        let clock = ContinuousClock()
        var findings: [Diagnostic] = []
        let elapsed = clock.measure { findings = lint(text) }
        #expect(elapsed < .seconds(5))
        #expect(findings.with("slow-path-to-human").count == 1, "\(findings.dump)")
    }
}
