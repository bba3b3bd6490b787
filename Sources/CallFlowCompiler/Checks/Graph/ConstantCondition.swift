/// `constant-condition`: a condition that is always true or always false.
public enum ConstantCondition: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "constant-condition",
        severity: .warning,
        summary: "a condition that is always true or always false",
        explanation: """
        A switch case's `if` or an escalation rule's `when` that holds for every call, or for \
        none, does not decide anything: `caller.tier != "gold" or caller.tier != "vip"` is true \
        whatever the tier, `account.balance > 100 and account.balance < 50` is never true. Either \
        the condition is mistyped (`or` for `and`, a bound the wrong way round) and callers go \
        where nobody meant them to, or it is not needed. A case that always holds makes every \
        later case and the `else` unreachable; a rule that always fires is taken every time its \
        `at` comes and no later rule with that `at` ever fires. `true` and `false` written \
        literally count too (a `request` rule may simply leave `when` out). The answer is \
        exact: the variables' values are cut into the pieces the literals cut them into and \
        every combination is tried; a condition that calls a function (`open`, `starts_with`, \
        ...) or compares two number, duration or string variables is not judged.
        """,
        failingExample: """
        callflow: 1
        name: tier-routing
        start: route
        context:
          caller.tier: {enum: [standard, gold, vip]}
        nodes:
          route:
            switch:
              - if: ↓caller.tier != "gold" or caller.tier != "vip"
                goto: priority-desk
            else: desk
          priority-desk: {transfer: "+15550100", fallback: box}
          desk: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: tier-routing
        start: route
        context:
          caller.tier: {enum: [standard, gold, vip]}
        nodes:
          route:
            switch:
              - if: caller.tier == "gold" or caller.tier == "vip"
                goto: priority-desk
            else: desk
          priority-desk: {transfer: "+15550100", fallback: box}
          desk: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let switchHolding = context.steps.switchHolding
        for sequence in context.conditionSequences {
            for (position, entry) in sequence.entries.enumerated() where entry.isWritten {
                guard let condition = entry.condition,
                      let constancy = constancy(of: condition, in: sequence, switchHolding) else { continue }
                let later = Array(sequence.entries[(position + 1)...])
                findings.append(finding(constancy, entry, sequence.place, later: later))
            }
        }
        return findings
    }

    /// Whether `condition` is constant. A switch's only case was decided already for the paths
    /// (`NextSteps.switchHolding`): one condition that can win and cannot fall through is always
    /// true, one that cannot win but can fall through always false.
    private static func constancy(of condition: TypedExpression, in sequence: ConditionSequence,
                                  _ switchHolding: [FirstHolding?]) -> Constancy? {
        if sequence.entries.count == 1, let index = sequence.node, index < switchHolding.count, let holding = switchHolding[index],
           holding.canWin.count == 1 {
            switch (holding.canWin[0], holding.canFallThrough) {
            case (true, false): return .alwaysTrue
            case (false, true): return .alwaysFalse
            default: return nil
            }
        }
        return CoverageAnalysis.constancy(of: condition)
    }

    private static func finding(_ constancy: Constancy, _ entry: ConditionSequence.Entry, _ place: ConditionSequence.Place,
                                later: [ConditionSequence.Entry]) -> Diagnostic {
        switch (place, constancy) {
        case (.switchNode(let id, _), .alwaysFalse):
            return Diagnostic(descriptor, "the condition of \(entry.label) of switch '\(id)' is always false: "
                + "no call takes this case; correct the condition or remove the case", at: entry.conditionRange)
        case (.switchNode(let id, let elseSource), .alwaysTrue):
            var notes: [DiagnosticNote] = []
            if let next = later.first {
                let what = later.count == 1 ? "the later \(next.label) is" : "the \(later.count) later cases, from \(next.label), are"
                notes.append(DiagnosticNote("so \(what) never taken", at: next.range))
            }
            if let elseSource { notes.append(DiagnosticNote("so 'else' is never taken", at: elseSource)) }
            return Diagnostic(descriptor, "the condition of \(entry.label) of switch '\(id)' is always true: "
                + "every call takes this case; correct the condition, or go to its target without a switch",
                at: entry.conditionRange, notes: notes)
        case (.rules(let trigger), .alwaysFalse):
            return Diagnostic(descriptor, "the 'when' of \(entry.label) (at: \(trigger.rawValue)) is always false: "
                + "the rule never fires; correct the condition or remove the rule", at: entry.conditionRange)
        case (.rules(let trigger), .alwaysTrue):
            var notes: [DiagnosticNote] = []
            if let next = later.first {
                let what = later.count == 1 ? "the later \(next.label) never fires" : "the \(later.count) later 'at: \(trigger.rawValue)' rules, from \(next.label), never fire"
                notes.append(DiagnosticNote("so \(what)", at: next.range))
            }
            return Diagnostic(descriptor, "the 'when' of \(entry.label) (at: \(trigger.rawValue)) is always true: "
                + "the rule fires \(whenTried(trigger)); \(fix(trigger))", at: entry.conditionRange, notes: notes)
        }
    }

    private static func whenTried(_ trigger: RuleTrigger) -> String {
        switch trigger {
        case .start: return "for every call, before the start node"
        case .request: return "every time a caller asks for a person"
        case .failure: return "at the first no-input or no-match"
        case .queue: return "as soon as a queued call's wait is reported"
        }
    }

    private static func fix(_ trigger: RuleTrigger) -> String {
        switch trigger {
        case .start: return "correct the condition, or remove the rule and make its 'goto' the flow's 'start'"
        case .request: return "correct the condition, or leave 'when' out (a request rule without it always fires)"
        case .failure, .queue: return "correct the condition, or remove the rule"
        }
    }
}
