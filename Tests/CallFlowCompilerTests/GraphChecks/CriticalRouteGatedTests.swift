import Testing
@testable import CallFlowCompiler

@Suite struct CriticalRouteGatedTests {
    static func lint(_ yaml: String) -> [Diagnostic] {
        Linter().lint(SourceFile(path: "t.yaml", text: yaml)).diagnostics
    }

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

    @Test func hoursWhoseClosedBranchGoesToVoicemailFires() throws {
        let findings = Self.lint(Self.flow(target: "office-hours", """
          office-hours:
            hours: office
            open: desk
            closed: box
        """))
        let found = findings.with("critical-route-gated")
        #expect(found.count == 1, "\(findings.dump)")
        let finding = try #require(found.first)
        #expect(finding.severity == .error)
        #expect(finding.range.start == at(11, 11))
        #expect(finding.message.contains("critical rule 'emergency'"))
        #expect(finding.message.contains("live person"))
        #expect(finding.message.contains("hours 'office-hours' gates it by the clock"))
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'office-hours'",
            "'closed' and 'holiday' of hours 'office-hours' go to 'box', which does not always reach a live person",
        ])
        #expect(finding.notes.map { $0.range?.start } == [at(14, 11), at(23, 5)])
    }

    @Test func hoursWhoseClosedBranchGoesToATransferDoesNotFire() {
        let findings = Self.lint(Self.flow(target: "office-hours", """
          office-hours:
            hours: office
            open: desk
            closed: on-call
          on-call: {transfer: "+15550199", fallback: box}
        """))
        #expect(findings.with("critical-route-gated").isEmpty, "\(findings.dump)")
    }

    @Test func holidayBranchAwayFromAPersonFiresAtTheHolidayKey() throws {
        let findings = Self.lint(Self.flow(target: "office-hours", """
          office-hours:
            hours: office
            open: desk
            closed: on-call
            holiday: holiday-message
          on-call: {transfer: "+15550199", fallback: box}
          holiday-message: {say: "We are closed for the holiday.", next: box}
        """))
        let finding = try #require(findings.with("critical-route-gated").first, "\(findings.dump)")
        #expect(finding.notes.count == 2)
        #expect(finding.notes.last?.message.hasPrefix("'holiday' of hours 'office-hours' goes to 'holiday-message'") == true)
        #expect(finding.notes.last?.range?.start == at(24, 5))
    }

    @Test func aMenuOnTheWayFiresAndThePathIsShown() throws {
        let findings = Self.lint(Self.flow(target: "urgent", """
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
        let finding = try #require(findings.with("critical-route-gated").first, "\(findings.dump)")
        #expect(finding.notes.map(\.message) == [
            "the rule sends the call to 'urgent'",
            "then 'urgent-menu' (via 'next')",
            "menu 'urgent-menu' is on the way: the caller must press something first",
        ])
        #expect(finding.notes.last?.range?.start == at(25, 3))
        #expect(finding.message.contains("menu 'urgent-menu' is on the way"))
    }

    @Test func passThroughNodesAreLiveWhenOneOutcomeIs() {
        let findings = Self.lint(Self.flow(target: "urgent", """
          office-hours:
            hours: office
            open: desk
            closed: box
          urgent: {say: "Connecting you.", next: tag}
          tag: {set: {caller.emergency: true}, next: route}
          route:
            switch:
              - if: caller.emergency
                goto: desk
            else: box
        """))
        #expect(findings.with("critical-route-gated").isEmpty, "\(findings.dump)")
    }

    @Test func nestedHoursAllLiveDoNotFireAndALoopIsNotLive() throws {
        let live = Self.lint(Self.flow(target: "office-hours", """
          office-hours:
            hours: office
            open: desk
            closed: night-hours
          night-hours:
            hours: office
            open: desk
            closed: on-call
          on-call: {transfer: "+15550199", fallback: box}
        """))
        #expect(live.with("critical-route-gated").isEmpty, "\(live.dump)")

        let loop = Self.lint(Self.flow(target: "a", """
          office-hours:
            hours: office
            open: desk
            closed: box
          a: {say: "A.", next: b}
          b: {say: "B.", next: a}
        """))
        #expect(loop.with("critical-route-gated").count == 1, "\(loop.dump)")
    }

    @Test func nonCriticalRulesAreNotChecked() {
        let findings = Self.lint(Self.flow(target: "office-hours", critical: false, """
          office-hours:
            hours: office
            open: desk
            closed: box
        """))
        #expect(findings.with("critical-route-gated").isEmpty, "\(findings.dump)")
    }

    @Test func alwaysLiveIsALeastFixpoint() throws {
        let result = FrontEnd().load(SourceFile(path: "t.yaml", text: Self.flow(target: "office-hours", """
          office-hours:
            hours: office
            open: desk
            closed: night-hours
          night-hours:
            hours: office
            open: desk
            closed: box
          a: {say: "A.", next: b}
          b: {say: "B.", next: a}
        """)))
        let graph = FlowGraph(try #require(result.flow))
        let live = CriticalRouteGated.alwaysLive(graph)
        let names = (0..<graph.count).filter { live[$0] }.map { graph.id($0) }
        #expect(names == ["desk"])
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = Self.lint(CriticalRouteGated.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
