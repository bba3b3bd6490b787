import CallFlowRuntime

/// One thing that can happen next at a node, as the runtime executes it (`CallSession`): an
/// outcome taken, or an escalation rule that fires there.
public struct NextStep: Sendable {
    /// Who decides that the call goes this way.
    public enum Cause: Sendable, Equatable {
        /// The caller chose it: a menu option, a collect's digits (`next`), a `request` rule (the
        /// caller asked for a person), a queue's `callback` offer accepted.
        case choice
        /// The caller did not manage to choose: a menu's or collect's `no_input` / `no_match`.
        case failure
        /// The platform's answer: a lookup's `found` / `not_found` / `error`, a transfer's
        /// `no_answer` / `busy` / `failed`, a queue's `overflow` (nobody took the call).
        case platform
        /// The flow decides by itself: a switch case or `else`, an hours branch, a `say`'s or `set`'s `next`.
        case decision
        /// A `failure` rule (at a menu or collect) or a `queue` rule (in a queue) fires.
        case rule
    }

    /// Whether the step is sure to be taken when its event comes.
    public enum Firing: Sendable, Equatable {
        /// Some calls take it: an outcome, when its event comes; a rule whose condition can hold.
        case can
        /// A rule of a group one of which holds in every call (the group's first holding one
        /// fires whenever the event comes: every `failure` of the caller, every queue report).
        case must
    }

    public var cause: Cause
    public var firing: Firing
    public var target: Int
    /// The outcome's label (`no_input`, `if caller.vip`, `else`, `1`), or `rule 'NAME'`.
    public var label: String
    /// The key that wires the outcome, or the rule's `name`.
    public var source: SourceRange
    /// For a rule step: the rule's index in `flow.escalations`.
    public var rule: Int?
    /// For a switch case: the case's index.
    public var switchCase: Int?

    /// Taken without the caller choosing it (a failure counts: the caller did not choose to fail).
    public var isUnchosen: Bool { cause != .choice }
}

/// The one model of "what can happen next at this node" that every path check reads (spec
/// section 8): each node's outcomes that can be taken, plus the escalation rules that can fire
/// there, as the runtime applies them:
///
/// - at a menu or collect, `request` rules (choices) and `failure` rules (rules tried at every
///   no-input or no-match, with `call.failures` counting it); the node's own `no_input` and
///   `no_match` are taken only after `retries + 1` failures in one visit at none of which a rule
///   fired, and are left out when no count the caller can arrive with allows that (a rule
///   `call.failures >= 2` at a menu with one retry always fires first);
/// - in a queue, `queue` rules (its `overflow` stays: the platform can report it directly);
/// - a switch case that no call makes the first to hold, and an `else` that no call reaches, are
///   left out (decided exactly where the conditions compare variables with literals);
/// - a rule that no call can fire (always false, or shadowed by earlier rules) is left out.
///
/// `start` rules are entries, not steps (`FlowGraph.entries`).
public struct NextSteps: Sendable {
    public let graph: FlowGraph
    public let steps: [[NextStep]]
    public let firing: RuleFiring
    /// For each switch node: which of its cases can be the first to hold (nil for other nodes).
    /// Kept so checks that need the same answer (`constant-condition` on a one-case switch)
    /// do not decide it again.
    public let switchHolding: [FirstHolding?]

    public init(_ graph: FlowGraph) {
        self.graph = graph
        let flow = graph.flow
        let firing = RuleFiring(flow)
        self.firing = firing

        func ruleSteps(_ trigger: RuleTrigger, cause: NextStep.Cause) -> [NextStep] {
            guard let indices = firing.rules[trigger], let holding = firing.overall[trigger] else { return [] }
            let sure: NextStep.Firing = holding.mustHoldOne && trigger != .request ? .must : .can
            return indices.enumerated().compactMap { position, rule in
                let escalation = flow.escalations[rule]
                let target = flow.ruleTargets[rule]
                guard holding.canWin[position], target >= 0 else { return nil }
                return NextStep(cause: cause, firing: sure, target: target, label: "rule '\(escalation.name.value)'",
                                source: escalation.name.range, rule: rule)
            }
        }
        let requestSteps = ruleSteps(.request, cause: .choice)
        let failureSteps = ruleSteps(.failure, cause: .rule)
        let queueSteps = ruleSteps(.queue, cause: .rule)
        // A menu's or collect's own `no_input` / `no_match` is taken after `retries + 1` failures
        // in one visit at none of which a failure rule fired: possible when, for some count the
        // caller arrives with, every one of those counts lets the rules fall through.
        var failureOutcomesTaken: [Int: Bool] = [:]
        func failureOutcomesPossible(retries: Int) -> Bool {
            if let known = failureOutcomesTaken[retries] { return known }
            guard !firing.failuresAt.isEmpty else { return true }
            let possible = (0...firing.failureCountCap).contains { arrival in
                // Counts past the cap behave as the cap does: no need to look further.
                (1...min(retries + 1, firing.failureCountCap + 1)).allSatisfy { silence in
                    firing.failure(at: arrival + silence)?.canFallThrough ?? true
                }
            }
            failureOutcomesTaken[retries] = possible
            return possible
        }

        let callerRuleSteps = requestSteps + failureSteps
        var steps: [[NextStep]] = []
        steps.reserveCapacity(flow.nodes.count)
        var switchHolding = [FirstHolding?](repeating: nil, count: flow.nodes.count)
        for (index, node) in flow.nodes.enumerated() {
            var list: [NextStep] = []
            // Room for every step at once: the lists live as long as the checks (issue 17).
            switch node.kind {
            case .menu, .collect: list.reserveCapacity(node.outcomes.count + callerRuleSteps.count)
            case .queue: list.reserveCapacity(node.outcomes.count + queueSteps.count)
            default: list.reserveCapacity(node.outcomes.count)
            }
            var holding: FirstHolding?
            if case .switch(let cases) = node.kind {
                holding = FirstHolding.analyse(cases.map { $0.condition.parsed })
                switchHolding[index] = holding
            }
            var caseIndex = 0
            var ownFailuresTaken = true
            switch node.kind {
            case .menu(let menu): ownFailuresTaken = failureOutcomesPossible(retries: menu.effectiveRetries)
            case .collect(let collect): ownFailuresTaken = failureOutcomesPossible(retries: collect.effectiveRetries)
            default: break
            }
            for (position, outcome) in node.outcomes.enumerated() {
                let target = flow.outcomeTargets[index, position]
                var switchCase: Int?
                if case .switch = node.kind, outcome.label.hasPrefix("if ") {
                    switchCase = caseIndex
                    caseIndex += 1
                }
                guard target >= 0 else { continue }
                let cause: NextStep.Cause
                switch node.kind {
                case .menu, .collect:
                    if node.kind.tableKind.descriptor.outcome(outcome.label)?.isFailure == true {
                        if !ownFailuresTaken { continue }
                        cause = .failure
                    } else {
                        cause = .choice
                    }
                case .switch:
                    if let switchCase, holding?.canWin[switchCase] == false { continue }
                    if switchCase == nil, holding?.canFallThrough == false { continue }
                    cause = .decision
                case .hours, .say, .set: cause = .decision
                case .lookup, .send, .transfer: cause = .platform
                case .queue: cause = node.kind.tableKind.descriptor.outcome(outcome.label)?.isCallerChoice == true ? .choice : .platform
                case .voicemail, .callback, .hangup: continue
                }
                list.append(NextStep(cause: cause, firing: .can, target: target, label: outcome.label,
                                     source: outcome.source, switchCase: switchCase))
            }
            switch node.kind {
            case .menu(let menu):
                // Issue 14: a keyed request rule whose every key is an option here is not tried here.
                list += RequestAnswers.hasOwnAnswers(flow) ? Self.requestSteps(requestSteps, at: menu, in: flow) + failureSteps
                    : callerRuleSteps
            case .collect: list += callerRuleSteps
            case .queue: list += queueSteps
            default: break
            }
            steps.append(list)
        }
        self.steps = steps
        self.switchHolding = switchHolding
    }

    public var count: Int { steps.count }

    /// The request rules that can fire at `menu`: a rule with keys of its own and no phrases
    /// whose every key is an option of the menu is never tried there (the options win, issue 14).
    static func requestSteps(_ steps: [NextStep], at menu: Menu, in flow: Flow) -> [NextStep] {
        guard !steps.isEmpty, RequestAnswers.hasOwnAnswers(flow) else { return steps }
        let options = Set(menu.options.map(\.key.value))
        return steps.filter { step in
            guard let index = step.rule else { return true }
            let rule = flow.escalations[index]
            return rule.answersHumanRequest || !rule.phrases.isEmpty || rule.keys.contains { !options.contains($0.value) }
        }
    }

    /// The targets of the node's steps that pass `filter`.
    public func targets(_ node: Int, where filter: (NextStep) -> Bool = { _ in true }) -> [Int] {
        steps[node].compactMap { filter($0) ? $0.target : nil }
    }

    /// For each node, the nodes with a step that passes `filter` to it (once per step).
    public func predecessors(where filter: (NextStep) -> Bool = { _ in true }) -> [[Int]] {
        var predecessors = [[Int]](repeating: [], count: steps.count)
        for (from, list) in steps.enumerated() {
            for step in list where filter(step) { predecessors[step.target].append(from) }
        }
        return predecessors
    }

    /// Nodes from which some node in `goals` can be reached along steps that pass `filter`,
    /// passing only through nodes for which `passable` holds (a goal always counts).
    public func canReach(goals: (Int) -> Bool, passable: (Int) -> Bool = { _ in true },
                         along filter: (NextStep) -> Bool = { _ in true }) -> [Bool] {
        // The reverse steps in flat arrays (`DenseGraph`), the one backward search (issue 17).
        DenseGraph(self, keeping: filter).canReach(goals: goals, passable: passable)
    }
}
