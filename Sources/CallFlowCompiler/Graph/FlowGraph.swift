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
    /// Outcome edges of each node, in the order the node wires them: made from the flow's outcomes
    /// and resolved targets when a node's are asked for (issue 17: kept as a list per node, they
    /// were 9.6 MiB at the peak of a large flow, and only a few checks and the pictures read them).
    public var edges: EdgeLists { EdgeLists(nodes: flow.nodes, targets: flow.outcomeTargets) }
    public let entries: [EntryEdge]
    /// Targets of `request` and `failure` rules: exits open to a caller at any menu or collect.
    public let callerRuleTargets: [Int]
    /// Targets of `queue` rules: exits open to a call waiting in any queue.
    public let queueRuleTargets: [Int]
    /// Successors of each node: its outcomes, plus rule exits at menus, collects and queues, in
    /// flat arrays (issue 17: a list per node was 3.2 MiB of a large flow's peak, plus malloc's
    /// overhead on 60,000 small blocks).
    public let successors: AdjacencyLists
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

        // Each node's successors: its wired outcomes, then the rule exits open there.
        func ruleTargets(_ node: FlowNode) -> [Int] {
            switch node.kind {
            case .menu, .collect: return callerRuleTargets
            case .queue: return queueRuleTargets
            default: return []
            }
        }
        var bound = 0
        for node in flow.nodes { bound += node.outcomes.count + ruleTargets(node).count }
        var successorOffsets: [Int32] = [0]
        successorOffsets.reserveCapacity(count + 1)
        var successorTargets: [Int32] = []
        successorTargets.reserveCapacity(bound)
        for index in 0..<count {
            let node = flow.nodes[index]
            for position in node.outcomes.indices {
                let target = flow.outcomeTargets[index, position]
                if target >= 0 { successorTargets.append(Int32(truncatingIfNeeded: target)) }
            }
            for target in ruleTargets(node) { successorTargets.append(Int32(truncatingIfNeeded: target)) }
            successorOffsets.append(Int32(truncatingIfNeeded: successorTargets.count))
        }
        let successors = AdjacencyLists(offsets: successorOffsets, targets: successorTargets)
        // Each node's predecessors counted first, then filled in ascending order of the source.
        var offsets = [Int32](repeating: 0, count: count + 1)
        for to in successorTargets { offsets[Int(to) + 1] += 1 }
        for node in 0..<count { offsets[node + 1] += offsets[node] }
        var fill = offsets
        var sources = [Int32](repeating: 0, count: Int(offsets[count]))
        for from in 0..<count {
            for to in successors[from] {
                sources[Int(fill[to])] = Int32(truncatingIfNeeded: from)
                fill[to] += 1
            }
        }
        self.successors = successors
        self.predecessorOffsets = offsets
        self.predecessorSources = sources
    }
}

/// The outcome edges of every node, made when a node's are asked for (`FlowGraph.edges`).
public struct EdgeLists: RandomAccessCollection, Sendable {
    let nodes: [FlowNode]
    let targets: OutcomeTargets

    public var startIndex: Int { 0 }
    public var endIndex: Int { nodes.count }

    /// Node `node`'s outcomes that name a node, in the order the node wires them.
    public subscript(node: Int) -> EdgeList { EdgeList(outcomes: nodes[node].outcomes, targets: targets, node: node) }
}

/// One node's outcome edges, each made when it is read: the positions of its outcomes that name
/// a node (an outcome naming none was reported by the front end and is no edge).
public struct EdgeList: Collection, Sendable {
    let outcomes: OutcomeList
    let targets: OutcomeTargets
    let node: Int

    public var startIndex: Int { wired(from: 0) }
    public var endIndex: Int { outcomes.count }
    public func index(after position: Int) -> Int { wired(from: position + 1) }

    public subscript(position: Int) -> GraphEdge {
        let outcome = outcomes[position]
        return GraphEdge(label: outcome.label, target: targets[node, position], source: outcome.source)
    }

    /// The first position from `position` on whose outcome names a node.
    private func wired(from position: Int) -> Int {
        var position = position
        while position < outcomes.count && targets[node, position] < 0 { position += 1 }
        return position
    }
}

/// Lists of node indices, one per node, in two flat arrays: node `n`'s are
/// `targets[offsets[n] ..< offsets[n + 1]]`, read as `self[n]`, a list indexed from 0.
public struct AdjacencyLists: RandomAccessCollection, Sendable {
    let offsets: [Int32]
    let targets: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    public subscript(node: Int) -> List {
        List(targets: targets, start: Int(offsets[node]), count: Int(offsets[node + 1] - offsets[node]))
    }

    /// One node's list.
    public struct List: RandomAccessCollection, Sendable {
        let targets: [Int32]
        let start: Int
        public let count: Int
        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        public subscript(position: Int) -> Int { Int(targets[start + position]) }
    }
}
