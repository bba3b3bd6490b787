/// A graph over the flow's nodes as integers in flat arrays, built once per flow and shared by the
/// checks that search it (issue 17). Node `n`'s successors are
/// `targets[offsets[n] ..< offsets[n + 1]]` in the order the source lists them; its predecessors,
/// once per edge and in ascending order of the node they come from (as
/// `NextSteps.predecessors(where:)` lists them), are `sources[reverseOffsets[n] ..< reverseOffsets[n + 1]]`.
///
/// Why: every search that walked the steps built its own reverse lists. Here a step is a 4-byte
/// target, and whether the caller chose it is one byte beside it.
public struct DenseGraph: Sendable {
    public let count: Int
    public let offsets: [Int32]
    public let targets: [Int32]
    public let reverseOffsets: [Int32]
    public let sources: [Int32]
    /// For each entry of `sources`: whether that step is taken without the caller choosing it
    /// (`NextStep.isUnchosen`).
    public let sourceUnchosen: [Bool]

    /// Every step of `steps`.
    public init(_ steps: NextSteps) {
        self.init(steps, filtered: false, keeping: { _ in true })
    }

    /// The steps of `steps` that pass `filter`.
    public init(_ steps: NextSteps, keeping filter: (NextStep) -> Bool) {
        self.init(steps, filtered: true, keeping: filter)
    }

    private init(_ steps: NextSteps, filtered: Bool, keeping filter: (NextStep) -> Bool) {
        let count = steps.count
        var targets: [Int32] = []
        var unchosen: [Bool] = []
        let total = steps.all.count
        targets.reserveCapacity(total)
        unchosen.reserveCapacity(total)
        guard filtered else {
            // Every step kept: the offsets are the steps' own (the same array, not a copy).
            for step in steps.all {
                targets.append(Int32(truncatingIfNeeded: step.target))
                unchosen.append(step.cause != .choice)
            }
            self.init(count: count, offsets: steps.offsets, targets: targets, unchosen: unchosen)
            return
        }
        var offsets = [Int32](repeating: 0, count: count + 1)
        steps.all.withUnsafeBufferPointer { all in
            for node in 0..<count {
                for position in Int(steps.offsets[node])..<Int(steps.offsets[node + 1]) where filter(all[position]) {
                    targets.append(Int32(truncatingIfNeeded: all[position].target))
                    unchosen.append(all[position].cause != .choice)
                }
                offsets[node + 1] = Int32(truncatingIfNeeded: targets.count)
            }
        }
        self.init(count: count, offsets: offsets, targets: targets, unchosen: unchosen)
    }

    private init(count: Int, offsets: [Int32], targets: [Int32], unchosen: [Bool]) {
        self.count = count
        self.offsets = offsets
        self.targets = targets
        // The reverse: counted first, then filled in ascending order of the source node.
        var reverseOffsets = [Int32](repeating: 0, count: count + 1)
        for target in targets { reverseOffsets[Int(target) + 1] += 1 }
        for node in 0..<count { reverseOffsets[node + 1] += reverseOffsets[node] }
        var fill = reverseOffsets
        var sources = [Int32](repeating: 0, count: targets.count)
        var sourceUnchosen = [Bool](repeating: false, count: targets.count)
        for from in 0..<count {
            for position in Int(offsets[from])..<Int(offsets[from + 1]) {
                let to = Int(targets[position])
                sources[Int(fill[to])] = Int32(truncatingIfNeeded: from)
                sourceUnchosen[Int(fill[to])] = unchosen[position]
                fill[to] += 1
            }
        }
        self.reverseOffsets = reverseOffsets
        self.sources = sources
        self.sourceUnchosen = sourceUnchosen
    }

    /// Positions in `targets` of node `node`'s successors.
    @inline(__always) public func successorPositions(_ node: Int) -> Range<Int> {
        Int(offsets[node])..<Int(offsets[node + 1])
    }

    /// Positions in `sources` of node `node`'s predecessors.
    @inline(__always) public func predecessorPositions(_ node: Int) -> Range<Int> {
        Int(reverseOffsets[node])..<Int(reverseOffsets[node + 1])
    }

    /// Whether `node` has an edge to itself.
    public func hasLoop(_ node: Int) -> Bool {
        successorPositions(node).contains { Int(targets[$0]) == node }
    }

    /// Nodes from which some node in `goals` can be reached, passing only through nodes for which
    /// `passable` holds (a goal always counts).
    public func canReach(goals: (Int) -> Bool, passable: (Int) -> Bool = { _ in true }) -> [Bool] {
        var seen = [Bool](repeating: false, count: count)
        var isGoal = [Bool](repeating: false, count: count)
        var stack: [Int32] = []
        for node in 0..<count where goals(node) {
            isGoal[node] = true
            seen[node] = true
            stack.append(Int32(truncatingIfNeeded: node))
        }
        while let node = stack.popLast() {
            for position in predecessorPositions(Int(node)) {
                let previous = Int(sources[position])
                guard !seen[previous], isGoal[previous] || passable(previous) else { continue }
                seen[previous] = true
                stack.append(sources[position])
            }
        }
        return seen
    }

    /// The successors of `node` as a list (for `GraphSearch`'s searches that take lists).
    public func successors(_ node: Int) -> [Int] {
        successorPositions(node).map { Int(targets[$0]) }
    }
}
