import CallFlowRuntime

/// What each `request` rule answers (issue 14): its own `keys` and `phrases`, or, with neither,
/// the flow's `human_key` and `human_phrases`. Rules are tried in order among those that answer
/// what the caller pressed or said, so each key and phrase is its own sequence of rules.
public enum RequestAnswers {
    /// The inputs `rule` answers, as tokens: `key 9`, `phrase emergencia` (phrases folded as the
    /// runtime folds them, `SpeechMatch`).
    public static func tokens(of rule: EscalationRule, in flow: Flow) -> [String] {
        if rule.answersHumanRequest {
            return ["key " + flow.effectiveHumanKey] + flow.effectiveHumanPhrases.map(phraseToken)
        }
        return rule.keys.map { "key " + $0.value } + rule.phrases.map { phraseToken($0.value) }
    }

    static func phraseToken(_ text: String) -> String { "phrase " + SpeechMatch.words(text).joined(separator: " ") }

    /// Whether some `request` rule names keys or phrases of its own.
    public static func hasOwnAnswers(_ flow: Flow) -> Bool {
        flow.escalations.contains { $0.trigger.value == .request && !$0.answersHumanRequest }
    }

    /// For each token some rule of `rules` (indices into `flow.escalations`) answers, in the order
    /// first met: the positions in `rules` of the rules that answer it, in order.
    public static func groups(_ rules: [Int], in flow: Flow) -> [(token: String, members: [Int])] {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (position, rule) in rules.enumerated() {
            for token in tokens(of: flow.escalations[rule], in: flow) {
                if members[token] == nil { order.append(token) }
                if members[token]?.last != position { members[token, default: []].append(position) }
            }
        }
        return order.map { ($0, members[$0]!) }
    }
}
