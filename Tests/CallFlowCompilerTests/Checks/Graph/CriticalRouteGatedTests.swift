import Testing
@testable import CallFlowCompiler

@Suite struct CriticalRouteGatedTests {
    /// A flow with a critical start rule to `target`; `nodes` are indented two spaces.
    static func flow(target: String, critical: Bool = true, _ nodes: String) -> String {
        """
        callflow: 1
        name: t
        timezone: America/New_York
        start: main
        context:
          caller.emergency: bool
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        escalations:
          - name: emergency
            at: start
            when: caller.emergency
            goto: \(target)
            critical: \(critical)
        nodes:
          main: {say: "Thanks for calling.", next: office-hours}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}

        """ + nodes
    }

    static func critical(_ findings: [Diagnostic]) -> [Diagnostic] { findings.with("critical-route-gated") }

    @Test func hoursWhoseClosedBranchGoesToVoicemailFires() throws {
        let findings = lint(Self.flow(target: "office-hours", """
          office-hours:
            hours: office
            open: desk
            closed: box
        """))
        let found = Self.critical(findings)
        #expect(found.count == 1, "\(findings.dump)")
        let finding = try #require(found.first)
        #expect(finding.severity == .error)
        #expect(finding.range.start == at(11, 11))
        #expect(finding.message.hasPrefix("critical rule 'emergency' does not always reach a live person: "
            + "voicemail 'box' ends the call before a live person is tried"))
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'office-hours'",
            "at Monday 03:00, 'office' is closed: hours 'office-hours' goes to 'box'",
            "voicemail 'box' ends the call before a live person is tried",
        ])
        #expect(finding.notes.map { $0.range?.start } == [at(14, 11), at(23, 5), at(19, 3)])
    }

    @Test func hoursWhoseClosedBranchGoesToATransferDoesNotFire() {
        let findings = lint(Self.flow(target: "office-hours", """
          office-hours:
            hours: office
            open: desk
            closed: on-call
          on-call: {transfer: "+15550199", fallback: box}
        """))
        #expect(Self.critical(findings).isEmpty, "\(findings.dump)")
    }

    @Test func holidayBranchAwayFromAPersonFiresAtTheHolidayKey() throws {
        let findings = lint(Self.flow(target: "office-hours", """
          office-hours:
            hours: office
            open: desk
            closed: on-call
            holiday: holiday-message
          on-call: {transfer: "+15550199", fallback: box}
          holiday-message: {say: "We are closed for the holiday.", next: box}
        """))
        let finding = try #require(Self.critical(findings).first, "\(findings.dump)")
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'office-hours'",
            "on a holiday of 'office', hours 'office-hours' goes to 'holiday-message'",
            "then 'box' (via 'next')",
            "voicemail 'box' ends the call before a live person is tried",
        ])
        #expect(finding.notes[1].range?.start == at(24, 5))
    }

    @Test func aMenuOnTheWayFiresAndThePathIsShown() throws {
        let findings = lint(Self.flow(target: "urgent", """
          office-hours:
            hours: office
            open: desk
            closed: box
          urgent: {say: "Connecting you.", next: urgent-menu}
          urgent-menu:
            menu: "For the doctor press 1. For the nurse press 2."
            options: {"1": desk, "2": nurse}
            fallback: desk
          nurse: {transfer: "+15550198", fallback: box}
        """))
        let finding = try #require(Self.critical(findings).first, "\(findings.dump)")
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'urgent'",
            "then 'urgent-menu' (via 'next')",
            "menu 'urgent-menu' is on the way: the caller must press something first",
        ])
        #expect(finding.notes.last?.range?.start == at(25, 3))
        #expect(finding.message.contains("menu 'urgent-menu' is on the way"))
    }

    // The three unsound cases.

    @Test func aSwitchOnOpenWhoseElseHangsUpFires() throws {
        let findings = lint(Self.flow(target: "route", """
          office-hours:
            hours: office
            open: desk
            closed: box
          route:
            switch:
              - if: open("office")
                goto: desk
            else: bye
          bye: {hangup: "Goodbye."}
        """))
        let finding = try #require(Self.critical(findings).first, "\(findings.dump)")
        #expect(finding.message.contains("'bye' hangs up before a live person is tried"))
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'route'",
            "at Monday 03:00, 'open(\"office\")' is false: 'else' of switch 'route' goes to 'bye'",
            "'bye' hangs up before a live person is tried",
        ])
        #expect(finding.notes[1].range?.start == at(28, 5))
    }

    @Test func aLookupWhoseErrorHangsUpFires() throws {
        let findings = lint(Self.flow(target: "crm", """
          office-hours:
            hours: office
            open: desk
            closed: box
          crm: {lookup: crm, next: desk, error: sorry}
          sorry: {say: "Sorry, something went wrong.", next: bye}
          bye: {hangup: true}
        """))
        let finding = try #require(Self.critical(findings).first, "\(findings.dump)")
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'crm'",
            "if lookup 'crm' fails ('error'), it goes to 'sorry'",
            "then 'bye' (via 'next')",
            "'bye' hangs up before a live person is tried",
        ])
        let fixed = lint(Self.flow(target: "crm", """
          office-hours:
            hours: office
            open: desk
            closed: box
          crm: {lookup: crm, next: desk, error: sorry}
          sorry: {say: "Connecting you anyway.", next: desk}
        """))
        #expect(Self.critical(fixed).isEmpty, "\(fixed.dump)")
    }

    @Test func aQueueOverflowingToATransferThatFallsBackToAHangupFires() throws {
        let findings = lint(Self.flow(target: "triage", """
          office-hours:
            hours: office
            open: desk
            closed: box
          triage: {queue: triage, overflow: doctor}
          doctor: {transfer: "+15550111", fallback: bye}
          bye: {hangup: true}
        """).replacingOccurrences(of: "escalations:", with: "queues:\n  triage: {max_wait: 2m}\nescalations:"))
        let finding = try #require(Self.critical(findings).first, "\(findings.dump)")
        #expect(finding.message.contains("'bye' hangs up after nobody took the call"))
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'triage'",
            "if nobody in queue 'triage' takes the call ('overflow'), it goes to 'doctor'",
            "if nobody answers transfer 'doctor' ('no_answer'), it goes to 'bye'",
            "'bye' hangs up after nobody took the call",
        ])
    }

    /// The vet hospital: the triage queue overflows to the doctor, whose fallback is the backup
    /// hospital, whose fallback is the triage queue: people keep ringing, so it is fail-safe.
    @Test func aLoopAmongLiveHumansIsFailSafe() {
        let findings = lint(Self.flow(target: "triage", """
          office-hours:
            hours: office
            open: desk
            closed: box
          triage: {queue: triage, overflow: doctor}
          doctor: {transfer: "+15550111", fallback: backup-hospital}
          backup-hospital: {transfer: "+15550122", fallback: triage}
        """).replacingOccurrences(of: "escalations:", with: "queues:\n  triage: {max_wait: 2m}\nescalations:"))
        #expect(Self.critical(findings).isEmpty, "\(findings.dump)")
    }

    @Test func anOnCallTransferFallingBackToVoicemailIsFailSafe() {
        let findings = lint(Self.flow(target: "night", """
          office-hours:
            hours: office
            open: desk
            closed: box
          night:
            hours: office
            open: desk
            closed: on-call
          on-call: {transfer: "+15550199", fallback: emergency-box}
          emergency-box: {voicemail: emergency}
        """))
        #expect(Self.critical(findings).isEmpty, "\(findings.dump)")
    }

    @Test func aQueueRuleThatCanFireIsFollowed() throws {
        func flow(_ when: String) -> String {
            Self.flow(target: "triage", """
              office-hours:
                hours: office
                open: desk
                closed: box
              triage: {queue: triage, overflow: desk}
            """).replacingOccurrences(of: "escalations:", with: """
            queues:
              triage: {max_wait: 10m}
            escalations:
              - name: long-wait
                at: queue
                when: \(when)
                goto: box
            """)
        }
        let findings = lint(flow("queue.wait > 5m"))
        let finding = try #require(Self.critical(findings).first, "\(findings.dump)")
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'triage'",
            "if rule 'long-wait' fires while the caller waits in queue 'triage', it goes to 'box'",
            "voicemail 'box' ends the call before a live person is tried",
        ])
        // A rule that can never fire is no path.
        let never = lint(flow("queue.wait > 5m and queue.wait < 1m"))
        #expect(Self.critical(never).isEmpty, "\(never.dump)")
    }

    @Test func everySwitchCaseThatCanBeTakenIsFollowedAndOnlyThose() throws {
        // The `else` of a switch whose cases cover every call is never taken.
        let covered = lint(Self.flow(target: "route", """
          office-hours:
            hours: office
            open: desk
            closed: box
          route:
            switch:
              - if: caller.emergency
                goto: desk
              - if: not caller.emergency
                goto: on-call
            else: box
          on-call: {transfer: "+15550199", fallback: box}
        """))
        #expect(Self.critical(covered).isEmpty, "\(covered.dump)")
        // A case that some call takes is followed even when an earlier one is live.
        let later = lint(Self.flow(target: "route", """
          office-hours:
            hours: office
            open: desk
            closed: box
          route:
            switch:
              - if: caller.emergency
                goto: desk
              - if: not caller.emergency
                goto: bye
            else: desk
          bye: {hangup: true}
        """))
        let finding = try #require(Self.critical(later).first, "\(later.dump)")
        #expect(finding.notes[1].message == "if 'not caller.emergency' holds, switch 'route' goes to 'bye'")
    }

    @Test func aLoopOfDecisionsIsNotFailSafe() throws {
        let loop = lint(Self.flow(target: "a", """
          office-hours:
            hours: office
            open: desk
            closed: box
          a: {say: "A.", next: b}
          b: {say: "B.", next: a}
        """))
        let finding = try #require(Self.critical(loop).first, "\(loop.dump)")
        #expect(finding.notes.last?.message == "'a' again: the route goes round without reaching a live person")
    }

    @Test func nonCriticalRulesAreNotChecked() {
        let findings = lint(Self.flow(target: "office-hours", critical: false, """
          office-hours:
            hours: office
            open: desk
            closed: box
        """))
        #expect(Self.critical(findings).isEmpty, "\(findings.dump)")
    }

    /// A long chain of hours nodes whose closed branches all go one step further: linear, so
    /// fast; and one bad end at the bottom makes the top bad.
    @Test func aLongChainIsCheckedInLinearTime() throws {
        var nodes = ""
        let length = 3000
        for index in 0..<length {
            let next = index + 1 < length ? "h\(index + 1)" : "box"
            nodes += "  h\(index): {hours: office, open: desk, closed: \(next)}\n"
        }
        let clock = ContinuousClock()
        var findings: [Diagnostic] = []
        let elapsed = clock.measure {
            findings = lint(Self.flow(target: "h0", nodes + """
              office-hours:
                hours: office
                open: desk
                closed: box
            """))
        }
        let finding = try #require(Self.critical(findings).first, "\(findings.dump)")
        // The path has length + 2 steps; a finding shows the first `noteLimit`, then how many more.
        #expect(finding.notes.count == Diagnostic.noteLimit + 1)
        #expect(finding.notes.last?.message == "and \(Diagnostic.grouped(length + 2 - Diagnostic.noteLimit)) more")
        #expect(elapsed < .seconds(10))
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(CriticalRouteGated.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
