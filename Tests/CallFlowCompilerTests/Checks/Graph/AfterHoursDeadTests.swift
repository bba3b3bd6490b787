import Testing
@testable import CallFlowCompiler

@Suite struct AfterHoursDeadTests {
    /// A flow starting at an hours node; `nodes` (indented two spaces) defines `office-hours`.
    static func flow(_ nodes: String) -> String {
        """
        callflow: 1
        name: t
        timezone: America/New_York
        start: office-hours
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        nodes:
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
          bye: {hangup: true}

        """ + nodes
    }

    @Test func closedBranchThatOnlyHangsUpFiresOnceForClosedAndHoliday() throws {
        let findings = lint(Self.flow("""
          office-hours:
            hours: office
            open: desk
            closed: closed-message
          closed-message: {say: "We are closed. Please call again tomorrow.", next: bye}
        """))
        let found = findings.with("after-hours-dead")
        #expect(found.count == 1, "\(findings.dump)")
        let finding = try #require(found.first)
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(15, 5))
        #expect(finding.message.contains("'closed' (also taken on holidays) of hours 'office-hours'"))
        #expect(finding.message.contains("'closed-message'"))
        #expect(finding.message.contains("no person is reachable"))
    }

    @Test func explicitHolidayBranchIsReportedAtItsOwnKey() throws {
        let findings = lint(Self.flow("""
          office-hours:
            hours: office
            open: desk
            closed: box
            holiday: holiday-message
          holiday-message: {say: "Happy holidays.", next: bye}
        """))
        let found = findings.with("after-hours-dead")
        #expect(found.map(\.range.start) == [at(16, 5)], "\(findings.dump)")
        #expect(found.first?.message.hasPrefix("'holiday' of hours 'office-hours'") == true)
    }

    @Test func bothBranchesDeadGiveTwoFindings() {
        let findings = lint(Self.flow("""
          office-hours:
            hours: office
            open: desk
            closed: bye
            holiday: holiday-message
          holiday-message: {say: "Happy holidays.", next: bye}
        """))
        #expect(findings.with("after-hours-dead").map(\.range.start) == [at(15, 5), at(16, 5)], "\(findings.dump)")
    }

    @Test func voicemailOrAPersonAfterHoursDoNotFire() {
        for closed in ["box", "desk"] {
            let findings = lint(Self.flow("""
              office-hours:
                hours: office
                open: desk
                closed: \(closed)
            """))
            #expect(findings.with("after-hours-dead").isEmpty, "\(closed): \(findings.dump)")
        }
    }

    @Test func aCallbackCountsAsAPerson() {
        let findings = lint("""
        callflow: 1
        name: t
        timezone: America/New_York
        start: office-hours
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        queues:
          support: {max_wait: 5m}
        nodes:
          office-hours:
            hours: office
            open: line
            closed: closed-message
          closed-message: {say: "We are closed. We will call you back.", next: later}
          line: {queue: support, overflow: later}
          later: {callback: support}
        """)
        #expect(findings.with("after-hours-dead").isEmpty, "\(findings.dump)")
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(AfterHoursDead.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
