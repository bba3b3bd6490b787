import Testing
@testable import CallFlowCompiler

@Suite struct MenuTooDeepTests {
    /// A chain of `depth` menus, each node on 4 lines from line 5; every human hangs off the last.
    static func chain(_ depth: Int, extra: String = "") -> String {
        var text = "callflow: 1\nname: deep\nstart: m1\n\(extra)nodes:\n"
        for level in 1...depth {
            let next = level == depth ? "a" : "m\(level + 1)"
            let other = level == depth ? "b" : "box"
            text += "  m\(level):\n    menu: \"For more press 1. For the other press 2.\"\n"
            text += "    options: {\"1\": \(next), \"2\": \(other)}\n    fallback: m\(level)-out\n"
        }
        for level in 1...depth {
            text += "  m\(level)-out: {hangup: true}\n"
        }
        text += "  a: {transfer: \"+15550100\", fallback: box}\n  b: {transfer: \"+15550101\", fallback: box}\n"
        text += "  box: {hangup: true}\n"
        return text
    }

    @Test func exactlyAtTheLimitDoesNotFire() {
        let findings = lint(Self.chain(3))
        #expect(findings.with("menu-too-deep").isEmpty, "\(findings.dump)")
    }

    @Test func onePastTheLimitFiresAtTheFourthMenu() throws {
        let findings = lint(Self.chain(4)).with("menu-too-deep")
        // Both humans behind m4 point at m4: one finding.
        #expect(findings.count == 1, "\(findings.dump)")
        let finding = try #require(findings.first)
        #expect(finding.range.start == at(17, 3))
        #expect(finding.message.contains("menu 'm4' is menu 4"))
        #expect(finding.message.contains("'a'"))
        #expect(finding.notes.map(\.message).prefix(4) == ["menu 1 of 4: 'm1'", "menu 2 of 4: 'm2'",
                                                           "menu 3 of 4: 'm3'", "menu 4 of 4: 'm4'"])
        #expect(finding.notes.first?.range?.start == at(5, 3))
    }

    @Test func fiveDeepFiresOnlyAtTheFourthMenu() {
        let findings = lint(Self.chain(5)).with("menu-too-deep")
        #expect(findings.map(\.message).allSatisfy { $0.hasPrefix("menu 'm4'") }, "\(findings.dump)")
        #expect(findings.count == 1)
    }

    @Test func aShortcutCountsForTheEndpointItReaches() {
        // A request rule opens a way to 'a' from the first menu (one menu deep); 'b' stays behind m4.
        let text = Self.chain(4, extra: "escalations:\n  - name: person\n    at: request\n    goto: a\n")
        let findings = lint(text).with("menu-too-deep")
        #expect(findings.count == 1, "\(findings.dump)")
        #expect(findings.first?.message.contains("to 'b'") == true)
        #expect(findings.first?.range.start == at(21, 3))
    }

    @Test func theLimitIsConfigurable() throws {
        let flow = try #require(FrontEnd().load(SourceFile(path: "t.yaml", text: Self.chain(3))).flow)
        let graph = FlowGraph(flow)
        let findings = MenuTooDeep.run(graph, CheckContext(graph: graph, options: ["menu-too-deep": ["max": .integer(2)]]))
        #expect(findings.count == 1)
        #expect(findings.first?.message.hasPrefix("menu 'm3' is menu 3") == true)
    }

    @Test func zeroOneSearchFindsFewestMenusNotFewestEdges() throws {
        // start -> m1 -> a (2 edges, 1 menu) versus start -> s1 -> s2 -> s3 -> a (4 edges, 0 menus).
        let flow = try #require(FrontEnd().load(SourceFile(path: "t.yaml", text: """
        callflow: 1
        name: zero-one
        start: hub
        nodes:
          hub:
            switch:
              - if: call.failures > 1
                goto: m1
            else: s1
          m1:
            menu: "press 1 or 2"
            options: {"1": a, "2": a}
            fallback: a
          s1: {say: "one", next: s2}
          s2: {say: "two", next: s3}
          s3: {say: "three", next: a}
          a: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)).flow)
        let graph = FlowGraph(flow)
        let isMenu = graph.nodes.map { if case .menu = $0.kind { true } else { false } }
        let (menus, parent, order) = MenuTooDeep.fewestMenus(graph, from: 0, isMenu: isMenu)
        #expect(Set(order).count == graph.count)
        let a = try #require(graph.index(of: "a"))
        #expect(menus[a] == 0)
        #expect(parent[a] == graph.index(of: "s3"))
        #expect(menus[try #require(graph.index(of: "m1"))] == 1)
    }
}
