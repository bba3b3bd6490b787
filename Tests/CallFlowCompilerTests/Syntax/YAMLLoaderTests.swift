import Testing
@testable import CallFlowCompiler

@Suite struct YAMLLoaderPositionTests {
    let block = """
    callflow: 1
    name: "acme"
    nodes:
      hello:
        say: 'Hi there'
        next: bye

    """

    @Test func blockKeysAndPlainValues() throws {
        let document = Fixture.load(block)
        #expect(document.diagnostics.isEmpty)
        let root = try #require(document.root)
        #expect(root.keys == ["callflow", "name", "nodes"])
        #expect(root.range.start == at(1, 1))
        #expect(root.keyNode("callflow")?.range == span(1, 1, 1, 9))
        #expect(root["callflow"]?.range == span(1, 11, 1, 12))
        #expect(root.keyNode("nodes")?.range == span(3, 1, 3, 6))
        let hello = try #require(root["nodes"]?["hello"])
        #expect(root["nodes"]?.keyNode("hello")?.range == span(4, 3, 4, 8))
        #expect(hello.range.start == at(5, 5))
        #expect(hello.keyNode("say")?.range == span(5, 5, 5, 8))
        #expect(hello.keyNode("next")?.range == span(6, 5, 6, 9))
        #expect(hello["next"]?.range == span(6, 11, 6, 14))
        #expect(hello["next"]?.scalarText == "bye")
    }

    @Test func quotedScalarsIncludeTheirQuotes() throws {
        let root = try #require(Fixture.load(block).root)
        let name = try #require(root["name"])
        #expect(name.range == span(2, 7, 2, 13))
        guard case .scalar(let text, let style) = name.content else {
            Issue.record("name is not a scalar")
            return
        }
        #expect(text == "acme")
        #expect(style == .doubleQuoted)
        let say = try #require(root["nodes"]?["hello"]?["say"])
        #expect(say.range == span(5, 10, 5, 20))
        #expect(say.scalarText == "Hi there")
        if case .scalar(_, let style) = say.content { #expect(style == .singleQuoted) }
    }

    @Test func flowMappingRanges() throws {
        // Columns count characters: the two-byte é is one column.
        let root = try #require(Fixture.load("node: {say: \"Hé\", next: bye}\n").root)
        let node = try #require(root["node"])
        #expect(node.range == span(1, 7, 1, 29))
        #expect(node.keyNode("say")?.range == span(1, 8, 1, 11))
        #expect(node["say"]?.range == span(1, 13, 1, 17))
        #expect(node["say"]?.scalarText == "Hé")
        #expect(node.keyNode("next")?.range == span(1, 19, 1, 23))
        #expect(node["next"]?.range == span(1, 25, 1, 28))
    }

    @Test func flowSequenceRanges() throws {
        let root = try #require(Fixture.load("list: [x, \"y z\", 12]\n").root)
        let list = try #require(root["list"])
        #expect(list.range == span(1, 7, 1, 21))
        let items = try #require(list.sequenceItems)
        #expect(items.map(\.range) == [span(1, 8, 1, 9), span(1, 11, 1, 16), span(1, 18, 1, 20)])
        #expect(items.map(\.scalarText) == ["x", "y z", "12"])
    }

    @Test func blockSequenceItems() throws {
        let root = try #require(Fixture.load("list:\n  - one\n  - \"two\"\n").root)
        let items = try #require(root["list"]?.sequenceItems)
        #expect(items.map(\.range) == [span(2, 5, 2, 8), span(3, 5, 3, 10)])
    }
}

@Suite struct YAMLCoreSchemaTests {
    @Test(arguments: [
        ("yes", ScalarValue.string("yes")),
        ("no", .string("no")),
        ("on", .string("on")),
        ("off", .string("off")),
        ("y", .string("y")),
        ("true", .bool(true)),
        ("False", .bool(false)),
        ("0x1F", .int(31)),
        ("0o17", .int(15)),
        ("42", .int(42)),
        ("-7", .int(-7)),
        ("1.5", .float(1.5)),
        ("1e3", .float(1000)),
        (".5", .float(0.5)),
        ("~", .null),
        ("null", .null),
        ("12abc", .string("12abc")),
        ("2026-12-25", .string("2026-12-25")),
        ("08:00", .string("08:00")),
        ("\"1\"", .string("1")),
        ("'true'", .string("true")),
        ("!!str 12", .string("12")),
    ])
    func plainScalarTyping(source: String, expected: ScalarValue) throws {
        let root = try #require(Fixture.load("value: \(source)\n").root)
        #expect(root["value"]?.scalarValue == expected)
    }

    @Test func emptyValueIsNull() throws {
        let root = try #require(Fixture.load("value:\nother: 1\n").root)
        #expect(root["value"]?.scalarValue == .null)
    }
}

@Suite struct YAMLAliasAndMergeTests {
    @Test func aliasRepeatsTheAnchoredContentAtTheAliasPosition() throws {
        let document = Fixture.load("base: &b {say: hi, next: x}\ncopy: *b\n")
        #expect(document.diagnostics.isEmpty)
        let root = try #require(document.root)
        let copy = try #require(root["copy"])
        #expect(copy.keys == ["say", "next"])
        #expect(copy["say"]?.scalarText == "hi")
        #expect(copy.range == span(2, 7, 2, 9))
        let scalarAlias = try #require(Fixture.load("a: &x hello\nb: *x\n").root)
        #expect(scalarAlias["b"]?.scalarText == "hello")
    }

    @Test func aliasWithoutAnchorIsAnError() throws {
        let document = Fixture.load("a: 1\nb: *nope\n")
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(document.diagnostics.count == 1)
        #expect(diagnostic.check == "yaml-syntax")
        #expect(diagnostic.range.start == at(2, 4))
        #expect(diagnostic.message.contains("'*nope'"))
    }

    let merges = """
    defaults: &d {timeout: 5s, retries: 2}
    extra: &e {retries: 4, say: hi}
    one:
      <<: *d
      retries: 3
    two:
      retries: 1
      <<: [*d, *e]
    three: {<<: [*e, *d]}
    four: {<<: [*d, *e]}

    """

    @Test func singleMergeExplicitKeyWins() throws {
        let document = Fixture.load(merges)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics.dump)")
        let one = try #require(document.root?["one"])
        #expect(Set(one.keys) == ["timeout", "retries"])
        #expect(one.keys.count == 2)
        #expect(one["retries"]?.scalarText == "3")
        #expect(one["timeout"]?.scalarText == "5s")
        #expect(!one.keys.contains("<<"))
    }

    @Test func listMergeExplicitKeysWinThenEarlierSources() throws {
        let root = try #require(Fixture.load(merges).root)
        let two = try #require(root["two"])
        #expect(Set(two.keys) == ["retries", "timeout", "say"])
        #expect(two.keys.count == 3)
        #expect(two["retries"]?.scalarText == "1")
        #expect(two["say"]?.scalarText == "hi")
        #expect(root["three"]?["retries"]?.scalarText == "4")
        #expect(root["four"]?["retries"]?.scalarText == "2")
    }

    @Test func mergeOfAScalarIsAnError() throws {
        let document = Fixture.load("a: {<<: 5}\n")
        #expect(document.root == nil)
        #expect(document.diagnostics.ids == ["yaml-syntax"])
        #expect(document.diagnostics.first?.range.start == at(1, 9))
        #expect(document.diagnostics.first?.message.contains("merge key") == true)
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let root = try #require(Fixture.load("a: {\"<<\": 5}\n").root)
        #expect(root["a"]?.keys == ["<<"])
    }
}

@Suite struct YAMLDuplicateAndDocumentTests {
    @Test func duplicateKeyIsReportedAtTheSecondWithANoteAtTheFirst() throws {
        let document = Fixture.load("a: 1\nb: 2\na: 3\n")
        let diagnostic = try #require(document.diagnostics.first)
        #expect(document.diagnostics.count == 1)
        #expect(diagnostic.check == "duplicate-key")
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.range == span(3, 1, 3, 2))
        #expect(diagnostic.message.contains("'a' appears twice"))
        #expect(diagnostic.notes.count == 1)
        #expect(diagnostic.notes.first?.range == span(1, 1, 1, 2))
        #expect(diagnostic.notes.first?.message.contains("first 'a'") == true)
        // The first value is kept; reading goes on.
        #expect(document.root?["a"]?.scalarText == "1")
        #expect(document.root?.keys == ["a", "b"])
    }

    @Test func duplicateKeyInALargeMapping() throws {
        let keys = (0..<12).map { "k\($0): \($0)" } + ["k3: again", "k11: again"]
        let document = Fixture.load(keys.joined(separator: "\n") + "\n")
        #expect(document.diagnostics.map(\.range.start) == [at(13, 1), at(14, 1)])
        #expect(document.diagnostics.compactMap(\.notes.first?.range?.start) == [at(4, 1), at(12, 1)])
        #expect(document.root?.keys.count == 12)
    }

    @Test func duplicateKeyInFlowMapping() throws {
        let document = Fixture.load("node: {say: a, say: b}\n")
        #expect(document.diagnostics.ids == ["duplicate-key"])
        #expect(document.diagnostics.first?.range == span(1, 16, 1, 19))
        #expect(document.diagnostics.first?.notes.first?.range == span(1, 8, 1, 11))
    }

    @Test func secondDocumentIsRefused() throws {
        let document = Fixture.load("a: 1\n---\nb: 2\n")
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.check == "yaml-syntax")
        #expect(diagnostic.range.start == at(2, 1))
        #expect(diagnostic.message.contains("second YAML document"))
    }

    /// A file ending with `---` (an empty second document) or `...` is one document; only a
    /// second document with content is refused.
    @Test(arguments: ["a: 1\n---\n", "a: 1\n---\n...\n", "a: 1\n...\n", "a: 1\n...\n---\n", "---\na: 1\n---\n---\n", "a: 1\n--- # nothing more\n"])
    func emptyTrailingDocumentsAreNoSecondDocument(text: String) throws {
        let document = Fixture.load(text)
        #expect(document.diagnostics.isEmpty, "\(text.debugDescription): \(document.diagnostics.map(\.message))")
        #expect(document.root?["a"]?.scalarValue == .int(1))
    }

    @Test(arguments: ["a: 1\n---\nb: 2\n", "a: 1\n---\n---\nx\n", "a: 1\n--- ''\n", "a: 1\n--- ~\n", "a: 1\n---\n- x\n"])
    func aSecondDocumentWithContentIsRefused(text: String) throws {
        let document = Fixture.load(text)
        #expect(document.root == nil)
        #expect(document.diagnostics.map(\.check) == ["yaml-syntax"], "\(text.debugDescription)")
        #expect(document.diagnostics.first?.message.contains("second YAML document") == true)
    }

    @Test func oneExplicitDocumentIsFine() throws {
        let document = Fixture.load("---\na: 1\n...\n")
        #expect(document.diagnostics.isEmpty)
        #expect(document.root?["a"]?.scalarValue == .int(1))
    }

    @Test func emptyFileHasNoRoot() {
        let document = Fixture.load("")
        #expect(document.root == nil)
        #expect(document.diagnostics.isEmpty)
    }
}

/// Keys are compared whole: keys of equal length over eight bytes that share their first eight
/// bytes are different keys (a comparison by prefix alone would call them duplicates).
@Suite struct LongKeyDuplicateTests {
    @Test func longKeysSharingAPrefixAreDifferent() {
        let loaded = Fixture.load("option-a1: 1\noption-a2: 2\noption-a1-long: 3\noption-a1-lonG: 4\n")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.dump)")
        #expect(loaded.root?.keys == ["option-a1", "option-a2", "option-a1-long", "option-a1-lonG"])
    }

    @Test func aLongKeyWrittenTwiceIsADuplicate() {
        let loaded = Fixture.load("option-a1: 1\noption-a2: 2\noption-a1: 3\n")
        #expect(loaded.diagnostics.map(\.check) == ["duplicate-key"], "\(loaded.diagnostics.dump)")
        #expect(loaded.diagnostics.first?.range.start == at(3, 1))
    }
}
