import Testing
@testable import CallFlowCompiler

@Suite struct MenuTooWideTests {
    static func flow(keys: [String]) -> String {
        let options = keys.map { "\"\($0)\": desk" }.joined(separator: ", ")
        let prompt = keys.map { "press \($0)" }.joined(separator: ", ")
        return """
        callflow: 1
        name: wide
        start: main
        nodes:
          main:
            menu: "\(prompt)"
            options: {\(options)}
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """
    }

    @Test func sixOptionsFireAtTheMenuId() throws {
        let findings = lint(Self.flow(keys: ["1", "2", "3", "4", "5", "6"])).with("menu-too-wide")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(5, 3))
        #expect(finding.message.contains("'main' has 6 options (more than 5)"))
    }

    @Test func fiveOptionsAreFine() {
        let findings = lint(Self.flow(keys: ["1", "2", "3", "4", "5"]))
        #expect(findings.isEmpty, "\(findings.dump)")
    }

    @Test func theLimitIsConfigurable() throws {
        let result = FrontEnd().load(SourceFile(path: "t.yaml", text: Self.flow(keys: ["1", "2", "3", "4"])))
        let graph = FlowGraph(try #require(result.flow))
        let strict = CheckContext(graph: graph, options: ["menu-too-wide": ["max": .integer(3)]])
        #expect(MenuTooWide.run(graph, strict).count == 1)
        #expect(MenuTooWide.run(graph, strict).first?.message.contains("more than 3") == true)
        #expect(MenuTooWide.run(graph, CheckContext(graph: graph)).isEmpty)
    }
}
