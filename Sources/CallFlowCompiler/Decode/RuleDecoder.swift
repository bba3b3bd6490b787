/// Escalation rules (docs/language.md).
extension FlowDecoder {
    func decodeRules(_ node: YAMLNode) -> [EscalationRule] {
        var names = ResourceTable()
        return (list(node, what: "escalations") ?? []).compactMap { item in
            guard let rule = decodeRule(item) else { return nil }
            return names.claim("escalation rule", rule.name, bag: &bag) ? rule : nil
        }
    }

    private func decodeRule(_ node: YAMLNode) -> EscalationRule? {
        guard let pairs = mapping(node, what: "an escalation rule") else { return nil }
        let named = pairs.first { $0.key.scalarText == "name" }?.value.scalarText
        let owner = named.map { "escalation rule '\($0)'" } ?? "an escalation rule"
        let fields = Fields(node, pairs: pairs, allowed: ["name", "at", "when", "goto", "priority", "critical", "description", "keys", "phrases"],
                            owner: owner, bag: &bag)
        let name = requireField(fields, "name", owner: owner).flatMap { identifier($0, what: "the rule's name") }
        var trigger: Located<RuleTrigger>?
        if let at = requireField(fields, "at", owner: owner) {
            let names = RuleTrigger.allCases.map(\.rawValue)
            if let text = at.scalarText, let value = RuleTrigger(rawValue: text) {
                trigger = Located(value, at: at.range)
            } else {
                invalid(at, "'at' must be one of \(names.joined(separator: ", ")), not \(at.kindDescription)\(Suggestion.hint(for: at.scalarText ?? "", in: names))")
            }
        }
        var condition: ExpressionSource?
        if let when = fields["when"] {
            condition = expression(when, what: "when")
        } else if let trigger, trigger.value != .request {
            invalid(at: node.range.startOnly, "\(owner) has no 'when'; only 'at: request' rules may leave it out")
        }
        let target = requireField(fields, "goto", owner: owner).flatMap { identifier($0, what: "goto") }
        let priority = fields["priority"].flatMap { integer($0, what: "priority", in: 0...100) }
        let critical = fields["critical"].flatMap { boolean($0, what: "critical") } ?? false
        let description = fields["description"].flatMap { text($0, what: "description") }?.value
        guard let name, let trigger, let target else { return nil }
        var rule = EscalationRule(name: name, trigger: trigger, condition: condition, target: target, priority: priority,
                                  critical: critical, description: description)
        decodeRequestAnswers(fields, into: &rule)
        return rule
    }
}
