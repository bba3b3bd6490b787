/// The keys of one mapping, read once: unknown keys are reported (with "did you mean"), and each
/// known key can then be asked for by name.
struct Fields {
    let node: YAMLNode
    private(set) var pairs: [String: YAMLPair] = [:]

    /// Reports every key not in `allowed` as `unknown-key`, naming `owner` ("node 'main'").
    init(_ node: YAMLNode, pairs: [YAMLPair], allowed: [String], owner: String, bag: inout DiagnosticBag,
         hint: (String) -> String? = { _ in nil }) {
        self.node = node
        for pair in pairs {
            guard let key = pair.key.scalarText else {
                bag.report(.invalidValue, "a key in \(owner) must be a plain name, not \(pair.key.kindDescription)",
                           at: pair.key.range)
                continue
            }
            if allowed.contains(key) {
                self.pairs[key] = pair
            } else {
                let extra = hint(key) ?? Suggestion.hint(for: key, in: allowed)
                bag.report(.unknownKey, "unknown key '\(key)' in \(owner)\(extra)", at: pair.key.range)
            }
        }
    }

    subscript(_ key: String) -> YAMLNode? { pairs[key]?.value }

    func key(_ key: String) -> YAMLNode? { pairs[key]?.key }

    func has(_ key: String) -> Bool { pairs[key] != nil }
}
