import CallFlowRuntime

/// The rules section, in two steps because of what each needs: the rules are chosen early (their
/// conditions are compiled after the switches', and their targets are entry points for
/// reachability), but written last, when the nodes' table indices are known.
struct RuleLowering {
    /// A rule the table keeps, with its condition (`TableConditions.alwaysTrue` for none) and its
    /// flow target node.
    struct Kept {
        var rule: EscalationRule
        var condition: Int32
        var target: Int
    }

    /// Sorted by trigger (the runtime's order), flow order within one.
    private(set) var kept: [Kept] = []

    /// Compiles the rules' conditions; a rule whose condition folds to false is dropped.
    init(flow: Flow, conditions: inout TableConditions, strings: inout TableStrings) throws(TableCompileError) {
        for trigger in RuleTrigger.allCases {
            for (index, rule) in flow.escalations.enumerated() where rule.trigger.value == trigger {
                var code = TableConditions.alwaysTrue
                if let when = rule.condition {
                    code = try conditions.add(when, strings: &strings)
                    if code == TableConditions.alwaysFalse { continue }
                }
                let to = flow.ruleTargets[index]
                guard to >= 0 else { throw TableCompileError.ruleGoesNowhere(rule: rule.name.value) }
                kept.append(Kept(rule: rule, condition: max(code, TableConditions.alwaysTrue), target: to))
            }
        }
    }

    var targets: [Int] { kept.map(\.target) }

    /// The rule records, targets as table node indices.
    func records(strings: inout TableStrings, numbering: NodeNumbering) throws(TableCompileError) -> [TableRule] {
        var rules: [TableRule] = []
        for item in kept {
            let rule = item.rule
            rules.append(TableRule(name: strings.intern(rule.name.value), trigger: Self.code(of: rule.trigger.value),
                                   condition: item.condition, target: try numbering.dense(item.target),
                                   priority: Int32(rule.priority?.value ?? -1), critical: rule.critical))
        }
        return rules
    }

    private static func code(of trigger: RuleTrigger) -> RuleTriggerCode {
        switch trigger {
        case .start: return .start
        case .request: return .request
        case .failure: return .failure
        case .queue: return .queue
        }
    }
}
