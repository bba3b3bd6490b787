/// Conditions the runtime tries in order, the first that holds winning: the cases of one switch,
/// or the escalation rules with one `at`.
public struct ConditionSequence: Sendable {
    public enum Place: Sendable {
        /// The cases of a switch node, and where its `else` is wired (nil if it is not).
        case switchNode(id: String, elseSource: SourceRange?)
        case rules(RuleTrigger)
    }

    /// One case or rule.
    public struct Entry: Sendable {
        /// The checked condition; nil when it did not check. A `request` rule without `when` has
        /// the condition `true`.
        public var condition: TypedExpression?
        /// Whether the condition is written (a `request` rule may leave it out).
        public var isWritten: Bool
        /// Where the written condition is (the `if` or `when` value), else the rule's name.
        public var conditionRange: SourceRange
        /// Where a finding about the entry points: the case's `if` value, or the rule's name.
        public var range: SourceRange
        /// How a message names the entry: `case 'caller.vip'`, `rule 'emergency'`. Built when a
        /// message asks for it: printing every case's condition up front cost a tenth of the
        /// graph checks on a large flow (issue 17).
        public var label: String {
            switch named {
            case .switchCase(let condition): return "case '\(ConditionSequence.text(condition))'"
            case .rule(let name): return "rule '\(name)'"
            }
        }
        enum Named: Sendable {
            case switchCase(ExpressionSource)
            case rule(String)
        }
        var named: Named
    }

    public var place: Place
    public var entries: [Entry]
    /// For a switch: its node's index in `flow.nodes` (the graph's index too), so a check reading
    /// per-node answers (`NextSteps.switchHolding`) need not look its id up (issue 17).
    public var node: Int?

    /// Every sequence of `flow` with at least one entry: switches in file order, then the rules
    /// of each `at` in the order of `RuleTrigger.allCases`.
    public static func all(in flow: Flow) -> [ConditionSequence] {
        var sequences: [ConditionSequence] = []
        for (index, node) in flow.nodes.enumerated() {
            guard case .switch(let cases) = node.kind, !cases.isEmpty else { continue }
            let entries = cases.map { item in
                Entry(condition: item.condition.parsed, isWritten: true, conditionRange: item.condition.range,
                      range: item.condition.range, named: .switchCase(item.condition))
            }
            sequences.append(ConditionSequence(place: .switchNode(id: node.id.value, elseSource: node.outcome("else")?.source),
                                               entries: entries, node: index))
        }
        for trigger in RuleTrigger.allCases {
            let entries = flow.escalations.filter { $0.trigger.value == trigger }.map { rule in
                if let condition = rule.condition {
                    return Entry(condition: condition.parsed, isWritten: true, conditionRange: condition.range,
                                 range: rule.name.range, named: .rule(rule.name.value))
                }
                let always = TypedExpression(expression: Expression(.literal(.bool(true)), 0..<0), variableTypes: [:])
                return Entry(condition: always, isWritten: false, conditionRange: rule.name.range,
                             range: rule.name.range, named: .rule(rule.name.value))
            }
            if !entries.isEmpty { sequences.append(ConditionSequence(place: .rules(trigger), entries: entries)) }
        }
        return sequences
    }

    /// A condition as messages quote it: its canonical form when it checked, else its text.
    static func text(_ source: ExpressionSource) -> String {
        source.parsed.map { ExpressionPrinter.print($0.expression) } ?? source.text
    }
}
