/// Linear-time searches over a `FlowGraph`: every one visits each node and edge at most once.
public enum GraphSearch {
    /// Nodes reachable from `sources` along `successors`, never entering a node for which
    /// `blocked` is true (a blocked source is not entered either).
    public static func reachable<Successors: Sequence<Int>>(from sources: [Int], count: Int, successors: (Int) -> Successors,
                                                            blocked: (Int) -> Bool = { _ in false }) -> [Bool] {
        var seen = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        for source in sources where !seen[source] && !blocked(source) {
            seen[source] = true
            stack.append(source)
        }
        while let node = stack.popLast() {
            for next in successors(node) where !seen[next] && !blocked(next) {
                seen[next] = true
                stack.append(next)
            }
        }
        return seen
    }

    /// Nodes reachable from the call's entries (start and every rule).
    public static func reachableFromEntries(_ graph: FlowGraph) -> [Bool] {
        reachable(from: graph.entries.map(\.target), count: graph.count) { graph.successors[$0] }
    }

    /// Nodes from which some node in `goals` can be reached. `passable` says whether a path may
    /// go on through a node that is not a goal (a goal always counts when reached).
    public static func canReach(_ graph: FlowGraph, goals: (Int) -> Bool,
                                passable: (Int) -> Bool = { _ in true }) -> [Bool] {
        let targets = (0..<graph.count).filter(goals)
        return reachable(from: targets, count: graph.count, successors: { node in
            // Walking backwards: a predecessor joins when paths may pass through it.
            graph.predecessors(of: node).lazy.map { Int($0) }
        }, blocked: { node in !goals(node) && !passable(node) })
    }

    /// The shortest path (fewest edges) from `source` to any node satisfying `goal`, along
    /// `successors`, through nodes that are not `blocked`; nil when there is none.
    public static func shortestPath<Successors: Sequence<Int>>(from source: Int, count: Int, successors: (Int) -> Successors,
                                    goal: (Int) -> Bool, blocked: (Int) -> Bool = { _ in false }) -> [Int]? {
        var parent = [Int](repeating: -2, count: count)
        parent[source] = -1
        var queue = [source]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if goal(node) {
                var path = [node]
                var current = node
                while parent[current] >= 0 {
                    current = parent[current]
                    path.append(current)
                }
                return path.reversed()
            }
            for next in successors(node) where parent[next] == -2 && !blocked(next) {
                parent[next] = node
                queue.append(next)
            }
        }
        return nil
    }

    /// Strongly connected components (Tarjan's algorithm, iterative so deep graphs cannot
    /// overflow the stack). Returns the component number of each node.
    public static func stronglyConnectedComponents<Successors: RandomAccessCollection<Int>>(
        count: Int, successors: (Int) -> Successors) -> [Int] {
        var index = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var component = [Int](repeating: -1, count: count)
        var stack: [Int] = []
        var nextIndex = 0, nextComponent = 0
        // Each frame: a node, its successors, and the position of the next one to handle.
        var frames: [(node: Int, edge: Successors.Index, successors: Successors)] = []
        for root in 0..<count where index[root] == -1 {
            let rootSuccessors = successors(root)
            frames.append((root, rootSuccessors.startIndex, rootSuccessors))
            index[root] = nextIndex; lowLink[root] = nextIndex; nextIndex += 1
            stack.append(root); onStack[root] = true
            while !frames.isEmpty {
                let top = frames.count - 1
                let node = frames[top].node
                if frames[top].edge < frames[top].successors.endIndex {
                    let next = frames[top].successors[frames[top].edge]
                    frames[top].successors.formIndex(after: &frames[top].edge)
                    if index[next] == -1 {
                        index[next] = nextIndex; lowLink[next] = nextIndex; nextIndex += 1
                        stack.append(next); onStack[next] = true
                        let nextSuccessors = successors(next)
                        frames.append((next, nextSuccessors.startIndex, nextSuccessors))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == index[node] {
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component[member] = nextComponent
                        if member == node { break }
                    }
                    nextComponent += 1
                }
            }
        }
        return component
    }
}
