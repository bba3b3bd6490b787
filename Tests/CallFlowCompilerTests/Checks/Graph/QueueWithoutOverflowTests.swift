import Testing
@testable import CallFlowCompiler

@Suite struct QueueWithoutOverflowTests {
    @Test func queueWithoutOverflowFiresAtTheNodeIdAndNotAsDeadEnd() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: greeting
        queues:
          billing: {max_wait: 5m}
        nodes:
          greeting: {say: "Hello.", next: billing-line}
          billing-line: {queue: billing}
        """)
        let finding = try #require(findings.with("queue-without-overflow").first, "\(findings.dump)")
        #expect(findings.with("queue-without-overflow").count == 1)
        #expect(finding.severity == .error)
        #expect(finding.range.file == "t.yaml")
        #expect(finding.range.start == at(8, 3))
        #expect(finding.message.contains("'billing-line'"))
        #expect(finding.message.contains("overflow"))
        #expect(finding.message.contains("5m"))
        #expect(findings.with("dead-end").isEmpty, "\(findings.dump)")
    }

    @Test func wiredOverflowDoesNotFire() {
        let findings = lint("""
        callflow: 1
        name: t
        start: billing-line
        queues:
          billing: {max_wait: 5m}
        nodes:
          billing-line: {queue: billing, overflow: box}
          box: {voicemail: billing}
        """)
        #expect(findings.with("queue-without-overflow").isEmpty, "\(findings.dump)")
    }

    @Test func otherMissingOutcomesAreDeadEndsNotThisCheck() {
        let findings = lint("""
        callflow: 1
        name: t
        start: desk
        nodes:
          desk: {transfer: "+15550100", no_answer: box, busy: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("queue-without-overflow").isEmpty, "\(findings.dump)")
        #expect(findings.with("dead-end").count == 1, "\(findings.dump)")
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(QueueWithoutOverflow.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
