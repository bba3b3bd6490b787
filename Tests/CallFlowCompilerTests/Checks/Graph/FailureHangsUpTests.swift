import Testing
@testable import CallFlowCompiler

@Suite struct FailureHangsUpTests {
    @Test func fallbackCoveringTwoOutcomesGivesOneFindingWithThePath() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: sorry
          sorry: {say: "Sorry, we did not get that.", next: bye}
          bye: {hangup: "Goodbye."}
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)
        let found = findings.with("failure-hangs-up")
        #expect(found.count == 1, "\(findings.dump)")
        let finding = try #require(found.first)
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(8, 5))
        #expect(finding.message.contains("'no_input' and 'no_match' of menu 'main'"))
        #expect(finding.message.contains("hangup"))
        #expect(finding.notes.map(\.message) == ["goes to 'sorry' (say)", "then 'bye' (hangup)"])
        #expect(finding.notes.map { $0.range?.start } == [at(9, 3), at(10, 3)])
    }

    @Test func separateKeysGiveSeparateFindings() {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        queues:
          support: {max_wait: 5m}
        context:
          account.id: string
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": account}
            no_input: bye
            no_match: bye
          account:
            lookup: crm
            sets: [account.id]
            next: line
            error: bye
          line: {queue: support, overflow: bye}
          sales: {transfer: "+15550100", no_answer: bye, busy: box, failed: box}
          bye: {hangup: true}
          box: {voicemail: general}
        """)
        let found = findings.with("failure-hangs-up")
        #expect(found.map(\.range.start) == [at(12, 5), at(13, 5), at(18, 5), at(19, 26), at(20, 34)],
                "\(findings.dump)")
        #expect(found.map { $0.notes.map(\.message) }.allSatisfy { $0 == ["goes to 'bye' (hangup)"] })
        #expect(found[3].message.contains("'overflow' of queue 'line'"))
        #expect(found[4].message.contains("'no_answer' of transfer 'sales'"))
    }

    @Test func aPathThroughAPersonOrAnOptionToHangupDoesNotFire() {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "To speak to sales press 1. If that is all press 2."
            options: {"1": sales, "2": bye}
            fallback: sales
          sales: {transfer: "+15550100", fallback: last-try}
          last-try: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
          bye: {hangup: "Goodbye."}
        """)
        #expect(findings.with("failure-hangs-up").isEmpty, "\(findings.dump)")
    }

    /// The false alarm: a transfer's `no_answer` leads, three menus later, to a menu where
    /// the caller may choose "press 2 if that is all" and hear goodbye. That is a choice.
    @Test func aMenuOptionLaterOnIsAChoiceNotAFailure() {
        let findings = lint("""
        callflow: 1
        name: t
        start: desk
        nodes:
          desk: {transfer: "+15550100", fallback: first}
          first:
            menu: "Nobody answered. For billing press 1. For sales press 2."
            options: {"1": second, "2": box}
            fallback: box
          second:
            menu: "For invoices press 1. For payments press 2."
            options: {"1": third, "2": box}
            fallback: box
          third:
            menu: "To leave a message press 1. If that is all press 2."
            options: {"1": box, "2": bye}
            fallback: box
          box: {voicemail: general}
          bye: {hangup: "Goodbye."}
        """)
        #expect(findings.with("failure-hangs-up").isEmpty, "\(findings.dump)")
    }

    /// A later menu's own failure outcomes are followed, and so are failure rules that can fire.
    @Test func aLaterMenusFailureOutcomeOrAFailureRuleIsFollowed() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: desk
        nodes:
          desk: {transfer: "+15550100", fallback: last}
          last:
            menu: "To leave a message press 1. If that is all press 2."
            options: {"1": box, "2": bye}
            no_input: bye
            no_match: box
          box: {voicemail: general}
          bye: {hangup: "Goodbye."}
        """)
        let found = findings.with("failure-hangs-up")
        #expect(found.count == 2, "\(findings.dump)")
        let desk = try #require(found.first { $0.message.contains("transfer 'desk'") })
        #expect(desk.notes.map(\.message) == ["goes to 'last' (menu)", "then 'bye' (hangup)"])

        let rule = lint("""
        callflow: 1
        name: t
        start: desk
        escalations:
          - name: give-up
            at: failure
            when: call.failures >= 2
            goto: bye
        nodes:
          desk: {transfer: "+15550100", fallback: last}
          last:
            menu: "To leave a message press 1. For sales press 2."
            options: {"1": box, "2": desk}
            fallback: box
          box: {voicemail: general}
          bye: {hangup: "Goodbye."}
        """)
        let viaRule = try #require(rule.with("failure-hangs-up").first { $0.message.contains("transfer 'desk'") }, "\(rule.dump)")
        #expect(viaRule.notes.map(\.message) == ["goes to 'last' (menu)", "then 'bye' (hangup)"])
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(FailureHangsUp.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
