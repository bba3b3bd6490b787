import Testing
@testable import CallFlowCompiler

@Suite struct MenuTooNarrowTests {
    @Test func oneOptionFires() throws {
        let findings = lint("""
        callflow: 1
        name: narrow
        start: greet
        nodes:
          greet: {say: "Hello.", next: main}
          main:
            menu: "For support press 1."
            options: {"1": desk}
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """).with("menu-too-narrow")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.range.start == at(6, 3))
        #expect(finding.message.contains("'main' has only one option"))
    }

    @Test func twoOptionsAreFine() {
        let findings = lint("""
        callflow: 1
        name: narrow
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": desk, "2": desk}
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.isEmpty, "\(findings.dump)")
    }

    @Test func collectsAreNotMenus() {
        let findings = lint("""
        callflow: 1
        name: narrow
        start: ask
        context:
          account.id: string
        nodes:
          ask:
            collect: "Enter your account number."
            into: account.id
            next: desk
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("menu-too-narrow").isEmpty, "\(findings.dump)")
    }
}
