import Testing
@testable import CallFlowCompiler

/// Issue 17, fourth round: the graph's lists live in flat arrays (`NextSteps`, `FlowGraph.successors`)
/// or are made when asked for (`FlowGraph.edges`), and a step's label and source are read from the
/// flow. Each is compared here with what the flow itself says, node by node, in order.
@Suite struct FlatGraphTests {
    /// The rule exits open at a node of this kind (`FlowGraph.successors`' definition).
    static func ruleTargets(_ graph: FlowGraph, _ node: Int) -> [Int] {
        switch graph.nodes[node].kind {
        case .menu, .collect: return graph.callerRuleTargets
        case .queue: return graph.queueRuleTargets
        default: return []
        }
    }

    /// Edges are the outcomes that name a node, in order; successors are their targets and then
    /// the rule exits; each node's steps are its own, and their labels and sources are the
    /// outcome's or the rule's.
    @Test func flatListsSayWhatTheFlowSays() throws {
        var ruleSteps = 0, outcomeSteps = 0, switchSteps = 0
        for steps in try SharedAnalysisTests.flows() {
            let graph = steps.graph, flow = graph.flow
            #expect(graph.edges.count == graph.count && graph.successors.count == graph.count && steps.count == graph.count)
            var stepTotal = 0
            for node in 0..<graph.count {
                let outcomes = flow.nodes[node].outcomes
                let wired = outcomes.indices.filter { flow.outcomeTargets[node, $0] >= 0 }
                let edges = Array(graph.edges[node])
                #expect(edges.map(\.label) == wired.map { outcomes[$0].label })
                #expect(edges.map(\.target) == wired.map { flow.outcomeTargets[node, $0] })
                #expect(edges.map(\.source) == wired.map { outcomes[$0].source })
                #expect(Array(graph.successors[node]) == edges.map(\.target) + Self.ruleTargets(graph, node))

                let list = steps[node]
                stepTotal += list.count
                for step in list {
                    #expect(step.node == node)
                    if let rule = step.rule {
                        ruleSteps += 1
                        #expect(steps.label(of: step) == "rule '\(flow.escalations[rule].name.value)'")
                        #expect(steps.source(of: step) == flow.escalations[rule].name.range)
                        #expect(step.target == flow.ruleTargets[rule])
                    } else {
                        outcomeSteps += 1
                        let position = try #require(step.outcome)
                        #expect(steps.label(of: step) == outcomes[position].label)
                        #expect(steps.source(of: step) == outcomes[position].source)
                        #expect(step.target == flow.outcomeTargets[node, position])
                        #expect(steps.isOutcome(step, outcomes[position].label))
                        // A switch case's step names its case: the case's condition is the label's.
                        if case .switch(let cases) = flow.nodes[node].kind, let index = steps.switchCase(of: step) {
                            switchSteps += 1
                            #expect("if " + cases[index].condition.text == outcomes[position].label)
                        } else {
                            #expect(!outcomes[position].label.hasPrefix("if "))
                        }
                    }
                }
            }
            #expect(stepTotal == steps.all.count)
        }
        #expect(ruleSteps > 0 && outcomeSteps > 0 && switchSteps > 0)
    }

    /// An outcome that names no node (reported by the front end) is no edge, wherever it is among
    /// the node's outcomes: first, in the middle, last, or all of them.
    @Test func edgesSkipOutcomesThatNameNoNode() throws {
        let flow = try ResolvedTargetsTests.flow(through: .typeCheck)
        let main = try #require(flow.nodeIndex["main"]), desk = try #require(flow.nodeIndex["desk"])
        let labels = flow.nodes[main].outcomes.map(\.label)
        #expect(labels == ["1", "2", "no_input", "no_match"])
        for unnamed in [[0], [1, 2], [3], [0, 3], [0, 1, 2, 3]] {
            var targets = flow.outcomeTargets
            for position in unnamed { targets[main, position] = -1 }
            let graph = FlowGraph(flow.resolving(outcomeTargets: targets, startTarget: flow.startTarget, ruleTargets: flow.ruleTargets))
            let kept = labels.indices.filter { !unnamed.contains($0) }
            #expect(graph.edges[main].map(\.label) == kept.map { labels[$0] })
            #expect(graph.edges[main].count == kept.count)
            // The request rule's exit stays a successor of the menu.
            #expect(Array(graph.successors[main]) == kept.map { targets[main, $0] } + [desk])
            #expect(graph.predecessors(of: desk).contains(Int32(main)))
            #expect(NextSteps(graph)[main].compactMap(\.outcome) == kept)
        }
    }
}
