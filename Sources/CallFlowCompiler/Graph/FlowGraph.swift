/// An edge of the flow graph: one outcome of a node.
public struct GraphEdge: Sendable {
    /// `next`, `no_input`, a DTMF key, `open`, `overflow`, `if COND` ...
    public var label: String
    public var target: Int
    /// The key that wires this outcome (see `Outcome.source`).
    public var source: SourceRange
}

/// Where a call can enter the graph other than through an outcome.
public struct EntryEdge: Sendable {
    public enum Source: Sendable, Equatable {
        /// The call arrives at the flow's `start` node.
        case start
        /// An escalation rule (index into `flow.escalations`) sends the call to its `goto`.
        case rule(Int)
    }

    public var source: Source
    public var target: Int
}

/// The validated graph of a flow: dense node indices in file order, every outcome an edge, entry
/// edges for the start node and every escalation rule. Every graph check reads this, and so will
/// the table compiler. Built from a resolved flow (`Flow.isResolved`): it reads the indices the
/// `resolve` stage gave every reference, never a name. Outcomes naming nodes that do not exist
/// were reported by the front end and are left out.
public struct FlowGraph: Sendable {
    public let flow: Flow
    public let kindClass: [KindClass]
    /// Outcome edges of each node, in the order the node wires them.
    public let edges: [[GraphEdge]]
    public let entries: [EntryEdge]
    /// Targets of `request` and `failure` rules: exits open to a caller at any menu or collect.
    public let callerRuleTargets: [Int]
    /// Targets of `queue` rules: exits open to a call waiting in any queue.
    public let queueRuleTargets: [Int]
    /// Successors of each node: its outcomes, plus rule exits at menus, collects and queues.
    public let successors: [[Int]]
    /// The reverse of `successors`, flat (issue 17: a list per node was 9% of the memory at the
    /// peak of a large flow): node `n`'s predecessors, once per edge and in ascending order, are
    /// `predecessorSources[predecessorOffsets[n] ..< predecessorOffsets[n + 1]]` (`predecessors(of:)`).
    public let predecessorOffsets: [Int32]
    public let predecessorSources: [Int32]

    /// The nodes with an edge in `successors` to `node`, once per edge, in ascending order.
    public func predecessors(of node: Int) -> ArraySlice<Int32> {
        predecessorSources[Int(predecessorOffsets[node])..<Int(predecessorOffsets[node + 1])]
    }

    public var count: Int { kindClass.count }

    public var nodes: [FlowNode] { flow.nodes }

    public func index(of id: String) -> Int? { flow.nodeIndex[id] }

    public func id(_ index: Int) -> String { flow.nodes[index].id.value }

    /// Indices of the nodes the call can start at: `start` and `start` rules' targets.
    public var arrivalTargets: [Int] {
        entries.filter { entry in
            if case .rule(let rule) = entry.source { return flow.escalations[rule].trigger.value == .start }
            return true
        }.map(\.target)
    }

    public var hasRequestRule: Bool {
        flow.escalations.contains { $0.trigger.value == .request }
    }

    public init(_ flow: Flow) {
        precondition(flow.isResolved, "a flow graph is built from a resolved flow (Flow.resolved())")
        self.flow = flow
        let count = flow.nodes.count
        kindClass = flow.nodes.map { KindClass($0.kind) }
        edges = flow.nodes.indices.map { index in
            let node = flow.nodes[index]
            // Room for exactly the node's edges: the graph lives as long as the checks (issue 17).
            var list: [GraphEdge] = []
            list.reserveCapacity(node.outcomes.count)
            for position in node.outcomes.indices {
                let outcome = node.outcomes[position]
                let target = flow.outcomeTargets[index, position]
                if target >= 0 { list.append(GraphEdge(label: outcome.label, target: target, source: outcome.source)) }
            }
            return list
        }
        var entries: [EntryEdge] = []
        if flow.startTarget >= 0 { entries.append(EntryEdge(source: .start, target: flow.startTarget)) }
        var callerRuleTargets: [Int] = [], queueRuleTargets: [Int] = []
        for (index, rule) in flow.escalations.enumerated() {
            let target = flow.ruleTargets[index]
            guard target >= 0 else { continue }
            entries.append(EntryEdge(source: .rule(index), target: target))
            switch rule.trigger.value {
            case .request, .failure: callerRuleTargets.append(target)
            case .queue: queueRuleTargets.append(target)
            case .start: break
            }
        }
        self.entries = entries
        self.callerRuleTargets = callerRuleTargets
        self.queueRuleTargets = queueRuleTargets

        var successors: [[Int]] = []
        successors.reserveCapacity(count)
        for index in 0..<count {
            let ruleTargets: [Int]
            switch flow.nodes[index].kind {
            case .menu, .collect: ruleTargets = callerRuleTargets
            case .queue: ruleTargets = queueRuleTargets
            default: ruleTargets = []
            }
            var list: [Int] = []
            list.reserveCapacity(edges[index].count + ruleTargets.count)
            for edge in edges[index] { list.append(edge.target) }
            list += ruleTargets
            successors.append(list)
        }
        // Each node's predecessors counted first, then filled in ascending order of the source.
        var offsets = [Int32](repeating: 0, count: count + 1)
        for targets in successors {
            for to in targets { offsets[to + 1] += 1 }
        }
        for node in 0..<count { offsets[node + 1] += offsets[node] }
        var fill = offsets
        var sources = [Int32](repeating: 0, count: Int(offsets[count]))
        for (from, targets) in successors.enumerated() {
            for to in targets {
                sources[Int(fill[to])] = Int32(truncatingIfNeeded: from)
                fill[to] += 1
            }
        }
        self.successors = successors
        self.predecessorOffsets = offsets
        self.predecessorSources = sources
    }
}
