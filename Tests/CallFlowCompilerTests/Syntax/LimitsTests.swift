import Foundation
import Testing
@testable import CallFlowCompiler

@Suite struct AliasLimitTests {
    /// Nine levels of ten aliases each: a billion leaves if it were ever expanded.
    static let billionLaughs: String = {
        var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func billionLaughsIsRefusedQuickly() throws {
        let clock = ContinuousClock()
        var document: LoadedDocument?
        let elapsed = clock.measure {
            document = Fixture.load(Self.billionLaughs)
        }
        let loaded = try #require(document)
        #expect(loaded.root == nil)
        #expect(loaded.diagnostics.ids == ["input-limit"])
        #expect(loaded.diagnostics.first?.message.contains("more than 4000000 YAML nodes") == true)
        // Refused while reading level g (each *f stands for 1,111,111 nodes), long before a billion.
        #expect(loaded.diagnostics.first?.range.start.line == 7)
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    @Test func billionLaughsThroughTheFrontEnd() {
        let result = Fixture.decode("callflow: 1\n" + Self.billionLaughs)
        #expect(result.flow == nil)
        #expect(result.diagnostics.ids == ["input-limit"])
    }

    static func aliases(_ count: Int) -> String {
        "a: &a x\nb: [" + Array(repeating: "*a", count: count).joined(separator: ", ") + "]\n"
    }

    @Test func tenThousandAliasExpansionsAreAllowed() throws {
        let document = Fixture.load(Self.aliases(10_000))
        #expect(document.diagnostics.isEmpty)
        #expect(document.root?["b"]?.sequenceItems?.count == 10_000)
    }

    @Test func moreThanTenThousandAliasExpansionsAreRefused() throws {
        let document = Fixture.load(Self.aliases(10_001))
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(document.diagnostics.count == 1)
        #expect(diagnostic.check == "input-limit")
        #expect(diagnostic.message.contains("more than 10000 alias expansions"))
        // At the 10,001st alias: "b: [" then 4 columns per "*a, ".
        #expect(diagnostic.range.start == at(2, 5 + 4 * 10_000))
    }
}

@Suite struct NestingAndNodeLimitTests {
    static func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
    }

    @Test func sixtyFourLevelsAreAllowed() {
        let document = Fixture.load(Self.nested(64))
        #expect(document.diagnostics.isEmpty)
        #expect(document.root != nil)
    }

    @Test func sixtyFiveLevelsAreRefused() throws {
        let document = Fixture.load(Self.nested(65))
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.check == "input-limit")
        #expect(diagnostic.range.start == at(1, 65))
        #expect(diagnostic.message.contains("nesting deeper than 64 levels"))
    }

    /// `mappings` block mappings nested in each other, the innermost holding `end: 1`.
    static func blockNested(_ mappings: Int) -> String {
        var text = ""
        for level in 0..<(mappings - 1) { text += String(repeating: " ", count: level) + "k\(level):\n" }
        return text + String(repeating: " ", count: mappings - 1) + "end: 1\n"
    }

    @Test func blockNestingCountsMappingsToo() throws {
        #expect(Fixture.load(Self.blockNested(64)).diagnostics.isEmpty)
        let document = Fixture.load(Self.blockNested(65))
        #expect(document.root == nil)
        #expect(document.diagnostics.ids == ["input-limit"])
        #expect(document.diagnostics.first?.range.start == at(65, 65))
    }

    @Test func yamlNodeLimitWithSmallLimits() throws {
        let limits = InputLimits(maxYAMLNodes: 100)
        // A list of n scalars is n + 1 nodes.
        let ok = Fixture.load(String(repeating: "- x\n", count: 99), limits: limits)
        #expect(ok.diagnostics.isEmpty)
        let over = Fixture.load(String(repeating: "- x\n", count: 100), limits: limits)
        #expect(over.root == nil)
        #expect(over.diagnostics.ids == ["input-limit"])
        #expect(over.diagnostics.first?.range.start == at(100, 3))
        #expect(over.diagnostics.first?.message.contains("more than 100 YAML nodes") == true)
    }

    @Test func aliasesCountTheNodesTheyStandFor() {
        // Root 1, `a` 1 + 10, `b` 1 + 1 + 10 aliases of 10 nodes: 114 nodes with aliases expanded.
        let text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nb: [" + Array(repeating: "*a", count: 10).joined(separator: ", ") + "]\n"
        #expect(Fixture.load(text, limits: InputLimits(maxYAMLNodes: 114)).diagnostics.isEmpty)
        #expect(Fixture.load(text, limits: InputLimits(maxYAMLNodes: 113)).diagnostics.ids == ["input-limit"])
    }

    static func flow(nodes count: Int) -> String {
        var text = "callflow: 1\nname: many\nstart: n0\nnodes:\n"
        for index in 0..<count {
            text += "  n\(index): {say: hi, next: n\(index + 1 < count ? index + 1 : 0)}\n"
        }
        return text
    }

    @Test func flowNodeLimitWithSmallLimits() throws {
        let frontEnd = FrontEnd(limits: InputLimits(maxNodes: 3))
        #expect(frontEnd.load(SourceFile(path: Fixture.file, text: Self.flow(nodes: 3))).diagnostics.isEmpty)
        let result = frontEnd.load(SourceFile(path: Fixture.file, text: Self.flow(nodes: 4)))
        #expect(result.diagnostics.ids == ["input-limit"], "\(result.diagnostics.dump)")
        #expect(result.diagnostics.first?.range.start == at(5, 3))
        #expect(result.diagnostics.first?.message.contains("4 nodes, over the limit of 3") == true)
    }

    @Test func moreThanAHundredThousandFlowNodesAreRefused() throws {
        let result = Fixture.decode(Self.flow(nodes: 100_001))
        #expect(result.diagnostics.ids == ["input-limit"])
        #expect(result.diagnostics.first?.message.contains("100001 nodes, over the limit of 100000") == true)
    }
}

@Suite struct FileSizeLimitTests {
    @Test func loaderRefusesAFileOverTheLimit() throws {
        let limits = InputLimits(maxFileBytes: 16)
        #expect(Fixture.load("a: 123456789012\n", limits: limits).diagnostics.isEmpty) // 16 bytes
        let document = Fixture.load("a: 1234567890123\n", limits: limits) // 17 bytes
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.check == "input-limit")
        #expect(diagnostic.range.start == at(1, 1))
        #expect(diagnostic.message.contains("17 bytes, over the limit of 16 bytes"))
    }

    @Test func loaderRefusesEightMebibytesPlusOne() {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: 8 << 20) + [UInt8(ascii: "\n")]
        let document = YAMLLoader().load(SourceFile(path: "big.yaml", bytes: bytes))
        #expect(document.diagnostics.ids == ["input-limit"])
        #expect(document.diagnostics.first?.message.contains("8388609 bytes") == true)
    }

    @Test func readerRefusesARealFileOfEightMebibytesPlusOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let comment = String(repeating: "#", count: (8 << 20) - 1) + "\n" // exactly 8 MiB
        let exact = try folder.write("exact.yaml", comment)
        let big = try folder.write("big.yaml", comment + "\n")
        #expect(try SourceReader().read(exact).bytes.count == 8 << 20)
        let error = #expect(throws: SourceReader.ReadError.self) { try SourceReader().read(big) }
        guard case .tooLarge(let path, let size, let limit)? = error else {
            Issue.record("expected tooLarge, got \(String(describing: error))")
            return
        }
        #expect(path == big)
        #expect(size == (8 << 20) + 1)
        #expect(limit == 8 << 20)
        #expect(error?.description.contains("over the limit") == true)
        #expect(throws: SourceReader.ReadError.self) { try FrontEnd().load(path: big) }
    }

    @Test func readerReportsAMissingFileAndAFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = #expect(throws: SourceReader.ReadError.self) { try SourceReader().read(folder.path + "/none.yaml") }
        if case .missing? = missing {} else { Issue.record("expected missing, got \(String(describing: missing))") }
        let folderError = #expect(throws: SourceReader.ReadError.self) { try SourceReader().read(folder.path) }
        if case .notAFile? = folderError {} else { Issue.record("expected notAFile, got \(String(describing: folderError))") }
    }
}

@Suite struct EncodingAndSyntaxErrorTests {
    @Test func invalidUTF8ReportsByteOffsetAndPosition() throws {
        let bytes = Array("a: ok\nb: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let document = YAMLLoader().load(SourceFile(path: "bad.yaml", bytes: bytes))
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(document.diagnostics.count == 1)
        #expect(diagnostic.check == "yaml-syntax")
        #expect(diagnostic.message.contains("invalid UTF-8 at byte offset 12"))
        #expect(diagnostic.range.file == "bad.yaml")
        #expect(diagnostic.range.start == at(2, 7))
    }

    @Test func invalidUTF8ColumnCountsCharactersBeforeIt() throws {
        // "b: é" is 5 bytes but 4 characters: the bad byte is at column 5.
        let bytes = Array("a: 1\nb: é".utf8) + [0xFF]
        let diagnostic = try #require(YAMLLoader().load(SourceFile(path: "f", bytes: bytes)).diagnostics.first)
        #expect(diagnostic.message.contains("byte offset 10"))
        #expect(diagnostic.range.start == at(2, 5))
    }

    @Test(arguments: [
        [UInt8]([0xC0, 0x80]),       // overlong NUL
        [0xED, 0xA0, 0x80],          // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],    // above U+10FFFF
        [0xE2, 0x82],                // truncated at the end of the file
        [0x80],                      // a continuation byte alone
    ])
    func invalidSequencesAreFound(sequence: [UInt8]) {
        #expect(UTF8Validation.firstInvalidOffset(Array("x: ".utf8) + sequence) == 3)
    }

    @Test func validMultibyteTextPasses() {
        #expect(UTF8Validation.firstInvalidOffset(Array("say: \"Grüß Gott — 你好 🎉\"".utf8)) == nil)
    }

    @Test func unterminatedQuoteHasPositionAndContextNote() throws {
        let document = Fixture.load("a: 1\nb: \"abc\nc: 2\n")
        #expect(document.root == nil)
        let diagnostic = try #require(document.diagnostics.first)
        #expect(diagnostic.check == "yaml-syntax")
        #expect(diagnostic.message.contains("end of stream"))
        #expect(diagnostic.range.start == at(4, 1))
        #expect(diagnostic.notes.first?.message == "while scanning a quoted scalar")
        #expect(diagnostic.notes.first?.range?.start == at(2, 4))
    }

    @Test func unquotedColonInValueGetsAHint() throws {
        let diagnostic = try #require(Fixture.load("a: 1\nsay: Welcome: press 1\n").diagnostics.first)
        #expect(diagnostic.check == "yaml-syntax")
        #expect(diagnostic.range.start == at(2, 13))
        #expect(diagnostic.message.contains("mapping values are not allowed"))
        #expect(diagnostic.message.contains("must be quoted"))
    }

    @Test func keyWithoutColonGetsAHint() throws {
        let diagnostic = try #require(Fixture.load("a: 1\nb\nc: 2\n").diagnostics.first)
        #expect(diagnostic.range.start == at(3, 1))
        #expect(diagnostic.message.contains("each key needs ': '"))
    }

    @Test func tabIndentationIsNamed() throws {
        let diagnostic = try #require(Fixture.load("a:\n\tb: 1\n").diagnostics.first)
        #expect(diagnostic.check == "yaml-syntax")
        #expect(diagnostic.range.start == at(2, 1))
        #expect(diagnostic.message.contains("indent with spaces"))
    }

    @Test func badIndentationHasPosition() throws {
        let diagnostic = try #require(Fixture.load("a:\n  b: 1\n c: 2\n").diagnostics.first)
        #expect(diagnostic.check == "yaml-syntax")
        #expect(diagnostic.range.start == at(3, 2))
    }
}
