import CallFlowRuntime

/// The string section being built. Every other section refers to texts by their index here.
///
/// Indices are handed out in call order, with or without interning, so the lowering steps must
/// ask for strings in a fixed order for the table to be deterministic (TableCompiler.compile
/// fixes that order).
struct TableStrings {
    private(set) var table = StringTable()
    /// Off only to measure what interning buys: then every use gets its own entry.
    private let interning: Bool
    private var index: [[UInt8]: Int32] = [:]

    init(interning: Bool) {
        self.interning = interning
    }

    /// The index of `text`, adding it unless interning finds it already there.
    mutating func intern(_ text: String) -> Int32 {
        guard interning else { return table.append(text) }
        // Keyed by bytes, not String: String equality is canonical equivalence, which would merge
        // two texts that are spelt with different bytes.
        let key = Array(text.utf8)
        if let existing = index[key] { return existing }
        let added = table.append(text)
        index[key] = added
        return added
    }
}
