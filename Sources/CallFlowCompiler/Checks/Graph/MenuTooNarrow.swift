/// `menu-too-narrow`: a menu that offers no real choice.
public enum MenuTooNarrow: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "menu-too-narrow",
        severity: .warning,
        summary: "a menu with fewer than 2 options",
        explanation: """
        A menu with a single option makes every caller listen to a prompt and press a key to get \
        where they would go anyway, and a caller who does not press it waits through the timeouts \
        and retries before the call moves on. Replace the menu with a `say` node that tells the \
        caller what happens and goes on with `next`, or give the menu the choices it was meant to \
        offer.
        """,
        failingExample: """
        callflow: 1
        name: too-narrow
        start: main
        nodes:
          ↓main:
            menu: "For support press 1."
            options: {"1": support}
            fallback: support
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: a-real-choice
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for node in graph.nodes {
            guard case .menu(let menu) = node.kind, menu.options.count < 2 else { continue }
            let count = menu.options.count == 1 ? "only one option" : "no options"
            findings.append(Diagnostic(
                descriptor,
                "menu '\(node.id.value)' has \(count); use a 'say' node with 'next' or offer at least 2 options",
                at: node.id.range))
        }
        return findings
    }
}
