import CallFlowRuntime
import Testing
@testable import CallFlowCompiler

/// Issue 10 item 5: `resolve` gives every reference to a node its index once (outcomes, `start`,
/// rules' `goto`), and the graph and lowering read those indices, never the names.
@Suite struct ResolvedTargetsTests {
    static let text = """
    callflow: 1
    name: targets
    timezone: America/New_York
    start: welcome
    context:
      caller.vip: bool
    schedules:
      office:
        weekly: {mon-fri: "09:00-17:00"}
    escalations:
      - name: agent
        at: request
        goto: desk
      - name: first
        at: start
        when: caller.vip
        goto: welcome
    nodes:
      welcome: {say: "Hello.", next: office-hours}
      office-hours: {hours: office, open: main, closed: box}
      main:
        menu: "Press 1 for sales, 2 for support."
        options:
          "1": sales
          "2": {goto: support, say: "support"}
        no_input: box
        no_match: box
      sales: {transfer: "+15550101", fallback: box}
      support: {transfer: "+15550102", fallback: box}
      desk: {transfer: "+15550100", fallback: box}
      box: {voicemail: general}

    """

    static func flow(through stage: Stage) throws -> Flow {
        let compilation = Driver().run(SourceFile(path: "targets.yaml", text: text), through: stage)
        #expect(compilation.diagnostics.diagnostics.isEmpty, "\(compilation.diagnostics.diagnostics.dump)")
        return try #require(compilation.flow)
    }

    @Test func resolveGivesEveryReferenceToANodeItsIndex() throws {
        let decoded = try Self.flow(through: .decode)
        #expect(!decoded.isResolved)
        #expect(decoded.startTarget == -1 && decoded.ruleTargets.isEmpty && decoded.outcomeTargets.isEmpty)

        let flow = try Self.flow(through: .resolve)
        let index = flow.nodeIndex
        #expect(flow.isResolved)
        #expect(flow.startTarget == index["welcome"])
        #expect(flow.ruleTargets == [index["desk"], index["welcome"]].compactMap { $0 })
        let main = try #require(index["main"]), hours = try #require(index["office-hours"])
        #expect(flow.target(of: main, item: 0) == index["sales"])
        #expect(flow.target(of: main, item: 1) == index["support"])
        #expect(flow.target(of: main, "no_input") == index["box"])
        // A menu's options come first among its outcomes, then `no_input` and `no_match`.
        #expect(flow.outcomeTargets[main] == ["sales", "support", "box", "box"].compactMap { index[$0] })
        #expect(flow.target(of: hours, "open") == main)
        // `holiday` defaults to where `closed` goes; a label the node lacks has no target.
        #expect(flow.target(of: hours, "holiday") == index["box"])
        #expect(flow.target(of: main, "next") == nil)

        // typeCheck keeps them; the importers' way (`resolved()`) gives the same indices.
        let checked = try Self.flow(through: .typeCheck)
        #expect(checked.startTarget == flow.startTarget && checked.ruleTargets == flow.ruleTargets)
        #expect(checked.outcomeTargets == flow.outcomeTargets)
        let again = decoded.resolved()
        #expect(again.startTarget == flow.startTarget && again.ruleTargets == flow.ruleTargets)
        #expect(again.outcomeTargets == flow.outcomeTargets)
    }

    @Test func aNameThatNamesNoNodeResolvesToMinusOne() throws {
        let text = Self.text.replacingOccurrences(of: "start: welcome", with: "start: welcom")
            .replacingOccurrences(of: "goto: desk", with: "goto: dsk")
        let compilation = Driver().run(SourceFile(path: "targets.yaml", text: text), through: .resolve)
        #expect(compilation.diagnostics.diagnostics.ids == ["undefined-reference", "undefined-reference"])
        let flow = try #require(compilation.flow)
        #expect(flow.startTarget == -1)
        #expect(flow.ruleTargets == [-1, try #require(flow.nodeIndex["welcome"])])
    }

    /// The flow with its start, its first rule and the menu's option "1" sent elsewhere than
    /// their names say: what the graph and the table do shows which they read.
    @Test func theGraphAndLoweringReadTheResolvedIndices() throws {
        let flow = try Self.flow(through: .typeCheck)
        let index = flow.nodeIndex
        let main = try #require(index["main"]), desk = try #require(index["desk"])
        let support = try #require(index["support"]), box = try #require(index["box"])
        var outcomes = flow.outcomeTargets
        outcomes[main, 0] = support
        let moved = flow.resolving(outcomeTargets: outcomes, startTarget: desk, ruleTargets: [box, flow.ruleTargets[1]])

        let graph = FlowGraph(moved)
        #expect(graph.entries.map(\.target) == [desk, box, flow.ruleTargets[1]])
        #expect(graph.edges[main].first?.label == "1" && graph.edges[main].first?.target == support)
        #expect(NextSteps(graph)[main].first?.target == support)

        let compiled = try TableCompiler.compile(graph, sourceHash: 0, options: .none)
        let table = compiled.table
        func name(_ node: Int32) -> String { table.strings[Int(table.nodes[Int(node)].name)] }
        #expect(name(table.start) == "desk")
        #expect(table.rules.map { name($0.target) } == ["welcome", "box"]) // start rules first
        let menu = table.nodes[Int(compiled.nodeIndex[main])]
        let key = RoutingTable.keyIndex(UInt8(ascii: "1"))
        let jump = Int(menu.edgeStart) + TableNodeKind.menu.descriptor.outcomes.count + key
        #expect(name(table.edges[jump]) == "support")
    }
}
