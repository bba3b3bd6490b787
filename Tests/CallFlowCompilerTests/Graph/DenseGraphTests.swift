import Testing
@testable import CallFlowCompiler

/// The flat graphs (issue 17, third round) list what the per-node lists they replace listed, in
/// the same order: the checks that walk them (`failure-hangs-up`'s shortest paths, `trap-loop`'s
/// cycles) report the same paths only if the order is the same.
@Suite struct DenseGraphTests {
    /// Forward: each node's step targets in `NextSteps` order; backward: `predecessors(where:)`,
    /// every step and the unchosen ones, in the same order.
    @Test func nextStepGraphListsTheStepsInOrder() throws {
        for steps in try SharedAnalysisTests.flows() {
            let dense = DenseGraph(steps)
            #expect(dense.count == steps.count)
            let all = steps.predecessors()
            let unchosen = steps.predecessors(where: \.isUnchosen)
            for node in 0..<steps.count {
                #expect(dense.successors(node) == steps.targets(node))
                #expect(dense.hasLoop(node) == steps.targets(node).contains(node))
                let positions = dense.predecessorPositions(node)
                #expect(positions.map { Int(dense.sources[$0]) } == all[node])
                #expect(positions.filter { dense.sourceUnchosen[$0] }.map { Int(dense.sources[$0]) } == unchosen[node])
            }
        }
    }

    /// A filtered graph keeps exactly the steps that pass the filter.
    @Test func filteredGraphKeepsThePassingSteps() throws {
        for steps in try SharedAnalysisTests.flows() {
            let choices = DenseGraph(steps, keeping: { $0.cause == .choice })
            for node in 0..<steps.count {
                #expect(choices.successors(node) == steps.targets(node, where: { $0.cause == .choice }))
                #expect(choices.predecessorPositions(node).allSatisfy { !choices.sourceUnchosen[$0] })
            }
        }
    }

    /// `FlowGraph.predecessors(of:)` is the reverse of `successors`, once per edge, ascending.
    @Test func flowGraphPredecessorsAreTheReverseOfSuccessors() throws {
        for steps in try SharedAnalysisTests.flows() {
            let graph = steps.graph
            var expected = [[Int]](repeating: [], count: graph.count)
            for (from, targets) in graph.successors.enumerated() {
                for to in targets { expected[to].append(from) }
            }
            var edges = 0
            for node in 0..<graph.count {
                #expect(graph.predecessors(of: node).map { Int($0) } == expected[node])
                edges += expected[node].count
            }
            #expect(edges > 0)
        }
    }
}
