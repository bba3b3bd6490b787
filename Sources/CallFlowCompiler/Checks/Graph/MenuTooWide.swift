/// `menu-too-wide`: a menu with more options than a caller can keep in mind.
public enum MenuTooWide: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "menu-too-wide",
        severity: .warning,
        summary: "a menu with more than 5 options (configurable)",
        explanation: """
        A caller hears a menu once and has to remember every choice until the one they want comes \
        up; past about five options they forget the early ones, wait for the list to repeat or press \
        a wrong key, and the call takes longer or ends up in the wrong queue. Split the menu: group \
        related options under a first menu with a few broad choices and give each group its own \
        short menu, or move rarely used options behind an "anything else" choice. The limit is the \
        option `max` (default 5).
        """,
        failingExample: """
        callflow: 1
        name: too-wide
        start: main
        nodes:
          ↓main:
            menu: "For sales press 1. For support press 2. For billing press 3. For returns press 4. For orders press 5. For careers press 6."
            options: {"1": sales, "2": support, "3": billing, "4": returns, "5": orders, "6": careers}
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          billing: {transfer: "+15550102", fallback: box}
          returns: {transfer: "+15550103", fallback: box}
          orders: {transfer: "+15550104", fallback: box}
          careers: {transfer: "+15550105", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: narrow-enough
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2. For billing press 3."
            options: {"1": sales, "2": support, "3": billing}
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          billing: {transfer: "+15550102", fallback: box}
          box: {voicemail: general}
        """,
        options: [CheckOption("max", default: .integer(5), help: "the most options a menu may have")])

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let limit = context.integer("max", of: descriptor)
        var findings: [Diagnostic] = []
        for node in graph.nodes {
            guard case .menu(let menu) = node.kind, menu.options.count > limit else { continue }
            findings.append(Diagnostic(
                descriptor,
                "menu '\(node.id.value)' has \(menu.options.count) options (more than \(limit)); split it into smaller menus",
                at: node.id.range))
        }
        return findings
    }
}
