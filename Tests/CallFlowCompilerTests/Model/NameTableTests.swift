import Testing
@testable import CallFlowCompiler

/// Issue 17 (branch mem18): the node index is a `NameTable` (positions only, the names compared
/// where they are) instead of a `[String: Int]`; it must find exactly what the dictionary found.
@Suite struct NameTableTests {
    /// Names that stress it: empty, short and long (heap-allocated) texts, a name in two
    /// canonically equivalent spellings (one name to `String` and to a dictionary), repeats.
    static let lists: [[String]] = [
        [],
        ["only"],
        [""],
        (0..<2_000).map { "n\($0)" },
        (0..<300).map { "a-rather-long-node-id-beyond-fifteen-bytes-\($0)" } + (0..<300).map { "n\($0 % 7)" },
        ["caf\u{E9}", "cafe\u{301}", "cafe", "caf\u{E9}", "", "", "\u{1F600}", "x", "x"],
        (0..<1_000).map { "k\($0 % 250)" },
    ]

    /// The table built as the loader builds it (first position kept) against a dictionary, and
    /// every name and some absent ones looked up in both.
    @Test(arguments: lists)
    func agreesWithADictionary(names: [String]) {
        var table = NameTable(capacity: names.count)
        var dictionary: [String: Int] = [:]
        var kept: [String] = []
        for name in names {
            let earlier = table.insert(name, at: kept.count) { kept[$0] }
            #expect(earlier == dictionary[name], "\(name)")
            if earlier == nil {
                dictionary[name] = kept.count
                kept.append(name)
            }
        }
        #expect(table.count == dictionary.count)
        #expect(table.positions.sorted() == dictionary.values.sorted())
        for name in names + ["absent", "n2000", "caf", "cafe\u{301}\u{301}"] {
            #expect(table.position(of: name) { kept[$0] } == dictionary[name], "\(name)")
        }
    }

    /// A table at its capacity, with its names packed at the end of the slots (their probes wrap
    /// to the start), still finds each, refuses a repeat and finds nothing else.
    @Test func aFullTableWrapsItsProbes() {
        let names = (0..<4_000).map { "w\($0)" }
        var table = NameTable(capacity: 4)
        // 8 slots: keep four names whose hashes all land on the last slot.
        let chosen = Array(names.filter { $0.hashValue & 7 == 7 }.prefix(4))
        #expect(chosen.count == 4)
        for (position, name) in chosen.enumerated() {
            #expect(table.insert(name, at: position) { chosen[$0] } == nil)
        }
        #expect(table.insert(chosen[2], at: 9) { chosen[$0] } == 2)
        for (position, name) in chosen.enumerated() {
            #expect(table.position(of: name) { chosen[$0] } == position)
        }
        #expect(table.position(of: "w-none") { chosen[$0] } == nil)
        #expect(NameTable(capacity: 0).position(of: "") { _ in "" } == nil)
    }

    /// `flow.nodeIndex` of a decoded flow, by each route that makes it (the loader's table for a
    /// large `nodes:`, the nodes themselves for a small one, the importers'), is the first
    /// position of each node id, as the dictionary was.
    @Test(arguments: [
        StreamedDecodeTests.generated(groups: 40),
        StreamedDecodeTests.head + "nodes:\n  a: {say: hi, next: b}\n  b: {hangup: true}\n",
        // A repeated id in a large mapping (found at its end) and in a small one (found at once).
        StreamedDecodeTests.generated(groups: 5) + "  m3: {hangup: true}\n",
        StreamedDecodeTests.head + "nodes:\n  a: {say: hi, next: b}\n  a: {hangup: true}\n  b: {hangup: true}\n",
    ])
    func aFlowsNodeIndexIsItsNodesFirstPositions(text: String) throws {
        let flow = try #require(Driver().run(SourceFile(path: "f.yaml", text: text), through: .resolve).flow)
        var expected: [String: Int] = [:]
        for (position, node) in flow.nodes.enumerated() where expected[node.id.value] == nil { expected[node.id.value] = position }
        #expect(Dictionary(uniqueKeysWithValues: flow.nodeIndex.map { ($0.key, $0.value) }) == expected)
        #expect(flow.nodeIndex.count == expected.count)
        for node in flow.nodes { #expect(flow.nodeIndex[node.id.value] == expected[node.id.value]) }
        #expect(flow.nodeIndex["no-such-node"] == nil)
    }
}
