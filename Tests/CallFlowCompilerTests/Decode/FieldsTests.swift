import Testing
@testable import CallFlowCompiler

/// `Fields` answers "is this key there?" from a 64-bit filter before scanning the mapping (issue
/// 13's speed requirement): a filter may say "look" for an absent key, never "absent" for a key
/// that is there.
@Suite struct FieldsTests {
    /// Keys a node may have, and names made up so that many more keys than bits are asked for.
    static let names = NodeShape.all.flatMap { [$0.kind] + $0.outcomeKeys + $0.otherKeys }
        + (0..<150).map { "key_\($0)" } + ["a", "ab", "abcdefgh", "abcdefghi", "abcdefghij", "description", "descriptions"]

    @Test func everyKeyWrittenIsFoundAndNoOtherIs() throws {
        let allNames = Array(Set(Self.names)).sorted()
        // Every other name is written, each with its own value; the rest are asked for but absent.
        let written = allNames.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let text = written.enumerated().map { "\($0.element): value-\($0.offset)" }.joined(separator: "\n") + "\n"
        let document = Fixture.load(text)
        #expect(document.diagnostics.isEmpty)
        let root = try #require(document.root)
        let pairs = try #require(root.mappingPairs)
        var bag = DiagnosticBag()
        let fields = Fields(root, pairs: pairs, allowed: allNames, owner: "the test", bag: &bag)
        #expect(bag.diagnostics.isEmpty)
        for (index, name) in written.enumerated() {
            #expect(fields[name]?.scalarText == "value-\(index)", "\(name)")
            #expect(fields.key(name)?.scalarText == name)
            #expect(fields.has(name))
        }
        for name in allNames where !written.contains(name) {
            #expect(fields[name] == nil, "\(name)")
            #expect(!fields.has(name))
        }
    }

    /// An option's keys are read in one pass: each is found in any order, and a missing `goto`
    /// is still reported, once.
    @Test func optionKeysInAnyOrder() throws {
        let result = Fixture.decode(Self.menu(third: ""))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        let main = try #require(result.flow?.nodes.first { $0.id.value == "main" })
        guard case .menu(let menu) = main.kind else { Issue.record("not a menu"); return }
        #expect(menu.options.map(\.key.value) == ["1", "2"])
        #expect(menu.options[0].critical)
        #expect(menu.options[0].label == "sales")
        #expect(menu.options[0].speech.map(\.value) == ["sales"])
        #expect(!menu.options[1].critical)
        #expect(menu.options[1].label == "support")
        #expect(menu.options[1].speech.isEmpty)
        #expect(main.outcomes.map(\.label) == ["1", "2", "no_input", "no_match"])
    }

    @Test func optionWithoutGotoIsReportedOnce() {
        let result = Fixture.decode(Self.menu(third: "\n      \"3\": {say: \"nobody\", critical: false}"))
        #expect(result.diagnostics.ids == ["invalid-value"], "\(result.diagnostics.dump)")
        #expect(result.diagnostics.first?.message.contains("option 3 has no 'goto'") == true)
        #expect(result.diagnostics.first?.range == span(10, 7, 10, 10))
    }

    static func menu(third: String) -> String {
        """
        callflow: 1
        name: test
        start: main
        nodes:
          main:
            menu: "Press 1 or 2."
            options:
              "1": {critical: true, speech: [sales], say: "sales", goto: done}
              "2": {say: "support", goto: done}\(third)
            no_input: done
            no_match: done
          done: {hangup: true}
        """
    }
}
