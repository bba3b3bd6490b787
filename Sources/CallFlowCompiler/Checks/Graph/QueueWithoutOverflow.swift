/// `queue-without-overflow`: a queue node with no `overflow` outcome.
public enum QueueWithoutOverflow: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "queue-without-overflow",
        severity: .error,
        summary: "a queue node without an `overflow` outcome",
        explanation: """
        Every queue has a `max_wait`: a caller still waiting when it runs out leaves the queue \
        through the node's `overflow` outcome. A queue node without `overflow` has nowhere to send \
        that caller, so the platform drops the call of the person who has waited longest, at the \
        worst possible moment. Wire `overflow` to a node that still helps the caller: another queue, \
        a transfer, a callback or a voicemail box. (This is the queue case of `dead-end`, reported \
        with its own id.)
        """,
        failingExample: """
        callflow: 1
        name: no-overflow
        start: billing-line
        queues:
          billing: {max_wait: 5m}
        nodes:
          ↓billing-line: {queue: billing}
        """,
        passingExample: """
        callflow: 1
        name: with-overflow
        start: billing-line
        queues:
          billing: {max_wait: 5m}
        nodes:
          billing-line: {queue: billing, overflow: billing-box}
          billing-box: {voicemail: billing}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for node in graph.nodes {
            guard case .queue(let step) = node.kind, node.missingOutcomes.contains("overflow") else { continue }
            let wait = graph.flow.queue(named: step.queue.value).map { " (max_wait \(step.effective($0).maxWait))" } ?? ""
            findings.append(Diagnostic(
                descriptor,
                "queue '\(node.id.value)' has no 'overflow' outcome: a caller still waiting when queue "
                    + "'\(step.queue.value)' gives up\(wait) has nowhere to go; add 'overflow: NODE'",
                at: node.id.range))
        }
        return findings
    }
}
