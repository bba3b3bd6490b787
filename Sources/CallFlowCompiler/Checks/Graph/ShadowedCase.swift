/// `shadowed-case`: a switch case or escalation rule that can never fire because earlier ones
/// cover all its cases.
public enum ShadowedCase: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "shadowed-case",
        severity: .warning,
        summary: "a switch case or escalation rule that can never fire because earlier ones cover all its cases",
        explanation: """
        A switch takes its first case whose `if` holds, and of the escalation rules with the same \
        `at` the first whose `when` holds fires. A case or rule that holds only where an earlier \
        one already holds is never reached: the callers it was written for go elsewhere, usually \
        because a broad condition was put above a narrow one (`account.balance >= 50` above \
        `account.balance > 100`). The check decides this exactly, never by guessing: each \
        variable's values are cut into the pieces its literals cut them into (each enum value, \
        `true` and `false`, the numbers or durations below, at and between the literals, each \
        string literal and any other string), and the conditions are evaluated at every \
        combination of pieces. A condition that calls a function (`open`, `starts_with`, ...) or \
        compares two number, duration or string variables cannot be cut so: it is left out, and \
        neither shadows nor is shadowed. So is every condition of a switch or `at` beyond 4096 \
        combinations. The finding is at the shadowed case's `if` or the rule's `name`, with notes \
        at the earlier ones that take its calls. Move the narrower condition up, or remove it.
        """,
        failingExample: """
        callflow: 1
        name: balance-routing
        start: route
        context:
          account.balance: number
        nodes:
          route:
            switch:
              - if: account.balance >= 50
                goto: priority-desk
              - if: ↓account.balance > 100
                goto: premium-desk
            else: desk
          priority-desk: {transfer: "+15550100", fallback: box}
          premium-desk: {transfer: "+15550102", fallback: box}
          desk: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: balance-routing
        start: route
        context:
          account.balance: number
        nodes:
          route:
            switch:
              - if: account.balance > 100
                goto: premium-desk
              - if: account.balance >= 50
                goto: priority-desk
            else: desk
          priority-desk: {transfer: "+15550100", fallback: box}
          premium-desk: {transfer: "+15550102", fallback: box}
          desk: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        // One entry cannot be shadowed (most switches have one case): nothing to build for it.
        for sequence in context.conditionSequences where sequence.entries.count > 1 {
            // A case that some call makes the first to hold is not shadowed: when the paths'
            // analysis (`NextSteps.switchHolding`, the same conditions over the same domain)
            // found every case of a switch can win, there is nothing to look for.
            if let node = sequence.node, let holding = context.steps.switchHolding[node],
               !holding.pastLimit, !holding.canWin.contains(false) { continue }
            let shadowing = shadowing(of: sequence, in: graph.flow)
            for (entry, coveredBy) in zip(sequence.entries, shadowing) {
                guard let coveredBy else { continue }
                let earlier = coveredBy.map { sequence.entries[$0] }
                findings.append(Diagnostic(descriptor, message(entry, sequence.place, earlier: earlier.count),
                                           at: entry.range, notes: earlier.map { note($0, sequence.place) }))
            }
        }
        return findings
    }

    /// The earlier entries that cover each entry. `request` rules with keys or phrases of their
    /// own (issue 14) compete only with the rules that answer the same key or phrase: a rule is
    /// shadowed when it is so for every key and phrase it answers.
    private static func shadowing(of sequence: ConditionSequence, in flow: Flow) -> [[Int]?] {
        let conditions = sequence.entries.map(\.condition)
        guard case .rules(.request) = sequence.place, RequestAnswers.hasOwnAnswers(flow) else {
            return CoverageAnalysis.shadowing(conditions)
        }
        let rules = flow.escalations.indices.filter { flow.escalations[$0].trigger.value == .request }
        var result = [[Int]?](repeating: nil, count: conditions.count)
        var open = [Bool](repeating: false, count: conditions.count)
        for group in RequestAnswers.groups(rules, in: flow) {
            let shadowing = CoverageAnalysis.shadowing(group.members.map { conditions[$0] })
            for (k, member) in group.members.enumerated() {
                guard let coveredBy = shadowing[k] else {
                    open[member] = true
                    continue
                }
                let earlier = coveredBy.map { group.members[$0] }
                result[member] = Array(Set((result[member] ?? []) + earlier)).sorted()
            }
        }
        for index in open.indices where open[index] { result[index] = nil }
        return result
    }

    private static func message(_ entry: ConditionSequence.Entry, _ place: ConditionSequence.Place, earlier: Int) -> String {
        switch place {
        case .switchNode(let id, _):
            let them = earlier == 1 ? "an earlier case holds" : "earlier cases hold"
            return "\(entry.label) of switch '\(id)' is never taken: \(them) whenever it does; "
                + "move it up or remove it"
        case .rules(let trigger):
            let them = earlier == 1 ? "an earlier 'at: \(trigger.rawValue)' rule fires" : "earlier 'at: \(trigger.rawValue)' rules fire"
            let when = entry.isWritten ? "whenever its condition holds" : "every time it would (it has no 'when')"
            return "\(entry.label) never fires: \(them) \(when); move it up or remove it"
        }
    }

    private static func note(_ entry: ConditionSequence.Entry, _ place: ConditionSequence.Place) -> DiagnosticNote {
        switch place {
        case .switchNode: return DiagnosticNote("covered by the earlier \(entry.label)", at: entry.range)
        case .rules:
            let always = entry.isWritten ? "" : ", which has no 'when' and so always fires"
            return DiagnosticNote("covered by the earlier \(entry.label)\(always)", at: entry.range)
        }
    }
}
