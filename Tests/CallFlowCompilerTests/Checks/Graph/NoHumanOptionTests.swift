import Testing
@testable import CallFlowCompiler

@Suite struct NoHumanOptionTests {
    @Test func menuWithoutAHumanOptionFiresWithOneNotePerOption() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "For opening hours press 1. For our address press 2."
            options: {"1": info, "2": address}
            fallback: desk
          info: {say: "We are open from nine to five.", next: main}
          address: {say: "We are at 1 Main Street.", next: main}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        let found = findings.with("no-human-option")
        #expect(found.count == 1, "\(findings.dump)")
        let finding = try #require(found.first)
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(5, 3))
        #expect(finding.message.contains("menu 'main'"))
        #expect(finding.message.contains("'request'"))
        #expect(finding.notes.map { $0.range?.start } == [at(7, 15), at(7, 26)])
        #expect(finding.notes.first?.message.contains("option '1' goes to 'info'") == true)
    }

    @Test func humanOptionTwoSayNodesAwayDoesNotFire() {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "For opening hours press 1. For the front desk press 2."
            options: {"1": info, "2": connecting}
            fallback: desk
          info: {say: "We are open from nine to five.", next: main}
          connecting: {say: "Please hold.", next: recorded}
          recorded: {say: "Calls may be recorded.", next: desk}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("no-human-option").isEmpty, "\(findings.dump)")
    }

    @Test func optionsThroughHoursAndCollectCountButAnotherMenuDoesNot() {
        let findings = lint("""
        callflow: 1
        name: t
        timezone: Europe/Berlin
        start: main
        context:
          account.id: string
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        nodes:
          main:
            menu: "For billing press 1. For sales press 2."
            options: {"1": account, "2": sales-menu}
            fallback: desk
          account:
            collect: "Enter your account number."
            into: account.id
            next: office-hours
            fallback: office-hours
          office-hours:
            hours: office
            open: desk
            closed: box
          sales-menu:
            menu: "For new orders press 1. For quotes press 2."
            options: {"1": desk, "2": box}
            fallback: desk
          other-menu:
            menu: "For sales press 1. For billing press 2."
            options: {"1": sales-menu, "2": main}
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """.replacingOccurrences(of: "fallback: desk\n  account:", with: "fallback: other-menu\n  account:"))
        let found = findings.with("no-human-option")
        #expect(found.map(\.range.start) == [at(28, 3)], "\(findings.dump)")
    }

    @Test func aRequestRuleSilencesTheCheck() {
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
            menu: "For opening hours press 1. For our address press 2."
            options: {"1": info, "2": address}
            fallback: desk
          info: {say: "We are open from nine to five.", next: main}
          address: {say: "We are at 1 Main Street.", next: main}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("no-human-option").isEmpty, "\(findings.dump)")
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(NoHumanOption.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
