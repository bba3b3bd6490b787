import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 17 (branch split17): a large file's `nodes:` read and decoded on two cores must give what
/// one thread gives (the flow, every finding in order with its position, broken nodes, the node
/// index), and must be refused wherever that is not certain: then the main thread reads on.
@Suite struct SplitDecodeTests {
    static func split(_ text: String, limits: InputLimits = .standard) -> (difference: String?, taken: Bool) {
        DecodeAgreement.splitDifference(SourceFile(path: "f.yaml", text: text), limits: limits, threshold: 1)
    }

    /// The line (1-based) the split of `text` starts at.
    static func splitLine(_ text: String) -> Int? {
        let source = SourceFile(path: "f.yaml", text: text)
        return source.bytes.withUnsafeBufferPointer { NodesSplit.point(in: $0) }.map { source.position(ofByte: $0.offset).line }
    }

    @Test func aGeneratedFlowOverTheThresholdIsSplitAndAgrees() {
        let text = StreamedDecodeTests.generated(groups: 1_000)
        #expect(text.utf8.count >= NodesSplit.threshold)
        let result = DecodeAgreement.splitDifference(SourceFile(path: "g.yaml", text: text), threshold: NodesSplit.threshold)
        #expect(result.difference == nil, "\(result.difference ?? "")")
        #expect(result.taken)
        // Under the threshold it is not tried.
        let small = StreamedDecodeTests.generated(groups: 10)
        #expect(!DecodeAgreement.splitDifference(SourceFile(path: "g.yaml", text: small), threshold: NodesSplit.threshold).taken)
    }

    @Test func theSplitLineIsAKeyOfNodesNearTheMiddle() throws {
        let text = StreamedDecodeTests.head + "nodes:\n  # first\n  a: {say: hi, next: b}\n  b:\n    say: |\n      x\n  c: {hangup: true}\n  d: {hangup: true}\n"
        let line = try #require(Self.splitLine(text))
        let row = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        #expect(["  b:", "  c:", "  d:"].contains { row.hasPrefix($0) })
        // Entries at another column than the first's, a `nodes:` that is not at the start of a
        // line, a line break libyaml counts and the split line does not: no split.
        #expect(Self.splitLine("name: x\n nodes:\n  a: 1\n  b: 2\n") == nil)
        #expect(Self.splitLine("nodes:\n  a: 1\n   b: 2\n    c: 3\n") == nil)
        #expect(Self.splitLine("nodes:\n  a: \"1\r  x\"\n  b: 2\n  c: 3\n") == nil)
    }

    /// Where the split is not certain to give what one thread gives, it is refused; either way the
    /// routes agree.
    @Test(arguments: [
        // A key of the first half repeated in the second.
        ("  a: {say: again, next: a}\n", false),
        // An alias to an anchor of the first half.
        ("  z: *first\n", false),
        // A second document, content after the nodes, a root key after them.
        ("---\nx: 1\n", false),
        ("escalations: []\n", false),
        // Harmless: an anchor defined and used in the second half, a tag, a comment at column 1.
        ("  y: &second {say: y, next: a}\n  w: *second\n  v: {say: !!str v, next: a}\n# end\n", true),
    ])
    func refusedWhereNotCertain(tail: String, taken: Bool) {
        let text = StreamedDecodeTests.head + "nodes:\n  a: &first {say: hi, next: b}\n  b: {say: b, next: c}\n  c: {say: c, next: a}\n"
            + "  d: {say: d, next: a}\n  e: {say: e, next: a}\n" + tail
        let result = Self.split(text)
        #expect(result.difference == nil, "\(result.difference ?? "")")
        #expect(result.taken == taken)
    }

    @Test(arguments: [
        // `%TAG` changes what a tag in the second half means.
        "%TAG !e! tag:example.com,2000:\n---\n",
        // A flow mapping: its lines are not block keys.
        "{callflow: 1, name: t, start: a, nodes: {\n  a: {say: hi, next: b},\n  b: {say: b, next: a},\n  c: {say: c, next: a}}}\n",
        // The whole document indented.
        " callflow: 1\n name: t\n start: a\n nodes:\n   a: {say: hi, next: b}\n   b: {say: b, next: a}\n   c: {say: c, next: a}\n",
    ])
    func refusedForTheDocumentsForm(text: String) {
        let full = text.hasPrefix("%") ? text + "callflow: 1\nname: t\nstart: a\nnodes:\n  a: {say: hi, next: b}\n  b: !e!x {say: b}\n  c: {say: c}\n" : text
        let result = Self.split(full)
        #expect(result.difference == nil, "\(result.difference ?? "")")
        #expect(!result.taken)
    }

    /// The limits are the whole file's: a split whose halves together could pass one is refused.
    @Test func limitsCountBothHalves() {
        let text = StreamedDecodeTests.generated(groups: 20)
        #expect(Self.split(text).taken)
        // The fewest YAML nodes the file can be read with.
        func readable(_ limit: Int) -> Bool {
            YAMLLoader(limits: InputLimits(maxYAMLNodes: limit)).load(SourceFile(path: "f.yaml", text: text)).diagnostics.isEmpty
        }
        var yamlNodes = 1
        while !readable(yamlNodes) { yamlNodes += 100 }
        while readable(yamlNodes - 1) { yamlNodes -= 1 }
        // 123 nodes (nodes, YAML nodes): the limit passed by both halves together, not by either.
        for (limits, taken) in [(InputLimits(maxNodes: 122), false), (InputLimits(maxNodes: 123), true),
                                (InputLimits(maxYAMLNodes: yamlNodes - 1), false), (InputLimits(maxYAMLNodes: yamlNodes + 3), true),
                                (InputLimits(maxDepth: 5), false)] {
            let result = Self.split(text, limits: limits)
            #expect(result.difference == nil, "\(result.difference ?? "")")
            #expect(result.taken == taken, "\(limits)")
        }
    }

    /// Findings in both halves keep the whole file's positions and order.
    @Test func findingsInTheSecondHalfHaveTheFilesPositions() throws {
        let text = StreamedDecodeTests.head + "nodes:\n  a: {say: hi, next: b, nxt: c}\n  b: {say: b, next: c}\n"
            + "  c: {say: c, next: zz, next: a}\n  d: {menu: m, options: {\"1\": a, \"1\": b}}\n#: x\n"
        let result = Self.split(text)
        #expect(result.difference == nil, "\(result.difference ?? "")")
        #expect(result.taken)
        let (decoder, _) = FlowDecoder.decoding(SourceFile(path: "f.yaml", text: text), limits: .standard, splitAbove: 1)
        let duplicate = CheckDescriptor.duplicateKey.id
        let line = try #require(text.split(separator: "\n").firstIndex { $0.hasPrefix("  d:") }) + 1
        #expect(line > 10)
        #expect(decoder.bag.diagnostics.contains { $0.range.start.line == line && $0.check == duplicate })
    }

    /// Damaged copies of a generated flow, damaged near the split (keys repeated across the
    /// halves, anchors and aliases, quotes, `---`, tabs, deep nesting, cut off): both routes agree,
    /// and the split is taken in some and refused in others.
    @Test func damagedFlowsAgree() throws {
        let text = StreamedDecodeTests.generated(groups: 30)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let middle = try #require(Self.splitLine(text)) - 1
        var random = SeededRandom(seed: 1_717)
        let damages = ["  m0: {hangup: true}", "  x: &a {say: hi, next: m0}", "  y: *a", "  z: *a", "---", "...",
                       "%TAG ! tag:x,2000:", "  \"q: {hangup: true}", "  'q': {hangup: true}", "\t", "  t:\t{hangup: true}",
                       "  k: {a: {b: {c: {d: {e: {f: {g: [[[[[[1]]]]]]}}}}}}}", "nodes:", "description: late", "  : {}",
                       "  <<: {u: {hangup: true}}", "  v: !!str w", "    next: *a", "- a", "  [x]: y", "  ? k", "# note", ""]
        var taken = 0, refused = 0
        for round in 0..<300 {
            var damaged = lines
            for _ in 0...random.below(2) {
                let at = max(0, min(damaged.count - 1, middle - 3 + random.below(7)))
                switch random.below(5) {
                case 0: damaged.remove(at: at)
                case 1: damaged.insert(damaged[random.below(middle)], at: at)
                case 2: damaged[at] = " " + damaged[at]
                case 3: damaged = Array(damaged[..<(middle + random.below(damaged.count - middle))])
                default: damaged.insert(damages[random.below(damages.count)], at: at)
                }
            }
            var limits = InputLimits.standard
            if round % 7 == 0 { limits.maxDepth = 8 }
            if round % 11 == 0 { limits.maxAliasExpansions = 1 }
            let result = Self.split(damaged.joined(separator: "\n"), limits: limits)
            #expect(result.difference == nil, "round \(round): \(result.difference ?? "")")
            if result.taken { taken += 1 } else { refused += 1 }
        }
        #expect(taken > 30 && refused > 30, "\(taken) taken, \(refused) refused")
    }

    /// The example flows and the shared corpora, split from their first byte: the same either way.
    @Test func everyExampleFlowAgrees() throws {
        let paths = Examples.flowsAndSharedYAML()
        var taken = 0
        for path in paths {
            let source = try SourceReader().read(path)
            let result = DecodeAgreement.splitDifference(source, threshold: 1)
            #expect(result.difference == nil, "\(path): \(result.difference ?? "")")
            if result.taken { taken += 1 }
        }
        #expect(taken > 0)
    }

    /// `callflow lint` of one large file reads it on two cores: the report is the same as on one.
    @Test func theLinterSplitsOneLargeFileWithTheSameReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("big.yaml", StreamedDecodeTests.generated(groups: 1_000) + "  broken: {say: 3, nxt: m0}\n")
        var linter = Linter()
        let one = linter.lint(paths: [path]).report
        linter.splitsLargeFiles = true
        let two = linter.lint(paths: [path]).report
        #expect(!one.diagnostics.isEmpty)
        #expect(one.diagnostics == two.diagnostics)
    }
}
