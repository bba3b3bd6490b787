/// `human-key-ends-entry`: `human_key: "#"` in a flow that collects digits.
public enum HumanKeyEndsEntry: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "human-key-ends-entry",
        severity: .warning,
        summary: "the human key is '#', which ends the entry at a collect",
        explanation: """
        At a `collect` the pound key ends the caller's entry: `1234#` is the digits 1234, and a \
        lone `#` is an empty entry, which counts as no input (docs/decisions.md). So with \
        `human_key: "#"` a caller who presses `#` at a collect to ask for a person gets the \
        no-input path (a replay, then `no_input`) instead of the `request` rules; only `##` \
        would ask. At a menu the same key does ask for a person, so the flow answers the same \
        key two ways. Choose another human key (`*` or `0`), or take no digits in the flow.
        """,
        failingExample: """
        callflow: 1
        name: pound-for-a-person
        start: ticket
        human_key: ↓"#"
        escalations:
          - name: ask-for-person
            at: request
            goto: desk
        nodes:
          ticket:
            collect: "Enter your ticket number, then press pound."
            digits: "5-8"
            into: ticket.number
            next: desk
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        context:
          ticket.number: string
        """,
        passingExample: """
        callflow: 1
        name: star-for-a-person
        start: ticket
        human_key: "*"
        escalations:
          - name: ask-for-person
            at: request
            goto: desk
        nodes:
          ticket:
            collect: "Enter your ticket number, then press pound."
            digits: "5-8"
            into: ticket.number
            next: desk
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        context:
          ticket.number: string
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        guard let key = graph.flow.humanKey, key.value == "#" else { return [] }
        let collects = graph.nodes.filter { if case .collect = $0.kind { return true } else { return false } }
        guard let first = collects.first else { return [] }
        var notes = collects.prefix(20).map { node in
            DiagnosticNote("at collect '\(node.id.value)' '#' ends the entry", at: node.id.range)
        }
        if collects.count > 20 { notes.append(DiagnosticNote("and \(collects.count - 20) more collects")) }
        let more = collects.count > 1 ? " and \(collects.count - 1) more" : ""
        return [Diagnostic(
            descriptor,
            "the human key '#' cannot ask for a person at collect '\(first.id.value)'\(more): there '#' ends the "
                + "entry, and a lone '#' is no input; choose another human_key, such as \"*\"",
            at: key.range, notes: notes)]
    }
}
