import Testing
@testable import CallFlowCompiler

/// Issue 17 (branch mem17): a node keeps its id and outcomes without their file (the node's own)
/// and makes them whole when read; ranges in another file are kept whole. Either way a node reads
/// back exactly what it was given.
@Suite struct CompactNodeTests {
    static func range(_ file: String, _ line: Int, _ column: Int, _ length: Int = 3) -> SourceRange {
        SourceRange(file: file, start: SourcePosition(line: line, column: column),
                    end: SourcePosition(line: line, column: column + length))
    }

    static func outcomes(_ file: String) -> [Outcome] {
        [Outcome(label: "1", target: Located("billing", at: range(file, 4, 12, 7)), source: range(file, 4, 7, 3)),
         Outcome(label: "no_input", target: Located("operator", at: range(file, 6, 17, 8)), source: range(file, 6, 7, 8)),
         Outcome(label: "if caller.tier == \"vip\" and account.balance > 0", target: Located("vip-line", at: range(file, 7, 9, 8)),
                 source: range(file, 7, 3, 2))]
    }

    /// What a test can compare of an outcome: every field, the files by path.
    static func fields(_ outcome: Outcome) -> [String] {
        [outcome.label, outcome.target.value, "\(outcome.target.range.file) \(outcome.target.range.start) \(outcome.target.range.end)",
         "\(outcome.source.file) \(outcome.source.start) \(outcome.source.end)"]
    }

    static func node(id: Located<String>, range: SourceRange, outcomes: [Outcome], missing: [String] = []) -> FlowNode {
        FlowNode(id: id, range: range, kind: .say(Prompt(value: "Hello", range: range, variants: [])), outcomes: outcomes,
                 missingOutcomes: missing, description: nil, ignore: [])
    }

    @Test func aNodeReadsBackItsIdAndOutcomesInItsOwnFile() {
        // Every range makes its own `FileName` here: the node compares files by path.
        let given = Self.outcomes("a.yaml")
        let node = Self.node(id: Located("main", at: Self.range("a.yaml", 3, 3, 4)), range: Self.range("a.yaml", 4, 5, 40),
                             outcomes: given, missing: ["no_match"])
        #expect(!node.keepsRangesWhole)
        #expect(node.outcomes.map(Self.fields) == given.map(Self.fields))
        #expect(node.outcomes.indices.map { node.outcomes.label(at: $0) } == given.map(\.label))
        #expect(node.id == Located("main", at: Self.range("a.yaml", 3, 3, 4)))
        #expect(node.id.range.file == "a.yaml")
        #expect(node.missingOutcomes == ["no_match"])
        #expect(node.outcome("no_input")?.target.value == "operator")
    }

    @Test func rangesInAnotherFileAreKeptWhole() {
        var given = Self.outcomes("a.yaml")
        given[1].source = Self.range("b.yaml", 2, 1)
        let node = Self.node(id: Located("main", at: Self.range("a.yaml", 3, 3, 4)), range: Self.range("a.yaml", 4, 5, 40),
                             outcomes: given)
        #expect(node.keepsRangesWhole)
        #expect(node.outcomes.map(Self.fields) == given.map(Self.fields))
        #expect(node.outcomes[1].source.file == "b.yaml")
        #expect(node.outcomes.indices.map { node.outcomes.label(at: $0) } == given.map(\.label))

        let elsewhere = Self.node(id: Located("main", at: Self.range("c.yaml", 3, 3, 4)), range: Self.range("a.yaml", 4, 5, 40),
                                  outcomes: Self.outcomes("a.yaml"))
        #expect(elsewhere.keepsRangesWhole)
        #expect(elsewhere.id.range.file == "c.yaml")
        #expect(elsewhere.outcomes.map(Self.fields) == Self.outcomes("a.yaml").map(Self.fields))
        #expect(elsewhere.missingOutcomes.isEmpty)
    }

    @Test func replacingTheKindKeepsTheRest() {
        for file in ["a.yaml", "b.yaml"] {
            let node = Self.node(id: Located("main", at: Self.range("a.yaml", 3, 3, 4)), range: Self.range("a.yaml", 4, 5, 40),
                                 outcomes: Self.outcomes(file), missing: ["next"])
            let replaced = node.replacing(kind: .transfer(Located("+15550100", at: Self.range("a.yaml", 5, 3))))
            #expect(replaced.kind.name == "transfer")
            #expect(replaced.id == node.id)
            #expect(replaced.range == node.range)
            #expect(replaced.outcomes.map(Self.fields) == Self.outcomes(file).map(Self.fields))
            #expect(replaced.missingOutcomes == ["next"])
        }
    }

    /// Every node the decoder makes is in the compact form (its id and outcomes in its own file),
    /// so the memory the form saves is saved on real flows, includes among them.
    @Test func everyExampleNodeIsCompact() {
        for path in Examples.flows + [Examples.root + "/flows/vet-hospital.yaml"] {
            let flow = Examples.flow(path)
            #expect(flow.nodes.count > 5)
            for node in flow.nodes {
                #expect(!node.keepsRangesWhole, "\(path): \(node.id.value)")
                #expect(node.outcomes.allSatisfy { $0.target.range.file == node.range.file && $0.source.file == node.range.file })
            }
        }
    }

    /// `SourceFile`'s line table (32-bit offsets) against splitting the
    /// text at its line breaks.
    @Test func sourceLinesAgreeWithSplittingTheText() {
        let texts = ["", "a", "a\n", "\n\n", "key: value\r\nnext: é日本\r\n\nlast", "x\ny\nz\n\n"]
        for text in texts {
            let file = SourceFile(path: "t.yaml", text: text)
            // By bytes: a String splits "\r\n" as one character.
            let expected = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { String(decoding: $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0, as: UTF8.self) }
            #expect(file.lineCount == expected.count, "\(text.debugDescription)")
            #expect((1...file.lineCount).map { file.line($0) } == expected, "\(text.debugDescription)")
            #expect(file.line(0) == nil && file.line(expected.count + 1) == nil)
            let breaks = Array(text.utf8).indices.filter { Array(text.utf8)[$0] == UInt8(ascii: "\n") }
            for (index, start) in ([0] + breaks.map { $0 + 1 }).enumerated() {
                #expect(file.position(ofByte: start) == SourcePosition(line: index + 1, column: 1))
            }
        }
    }
}
