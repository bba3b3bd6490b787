/// The `threadPassThrough` optimization: a node that only passes the call on gets no table
/// node, and every outcome aimed at it is aimed at where it leads instead.
struct PassThroughThreading {
    /// For each flow node, the one node it always passes the call to, or -1.
    private let passesTo: [Int]

    /// Finds the pass-through nodes; none when `enabled` is off. A switch passes through when all
    /// its remaining cases (after folding) and its `else` lead to one node; an hours node when its
    /// open, closed and holiday outcomes all name one node (so one without a holiday never does).
    init(flow: Flow, branches: SwitchBranches, enabled: Bool) {
        var passesTo = [Int](repeating: -1, count: flow.nodes.count)
        if enabled {
            for (index, node) in flow.nodes.enumerated() {
                switch node.kind {
                case .switch:
                    let otherwise = branches.otherwise[index]
                    if branches.cases[index].allSatisfy({ $0.target == otherwise }) { passesTo[index] = otherwise }
                case .hours:
                    let targets = ["open", "closed", "holiday"].compactMap { flow.target(of: index, $0) }
                    if targets.count == 3, targets.allSatisfy({ $0 == targets[0] }) { passesTo[index] = targets[0] }
                default: break
                }
            }
        }
        self.passesTo = passesTo
    }

    /// Where a call sent to `start` really goes: past every pass-through node on the way.
    func resolve(_ start: Int) -> Int {
        var node = start, hops = 0
        while passesTo[node] >= 0 && hops <= passesTo.count {
            node = passesTo[node]
            hops += 1
        }
        // A loop of pass-throughs never arrives anywhere; its nodes stay, as written.
        return passesTo[node] >= 0 ? start : node
    }

    /// Whether `node` is left out of the table because outcomes skip it.
    func isThreaded(_ node: Int) -> Bool {
        passesTo[node] >= 0 && resolve(node) != node
    }
}
