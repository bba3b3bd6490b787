import CallFlowRuntime

/// `failure-hangs-up`: a failure outcome whose path reaches `hangup` without passing a person.
public enum FailureHangsUp: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "failure-hangs-up",
        severity: .warning,
        summary: "a failure outcome whose path reaches `hangup` without passing any human endpoint",
        explanation: """
        Failure outcomes (`no_input`, `no_match`, `error`, `overflow`, `no_answer`, `busy`, \
        `failed`) are taken by callers the flow did not serve: one who could not find the right key, \
        a lookup that failed, a queue that overflowed, a line that did not answer. Sending such a \
        caller to a `hangup` without passing a person first ends the call of exactly the people who \
        needed help most, and they call again, angrier. Only what happens without the caller \
        choosing is followed: failure outcomes, platform results (a lookup's, a transfer's, a \
        queue's), decisions, and `failure` and `queue` rules that can fire; an option the caller \
        presses at a later menu is a choice and is not followed (that menu's own `no_input` and \
        `no_match` are). Send failures to a person (a queue or transfer) or at least to a \
        voicemail or callback. The finding points at the key that wires \
        the outcome (one finding for a `fallback:` that covers several) and its notes show the path \
        to the hangup.
        """,
        failingExample: """
        callflow: 1
        name: hangs-up
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            ↓fallback: sorry
          sorry: {say: "Sorry, we did not get that.", next: bye}
          bye: {hangup: "Goodbye."}
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: failures-to-a-person
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: sorry
          sorry: {say: "Let me connect you to our sales team.", next: sales}
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)

    /// The outcomes the kinds' descriptions call failures: no_input, no_match, error, overflow,
    /// no_answer, busy, failed.
    static let failureLabels = Set(NodeKindDescription.all.flatMap { $0.outcomes.filter(\.isFailure).map(\.label) })

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        // Breadth-first backwards from every hangup, along steps the caller does not choose
        // (`NextSteps`: failure outcomes, platform results, decisions, failure and queue rules),
        // through nodes that are not human endpoints: `toward[n]` is the next node on a shortest
        // such path from `n` (-1 at a hangup, -2 when no such path exists). A menu option pressed
        // is a choice and ends that search; a menu's own failure outcomes are followed.
        var toward = [Int](repeating: -2, count: graph.count)
        var queue: [Int] = []
        for (index, node) in graph.nodes.enumerated() {
            if case .hangup = node.kind, !node.isOpaqueEnd {
                toward[index] = -1
                queue.append(index)
            }
        }
        guard !queue.isEmpty else { return [] }
        let steps = context.steps
        let dense = context.nextStepGraph
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for position in dense.predecessorPositions(node) where dense.sourceUnchosen[position] {
                let previous = Int(dense.sources[position])
                guard toward[previous] == -2 && !graph.kindClass[previous].isHuman else { continue }
                toward[previous] = node
                queue.append(previous)
            }
        }

        var findings: [Diagnostic] = []
        for (index, node) in graph.nodes.enumerated() {
            // Failure edges that lead to a hangup, grouped by the key that wires them.
            var groups: [(source: SourceRange, labels: [String], target: Int)] = []
            for edge in steps[index] where edge.rule == nil && toward[edge.target] != -2 {
                let label = steps.label(of: edge)
                guard failureLabels.contains(label) else { continue }
                let source = steps.source(of: edge)
                if let at = groups.firstIndex(where: { $0.source == source }) {
                    groups[at].labels.append(label)
                } else {
                    groups.append((source, [label], edge.target))
                }
            }
            for group in groups {
                var notes: [DiagnosticNote] = []
                var current = group.target
                while current >= 0 {
                    let next = toward[current]
                    let step = notes.isEmpty ? "goes to" : "then"
                    notes.append(DiagnosticNote("\(step) '\(graph.id(current))' (\(graph.nodes[current].kind.name))",
                                                at: graph.nodes[current].id.range))
                    current = next
                }
                let quoted = group.labels.map { "'\($0)'" }
                let labels = quoted.count < 2 ? quoted.joined()
                    : quoted.dropLast().joined(separator: ", ") + " and " + quoted.last!
                let verb = group.labels.count > 1 ? "lead" : "leads"
                findings.append(Diagnostic(
                    descriptor,
                    "\(labels) of \(node.kind.name) '\(node.id.value)' \(verb) to a hangup without reaching a "
                        + "person; send failures to a queue, transfer, voicemail or callback",
                    at: group.source, notes: notes))
            }
        }
        return findings
    }
}
