/// Positions of names in a list, found by hash, holding only the positions (issue 17, branch
/// mem18): the names stay where they are (a mapping's keys, a flow's node ids) and are compared
/// there, read through `names`. A `[String: Int]` of 60,000 node ids was 3.2 MB at the peak of a
/// lint; this is 4 bytes a slot, twice as many slots as names, 0.5 MB.
///
/// Open addressing with linear probing over a power-of-two number of slots, each 0 (empty) or a
/// position + 1. The capacity is fixed when made (at least twice the names it will hold, so a
/// probe ends soon); names compare as `String`s, so a lookup finds what a `Dictionary` finds.
/// The first position of a name is kept: a repeated name is refused by `insert`.
struct NameTable: Sendable {
    private var slots: [Int32]
    /// The number of names held.
    private(set) var count = 0

    /// A table for up to `capacity` names.
    init(capacity: Int) {
        var size = 8
        while size < 2 * capacity { size <<= 1 }
        slots = Array(repeating: 0, count: size)
    }

    /// Puts `position` under `name` unless the table holds that name already; then returns the
    /// position it holds and changes nothing. `names(p)` is the name at position `p`.
    mutating func insert(_ name: String, at position: Int, names: (Int) -> String) -> Int? {
        let found = probe(name, names: names)
        if let held = found.held { return held }
        // Half the slots stay empty, so every probe ends (and ends soon).
        precondition(count < slots.count / 2 && position >= 0 && position < Int(Int32.max), "NameTable over capacity")
        slots[found.slot] = Int32(position + 1)
        count += 1
        return nil
    }

    /// The position held under `name`, nil when none. `names(p)` is the name at position `p`.
    func position(of name: String, names: (Int) -> String) -> Int? {
        guard count > 0 else { return nil }
        return probe(name, names: names).held
    }

    /// The slot that holds `name` and the position held there, or the empty slot where `name`
    /// would go (linear probing from its hash).
    @inline(__always)
    private func probe(_ name: String, names: (Int) -> String) -> (slot: Int, held: Int?) {
        let mask = slots.count - 1
        var slot = name.hashValue & mask
        while slots[slot] != 0 {
            let held = Int(slots[slot]) - 1
            if names(held) == name { return (slot, held) }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
    }

    /// Every position held, in no particular order.
    var positions: [Int] {
        slots.compactMap { $0 == 0 ? nil : Int($0) - 1 }
    }
}

/// `Flow.nodeIndex`: the position of each node id in `nodes` (the first node of an id), read as
/// a `[String: Int]` was: `flow.nodeIndex[id]`, `count`, and its pairs in no particular order.
public struct NodeIndex: Sequence, Sendable {
    let table: NameTable
    let nodes: [FlowNode]

    public subscript(id: String) -> Int? {
        table.position(of: id) { nodes[$0].idName }
    }

    public var count: Int { table.count }

    public func makeIterator() -> IndexingIterator<[(key: String, value: Int)]> {
        table.positions.map { (key: nodes[$0].idName, value: $0) }.makeIterator()
    }

    /// The table of `nodes`' ids, the first position of each.
    static func table(of nodes: [FlowNode]) -> NameTable {
        var table = NameTable(capacity: nodes.count)
        for index in nodes.indices { _ = table.insert(nodes[index].idName, at: index) { nodes[$0].idName } }
        return table
    }
}
