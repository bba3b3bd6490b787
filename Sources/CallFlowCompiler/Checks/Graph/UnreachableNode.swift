/// `unreachable-node`: a node other than a menu or collect that no path reaches.
public enum UnreachableNode: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "unreachable-node",
        severity: .warning,
        summary: "a node other than a menu or collect that no path from the start or a rule reaches",
        explanation: """
        A node that no path reaches (not from `start`, not from an escalation rule, not from any \
        option or outcome) never runs. It is dead weight at best; often it is a sign that something \
        was meant to lead to it, such as a closed-hours greeting nobody hears or a queue no option \
        sends callers to. Wire it into the flow or delete it. The compiled routing table drops it. \
        (Unreachable menus and collects are `unreachable-menu` errors.)
        """,
        failingExample: """
        callflow: 1
        name: orphan-say
        start: main
        nodes:
          main: {say: "Thanks for calling.", next: desk}
          ↓old-greeting: {say: "Welcome to our old number.", next: desk}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: all-reached
        start: main
        nodes:
          main: {say: "Thanks for calling.", next: desk}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let reachable = context.reachable
        for (index, node) in graph.nodes.enumerated()
        where graph.kindClass[index] != .callerFacing && !reachable[index] {
            findings.append(Diagnostic(
                descriptor,
                "\(node.kind.name) node '\(node.id.value)' is never reached: no path from the start or an "
                    + "escalation rule leads to it",
                at: node.id.range))
        }
        return findings
    }
}
