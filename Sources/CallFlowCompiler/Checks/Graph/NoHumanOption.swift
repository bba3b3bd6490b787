/// `no-human-option`: a menu none of whose options leads to a person, in a flow without a
/// `request` rule.
public enum NoHumanOption: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "no-human-option",
        severity: .warning,
        summary: "a menu none of whose options reaches a human without passing another menu, and no `request` rule exists",
        explanation: """
        Callers whose question a menu does not cover look for the option that gets them to a \
        person. When no option of a menu reaches a queue, transfer, voicemail or callback without \
        going through another menu first, and the flow has no `request` rule (so pressing \
        `human_key` or saying "agent" does nothing), such callers can only guess, or stay silent \
        and hope. Options that pass `say`, `set`, `switch`, `hours`, `lookup` or `collect` nodes on \
        the way to a person count; the menu's own `no_input`/`no_match` do not, since nobody is \
        told about them. Add an option for a person (and say it in the prompt), or add an \
        escalation rule `at: request`.
        """,
        failingExample: """
        callflow: 1
        name: no-option
        start: main
        nodes:
          ↓main:
            menu: "For opening hours press 1. For our address press 2."
            options: {"1": hours-info, "2": address}
            fallback: desk
          hours-info: {say: "We are open from nine to five.", next: main}
          address: {say: "We are at 1 Main Street.", next: main}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: person-option
        start: main
        nodes:
          main:
            menu: "For opening hours press 1. For the front desk press 2."
            options: {"1": hours-info, "2": connecting}
            fallback: desk
          hours-info: {say: "We are open from nine to five.", next: main}
          connecting: {say: "Connecting you to the front desk.", next: desk}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        guard !graph.hasRequestRule else { return [] }
        let menus = graph.nodes.map { node -> Menu? in
            if case .menu(let menu) = node.kind { return menu }
            return nil
        }
        guard menus.contains(where: { $0 != nil }) else { return [] }
        // Nodes from which a person is reachable without passing a menu.
        let reachesHuman = GraphSearch.canReach(graph, goals: { graph.kindClass[$0].isHuman },
                                                passable: { menus[$0] == nil })
        let reachable = context.reachable
        var findings: [Diagnostic] = []
        for (index, node) in graph.nodes.enumerated() where reachable[index] {
            guard let menu = menus[index] else { continue }
            let keys = Set(menu.options.map(\.key.value))
            let options = graph.edges[index].filter { keys.contains($0.label) }
            guard !options.contains(where: { reachesHuman[$0.target] }) else { continue }
            let notes = options.map { option in
                DiagnosticNote("option '\(option.label)' goes to '\(graph.id(option.target))', which reaches no "
                                   + "person without another menu", at: option.source)
            }
            findings.append(Diagnostic(
                descriptor,
                "no option of menu '\(node.id.value)' leads to a person without another menu on the way, and "
                    + "the flow has no 'request' rule; add an option for a person or a rule 'at: request'",
                at: node.id.range, notes: notes))
        }
        return findings
    }
}
