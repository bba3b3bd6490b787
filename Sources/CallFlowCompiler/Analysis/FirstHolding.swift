import CallFlowRuntime

/// Which of some conditions, tried in order with the first that holds winning (a switch's cases, the
/// rules of one `at`), can be the one that wins, and whether it can happen that none holds.
/// Decided exactly like `CoverageAnalysis`, by evaluating the decidable conditions at every
/// combination of their variables' representatives, optionally with some variables fixed (a
/// silent caller's `call.failures`). A condition that is not decidable (it calls `open()`, or
/// compares two numbers) may or may not hold: it can win, and it never stops the ones after it.
/// Past `CoverageAnalysis.combinationLimit` combinations nothing is decided: every condition can
/// win and none must.
public struct FirstHolding: Sendable, Equatable {
    /// For each condition: whether some call makes it the first that holds.
    public var canWin: [Bool]
    /// Whether some call makes none of them hold.
    public var canFallThrough: Bool
    /// Whether nothing was decided because the combinations passed the limit (every condition
    /// then "can win" without any call shown to make it the first that holds).
    public var pastLimit = false

    /// Whether one of the conditions holds in every call (so the fall-through never happens).
    public var mustHoldOne: Bool { !canFallThrough }

    public init(canWin: [Bool], canFallThrough: Bool) {
        self.canWin = canWin
        self.canFallThrough = canFallThrough
    }

    /// `conditions` in the order tried; nil for one that did not check (it can win, like an
    /// undecidable one). `fixed` gives some variables one value (they are left out of the cut).
    public static func analyse(_ conditions: [TypedExpression?], fixed: [String: ConditionValue] = [:],
                               limit: Int = CoverageAnalysis.combinationLimit) -> FirstHolding {
        // One condition (most switches, most `at`s) that surely holds for some calls and not for
        // others: it can win and can fall through, which is what every combination would show,
        // and what the general route answers when it cannot decide too (issue 17, fourth round).
        if conditions.count == 1, fixed.isEmpty, let only = conditions[0], ReadOnceCondition.isSurelyContingent(only) {
            return FirstHolding(canWin: [true], canFallThrough: true)
        }
        let decidable = conditions.map { condition -> (typed: TypedExpression, decided: DecidedCondition)? in
            guard let condition, ConditionDomain.isDecidable(condition), let decided = DecidedCondition(condition) else { return nil }
            return (condition, decided)
        }
        let undecided = FirstHolding(canWin: conditions.map { _ in true }, canFallThrough: true)
        let typed = decidable.compactMap { $0?.typed }
        guard !typed.isEmpty else { return undecided }
        var cut = ConditionDomain.Cut()
        for condition in typed { cut.add(condition) }
        // A fixed variable is not cut: it takes its one value.
        for name in fixed.keys where cut.types[name] != nil {
            cut.types[name] = .enumeration(["fixed"])
            cut.literals[name] = nil
        }
        // The pieces are made once: the domain's count is the cut's (`Cut.combinationCount`).
        let domain = ConditionDomain(cut)
        guard domain.combinationCount <= limit else {
            var gaveUp = undecided
            gaveUp.pastLimit = true
            return gaveUp
        }
        var canWin = [Bool](repeating: false, count: conditions.count)
        var canFallThrough = false
        // Every assignment of the cut, as `ConditionDomain.forEachAssignment` gives them, with the
        // fixed variables' values on top.
        var walk = CombinationWalk(decidable.map { $0?.decided }, domain, fixed: fixed)
        guard !walk.isEmpty else { return FirstHolding(canWin: canWin, canFallThrough: false) }
        repeat {
            var held = false
            for index in conditions.indices {
                guard decidable[index] != nil else {
                    // May hold or not: it can win here, and the ones after it are still tried.
                    canWin[index] = true
                    continue
                }
                if walk.holds(index) {
                    canWin[index] = true
                    held = true
                    break
                }
            }
            if !held { canFallThrough = true }
        } while walk.advance()
        return FirstHolding(canWin: canWin, canFallThrough: canFallThrough)
    }
}

/// When the escalation rules of a flow can fire (spec sections 7 and 8): for every `at`, which
/// rules some call can fire and whether one of them must fire; for `failure` rules also at each
/// exact count of `call.failures`, as a silent caller's walk counts them.
public struct RuleFiring: Sendable {
    /// Indices into `flow.escalations` of each trigger's rules, in the order tried.
    public let rules: [RuleTrigger: [Int]]
    /// Over every call: which of the trigger's rules can fire, and whether one must.
    public let overall: [RuleTrigger: FirstHolding]
    /// `failure` rules with `call.failures` fixed, for counts 1 through `failureCountCap`: a count
    /// above the cap behaves as the cap does (it is above every literal `call.failures` is
    /// compared with, or the cap was reached).
    public let failuresAt: [FirstHolding]
    /// The largest count `failuresAt` tells apart.
    public let failureCountCap: Int

    /// Counts past this are not told apart, to keep the silent walk small.
    public static let largestCountCap = 32

    public init(_ flow: Flow) {
        var rules: [RuleTrigger: [Int]] = [:]
        for (index, rule) in flow.escalations.enumerated() { rules[rule.trigger.value, default: []].append(index) }
        self.rules = rules
        func conditions(_ trigger: RuleTrigger) -> [TypedExpression?] {
            (rules[trigger] ?? []).map { index in
                let rule = flow.escalations[index]
                guard let condition = rule.condition else {
                    return TypedExpression(expression: Expression(.literal(.bool(true)), 0..<0), variableTypes: [:])
                }
                return condition.parsed
            }
        }
        // `call.failures` is at least 1 when a failure rule is tried: the counts 1 ... cap are
        // analysed one by one and the overall answer is their union.
        let failureConditions = conditions(.failure)
        var largest = 0.0
        for condition in failureConditions.compactMap({ $0 }) {
            condition.expression.walk { node in
                var pairs: [(Expression, Expression)] = []
                switch node.kind {
                case .compare(_, let a, let b): pairs = [(a, b), (b, a)]
                case .membership(let value, _, let list): pairs = list.map { (value, $0) }
                default: return
                }
                for (side, other) in pairs {
                    if case .variable("call.failures") = side.kind, case .literal(.number(let value)) = other.kind {
                        largest = max(largest, value)
                    }
                }
            }
        }
        let cap = largest >= Double(Self.largestCountCap) ? Self.largestCountCap : max(1, Int(largest.rounded(.down)) + 1)
        failureCountCap = cap
        var failuresAt: [FirstHolding] = []
        if !failureConditions.isEmpty {
            for count in 1...cap {
                failuresAt.append(FirstHolding.analyse(failureConditions, fixed: ["call.failures": .number(Double(count))]))
            }
        }
        self.failuresAt = failuresAt
        var overall: [RuleTrigger: FirstHolding] = [:]
        for trigger in RuleTrigger.allCases {
            let list = conditions(trigger)
            guard !list.isEmpty else { continue }
            if trigger == .request, RequestAnswers.hasOwnAnswers(flow) {
                // Each key and phrase tries only the rules that answer it (issue 14).
                var canWin = [Bool](repeating: false, count: list.count)
                var canFallThrough = false
                for group in RequestAnswers.groups(rules[trigger] ?? [], in: flow) {
                    let holding = FirstHolding.analyse(group.members.map { list[$0] })
                    for (k, member) in group.members.enumerated() where holding.canWin[k] { canWin[member] = true }
                    canFallThrough = canFallThrough || holding.canFallThrough
                }
                overall[trigger] = FirstHolding(canWin: canWin, canFallThrough: canFallThrough)
            } else if trigger == .failure {
                overall[trigger] = FirstHolding(
                    canWin: list.indices.map { index in failuresAt.contains { $0.canWin[index] } },
                    canFallThrough: failuresAt.contains { $0.canFallThrough })
            } else {
                overall[trigger] = FirstHolding.analyse(list)
            }
        }
        self.overall = overall
    }

    /// The failure rules when the caller's `count`-th failure happens (counts past the cap as the cap).
    public func failure(at count: Int) -> FirstHolding? {
        failuresAt.isEmpty ? nil : failuresAt[min(max(count, 1), failureCountCap) - 1]
    }
}
