import Testing
@testable import CallFlowCompiler

/// `trap-loop`'s second finding (issue 20): a loop whose ways out are decided by values nothing
/// inside it changes.
@Suite struct ClosedLoopExitsTests {
    static func loops(_ yaml: String) -> [Diagnostic] {
        Linter().lint(SourceFile(path: "t.yaml", text: yaml)).diagnostics.with("trap-loop")
    }

    static let p7 = """
    callflow: 1
    name: p7
    start: a
    context:
      f: bool
    nodes:
      a: {say: Hi., next: b}
      b:
        switch:
          - if: not f
            goto: a
        else: vm
      vm: {voicemail: general}
    """

    @Test func aLoopThroughAPromptWhoseSwitchNeverOpensIsReported() throws {
        let findings = Self.loops(Self.p7)
        #expect(findings.count == 1, "\(findings.dump)")
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.range.start == at(7, 3))
        #expect(finding.message == "calls that reach 'a' while f is false go round 'a', 'b' forever: nothing in the loop "
            + "changes what its ways out test, so none of them opens")
        #expect(finding.notes.map(\.message) == ["'b' else leads out, but never while f is false"])
        #expect(finding.notes.first?.range?.start == at(12, 5))
    }

    @Test func aSetInsideTheLoopOpensTheWayOut() {
        let text = Self.p7.replacingOccurrences(of: "  a: {say: Hi., next: b}", with: "  a: {say: Hi., next: s}\n  s: {set: {f: true}, next: b}")
        #expect(Self.loops(text).isEmpty)
    }

    @Test func aSwitchThatLeavesForEveryValueIsClean() {
        // Either way the call leaves: `f` goes to the desk, `not f` to voicemail.
        let text = Self.p7.replacingOccurrences(of: "    else: vm", with: "  - if: f\n        goto: vm\n    else: a")
            .replacingOccurrences(of: "      - if: not f\n        goto: a\n  - if: f", with: "      - if: not f\n        goto: vm\n      - if: f")
        #expect(Self.loops(text).isEmpty, "\(text)")
    }

    @Test func aMenuWhoseOptionsAllStayInsideDoesNotOpenIt() throws {
        // The caller presses keys, but every key comes back; the only way out tests a context
        // variable nobody changes. A failure count would change, so `call.failures` opens it.
        let text = """
        callflow: 1
        name: t
        start: menu
        context:
          account.balance: number
        nodes:
          menu:
            menu: For your balance press 1.
            options:
              "1": {goto: check, say: Balance}
            fallback: check
          check:
            switch:
              - if: account.balance < 100
                goto: menu
            else: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """
        let findings = Self.loops(text)
        #expect(findings.count == 1, "\(findings.dump)")
        #expect(findings.first?.message.hasPrefix("calls that reach 'menu' while account.balance < 100 go round 'menu', 'check' forever") == true,
                "\(findings.dump)")
        let counted = text.replacingOccurrences(of: "account.balance < 100", with: "call.failures < 3")
        #expect(Self.loops(counted).isEmpty)
    }

    @Test func anHoursNodeThatStaysClosedTraps() throws {
        let text = """
        callflow: 1
        name: t
        start: hours
        timezone: Europe/Berlin
        schedules:
          office:
            weekly:
              mon-fri: "09:00-17:00"
        nodes:
          hours:
            hours: office
            open: desk
            closed: sorry
          sorry: {say: We are closed. Please hold., next: hours}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """
        let findings = Self.loops(text)
        #expect(findings.count == 1, "\(findings.dump)")
        #expect(findings.first?.message.contains("while schedule 'office' is closed go round 'hours', 'sorry' forever") == true, "\(findings.dump)")
    }

    @Test func conditionsTheAnalysisCannotDecideAreNeverGuessed() {
        // `starts_with` is not decidable; a lookup in the loop rewrites what the switch reads.
        let undecided = Self.p7.replacingOccurrences(of: "f: bool", with: "f: string")
            .replacingOccurrences(of: "if: not f", with: "if: not starts_with(f, \"x\")")
        #expect(Self.loops(undecided).isEmpty)
        let looked = """
        callflow: 1
        name: t
        start: look
        context:
          ready: bool
        nodes:
          look:
            lookup: crm
            sets: [ready]
            next: check
            error: check
          check:
            switch:
              - if: not ready
                goto: look
            else: box
          box: {voicemail: general}
        """
        #expect(Self.loops(looked).isEmpty)
    }

    @Test func numberPiecesAreSaidAsRanges() throws {
        let text = """
        callflow: 1
        name: t
        start: a
        context:
          n: number
        nodes:
          a: {say: Hi., next: b}
          b:
            switch:
              - if: n > 5 and n < 9
                goto: box
            else: a
          box: {voicemail: general}
        """
        let findings = Self.loops(text)
        #expect(findings.count == 1, "\(findings.dump)")
        #expect(findings.first?.message.contains("while n < 5 go round") == true, "\(findings.dump)")
    }

    /// A loop through a person is no trap (the call reaches someone each time round), and in a
    /// loop through a node that waits for an event the clock moves, so its hours may change.
    @Test func loopsThroughAPersonOrAWaitAreNotClosed() {
        let throughPerson = Self.loops("""
        callflow: 1
        name: t
        timezone: America/New_York
        start: hours
        schedules:
          office: {weekly: {mon-fri: "08:00-18:00"}}
        nodes:
          hours: {hours: office, open: desk, closed: box}
          desk: {transfer: "+15550100", no_answer: hours, busy: box, failed: box}
          box: {voicemail: general}
        """)
        #expect(throughPerson.isEmpty, "\(throughPerson.dump)")

        let throughMenu = Self.loops("""
        callflow: 1
        name: t
        timezone: America/New_York
        start: hours
        schedules:
          office: {weekly: {mon-fri: "08:00-18:00"}}
        nodes:
          hours: {hours: office, open: desk, closed: menu}
          menu:
            menu: "We are closed. To hear this again press 1. To leave a message press 2."
            options: {"1": hours, "2": box}
            fallback: hours
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(throughMenu.isEmpty, "\(throughMenu.dump)")

        let closedWithoutWait = Self.loops("""
        callflow: 1
        name: t
        timezone: America/New_York
        start: hours
        schedules:
          office: {weekly: {mon-fri: "08:00-18:00"}}
        nodes:
          hours: {hours: office, open: desk, closed: sorry}
          sorry: {say: "We are closed.", next: hours}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(closedWithoutWait.count == 1, "\(closedWithoutWait.dump)")
    }
}
