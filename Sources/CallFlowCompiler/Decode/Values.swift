import Foundation

/// Reading single values: each reader reports `invalid-value` with what was expected and what was
/// found, and returns nil so the caller can go on.
extension FlowDecoder {
    func invalid(_ node: YAMLNode, _ message: String, notes: [DiagnosticNote] = []) {
        bag.report(.invalidValue, message, at: node.range, notes: notes)
    }

    /// For a place that holds no node of its own, such as the start of a mapping missing a key.
    func invalid(at range: SourceRange, _ message: String, notes: [DiagnosticNote] = []) {
        bag.report(.invalidValue, message, at: range, notes: notes)
    }

    func mapping(_ node: YAMLNode, what: @autoclosure () -> String) -> YAMLNode.Pairs? {
        if let pairs = node.mappingPairs { return pairs }
        invalid(node, "\(what()) must be a mapping (key: value lines), not \(node.kindDescription)")
        return nil
    }

    func list(_ node: YAMLNode, what: @autoclosure () -> String) -> [YAMLNode]? {
        if let items = node.sequenceItems { return Array(items) }
        invalid(node, "\(what()) must be a list ([a, b] or '- a' lines), not \(node.kindDescription)")
        return nil
    }

    /// A required key: reports its absence at the owner's key (`billing:`), or at the start of
    /// the mapping when it has none. A key already reported as misspelt (`max-wait`, "did you
    /// mean 'max_wait'?") is not reported missing as well.
    func requireField(_ fields: Fields, _ key: String, owner: @autoclosure () -> String) -> YAMLNode? {
        if let value = fields[key] { return value }
        if fields.suggested.contains(key) { return nil }
        invalid(at: fields.ownerKey ?? fields.node.range.startOnly,
                "\(owner()) has no '\(key)'; it is required")
        return nil
    }

    /// Free text (prompts, descriptions): a string, as the JSON Schema has it. A number is not
    /// text (`say: 5` is a mistake more often than a prompt; quoted, it is text); prompts,
    /// phrases and mailboxes (`nonEmpty`) may not be empty.
    func text(_ node: YAMLNode, what: @autoclosure () -> String, nonEmpty: Bool = false) -> Located<String>? {
        switch node.scalarValue {
        case .string(let s)?:
            if nonEmpty, s.isEmpty {
                invalid(node, "\(what()) is empty; write the text")
                return nil
            }
            return Located(s, at: node.range)
        case .int?, .float?:
            let written = node.scalarText ?? ""
            invalid(node, "\(what()) must be text, not the number \(written); to mean the text, quote it: \"\(written)\"")
            return nil
        default:
            invalid(node, "\(what()) must be text, not \(node.kindDescription)")
            return nil
        }
    }

    func texts(_ node: YAMLNode, what: @autoclosure () -> String, nonEmpty: Bool = false) -> [Located<String>] {
        guard let items = node.sequenceItems else {
            _ = list(node, what: what())
            return []
        }
        return items.compactMap { text($0, what: "an entry of \(what())", nonEmpty: nonEmpty) }
    }

    func identifier(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        // Most names are accepted from their bytes alone; the rest take the general route, which
        // gives the same answer (`IdentifierFastPathTests`).
        if let text = node.identifierText { return Located(text, at: node.range) }
        return identifierGeneral(node, what: what())
    }

    /// `identifier` without the fast path: every scalar's own reading.
    func identifierGeneral(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        // A plain `true`, `false` or number is a YAML boolean or number, not a name. The text is
        // made once and typed from it.
        var typed = false
        let text = node.scalarText
        if let text {
            switch node.scalarValue(text: text) {
            case .bool, .int, .float: typed = true
            default: break
            }
        }
        guard let text, !node.isNull, !typed else {
            invalid(node, "\(what()) must be an identifier, not \(node.kindDescription)")
            return nil
        }
        guard Lexical.isIdentifier(text) else {
            let lower = text.lowercased().replacingOccurrences(of: " ", with: "-")
            let hint = Lexical.isIdentifier(lower) ? "; write '\(lower)'" : ""
            invalid(node, "\(what()) '\(text)' is not an identifier: use lower-case letters, digits, '_' and '-', starting with a letter\(hint)")
            return nil
        }
        return Located(text, at: node.range)
    }

    func identifiers(_ node: YAMLNode, what: @autoclosure () -> String) -> [Located<String>] {
        // The items read in place, as `texts` reads them: no array of nodes is made first.
        guard let items = node.sequenceItems else {
            _ = list(node, what: what())
            return []
        }
        return items.compactMap { identifier($0, what: "an entry of \(what())") }
    }

    /// `items` without repeats; each repeat is a `duplicate-key` error (the JSON Schema has
    /// `uniqueItems` on every such list).
    func unique(_ items: [Located<String>], in what: @autoclosure () -> String) -> [Located<String>] {
        // One item repeats nothing: no table is built (a lookup's `sets` has one name, issue 17).
        guard items.count > 1 else { return items }
        var first: [String: SourceRange] = [:]
        return items.filter { item in
            if let earlier = first[item.value] {
                bag.report(.duplicateKey, "'\(item.value)' is listed twice in \(what()); remove one", at: item.range,
                           notes: [DiagnosticNote("first listed here", at: earlier)])
                return false
            }
            first[item.value] = item.range
            return true
        }
    }

    func variableName(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        guard let text = node.scalarText, Lexical.isVariableName(text) else {
            invalid(node, "\(what()) must be a variable name such as 'caller.tier' (identifiers joined by dots), not \(node.kindDescription)")
            return nil
        }
        return Located(text, at: node.range)
    }

    func variableNames(_ node: YAMLNode, what: @autoclosure () -> String) -> [Located<String>] {
        guard let items = node.sequenceItems else {
            _ = list(node, what: what())
            return []
        }
        return items.compactMap { variableName($0, what: "an entry of \(what())") }
    }

    /// A whole number in `range`.
    func integer(_ node: YAMLNode, what: @autoclosure () -> String, in range: ClosedRange<Int>) -> Located<Int>? {
        guard case .int(let value)? = node.scalarValue else {
            invalid(node, "\(what()) must be a whole number, not \(node.kindDescription)")
            return nil
        }
        guard range.contains(value) else {
            let bound = range.upperBound == Int.max ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            invalid(node, "\(what()) is \(value); it must be \(bound)")
            return nil
        }
        return Located(value, at: node.range)
    }

    /// `true` or `false`. YAML 1.1 spellings get a message that says what to write.
    func boolean(_ node: YAMLNode, what: @autoclosure () -> String) -> Bool? {
        if case .bool(let value)? = node.scalarValue { return value }
        if case .scalar(let text, .plain) = node.content,
           let meant = ["yes": true, "no": false, "on": true, "off": false, "y": true, "n": false][text.lowercased()] {
            invalid(node, "\(what()) must be true or false; '\(text)' is a string in YAML 1.2, write \(meant)")
            return nil
        }
        invalid(node, "\(what()) must be true or false, not \(node.kindDescription)")
        return nil
    }

    /// A duration. A bare number gets a hint with its unit: seconds, and minutes too when
    /// `plausibleSeconds` (what the key usually holds) does not contain that many seconds
    /// (`max_wait: 6` is more likely six minutes than six seconds).
    func duration(_ node: YAMLNode, what: @autoclosure () -> String, plausibleSeconds: ClosedRange<Int>? = nil) -> Located<Duration>? {
        guard let text = node.scalarText, let value = Duration(parsing: text) else {
            var hint = ""
            if case .int(let n)? = node.scalarValue {
                if let plausible = plausibleSeconds, !plausible.contains(n), plausible.contains(n * 60) {
                    hint = "; write '\(n)m' for minutes or '\(n)s' for seconds"
                } else {
                    hint = "; write '\(n)s' for seconds"
                }
            }
            invalid(node, "\(what()) must be a duration such as 5s, 2m, 1h or 1m30s, not \(node.kindDescription)\(hint)")
            return nil
        }
        return Located(value, at: node.range)
    }

    func dtmfKey(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        guard let text = node.scalarText, Lexical.isDTMFKey(text) else {
            invalid(node, "\(what()) must be one telephone key: 0-9, \"*\" or \"#\" (quoted), not \(node.kindDescription)")
            return nil
        }
        return Located(text, at: node.range)
    }

    func timeZone(_ node: YAMLNode) -> Located<String>? {
        guard let text = node.scalarText else {
            invalid(node, "timezone must be an IANA zone name such as America/New_York, not \(node.kindDescription)")
            return nil
        }
        guard IANAZones.isKnown(text) else {
            let hint = Suggestion.closest(to: text, in: IANAZones.all).map { "did you mean '\($0)'?" }
            invalid(node, "unknown time zone '\(text)'; " + (hint ?? "use an IANA name such as Europe/Berlin"))
            return nil
        }
        return Located(text, at: node.range)
    }

    /// A list of check ids (`ignore`). Unknown ids are errors with "did you mean".
    func checkIDs(_ node: YAMLNode) -> [Located<String>] {
        let known = CheckRegistry.ids
        var seen = Set<String>()
        return (list(node, what: "ignore") ?? []).compactMap { item in
            if let id = item.scalarText, !seen.insert(id).inserted {
                bag.report(.duplicateKey, "check '\(id)' is listed twice in this ignore; remove one", at: item.range)
                return nil
            }
            guard let id = item.scalarText else {
                invalid(item, "an entry of ignore must be a check id, not \(item.kindDescription)")
                return nil
            }
            guard known.contains(id) else {
                bag.report(.undefinedReference, "no check is named '\(id)'\(Suggestion.hint(for: id, in: known)); `callflow checks` lists them",
                           at: item.range)
                return nil
            }
            return Located(id, at: item.range)
        }
    }

    /// A scalar as a literal: bool, number, string; a duration where `type` asks for one.
    func literal(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<LiteralValue>? {
        switch node.scalarValue {
        case .bool(let b)?: return Located(.bool(b), at: node.range)
        case .int(let n)?: return Located(.number(Double(n)), at: node.range)
        case .float(let n)?: return Located(.number(n), at: node.range)
        case .string(let s)?: return Located(.string(s), at: node.range)
        default:
            invalid(node, "\(what()) must be a value (true/false, a number or text), not \(node.kindDescription)")
            return nil
        }
    }
}

/// The IANA zone names this machine knows.
enum IANAZones {
    static let all: [String] = TimeZone.knownTimeZoneIdentifiers.sorted()
    private static let set = Set(all)

    static func isKnown(_ name: String) -> Bool {
        set.contains(name) || (name == "UTC" || TimeZone(identifier: name) != nil && name.contains("/"))
    }
}
