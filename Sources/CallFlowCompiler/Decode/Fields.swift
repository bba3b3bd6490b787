/// The keys of one mapping, read once: unknown keys are reported (with "did you mean"), and each
/// known key can then be asked for by name.
///
/// Mappings in flows have a handful of keys, so a lookup scans the mapping itself, comparing key
/// signatures; nothing is copied or hashed (a flow of 60,000 nodes builds some 200,000 of these).
struct Fields {
    let node: YAMLNode
    /// The key the mapping sits under (`billing:` of a queue), where a missing key is reported.
    let ownerKey: SourceRange?
    /// Allowed keys an unknown key was taken for ("did you mean 'max_wait'?"): their absence is
    /// not reported again.
    private(set) var suggested: [String] = []
    /// The keys the mapping has, as a filter of 64 bits (one bit per key, from its signature): a
    /// key whose bit is clear is not there, so asking for an absent key (a node's `description`,
    /// `ignore`, `external`, `branches`, an outcome it does not wire) returns without scanning the
    /// mapping; a set bit only means "look". Most lookups of a node find nothing (issue 13's
    /// speed requirement).
    private var present: UInt64 = 0

    /// Reports every key not in `allowed` as `unknown-key`, naming `owner` ("node 'main'").
    init(_ node: YAMLNode, pairs: YAMLNode.Pairs, allowed: KeySet, owner: @autoclosure () -> String, ownerKey: SourceRange? = nil,
         bag: inout DiagnosticBag, hint: (String) -> String? = { _ in nil }) {
        self.node = node
        self.ownerKey = ownerKey
        // The filter describes `pairs`; for other pairs than the node's own, every lookup scans.
        if pairs.node.index != node.index || pairs.node.document !== node.document { present = .max }
        // Keys read by their signatures; a pair's nodes are made only for a key to report.
        for position in pairs.indices {
            guard let signature = pairs.keySignature(at: position) else {
                let pair = pairs[position]
                bag.report(.invalidValue, "a key in \(owner()) must be a plain name, not \(pair.key.kindDescription)",
                           at: pair.key.range)
                continue
            }
            present |= signature.filterBit
            if allowed.index(of: signature, text: { pairs[position].key.scalarText ?? "" }) == nil {
                let pair = pairs[position]
                let key = pair.key.scalarText ?? ""
                if let meant = Suggestion.closest(to: key, in: allowed.names) { suggested.append(meant) }
                let extra = hint(key) ?? Suggestion.hint(for: key, in: allowed.names)
                bag.report(.unknownKey, "unknown key '\(key)' in \(owner())\(extra)", at: pair.key.range)
            }
        }
    }

    /// The same with the allowed keys as a list (for mappings read rarely).
    init(_ node: YAMLNode, pairs: YAMLNode.Pairs, allowed: [String], owner: @autoclosure () -> String, ownerKey: SourceRange? = nil,
         bag: inout DiagnosticBag, hint: (String) -> String? = { _ in nil }) {
        self.init(node, pairs: pairs, allowed: KeySet(allowed), owner: owner(), ownerKey: ownerKey, bag: &bag, hint: hint)
    }

    /// Only allowed keys are ever asked for, so an unknown key can never be returned.
    private func pair(_ key: String) -> YAMLPair? {
        pair(KeySignature(key), key)
    }

    /// The pair of `key`, whose signature the caller worked out once.
    func pair(_ signature: KeySignature, _ key: String) -> YAMLPair? {
        guard present & signature.filterBit != 0 else { return nil }
        return node.pair(forKey: signature, text: key)
    }

    subscript(_ key: String) -> YAMLNode? { pair(key)?.value }

    /// The same for a key whose signature the caller worked out once (keys every node is asked
    /// for: making a signature from a string cost some 60 instructions a lookup).
    subscript(_ signature: KeySignature, _ key: String) -> YAMLNode? { pair(signature, key)?.value }

    func key(_ key: String) -> YAMLNode? { pair(key)?.key }

    func has(_ key: String) -> Bool { pair(key) != nil }
}
