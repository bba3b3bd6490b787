import Testing
@testable import CallFlowCompiler

@Suite struct UnreachableMenuTests {
    @Test func unreachableMenuAndCollectFireAtTheirIds() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        context:
          account.id: string
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: sales
          old-menu:
            menu: "For invoices press 1. For refunds press 2."
            options: {"1": sales, "2": account}
            fallback: support
          account:
            collect: "Enter your account number."
            into: account.id
            next: support
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)
        let menus = findings.with("unreachable-menu")
        #expect(menus.count == 2, "\(findings.dump)")
        #expect(menus.allSatisfy { $0.severity == .error })
        #expect(menus.map(\.range.start) == [at(11, 3), at(15, 3)])
        #expect(menus.first?.message.contains("menu 'old-menu'") == true)
        #expect(menus.last?.message.contains("collect 'account'") == true)
        #expect(menus.first?.message.contains("never reached") == true)
        #expect(findings.with("unreachable-node").isEmpty, "\(findings.dump)")
    }

    @Test func menusReachedOnlyThroughRulesAreReachable() {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        context:
          caller.vip: bool
        escalations:
          - name: vip
            at: start
            when: caller.vip
            goto: vip-menu
          - name: struggling
            at: failure
            when: call.failures >= 2
            goto: help-menu
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: sales
          vip-menu:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: sales
          help-menu:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: sales
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("unreachable-menu").isEmpty, "\(findings.dump)")
        #expect(findings.with("unreachable-node").isEmpty, "\(findings.dump)")
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(UnreachableMenu.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
