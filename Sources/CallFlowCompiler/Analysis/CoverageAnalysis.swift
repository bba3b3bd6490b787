import CallFlowRuntime

/// A condition that does not depend on the call.
public enum Constancy: Sendable, Equatable {
    case alwaysTrue, alwaysFalse
}

/// Exact answers about conditions tried in order (docs/decisions.md, "Checking"): which are constant, and which
/// can never be the first to hold because earlier ones hold whenever they do. Each answer comes
/// from evaluating the conditions at every combination of their variables' representatives
/// (`ConditionDomain`); a condition that is not decidable, or whose combinations exceed the
/// limit, gets no answer: it neither shadows nor is shadowed.
public enum CoverageAnalysis {
    /// The most combinations one analysis evaluates.
    public static let combinationLimit = 4096

    /// Whether `condition` is always true or always false; nil when it depends on the call or
    /// cannot be decided.
    public static func constancy(of condition: TypedExpression, limit: Int = combinationLimit) -> Constancy? {
        // Surely true for some calls and false for others: no need to try every combination.
        if ReadOnceCondition.isSurelyContingent(condition) { return nil }
        return evaluatedConstancy(of: condition, limit: limit)
    }

    /// `constancy` by the general route alone: every combination of the condition's domain
    /// evaluated by the runtime's evaluator (the read-once shortcut's tests compare with it).
    static func evaluatedConstancy(of condition: TypedExpression, limit: Int) -> Constancy? {
        guard ConditionDomain.isDecidable(condition),
              ConditionDomain.combinationCount(of: [condition]) <= limit,
              let decided = DecidedCondition(condition) else { return nil }
        let evaluator = CallFlowRuntime.ConditionEvaluator()
        var sawTrue = false, sawFalse = false
        ConditionDomain([condition]).forEachAssignment { assignment in
            if decided.holds(under: assignment, evaluator) { sawTrue = true } else { sawFalse = true }
        }
        switch (sawTrue, sawFalse) {
        case (true, false): return .alwaysTrue
        case (false, true): return .alwaysFalse
        default: return nil
        }
    }

    /// For each of `conditions` (tried in this order; nil for one that is not checked), the
    /// earlier ones that hold in every case it holds in, so it never fires: nil when it can fire
    /// or is not decided. A condition that never holds at all is not shadowed (it is constant).
    ///
    /// The decidable conditions are analysed together from the first, as long as the
    /// combinations of all the variables they read stay within `limit`; the later ones are not
    /// decided. The earlier conditions named are a small set of them, each firing itself where
    /// the shadowed one holds, that together hold wherever it does.
    public static func shadowing(_ conditions: [TypedExpression?], limit: Int = combinationLimit) -> [[Int]?] {
        var result = [[Int]?](repeating: nil, count: conditions.count)
        // One condition cannot be shadowed: no cut to build (most switches have one case).
        guard conditions.count(where: { $0 != nil }) > 1 else { return result }
        let (analysed, decided, cut) = analysedPrefix(conditions, limit: limit)
        guard analysed.count > 1 else { return result }

        // For every combination: the conditions that hold.
        var holds: [[Bool]] = [] // [combination][position in analysed]
        var walk = CombinationWalk(decided, ConditionDomain(cut))
        if !walk.isEmpty {
            repeat { holds.append(decided.indices.map { walk.holds($0) }) } while walk.advance()
        }
        for (position, covering) in shadowed(holds) { result[analysed[position]] = covering.map { analysed[$0] } }
        return result
    }

    /// The decidable conditions, in order, as far as `limit` allows: their indices, compiled
    /// forms, and the cut of the variables they read.
    static func analysedPrefix(_ conditions: [TypedExpression?], limit: Int)
        -> (analysed: [Int], decided: [DecidedCondition], cut: ConditionDomain.Cut) {
        var analysed: [Int] = [], decided: [DecidedCondition] = [], cut = ConditionDomain.Cut()
        for (index, condition) in conditions.enumerated() {
            guard let condition, ConditionDomain.isDecidable(condition), let compiled = DecidedCondition(condition) else { continue }
            var wider = cut
            wider.add(condition)
            guard wider.combinationCount <= limit else { break }
            cut = wider
            analysed.append(index)
            decided.append(compiled)
        }
        return (analysed, decided, cut)
    }

    /// From which conditions hold in each combination (`holds[combination][position]`): each
    /// shadowed position with the earlier positions that cover it.
    static func shadowed(_ holds: [[Bool]]) -> [(position: Int, covering: [Int])] {
        guard let width = holds.first?.count, width > 1 else { return [] }
        let first = holds.map { row in row.firstIndex(of: true) }
        var found: [(position: Int, covering: [Int])] = []
        for position in 1..<width {
            // The combinations it holds in; shadowed when in each of them an earlier one holds.
            let matching = holds.indices.filter { holds[$0][position] }
            guard !matching.isEmpty, matching.allSatisfy({ first[$0]! < position }) else { continue }
            let firing = Set(matching.map { first[$0]! }).sorted()
            found.append((position, cover(matching, by: firing, holds)))
        }
        return found
    }

    /// Some of `candidates` (the earlier conditions that fire in some of `rows`, in order) that
    /// together hold in every one of `rows` (all candidates together do):
    /// greedily the one holding in most rows not yet covered (the earliest on a tie), so one
    /// broad condition is named alone rather than with every narrow one before it. In order.
    private static func cover(_ rows: [Int], by candidates: [Int], _ holds: [[Bool]]) -> [Int] {
        var uncovered = rows, chosen: [Int] = []
        while !uncovered.isEmpty {
            var best = candidates[0], bestCount = -1
            for candidate in candidates {
                let count = uncovered.reduce(0) { $0 + (holds[$1][candidate] ? 1 : 0) }
                if count > bestCount { (best, bestCount) = (candidate, count) }
            }
            chosen.append(best)
            uncovered.removeAll { holds[$0][best] }
        }
        return chosen.sorted()
    }
}
