/// Menus and collects: prompts, options, digits, timeouts and retries.
extension FlowDecoder {
    static let optionKeys = KeySet(["goto", "say", "speech", "critical", "description"])
    private static let gotoKey = KeySignature("goto"), sayKey = KeySignature("say"), speechKey = KeySignature("speech"),
                       criticalKey = KeySignature("critical")

    func decodeMenu(_ value: YAMLNode, _ fields: Fields, owner: @autoclosure () -> String, options outcomes: inout [StoredOutcome]) -> Menu? {
        guard let prompt = prompt(value, what: "the prompt of \(owner())") else { return nil }
        var options: [MenuOption] = []
        if let optionsNode = requireField(fields, "options", owner: owner()), let pairs = mapping(optionsNode, what: "options") {
            // Room for every option at once, and each option moved in as its last use: growing
            // the array copied the options written so far (issue 13's speed requirement).
            options.reserveCapacity(pairs.count)
            for pair in pairs {
                guard let option = decodeOption(pair, owner: owner()) else { continue }
                outcomes.append(StoredOutcome(label: option.key.value, target: option.target, source: pair.key.range))
                options.append(option)
            }
        }
        return Menu(prompt: prompt, options: options, timeout: timeout(fields), retries: retries(fields))
    }

    private func decodeOption(_ pair: YAMLPair, owner: @autoclosure () -> String) -> MenuOption? {
        guard let key = pair.key.scalarText, Lexical.isDTMFKey(key) else {
            let written = pair.key.scalarText.map { "'\($0)'" } ?? pair.key.kindDescription
            invalid(pair.key, "option \(written) of \(owner()) is not a telephone key; use one of 0-9, \"*\" or \"#\" (quote * and #)")
            return nil
        }
        let located = Located(key, at: pair.key.range)
        if pair.value.isScalar {
            guard let target = identifier(pair.value, what: "the target of option \(key)") else { return nil }
            return MenuOption(key: located, target: target, label: nil, speech: [])
        }
        guard let pairs = mapping(pair.value, what: "option \(key)") else { return nil }
        let fields = Fields(pair.value, pairs: pairs, allowed: Self.optionKeys,
                            owner: "option \(key) of \(owner())", ownerKey: pair.key.range, bag: &bag)
        // The option's keys, read in one pass over the mapping instead of one lookup each (issue
        // 13's speed requirement); the first of a repeated key, as `Fields` finds it. Each of these
        // keys has at most eight bytes, so equal signatures are equal keys.
        var gotoNode, sayNode, speechNode, criticalNode: YAMLNode?
        for option in pairs {
            switch option.key.keySignature {
            case Self.gotoKey?: if gotoNode == nil { gotoNode = option.value }
            case Self.sayKey?: if sayNode == nil { sayNode = option.value }
            case Self.speechKey?: if speechNode == nil { speechNode = option.value }
            case Self.criticalKey?: if criticalNode == nil { criticalNode = option.value }
            default: break
            }
        }
        guard let target = (gotoNode ?? requireField(fields, "goto", owner: "option \(key)")).flatMap({ identifier($0, what: "goto") }) else {
            return nil
        }
        let labelPrompt = sayNode.flatMap { prompt($0, what: "the say of option \(key)") }
        let speech = speechNode.map { phrases($0, what: "the speech of option \(key)") }
        let critical = criticalNode.flatMap { boolean($0, what: "critical") } ?? false
        return MenuOption(key: located, target: target, label: labelPrompt?.value, speech: speech?.all ?? [],
                          labelPrompt: labelPrompt, localizedSpeech: speech?.localized, critical: critical)
    }

    func decodeCollect(_ value: YAMLNode, _ fields: Fields, owner: @autoclosure () -> String) -> Collect? {
        guard let prompt = prompt(value, what: "the prompt of \(owner())") else { return nil }
        var digits: DigitCount?
        if let node = fields["digits"] {
            digits = digitCount(node)
        }
        let into = requireField(fields, "into", owner: owner()).flatMap { variableName($0, what: "into") }
        return Collect(prompt: prompt, digits: digits, into: into, timeout: timeout(fields), retries: retries(fields))
    }

    /// `digits: 6` or `digits: "4-8"`.
    private func digitCount(_ node: YAMLNode) -> DigitCount? {
        let message = "digits must be a count from 1 to 32 or a range \"min-max\" such as \"4-8\", not \(node.kindDescription)"
        if case .int(let n)? = node.scalarValue {
            guard (1...32).contains(n) else { invalid(node, message); return nil }
            return DigitCount(min: n, max: n)
        }
        let parts = node.scalarText?.split(separator: "-", omittingEmptySubsequences: false) ?? []
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), 1 <= low, low <= high, high <= 32 else {
            invalid(node, message)
            return nil
        }
        return DigitCount(min: low, max: high)
    }

    func timeout(_ fields: Fields) -> Located<Duration>? {
        fields["timeout"].flatMap { duration($0, what: "timeout") }
    }

    func retries(_ fields: Fields) -> Located<Int>? {
        fields["retries"].flatMap { integer($0, what: "retries", in: 0...Int.max) }
    }
}
