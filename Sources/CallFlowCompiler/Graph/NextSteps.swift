import CallFlowRuntime

/// One thing that can happen next at a node, as the runtime executes it (`CallSession`): an
/// outcome taken, or an escalation rule that fires there.
///
/// Small and free of references (issue 17): 16 bytes, copied without retains. What a message
/// needs (the label, the key that wires the step) is read from the flow when it is asked for
/// (`NextSteps.label(of:)`, `NextSteps.source(of:)`), from the node and the outcome's position
/// or the rule's index kept here.
public struct NextStep: Sendable {
    /// Who decides that the call goes this way.
    public enum Cause: UInt8, Sendable, Equatable {
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
    public enum Firing: UInt8, Sendable, Equatable {
        /// Some calls take it: an outcome, when its event comes; a rule whose condition can hold.
        case can
        /// A rule of a group one of which holds in every call (the group's first holding one
        /// fires whenever the event comes: every `failure` of the caller, every queue report).
        case must
    }

    private let storedTarget: Int32
    /// The node the step leaves.
    private let storedNode: Int32
    /// For an outcome: its position in the node's `outcomes`; for a rule: its index in `flow.escalations`.
    private let origin: Int32
    public let cause: Cause
    public let firing: Firing
    private let isRule: Bool

    /// An outcome step: the node's outcome at `position`.
    init(cause: Cause, firing: Firing, target: Int, node: Int, outcome position: Int) {
        self.cause = cause
        self.firing = firing
        storedTarget = Int32(truncatingIfNeeded: target)
        storedNode = Int32(truncatingIfNeeded: node)
        origin = Int32(truncatingIfNeeded: position)
        isRule = false
    }

    /// A rule step: escalation rule `rule`, at `node`.
    init(cause: Cause, firing: Firing, target: Int, node: Int, rule: Int) {
        self.cause = cause
        self.firing = firing
        storedTarget = Int32(truncatingIfNeeded: target)
        storedNode = Int32(truncatingIfNeeded: node)
        origin = Int32(truncatingIfNeeded: rule)
        isRule = true
    }

    /// The same rule step at another node.
    func at(_ node: Int) -> NextStep {
        NextStep(cause: cause, firing: firing, target: target, node: node, rule: Int(origin))
    }

    public var target: Int { Int(storedTarget) }
    /// The node the step leaves.
    public var node: Int { Int(storedNode) }
    /// For a rule step: the rule's index in `flow.escalations`.
    public var rule: Int? { isRule ? Int(origin) : nil }
    /// For an outcome step: the outcome's position in the node's `outcomes`.
    public var outcome: Int? { isRule ? nil : Int(origin) }

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
    /// Every node's steps in one flat array (issue 17: an array per node of 80-byte steps holding
    /// a `String` label was the largest structure of the graph phase): node `n`'s are
    /// `all[offsets[n] ..< offsets[n + 1]]`, read as `self[n]`.
    public let offsets: [Int32]
    public let all: [NextStep]
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
                let target = flow.ruleTargets[rule]
                guard holding.canWin[position], target >= 0 else { return nil }
                return NextStep(cause: cause, firing: sure, target: target, node: -1, rule: rule)
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
        // Asked once, not at every menu (it reads every rule).
        let ownAnswers = RequestAnswers.hasOwnAnswers(flow)
        // Room for every step at once: each node's outcomes and the rule steps its kind can have
        // bound the count from above.
        var bound = 0
        for node in flow.nodes {
            switch node.kind {
            case .menu, .collect: bound += node.outcomes.count + callerRuleSteps.count
            case .queue: bound += node.outcomes.count + queueSteps.count
            default: bound += node.outcomes.count
            }
        }
        var all: [NextStep] = []
        all.reserveCapacity(bound)
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(flow.nodes.count + 1)
        var switchHolding = [FirstHolding?](repeating: nil, count: flow.nodes.count)
        // Which outcomes are failures or choices, from the kinds' descriptions, fetched once
        // instead of for every outcome.
        let menuKind = TableNodeKind.menu.descriptor, collectKind = TableNodeKind.collect.descriptor
        let queueKind = TableNodeKind.queue.descriptor
        for (index, node) in flow.nodes.enumerated() {
            var holding: FirstHolding?
            if case .switch(let cases) = node.kind {
                holding = FirstHolding.analyse(cases.map { $0.condition.parsed })
                switchHolding[index] = holding
            }
            var caseIndex = 0
            var ownFailuresTaken = true
            var described: NodeKindDescription?
            switch node.kind {
            case .menu(let menu):
                ownFailuresTaken = failureOutcomesPossible(retries: menu.effectiveRetries)
                described = menuKind
            case .collect(let collect):
                ownFailuresTaken = failureOutcomesPossible(retries: collect.effectiveRetries)
                described = collectKind
            case .queue: described = queueKind
            default: break
            }
            for (position, outcome) in node.outcomes.enumerated() {
                let target = flow.outcomeTargets[index, position]
                var switchCase: Int?
                if case .switch = node.kind, Self.isCase(outcome) {
                    switchCase = caseIndex
                    caseIndex += 1
                }
                guard target >= 0 else { continue }
                let cause: NextStep.Cause
                switch node.kind {
                case .menu, .collect:
                    if described?.outcome(outcome.label)?.isFailure == true {
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
                case .queue: cause = described?.outcome(outcome.label)?.isCallerChoice == true ? .choice : .platform
                case .voicemail, .callback, .hangup: continue
                }
                all.append(NextStep(cause: cause, firing: .can, target: target, node: index, outcome: position))
            }
            switch node.kind {
            case .menu(let menu):
                // Issue 14: a keyed request rule whose every key is an option here is not tried here.
                let menuRuleSteps = ownAnswers ? Self.requestSteps(requestSteps, at: menu, in: flow) + failureSteps
                    : callerRuleSteps
                for step in menuRuleSteps { all.append(step.at(index)) }
            case .collect: for step in callerRuleSteps { all.append(step.at(index)) }
            case .queue: for step in queueSteps { all.append(step.at(index)) }
            default: break
            }
            offsets.append(Int32(truncatingIfNeeded: all.count))
        }
        self.offsets = offsets
        self.all = all
        self.switchHolding = switchHolding
    }

    public var count: Int { offsets.count - 1 }

    /// Node `node`'s steps, indexed from 0.
    public subscript(node: Int) -> Steps {
        Steps(all: all, start: Int(offsets[node]), end: Int(offsets[node + 1]))
    }

    /// One node's steps: a window on the flat array, indexed from 0 as a list of its own.
    public struct Steps: RandomAccessCollection, Sendable {
        let all: [NextStep]
        let start: Int
        public let endIndex: Int
        init(all: [NextStep], start: Int, end: Int) {
            self.all = all
            self.start = start
            endIndex = end - start
        }
        public var startIndex: Int { 0 }
        public subscript(position: Int) -> NextStep { all[start + position] }
    }

    /// The outcome's label (`no_input`, `if caller.vip`, `else`, `1`), or `rule 'NAME'`: made
    /// when a message asks for it.
    public func label(of step: NextStep) -> String {
        if let rule = step.rule { return "rule '\(graph.flow.escalations[rule].name.value)'" }
        return graph.flow.nodes[step.node].outcomes[step.outcome!].label
    }

    /// A switch's outcome for one of its cases (`if COND`), not its `else`: the cases are
    /// numbered in the order of these outcomes.
    static func isCase(_ outcome: Outcome) -> Bool { outcome.label.hasPrefix("if ") }

    /// For a switch case's step: the case's index (read from the flow, as the label is).
    public func switchCase(of step: NextStep) -> Int? {
        guard let position = step.outcome, case .switch = graph.flow.nodes[step.node].kind else { return nil }
        let outcomes = graph.flow.nodes[step.node].outcomes
        guard Self.isCase(outcomes[position]) else { return nil }
        return outcomes[..<position].filter(Self.isCase).count
    }

    /// Whether the step is the node's outcome `label` (never a rule's step).
    public func isOutcome(_ step: NextStep, _ label: String) -> Bool {
        guard let position = step.outcome else { return false }
        return graph.flow.nodes[step.node].outcomes[position].label == label
    }

    /// The key that wires the outcome, or the rule's `name`.
    public func source(of step: NextStep) -> SourceRange {
        if let rule = step.rule { return graph.flow.escalations[rule].name.range }
        return graph.flow.nodes[step.node].outcomes[step.outcome!].source
    }

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
        self[node].compactMap { filter($0) ? $0.target : nil }
    }

    /// For each node, the nodes with a step that passes `filter` to it (once per step).
    public func predecessors(where filter: (NextStep) -> Bool = { _ in true }) -> [[Int]] {
        var predecessors = [[Int]](repeating: [], count: count)
        for step in all where filter(step) { predecessors[step.target].append(step.node) }
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
