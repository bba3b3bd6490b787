/// `unreachable-menu`: a menu or collect that no path from the start or a rule reaches.
public enum UnreachableMenu: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "unreachable-menu",
        severity: .error,
        summary: "a menu or collect that no path from the start or a rule reaches",
        explanation: """
        A menu or collect is where callers choose where to go. One that no path reaches (not from \
        `start`, not from an escalation rule, not from any option or outcome) is never played: \
        usually an option meant to lead to it was wired elsewhere, or a rename left it behind, and \
        callers silently lose the choices it offers. Wire an option, an outcome or a rule to it, or \
        delete it if it is no longer wanted. (Other unreachable nodes are `unreachable-node` \
        warnings.)
        """,
        failingExample: """
        callflow: 1
        name: orphan-menu
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: sales
          ↓billing-menu:
            menu: "For invoices press 1. For refunds press 2."
            options: {"1": sales, "2": support}
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: menus-wired
        start: main
        nodes:
          main:
            menu: "For sales press 1. For billing press 2."
            options: {"1": sales, "2": billing-menu}
            fallback: sales
          billing-menu:
            menu: "For invoices press 1. For refunds press 2."
            options: {"1": sales, "2": support}
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let reachable = context.reachable
        for (index, node) in graph.nodes.enumerated()
        where graph.kindClass[index] == .callerFacing && !reachable[index] {
            findings.append(Diagnostic(
                descriptor,
                "\(node.kind.name) '\(node.id.value)' is never reached: no path from the start or an "
                    + "escalation rule leads to it; wire an option, outcome or rule to it, or delete it",
                at: node.id.range))
        }
        return findings
    }
}
