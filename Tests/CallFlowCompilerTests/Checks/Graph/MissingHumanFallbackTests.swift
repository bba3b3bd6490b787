import Testing
@testable import CallFlowCompiler

@Suite struct MissingHumanFallbackTests {
    @Test func menuAndCollectWithoutAnyWayToAPersonFire() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        context:
          account.id: string
        nodes:
          main:
            menu: "For opening hours press 1. For your balance press 2."
            options: {"1": info, "2": account}
            fallback: bye
          account:
            collect: "Enter your account number."
            into: account.id
            next: balance
            fallback: bye
          balance: {say: "Your balance is zero.", next: bye}
          info: {say: "We are open from nine to five.", next: bye}
          bye: {hangup: "Goodbye."}
        """)
        let found = findings.with("missing-human-fallback")
        #expect(found.count == 2, "\(findings.dump)")
        #expect(found.allSatisfy { $0.severity == .error })
        #expect(found.map(\.range.start) == [at(7, 3), at(11, 3)])
        #expect(found.first?.message.contains("menu 'main'") == true)
        #expect(found.last?.message.contains("collect 'account'") == true)
        #expect(found.first?.message.contains("reaches a person") == true)
    }

    @Test func aPersonReachableOnlyThroughARequestRuleCounts() {
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
            fallback: bye
          info: {say: "We are open from nine to five.", next: bye}
          address: {say: "We are at 1 Main Street.", next: bye}
          bye: {hangup: "Goodbye."}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("missing-human-fallback").isEmpty, "\(findings.dump)")
    }

    @Test func aVoicemailCountsAndAFailureRuleCounts() {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        escalations:
          - name: struggling
            at: failure
            when: call.failures >= 2
            goto: box
        nodes:
          main:
            menu: "For opening hours press 1. For our address press 2."
            options: {"1": info, "2": address}
            fallback: bye
          info: {say: "We are open from nine to five.", next: bye}
          address: {say: "We are at 1 Main Street.", next: bye}
          bye: {hangup: "Goodbye."}
          box: {voicemail: general}
        """)
        #expect(findings.with("missing-human-fallback").isEmpty, "\(findings.dump)")
    }

    @Test func unreachableMenusAreLeftToUnreachableMenu() {
        let findings = lint("""
        callflow: 1
        name: t
        start: desk
        nodes:
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
          old:
            menu: "For opening hours press 1. For our address press 2."
            options: {"1": bye, "2": bye}
            fallback: bye
          bye: {hangup: "Goodbye."}
        """)
        #expect(findings.with("missing-human-fallback").isEmpty, "\(findings.dump)")
        #expect(findings.with("unreachable-menu").count == 1)
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(MissingHumanFallback.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
