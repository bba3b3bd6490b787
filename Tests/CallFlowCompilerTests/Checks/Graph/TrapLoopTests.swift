import Testing
@testable import CallFlowCompiler

@Suite struct TrapLoopTests {
    @Test func loopWithoutExitFiresOnceAtItsFirstNodeWithTheCycleInOrder() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: intro
        nodes:
          intro: {say: "Welcome.", next: first}
          third: {say: "Three.", next: first}
          first: {say: "One.", next: second}
          second: {say: "Two.", next: third}
        """)
        let loops = findings.with("trap-loop")
        #expect(loops.count == 1, "\(findings.dump)")
        let loop = try #require(loops.first)
        #expect(loop.severity == .error)
        #expect(loop.range.start == at(6, 3))
        #expect(loop.message.contains("'third' can never end"))
        #expect(loop.message.contains("'third', 'first', 'second'"))
        #expect(loop.notes.map(\.message) == [
            "then 'first' (via 'next')", "then 'second' (via 'next')", "then 'third' (via 'next')",
        ])
        #expect(loop.notes.map { $0.range?.start } == [at(6, 26), at(7, 24), at(8, 25)])
    }

    @Test func selfLoopOfAMenuFires() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "To hear this again press 1. To hear it once more press 2."
            options: {"1": main, "2": main}
            fallback: main
        """)
        let loop = try #require(findings.with("trap-loop").first, "\(findings.dump)")
        #expect(findings.with("trap-loop").count == 1)
        #expect(loop.range.start == at(5, 3))
        #expect(loop.notes.map(\.message) == ["then 'main' (via '1')"])
        #expect(loop.notes.first?.range?.start == at(7, 15))
    }

    @Test func loopClosedByARuleExitNamesTheRule() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        escalations:
          - name: struggling
            at: failure
            when: call.failures >= 2
            goto: again
        nodes:
          again: {say: "Let us try again.", next: main}
          main:
            menu: "To hear this again press 1. To hear it once more press 2."
            options: {"1": main, "2": main}
            fallback: main
        """)
        let loop = try #require(findings.with("trap-loop").first, "\(findings.dump)")
        #expect(findings.with("trap-loop").count == 1)
        #expect(loop.range.start == at(10, 3))
        #expect(loop.notes.map(\.message) == ["then 'main' (via 'next')", "then 'again' (via rule 'struggling')"])
        #expect(loop.notes.map { $0.range?.start } == [at(10, 37), at(5, 11)])
    }

    @Test func loopWithAnExitDoesNotFire() {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "For opening hours press 1. For the front desk press 2."
            options: {"1": info, "2": desk}
            fallback: main
          info: {say: "We are open from nine to five.", next: main}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("trap-loop").isEmpty, "\(findings.dump)")
    }

    @Test func loopWhoseOnlyExitIsARequestRuleDoesNotFire() {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        escalations:
          - name: ask
            at: request
            goto: desk
        nodes:
          main:
            menu: "For opening hours press 1. To hear this again press 2."
            options: {"1": info, "2": main}
            fallback: main
          info: {say: "We are open from nine to five.", next: main}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("trap-loop").isEmpty, "\(findings.dump)")
    }

    @Test func separateTrappedLoopsAreEachReportedButUnreachableOnesAreNot() {
        let findings = lint("""
        callflow: 1
        name: t
        start: a
        nodes:
          a: {say: "A.", next: b}
          b: {say: "B.", next: a}
          lost: {say: "Lost.", next: lost}
          c: {say: "C.", next: d}
          d: {say: "D.", next: c}
          menu:
            menu: "For A press 1. For C press 2."
            options: {"1": a, "2": c}
            fallback: a
        """.replacingOccurrences(of: "start: a", with: "start: menu"))
        let loops = findings.with("trap-loop")
        #expect(loops.map(\.range.start) == [at(5, 3), at(8, 3)], "\(findings.dump)")
        #expect(findings.with("unreachable-node").map(\.range.start) == [at(7, 3)])
    }

    /// Escalation rules are ways out where they can fire (`NextSteps`): a failure rule that can
    /// hold frees the caller; one that can never hold does not, nor does a switch case no call takes.
    @Test func rulesAndCasesCountOnlyWhenTheyCanBeTaken() throws {
        func flow(_ when: String) -> String {
            """
            callflow: 1
            name: t
            start: main
            escalations:
              - name: way-out
                at: failure
                when: \(when)
                goto: desk
            nodes:
              main:
                menu: "For hours press 1. To hear this again press 2."
                options: {"1": info, "2": main}
                fallback: main
              info: {say: "We are open from nine to five.", next: route}
              route:
                switch:
                  - if: call.failures > 100 and call.failures < 50
                    goto: desk
                else: main
              desk: {transfer: "+15550100", fallback: box}
              box: {voicemail: general}
            """
        }
        let free = lint(flow("call.failures >= 3"))
        #expect(free.with("trap-loop").isEmpty, "\(free.dump)")
        let trapped = lint(flow("call.failures > 3 and call.failures < 2"))
        let finding = try #require(trapped.with("trap-loop").first, "\(trapped.dump)")
        #expect(finding.message.hasPrefix("calls that reach 'main' can never end"))
        #expect(trapped.with("missing-human-fallback").count == 1, "\(trapped.dump)")
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(TrapLoop.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
