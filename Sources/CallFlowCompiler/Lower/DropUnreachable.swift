/// The `dropUnreachable` optimization: which flow nodes the table keeps, judged on the table's
/// own edges (after folding and threading), so a node only a folded-away case or a threaded node
/// led to is dropped too.
struct ReachableNodes {
    /// By flow node index; all true when the optimization is off.
    let keeps: [Bool]

    /// Walks from `entries` (the start node and the rules' targets, already resolved).
    init(graph: FlowGraph, entries: [Int], branches: SwitchBranches, threading: PassThroughThreading, enabled: Bool) {
        var keeps = [Bool](repeating: !enabled, count: graph.count)
        if enabled {
            var stack = entries
            for node in stack { keeps[node] = true }
            while let node = stack.popLast() {
                for next in Self.successors(of: node, graph: graph, branches: branches).map(threading.resolve) where !keeps[next] {
                    keeps[next] = true
                    stack.append(next)
                }
            }
        }
        self.keeps = keeps
    }

    /// Where a node can send the call in the table, rules aside: its outcomes, except that a
    /// switch has only the cases folding left.
    private static func successors(of node: Int, graph: FlowGraph, branches: SwitchBranches) -> [Int] {
        if case .switch = graph.flow.nodes[node].kind { return branches.targets(of: node) }
        return graph.edges[node].map(\.target)
    }
}
