/// `dead-end`: a node with an outcome that is not wired.
public enum DeadEnd: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "dead-end",
        severity: .error,
        summary: "a node with an outcome that is not wired",
        explanation: """
        Every outcome a node can take must lead somewhere. A menu without `no_match` has nowhere to \
        send a caller who keeps pressing a wrong key, a transfer without `busy` nowhere to send a \
        caller when the line is busy: the platform drops the call. Wire the outcome to a node, or \
        use `fallback:` on menus, collects and transfers to wire all their failure outcomes at once. \
        (A queue without `overflow` is reported as `queue-without-overflow`.)
        """,
        failingExample: """
        callflow: 1
        name: dead-end
        start: main
        nodes:
          ↓main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            no_input: sales
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: wired
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            no_input: sales
            no_match: sales
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for node in graph.nodes {
            for outcome in node.missingOutcomes {
                // A queue's missing overflow has its own check.
                if case .queue = node.kind, outcome == "overflow" { continue }
                let fix = NodeShape.named(node.kind.name)?.fallbackCovers.contains(outcome) == true
                    ? "add '\(outcome): NODE' or 'fallback: NODE'" : "add '\(outcome): NODE'"
                findings.append(Diagnostic(
                    descriptor, "\(node.kind.name) '\(node.id.value)' has no '\(outcome)' outcome; \(fix)",
                    at: node.id.range))
            }
        }
        return findings
    }
}
