import Testing
@testable import CallFlowCompiler

@Suite struct RetriesOutOfRangeTests {
    static func flow(retries: String, timeout: String) -> String {
        """
        callflow: 1
        name: retries
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": desk, "2": desk}
            retries: \(retries)
            timeout: \(timeout)
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """
    }

    @Test func zeroRetriesAndAOneSecondTimeoutFireAtTheirValues() {
        let findings = lint(Self.flow(retries: "0", timeout: "1s")).with("retries-out-of-range")
        #expect(findings.count == 2, "\(findings.dump)")
        #expect(findings.contains { $0.range.start == at(8, 14) && $0.message.contains("retries 0, outside 1-5") })
        #expect(findings.contains { $0.range.start == at(9, 14) && $0.message.contains("timeout of 1 s, outside 2-30 s") })
    }

    @Test func tooManyRetriesAndTooLongATimeoutFire() {
        let findings = lint(Self.flow(retries: "6", timeout: "31s")).with("retries-out-of-range")
        #expect(findings.count == 2, "\(findings.dump)")
        #expect(findings.contains { $0.message.contains("retries 6") })
        #expect(findings.contains { $0.message.contains("31 s") })
    }

    @Test(arguments: [("1", "2s"), ("5", "30s"), ("2", "5s")])
    func boundsAreInside(retries: String, timeout: String) {
        let findings = lint(Self.flow(retries: retries, timeout: timeout))
        #expect(findings.with("retries-out-of-range").isEmpty, "\(findings.dump)")
    }

    @Test func collectsAreCheckedToo() {
        let findings = lint("""
        callflow: 1
        name: retries
        start: ask
        context:
          account.id: string
        nodes:
          ask:
            collect: "Enter your account number."
            into: account.id
            timeout: 45s
            next: desk
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """).with("retries-out-of-range")
        #expect(findings.count == 1)
        #expect(findings.first?.range.start == at(10, 14))
        #expect(findings.first?.message.contains("collect 'ask'") == true)
    }
}
