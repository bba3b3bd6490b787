/// A `request` rule's own keys and phrases (issue 14): `keys: ["9"]`, `phrases: [emergency]`.
extension FlowDecoder {
    func decodeRequestAnswers(_ fields: Fields, into rule: inout EscalationRule) {
        let owner = "escalation rule '\(rule.name.value)'"
        for key in ["keys", "phrases"] {
            guard let node = fields[key], rule.trigger.value != .request else { continue }
            invalid(fields.key(key) ?? node, "'\(key)' of \(owner) is only for 'at: request' rules (the caller's keys and "
                        + "words at a menu or collect); remove it or make the rule 'at: request'")
            return
        }
        if let node = fields["keys"] {
            var seen: Set<String> = []
            for item in list(node, what: "keys") ?? [] {
                guard let key = item.scalarText, Lexical.isDTMFKey(key) else {
                    let written = item.scalarText.map { "'\($0)'" } ?? item.kindDescription
                    invalid(item, "key \(written) of \(owner) is not a telephone key; use one of \"0\"-\"9\", \"*\" or \"#\", quoted")
                    continue
                }
                guard seen.insert(key).inserted else {
                    invalid(item, "key \"\(key)\" is listed twice in \(owner); list each key once")
                    continue
                }
                rule.keys.append(Located(key, at: item.range))
            }
            if rule.keys.isEmpty, node.sequenceItems?.isEmpty == true {
                invalid(node, "'keys' of \(owner) is empty; list the keys the rule answers, or leave 'keys' out")
            }
        }
        if let node = fields["phrases"] {
            rule.phrases = texts(node, what: "phrases", nonEmpty: true)
            if rule.phrases.isEmpty, node.sequenceItems?.isEmpty == true {
                invalid(node, "'phrases' of \(owner) is empty; list the words the rule answers, or leave 'phrases' out")
            }
        }
    }
}
