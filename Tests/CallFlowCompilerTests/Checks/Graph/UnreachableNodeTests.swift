import Testing
@testable import CallFlowCompiler

@Suite struct UnreachableNodeTests {
    @Test func unreachableNodesAndWhatOnlyTheyReachFire() throws {
        let findings = lint("""
        callflow: 1
        name: t
        start: main
        nodes:
          main: {say: "Thanks for calling.", next: desk}
          old-greeting: {say: "Welcome to our old number.", next: old-desk}
          desk: {transfer: "+15550100", fallback: box}
          old-desk: {transfer: "+15550109", fallback: box}
          box: {voicemail: general}
        """)
        let nodes = findings.with("unreachable-node")
        #expect(nodes.count == 2, "\(findings.dump)")
        #expect(nodes.allSatisfy { $0.severity == .warning })
        #expect(nodes.map(\.range.start) == [at(6, 3), at(8, 3)])
        #expect(nodes.first?.message.contains("say node 'old-greeting' is never reached") == true)
        #expect(nodes.last?.message.contains("'old-desk'") == true)
        #expect(findings.with("unreachable-menu").isEmpty)
    }

    @Test func nodesReachedThroughQueueAndRequestRulesAreReachable() {
        let findings = lint("""
        callflow: 1
        name: t
        start: line
        queues:
          support: {max_wait: 5m}
        escalations:
          - name: long-wait
            at: queue
            when: queue.wait > 2m
            goto: manager
          - name: ask
            at: request
            goto: operator
        nodes:
          line: {queue: support, overflow: box}
          manager: {transfer: "+15550100", fallback: box}
          operator: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)
        #expect(findings.with("unreachable-node").isEmpty, "\(findings.dump)")
    }

    @Test func passingExampleIsCleanOfEveryCheck() {
        let findings = lint(UnreachableNode.descriptor.passingExample)
        #expect(findings.isEmpty, "\(findings.dump)")
    }
}
