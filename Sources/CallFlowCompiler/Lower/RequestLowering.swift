import CallFlowRuntime

/// Issue 14's table parts: the keys and phrases of `request` rules that name their own (phrases
/// interned after the human phrases, so tables of flows without them keep their strings).
struct RequestLowering {
    private(set) var answers: [TableRequestAnswers] = []
    private(set) var phrases: [Int32] = []

    init(rules: RuleLowering, strings: inout TableStrings) {
        for (index, item) in rules.kept.enumerated() where !item.rule.answersHumanRequest {
            var keys: Int32 = 0
            for key in item.rule.keys {
                guard let byte = key.value.utf8.first, case let k = RoutingTable.keyIndex(byte), k >= 0 else { continue }
                keys |= 1 << Int32(k)
            }
            let start = phrases.count
            for phrase in item.rule.phrases { phrases.append(strings.intern(phrase.value)) }
            answers.append(TableRequestAnswers(rule: Int32(index), keys: keys, phraseStart: Int32(start),
                                               phraseCount: Int32(phrases.count - start)))
        }
    }
}
