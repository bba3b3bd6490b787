/// `trap-loop`: reachable nodes from which the call can never end.
public enum TrapLoop: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "trap-loop",
        severity: .error,
        summary: "reachable nodes from which the call can never end (no path to any terminal)",
        explanation: """
        A call ends when a person answers (queue, transfer), a message or callback is taken \
        (voicemail, callback) or the flow hangs up. A loop none of whose nodes has a path to any of \
        those keeps the caller going round the same prompts until they give up: no option, no \
        failure outcome and no escalation rule that can fire (a `request` or `failure` rule is a \
        way out of a menu or collect, a `queue` rule out of a queue) leads anywhere else. A switch \
        case no call takes is no way out, and neither is a menu's `no_input` or `no_match` when a \
        `failure` rule always fires before the retries run out. The loop is reported once, at its first node in file order, \
        with the cycle step by step. Give one node of the loop a way out: an option or a \
        `fallback` to a person or a voicemail box, or a `request` rule. A loop is a trap too when \
        its only ways out are switch cases, `else`s or hours outcomes decided by values nothing \
        in the loop changes (no `set`, `collect` or lookup in it writes them; `call.failures`, \
        the clock and queue values do not move without the caller): `a: {say: Hi., next: b}` \
        with `b` going back to `a` if `not f`, else on, plays "Hi." forever when `f` is false. \
        That is decided exactly, like `constant-condition`, and reported with the loop's nodes \
        and the values that keep the call inside; change a value inside the loop (a `set`, a \
        menu) or test one that changes.
        """,
        failingExample: """
        callflow: 1
        name: trap
        start: main
        nodes:
          ↓main:
            menu: "For opening hours press 1. To hear this again press 2."
            options: {"1": hours-info, "2": main}
            fallback: main
          hours-info: {say: "We are open from nine to five.", next: main}
        """,
        passingExample: """
        callflow: 1
        name: loop-with-exit
        start: main
        nodes:
          main:
            menu: "For opening hours press 1. For the front desk press 2."
            options: {"1": hours-info, "2": desk}
            fallback: desk
          hours-info: {say: "We are open from nine to five.", next: main}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        noEnding(graph, context) + closedLoopFindings(graph, context)
    }

    private static func noEnding(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let reachable = context.reachable, canEnd = context.canEnd, steps = context.steps, dense = context.nextStepGraph
        let trapped = (0..<graph.count).map { reachable[$0] && !canEnd[$0] }
        guard trapped.contains(true) else { return [] }
        // Nodes of one strongly connected component all reach the same nodes, so a component is
        // trapped as a whole; each trapped cycle is reported once, at its first node.
        let component = GraphSearch.stronglyConnectedComponents(count: graph.count) { dense.successors($0) }
        var members = [[Int]](repeating: [], count: (component.max() ?? -1) + 1)
        for index in 0..<graph.count where trapped[index] { members[component[index]].append(index) }

        var parent = [Int](repeating: -1, count: graph.count)
        var findings: [Diagnostic] = []
        for first in 0..<graph.count where trapped[first] && members[component[first]].first == first {
            let loop = members[component[first]]
            guard loop.count > 1 || dense.hasLoop(first) else { continue }
            let cycle = shortestCycle(dense, from: first, inComponent: component, parent: &parent)
            var notes: [DiagnosticNote] = []
            var previous = first
            for node in cycle {
                let step = steps[previous].first { $0.target == node }
                let via = step.map { $0.rule == nil ? "'\(steps.label(of: $0))'" : steps.label(of: $0) } ?? "'?'"
                notes.append(DiagnosticNote("then '\(graph.id(node))' (via \(via))", at: step.map(steps.source(of:))))
                previous = node
            }
            let shown = loop.prefix(6).map { "'\(graph.id($0))'" }.joined(separator: ", ")
            let more = loop.count > 6 ? " and \(loop.count - 6) more" : ""
            findings.append(Diagnostic(
                descriptor,
                "calls that reach '\(graph.id(first))' can never end: no path from \(shown)\(more) leads to a "
                    + "person, a voicemail, a callback or a hangup",
                at: graph.nodes[first].id.range, notes: notes))
        }
        return findings
    }

    /// The nodes of a shortest cycle from `first` back to itself inside its component, `first`
    /// last. Breadth-first; `parent` is shared by all components (they are disjoint, so every
    /// node is visited at most once over the whole check).
    private static func shortestCycle(_ dense: DenseGraph, from first: Int, inComponent component: [Int],
                                      parent: inout [Int]) -> [Int] {
        parent[first] = first
        var queue = [first]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for position in dense.successorPositions(node) {
                let next = Int(dense.targets[position])
                guard component[next] == component[first] else { continue }
                if next == first {
                    var path = [first]
                    var current = node
                    while current != first {
                        path.append(current)
                        current = parent[current]
                    }
                    return path.reversed()
                }
                if parent[next] == -1 {
                    parent[next] = node
                    queue.append(next)
                }
            }
        }
        return [first]
    }
}
