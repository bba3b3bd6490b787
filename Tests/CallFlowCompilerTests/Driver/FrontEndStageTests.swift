import Testing
@testable import CallFlowCompiler

/// Issue 10, item 5: the driver runs `decode`, `resolve` and `typeCheck` as stages of their own,
/// each with its own time, and stops after the one it is asked to reach.
@Suite struct DriverFrontEndStageTests {
    static let flow = """
    callflow: 1
    name: staged
    start: route
    context:
      caller.vip: bool
    nodes:
      route:
        switch:
          - if: caller.vip
            goto: desk
        else: box
      desk: {transfer: "+15550101", fallback: box}
      box: {voicemail: general}

    """

    static func run(through stage: Stage) -> Compilation {
        Driver().run(SourceFile(path: "staged.yaml", text: flow), through: stage)
    }

    static func condition(_ compilation: Compilation) -> ExpressionSource? {
        guard case .switch(let cases) = compilation.flow?.nodes.first?.kind else { return nil }
        return cases.first?.condition
    }

    @Test func decodeLeavesNamesUnresolvedAndConditionsUnparsed() throws {
        let decoded = Self.run(through: .decode)
        #expect(decoded.reached == .decode)
        #expect(decoded.flow?.outcomeTargets.isEmpty == true)
        #expect(!decoded.modelComplete)
        #expect(try #require(Self.condition(decoded)).parsed == nil)
    }

    @Test func resolveFillsTargetsAndTypeCheckParsesConditions() throws {
        let resolved = Self.run(through: .resolve)
        let flow = try #require(resolved.flow)
        #expect(flow.outcomeTargets.count == flow.nodes.count)
        #expect(try #require(Self.condition(resolved)).parsed == nil)
        let checked = Self.run(through: .typeCheck)
        #expect(checked.modelComplete)
        #expect(try #require(Self.condition(checked)).parsed != nil)
        #expect(checked.times.map(\.stage) == [.load, .decode, .resolve, .typeCheck])
    }

    @Test func aFindingOfResolveKeepsTheGraphStagesFromRunning() {
        let text = Self.flow.replacingOccurrences(of: "else: box", with: "else: bxo")
        let compilation = Driver().run(SourceFile(path: "staged.yaml", text: text), through: .graphChecks)
        #expect(compilation.diagnostics.diagnostics.map(\.check) == ["undefined-reference"])
        #expect(!compilation.modelComplete)
        #expect(compilation.reached == .typeCheck)
        #expect(compilation.graph == nil)
    }
}
