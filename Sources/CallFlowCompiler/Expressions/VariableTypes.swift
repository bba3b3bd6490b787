/// The type of each variable a condition reads (`TypedExpression.variableTypes`), read as the
/// `[String: ValueType]` it was: `types[name]`, `count`, `keys`, its pairs, a dictionary literal.
///
/// A condition reads a few variables, and a flow has one of these per condition: as a dictionary
/// each was some 170 bytes (1.7 MB for genflow's 10,000 conditions, at the peak of a lint); here it
/// is one small array of pairs, sorted by name (so equal contents are equal values, whatever order
/// they came in), and none at all when the condition reads no variable (issue 17, branch mem18).
public struct VariableTypes: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    private struct Entry: Hashable, Sendable {
        let name: String
        let type: ValueType
    }

    private let entries: [Entry]

    /// `types`, the first type of a name kept when one is given twice.
    public init(_ types: some Sequence<(String, ValueType)>) {
        let given = Array(types)
        var entries: [Entry] = []
        entries.reserveCapacity(given.count)
        if given.count <= 16 {
            // A few names (a condition's): each put in its place as it comes.
            for (name, type) in given {
                var index = entries.count
                while index > 0, name < entries[index - 1].name { index -= 1 }
                if index > 0, entries[index - 1].name == name { continue }
                entries.insert(Entry(name: name, type: type), at: index)
            }
        } else {
            // Sorted by name, then by order given, so that the first of a repeated name comes first.
            let sorted = given.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
            for (_, (name, type)) in sorted where entries.last?.name != name {
                entries.append(Entry(name: name, type: type))
            }
        }
        self.entries = entries
    }

    public init(dictionaryLiteral elements: (String, ValueType)...) {
        self.init(elements)
    }

    public subscript(name: String) -> ValueType? {
        // Mostly a few names: a scan; many (a hostile flow) are searched by halves.
        guard entries.count > 8 else { return entries.first { $0.name == name }?.type }
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].name < name { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].name == name ? entries[low].type : nil
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    /// The names, in sorted order.
    public var keys: [String] { entries.map(\.name) }
    /// The types, in the order of `keys`.
    public var values: [ValueType] { entries.map(\.type) }

    public func makeIterator() -> IndexingIterator<[(key: String, value: ValueType)]> {
        entries.map { (key: $0.name, value: $0.type) }.makeIterator()
    }
}
