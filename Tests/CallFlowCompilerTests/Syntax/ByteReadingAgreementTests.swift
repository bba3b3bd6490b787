import Testing
@testable import CallFlowCompiler

/// Issue 17's fifth round (cpu17) reads some texts on their bytes instead of through `String`'s
/// views; each test compares with the general reading it replaced, written out here.
@Suite struct ByteReadingAgreementTests {
    static let texts = [
        "", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "support", "billing-system", "queue_2", "account.balance",
        "Main", "2fa", "-x", "a b", "caf\u{E9}", "e\u{301}", "\u{1F600}x", "abc\u{E9}defgh", "x\u{0}y", "tab\there",
        "a-very-long-identifier-of-forty-bytes-xx",
    ]

    /// `#:` lines found by walking the array byte by byte, as before `memchr`.
    static func referenceHashKeyLines(_ bytes: [UInt8]) -> [(line: Int, column: Int)] {
        var found: [(line: Int, column: Int)] = []
        var lineStart = 0, line = 1
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var k = lineStart
            while k < end, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "-") { k += 1 }
            if k + 2 < end, bytes[k] == UInt8(ascii: "#"), bytes[k + 1] == UInt8(ascii: ":"), bytes[k + 2] == UInt8(ascii: " "),
               bytes[(k + 3)..<end].contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) {
                found.append((line, k - lineStart + 1))
            }
            lineStart = end + 1
            line += 1
        }
        return found
    }

    @Test(arguments: [
        "", "\n", "#: a", "#: a\n", "a: 1\n  #: b\n", "x\n- #: c\r\n#:  \r\n#: \n", "\n\n   #: last without a line feed",
        "#:x\n#: y\n -#: z\n", "k: \"#: not a key\"\n  #: caf\u{E9}\n",
    ])
    func hashKeysAgreeWithTheByteLoop(_ text: String) {
        let source = SourceFile(path: "f.yaml", text: text)
        let found = YAMLLoader.hashKeys(source).map { ($0.range.start.line, $0.range.start.column) }
        let expected = Self.referenceHashKeyLines(Array(text.utf8))
        #expect(found.map(\.0) == expected.map(\.line))
        #expect(found.map(\.1) == expected.map(\.column))
    }

    @Test(arguments: ["", "a", "a\n", "a\nb", "\n\n", "a\r\nb\r\n", "caf\u{E9}\nx\n\ny"])
    func linesAgreeWithSplittingAtLineFeeds(_ text: String) {
        let file = SourceFile(path: "f.yaml", text: text)
        let lines = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(file.lineCount == lines.count)
        for (index, line) in lines.enumerated() {
            var bytes = Array(line)
            while bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            #expect(file.line(index + 1) == String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A large mapping's repeated key is dropped and its first position kept (the loader hashes
    /// each key once, putting the first position back when a key repeats).
    @Test func aRepeatedKeyKeepsItsFirstPosition() throws {
        let keys = (0..<12).map { "  k\($0): \($0)" } + ["  k3: again", "  k11: again"]
        let document = YAMLLoader().load(SourceFile(path: "f.yaml", text: "nodes:\n" + keys.joined(separator: "\n") + "\n"))
        let nodes = try #require(document.root?.pair(forKey: "nodes")?.value)
        let positions = try #require(nodes.keyPositions)
        #expect(positions == Dictionary(uniqueKeysWithValues: (0..<12).map { ("k\($0)", $0) }))
        #expect(document.diagnostics.map(\.range.start.line) == [14, 15])
    }

    @Test func keySignaturesAgreeWithTheByteLoop() {
        for text in Self.texts {
            let bytes = Array(text.utf8)
            var prefix: UInt64 = 0
            for index in 0..<min(bytes.count, 8) { prefix |= UInt64(bytes[index]) << (8 * UInt64(index)) }
            let signature = KeySignature(text)
            #expect(signature.prefix == prefix, "\(text)")
            #expect(signature.length == bytes.count, "\(text)")
        }
    }

    @Test func identifiersAgreeWithTheScalarRule() {
        // `[a-z][a-z0-9_-]*`, read by Unicode scalars.
        func reference(_ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            guard let first = scalars.first, ("a"..."z").contains(first) else { return false }
            return scalars.dropFirst().allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        }
        for text in Self.texts {
            #expect(Lexical.isIdentifier(text) == reference(text), "\(text)")
        }
    }

    @Test func lexerScalarsAgreeWithTheScalarView() {
        for text in Self.texts + ["caller.tier == \"vip\"", "x == \"caf\u{E9}\" and n >= 2", "\u{301}"] {
            #expect(ExpressionLexer.scalars(of: text) == Array(text.unicodeScalars), "\(text)")
        }
    }

    /// The resolver passes the variables it already has; the answer is the public check's.
    @Test(arguments: ["n > 3 and t == \"vip\"", "not b or n >= 2", "t in [\"gold\", \"vip\"] and open(\"office\")",
                      "missing == 1", "n == \"text\"", "queue.wait > 2m", "b and b and n < 1"])
    func typeCheckingWithKnownVariablesAgrees(_ text: String) throws {
        let environment = ExpressionEnvironment(
            variables: ["n": .number, "b": .bool, "t": .enumeration(["standard", "gold", "vip"]), "queue.wait": .duration],
            schedules: ["office"], queues: [], queueVariablesBound: false)
        let expression = try ExpressionParser.parse(text).get()
        #expect(ExpressionTypeChecker.check(expression, in: environment, variables: expression.variables)
                == ExpressionTypeChecker.check(expression, in: environment))
    }

    @Test(arguments: ["==", "!=", "<", "<=", ">", ">="])
    func operatorsAreToldByTheirCharacters(_ text: String) throws {
        let tokens = try ExpressionLexer.tokenize("a \(text) 1").get()
        #expect(tokens[1].kind == .operator(try #require(ExpressionToken.Operator(rawValue: text))))
        #expect(tokens[1].range == 2..<(2 + text.count))
    }
}
