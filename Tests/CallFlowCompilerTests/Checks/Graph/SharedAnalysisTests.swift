import Foundation
import Testing
@testable import CallFlowCompiler

/// What the graph checks share so each is computed once (issue 17) answers as the per-check
/// computations it replaced did.
@Suite struct SharedAnalysisTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func flows() throws -> [NextSteps] {
        var texts = [NextStepsTests.flow, RuleFlow.switchFlow(["caller.emergency", "account.balance > 3"])]
        for name in ["helpdesk.yaml", "riverside-clinic.yaml"] {
            texts.append(try String(contentsOf: root.appendingPathComponent("flows/\(name)"), encoding: .utf8))
        }
        return try texts.map { text in
            NextSteps(FlowGraph(try #require(FrontEnd().load(SourceFile(path: "t.yaml", text: text)).flow)))
        }
    }

    /// The backward search over flat arrays finds the nodes the search over per-node predecessor
    /// lists found, for goals, blocked nodes and step filters of every kind the checks use.
    @Test func canReachAsThePredecessorSearch() throws {
        for steps in try Self.flows() {
            let graph = steps.graph
            let cases: [(goals: (Int) -> Bool, passable: (Int) -> Bool, filter: (NextStep) -> Bool)] = [
                ({ graph.kindClass[$0].isHuman }, { _ in true }, { _ in true }),
                ({ graph.kindClass[$0].canEndCall }, { _ in true }, { _ in true }),
                ({ graph.kindClass[$0].isHuman }, { $0 % 3 != 0 }, { $0.isUnchosen }),
                ({ $0 == 0 }, { _ in true }, { $0.cause == .choice }),
                ({ _ in false }, { _ in true }, { _ in true }),
            ]
            var sawBoth = false
            for (goals, passable, filter) in cases {
                let predecessors = steps.predecessors(where: filter)
                let expected = GraphSearch.reachable(from: (0..<steps.count).filter(goals), count: steps.count,
                                                     successors: { predecessors[$0] }, blocked: { !goals($0) && !passable($0) })
                let found = steps.canReach(goals: goals, passable: passable, along: filter)
                #expect(found == expected)
                sawBoth = sawBoth || (found.contains(true) && found.contains(false))
            }
            #expect(sawBoth, "some search should reach some nodes and not others")
        }
    }

    /// `constant-condition` reads a one-case switch's answer from `NextSteps.switchHolding`:
    /// the same answer as deciding the condition alone.
    @Test func oneCaseSwitchAsTheConditionAlone() throws {
        let conditions = ["true", "false", "1 < 2", "account.age >= 0s", "account.age < 0s", "caller.emergency",
                          #"caller.tier in ["standard", "gold", "vip"]"#, #"caller.tier in ["gold", "vip"]"#,
                          "account.balance <= 3 or account.balance > 3", "account.balance < 3 or account.balance > 3",
                          #"open("office") or true"#, "account.balance == account.balance",
                          "account.balance > 100 and account.balance < 50"]
        var constants = 0
        for condition in conditions {
            let flow = try #require(FrontEnd().load(SourceFile(path: "t.yaml", text: RuleFlow.switchFlow([condition]))).flow)
            let graph = FlowGraph(flow)
            let route = try #require(graph.index(of: "route"))
            let holding = try #require(NextSteps(graph).switchHolding[route])
            guard case .switch(let cases) = flow.nodes[route].kind, let typed = cases[0].condition.parsed else {
                Issue.record("\(condition) did not check")
                continue
            }
            let alone = CoverageAnalysis.constancy(of: typed)
            let found = lint(RuleFlow.switchFlow([condition])).with("constant-condition")
            #expect(found.count == (alone == nil ? 0 : 1), "\(condition)")
            if alone == .alwaysTrue { #expect(holding.canWin == [true] && !holding.canFallThrough, "\(condition)") }
            if alone == .alwaysFalse { #expect(holding.canWin == [false] && holding.canFallThrough, "\(condition)") }
            if let alone {
                constants += 1
                #expect(found.first?.message.contains(alone == .alwaysTrue ? "always true" : "always false") == true, "\(condition)")
            }
        }
        #expect(constants == 8)
        // Every switch but nodes of other kinds have an answer.
        let steps = try #require(Self.flows().first)
        for index in 0..<steps.count {
            if case .switch = steps.graph.nodes[index].kind { #expect(steps.switchHolding[index] != nil) } else { #expect(steps.switchHolding[index] == nil) }
        }
    }

    /// `walk` visits a node, then its children in `children`'s order, depth first.
    @Test func walkVisitsInChildrenOrder() throws {
        let expression = try ExpressionParser.parse(#"not (a.b == 1 or c in ["x", "y", 3]) and f(g, 2) != h"#).get()
        func reference(_ node: CallFlowCompiler.Expression, _ into: inout [String]) {
            into.append("\(node.kind)")
            for child in node.children { reference(child, &into) }
        }
        var expected: [String] = []
        reference(expression, &expected)
        var visited: [String] = []
        expression.walk { visited.append("\($0.kind)") }
        #expect(visited == expected)
        #expect(visited.count == 16)
    }

    /// The lexer's text of scalars is their UTF-8, whatever their length.
    @Test func lexerTextOfScalars() {
        for text in ["", "caller.tier", "1m30s", "é", "a€b", "😀x", "ü\u{301}"] {
            #expect(ExpressionLexer.string(ArraySlice(Array(text.unicodeScalars))) == text)
        }
    }
}
