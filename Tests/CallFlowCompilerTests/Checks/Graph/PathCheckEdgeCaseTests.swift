import Testing
@testable import CallFlowCompiler

/// Edge cases of the path checks that a small change to their definitions would break silently:
/// each was a surviving mutant before these tests.
@Suite struct PathCheckEdgeCaseTests {
    /// A loop whose only way out is a hang-up still lets the call end: not a trap.
    @Test func aLoopLeftOnlyByAHangUpIsNotATrap() {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "To hear this again press 1. To end the call press 2. For a person press 0."
            options: {"1": again, "2": bye, "0": desk}
            fallback: again
          again: {say: "Here it is again.", next: main}
          bye: {hangup: "Goodbye."}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("trap-loop").isEmpty, "\(findings.dump)")

        // No person at all: the hang-up is the only way out, and it is one.
        let onlyHangUp = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "To hear this again press 1. To end the call press 2."
            options: {"1": again, "2": bye}
            fallback: again
          again: {say: "Here it is again.", next: main}
          bye: {hangup: "Goodbye."}
        """)
        #expect(onlyHangUp.with("trap-loop").isEmpty, "\(onlyHangUp.dump)")

        let trapped = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "To hear this again press 1. To hear it twice press 2."
            options: {"1": again, "2": twice}
            fallback: again
          again: {say: "Here it is again.", next: main}
          twice: {say: "Here it is twice.", next: again}
        """)
        #expect(!trapped.with("trap-loop").isEmpty, "\(trapped.dump)")
    }

    /// A critical rule through a lookup whose every outcome reaches a person is clean (the
    /// check must count a lookup as passing the route on, not only as gating it).
    @Test func aLookupWhoseEveryOutcomeReachesAPersonPassesACriticalRouteOn() {
        func flow(error: String) -> String {
            """
            callflow: 1
            name: t
            start: main
            context:
              emergency: bool
            escalations:
              - name: emergencies
                at: start
                when: emergency
                goto: crm
                critical: true
            nodes:
              main:
                menu: "For sales press 1. For a person press 0."
                options: {"1": sales, "0": sales}
                fallback: sales
              crm:
                lookup: crm
                next: doctor
                not_found: doctor
                error: \(error)
              doctor: {transfer: "+15550100", fallback: box}
              sales: {transfer: "+15550101", fallback: box}
              box: {voicemail: general}
              bye: {hangup: "Goodbye."}
            """
        }
        let clean = lint(flow(error: "doctor"))
        #expect(clean.with("critical-route-gated").isEmpty, "\(clean.dump)")
    }

    /// `busy` is a failure outcome: a transfer whose only hang-up is `busy` is reported.
    @Test func aTransferThatHangsUpWhenBusyIsReported() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "For sales press 1. For a person press 0."
            options: {"1": sales, "0": sales}
            fallback: sales
          sales: {transfer: "+15550100", no_answer: box, busy: bye, failed: box}
          box: {voicemail: general}
          bye: {hangup: "Goodbye."}
        """)
        let found = findings.with("failure-hangs-up")
        #expect(found.count == 1, "\(findings.dump)")
        #expect(try #require(found.first).message.contains("busy"), "\(findings.dump)")
    }
}

/// How `slow-path-to-human` counts a prompt's words (its time at the speaking rate): runs of
/// punctuation alone are not words; digits and any non-ASCII letter make one.
@Suite struct PromptWordCountTests {
    @Test func punctuationAloneIsNotAWord() {
        #expect(SlowPathToHuman.words("Press 1 - or 2 .") == 4)
        #expect(SlowPathToHuman.words("  ¿Español?  ") == 1)
        #expect(SlowPathToHuman.words("") == 0)
        #expect(SlowPathToHuman.words("- -") == 0)
    }
}
