/// `critical-route-gated`: a `critical` escalation rule whose target does not always reach a
/// live person.
public enum CriticalRouteGated: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "critical-route-gated",
        severity: .error,
        summary: "a `critical` rule whose target can reach no live human without a `closed`/`holiday` branch or a menu on the way",
        explanation: """
        A rule marked `critical: true` is a promise: a caller it fires for (an emergency line, a \
        patient on the urgent number) reaches a live person, at any hour, without having to press \
        anything. The route from the rule's `goto` must therefore be "always live": a queue or \
        transfer is always live; an `hours` node is always live only when all of its `open`, \
        `closed` and `holiday` targets are, so a closed or holiday branch that leads to a voicemail \
        or a recording gates the route by the clock; a menu or collect never is, because the \
        caller must press something first; a `say`, `set`, `switch` or `lookup` node is always live \
        when one of its outcomes is. The finding is at the rule's name; its notes show where the \
        route is gated. Point the rule straight at a queue or transfer that answers around the \
        clock, or make every closed and holiday branch on the way lead to one (an on-call phone, an \
        answering service).
        """,
        failingExample: """
        callflow: 1
        name: gated
        timezone: America/New_York
        start: main
        context:
          caller.emergency: bool
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        escalations:
          - name: emergency
            at: start
            when: caller.emergency
            goto: office-hours
            critical: true
        nodes:
          main: {say: "Thanks for calling.", next: office-hours}
          office-hours:
            hours: office
            open: desk
            closed: box
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: always-live
        timezone: America/New_York
        start: main
        context:
          caller.emergency: bool
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        escalations:
          - name: emergency
            at: start
            when: caller.emergency
            goto: office-hours
            critical: true
        nodes:
          main: {say: "Thanks for calling.", next: office-hours}
          office-hours:
            hours: office
            open: desk
            closed: on-call
          desk: {transfer: "+15550100", fallback: box}
          on-call: {transfer: "+15550199", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let critical = graph.flow.escalations.filter { $0.critical }
        guard !critical.isEmpty else { return [] }
        let live = alwaysLive(graph)
        var findings: [Diagnostic] = []
        var reachesLive: [Bool]?
        for rule in critical {
            guard let target = graph.index(of: rule.target.value), !live[target] else { continue }
            let reaches = reachesLive ?? GraphSearch.canReach(graph, goals: { graph.kindClass[$0] == .liveHuman })
            reachesLive = reaches
            let (gateNotes, reason) = gate(graph, from: target, live: live, reachesLive: reaches)
            let notes = [DiagnosticNote("the rule sends the call to '\(graph.id(target))'", at: rule.target.range)]
                + gateNotes
            findings.append(Diagnostic(
                descriptor,
                "critical rule '\(rule.name.value)' does not always reach a live person: \(reason); route it to "
                    + "a queue or transfer that answers at any hour",
                at: rule.name.range, notes: notes))
        }
        return findings
    }

    /// Which nodes are always live, as a least fixpoint: live humans are; an hours node is when
    /// every outcome target is; a menu, collect or terminal other than a live human never is; any
    /// other node is when one of its outcome targets is. A worklist over reversed outcome edges:
    /// every edge is looked at once.
    static func alwaysLive(_ graph: FlowGraph) -> [Bool] {
        var live = graph.kindClass.map { $0 == .liveHuman }
        // How many more outcome targets must turn live before the node does; 0: never.
        var pending = [Int](repeating: 0, count: graph.count)
        var incoming = [[Int]](repeating: [], count: graph.count)
        for (index, node) in graph.nodes.enumerated() {
            for edge in graph.edges[index] { incoming[edge.target].append(index) }
            switch node.kind {
            case .hours: pending[index] = node.missingOutcomes.isEmpty ? graph.edges[index].count : 0
            case .say, .set, .switch, .lookup: pending[index] = graph.edges[index].isEmpty ? 0 : 1
            default: break
            }
        }
        var work = (0..<graph.count).filter { live[$0] }
        while let node = work.popLast() {
            // An hours node whose outcomes share a target (holiday defaults to closed) is listed
            // once per edge, so it counts each of them.
            for previous in incoming[node] where !live[previous] && pending[previous] > 0 {
                pending[previous] -= 1
                if pending[previous] == 0 {
                    live[previous] = true
                    work.append(previous)
                }
            }
        }
        return live
    }

    /// Notes that show where the route from `start` stops being always live: the walk follows,
    /// through nodes that pass the call on, an outcome that can still reach a live person, and
    /// stops at the first hours node, menu or endpoint that gates it. Each node is visited once.
    private static func gate(_ graph: FlowGraph, from start: Int, live: [Bool],
                             reachesLive: [Bool]) -> (notes: [DiagnosticNote], reason: String) {
        var notes: [DiagnosticNote] = []
        var visited = Set<Int>()
        var node = start
        while visited.insert(node).inserted {
            let flowNode = graph.nodes[node]
            let name = "\(flowNode.kind.name) '\(flowNode.id.value)'"
            switch flowNode.kind {
            case .menu, .collect:
                notes.append(DiagnosticNote("\(name) is on the way: the caller must press something first",
                                            at: flowNode.id.range))
                return (notes, "\(name) is on the way")
            case .voicemail, .callback, .hangup:
                notes.append(DiagnosticNote("\(name) is not a live person", at: flowNode.id.range))
                return (notes, "the route ends at \(name)")
            case .hours:
                var sources: [SourceRange] = []
                for edge in graph.edges[node] where !live[edge.target] && !sources.contains(edge.source) {
                    sources.append(edge.source)
                    let labels = graph.edges[node].filter { $0.source == edge.source }.map(\.label)
                    notes.append(DiagnosticNote(
                        "\(labels.map { "'\($0)'" }.joined(separator: " and ")) of \(name) "
                            + "\(labels.count > 1 ? "go" : "goes") to '\(graph.id(edge.target))', which does not always reach a live person",
                        at: edge.source))
                }
                if flowNode.missingOutcomes.isEmpty == false {
                    notes.append(DiagnosticNote("\(name) does not wire every outcome", at: flowNode.id.range))
                }
                return (notes, "\(name) gates it by the clock")
            case .queue, .transfer:
                return (notes, "the route reaches \(name)")
            case .say, .set, .switch, .lookup:
                let open = graph.edges[node].filter { !visited.contains($0.target) }
                guard let edge = open.first(where: { reachesLive[$0.target] }) ?? open.first else {
                    notes.append(DiagnosticNote("\(name) leads to no live person", at: flowNode.id.range))
                    return (notes, "the route from '\(graph.id(start))' never reaches one for certain")
                }
                notes.append(DiagnosticNote("then '\(graph.id(edge.target))' (via '\(edge.label)')", at: edge.source))
                node = edge.target
            }
        }
        return (notes, "the route from '\(graph.id(start))' never reaches one for certain")
    }
}
