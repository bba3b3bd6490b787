import CallFlowRuntime

/// Loops whose ways out cannot open (issue 20), for `trap-loop`: a cycle of the graph whose exits
/// are all switch cases, `else`s or hours outcomes decided by values nothing inside the cycle
/// changes. For the values that keep the call inside, it goes round forever, though every node of
/// the cycle has a path to an ending.
///
/// Decided exactly like `constant-condition`: the variables the loop's conditions read are cut
/// into the pieces their literals cut them into (`ConditionDomain`), each schedule an hours node
/// of the loop reads is open, closed or (with holidays) on a holiday, and every combination is
/// tried. A condition that reads a variable something in the loop changes (a `set`, a `collect`'s
/// `into`, a lookup's `sets`, `call.failures` and `call.priority` at a menu, collect or queue, the
/// `queue.*` values at a queue), or that is not decidable (calls a function, compares two number
/// variables), may go either way every time it is tried; outcomes a caller or the platform chooses
/// (a menu's keys, a lookup's result, escalation rules) are always open. So a loop is reported only
/// when no choice of those opens a way out: never a guess.
struct ClosedLoopExits {
    /// One loop that traps calls.
    struct Trap {
        /// The first node of the loop in file order (where the finding points).
        var first: Int
        /// The nodes the call goes round for `values`, in file order.
        var nodes: [Int]
        /// The values that keep the call inside, as messages say them (`f is false`).
        var values: [String]
        /// Where a way out is wired that never opens for those values: (node, label, range).
        var closedExits: [(node: Int, label: String, range: SourceRange)]
    }

    /// The most combinations tried per loop, and the most work (combinations times the loop's
    /// nodes and edges) per flow: past either the loop is not judged.
    static let combinationLimit = CoverageAnalysis.combinationLimit
    static let workLimit = 4_000_000

    /// Every trapping loop among the reachable nodes that can end (loops that cannot end at all
    /// are `trap-loop`'s first finding).
    static func traps(_ graph: FlowGraph, reachable: [Bool], canEnd: [Bool]) -> [Trap] {
        let component = GraphSearch.stronglyConnectedComponents(count: graph.count) { graph.successors[$0] }
        // Only components that can be loops get a member list: most nodes of a large flow are a
        // component of their own without an edge to themselves (an array each cost more than
        // the search, issue 17).
        let components = (component.max() ?? -1) + 1
        var size = [Int32](repeating: 0, count: components)
        for index in 0..<graph.count where reachable[index] && canEnd[index] { size[component[index]] += 1 }
        var members = [[Int]](repeating: [], count: components)
        for index in 0..<graph.count where reachable[index] && canEnd[index] {
            guard size[component[index]] > 1 || graph.successors[index].contains(index) else { continue }
            members[component[index]].append(index)
        }
        var traps: [Trap] = []
        var work = 0
        for loop in members where !loop.isEmpty {
            guard loop.count > 1 || graph.successors[loop[0]].contains(loop[0]) else { continue }
            if let trap = judge(loop, graph, component, &work) { traps.append(trap) }
        }
        return traps.sorted { $0.first < $1.first }
    }

    /// How a node of the loop chooses its next node.
    private enum Step {
        /// Always this node (say, set).
        case fixed(Int)
        /// The first case whose condition holds, else `otherwise`; a condition at nil is unknown.
        case cases([(condition: Int?, target: Int)], otherwise: Int)
        /// By the status of schedule `schedule` (an index into the loop's schedules).
        case hours(schedule: Int, open: Int, closed: Int, holiday: Int)
        /// Any of these (the caller or the platform chooses).
        case any([Int])
    }

    private static func judge(_ loop: [Int], _ graph: FlowGraph, _ component: [Int], _ work: inout Int) -> Trap? {
        let flow = graph.flow
        // Only switches and hours nodes have ways out that values decide: a loop with neither
        // cannot be judged closed (most loops of a large flow are a menu and a `say` that comes
        // back to it; issue 17).
        let decides = loop.contains { index in
            switch flow.nodes[index].kind {
            case .switch, .hours: return true
            default: return false
            }
        }
        guard decides else { return nil }
        let inLoop = Set(loop)
        // What the loop changes.
        var changed = Set<String>()
        for index in loop {
            switch flow.nodes[index].kind {
            case .set(let assignments): changed.formUnion(assignments.map(\.variable.value))
            case .collect(let collect):
                if let into = collect.into?.value { changed.insert(into) }
                changed.formUnion(["call.failures", "call.priority"])
            case .menu: changed.formUnion(["call.failures", "call.priority"])
            case .lookup(let lookup): changed.formUnion(lookup.sets.map(\.value))
            case .queue: changed.formUnion(["queue.name", "queue.wait", "queue.depth", "call.priority"])
            default: break
            }
        }
        // While a node waits for the caller or the platform, the clock moves: in a loop through
        // one, an hours node may go either way each time round.
        let waits = loop.contains { index in
            switch flow.nodes[index].kind {
            case .menu, .collect, .lookup, .queue, .transfer: return true
            default: return false
            }
        }
        // The steps, the conditions that decide, and the schedules read.
        var conditions: [TypedExpression] = []
        var decided: [DecidedCondition] = []
        var schedules: [String] = []
        var steps: [Int: Step] = [:]
        for index in loop {
            let node = flow.nodes[index]
            func target(_ label: String) -> Int? { flow.target(of: index, label) }
            switch node.kind {
            case .say, .set:
                guard let next = target("next") else { return nil }
                steps[index] = .fixed(next)
            case .switch(let cases):
                guard let otherwise = target("else") else { return nil }
                var entries: [(condition: Int?, target: Int)] = []
                for (position, item) in cases.enumerated() {
                    guard let to = flow.target(of: index, item: position) else { return nil }
                    var position: Int?
                    if let typed = item.condition.parsed, ConditionDomain.isDecidable(typed),
                       typed.variables.allSatisfy({ !changed.contains($0) }), let compiled = DecidedCondition(typed) {
                        position = conditions.count
                        conditions.append(typed)
                        decided.append(compiled)
                    }
                    entries.append((position, to))
                }
                steps[index] = .cases(entries, otherwise: otherwise)
            case .hours where waits:
                steps[index] = .any(Array(graph.successors[index]))
            case .hours(let name):
                guard let open = target("open"), let closed = target("closed") else { return nil }
                let holiday = target("holiday") ?? closed
                var position = schedules.firstIndex(of: name.value)
                if position == nil {
                    position = schedules.count
                    schedules.append(name.value)
                }
                steps[index] = .hours(schedule: position!, open: open, closed: closed, holiday: holiday)
            default:
                steps[index] = .any(Array(graph.successors[index]))
            }
        }
        guard !conditions.isEmpty || !schedules.isEmpty else { return nil }
        // The combinations: the conditions' pieces, times each schedule's statuses.
        var cut = ConditionDomain.Cut()
        for condition in conditions { cut.add(condition) }
        let statuses: [[String]] = schedules.map { name in
            let hasHolidays = flow.schedule(named: name).map { !$0.holidays.isEmpty || !$0.recurring.isEmpty } ?? false
            return hasHolidays ? ["open", "closed", "holiday"] : ["open", "closed"]
        }
        let combinations = ConditionDomain.product([cut.combinationCount] + statuses.map(\.count))
        let size = loop.count + loop.reduce(0) { $0 + graph.successors[$1].count }
        guard combinations <= combinationLimit else { return nil }
        let (cost, overflow) = combinations.multipliedReportingOverflow(by: size)
        guard !overflow, work + cost <= workLimit else { return nil }
        work += cost

        // Entries: nodes of the loop the call can come in at.
        let entries = loop.filter { node in
            graph.predecessors(of: node).contains { !inLoop.contains(Int($0)) } || graph.entries.contains { $0.target == node }
        }
        // A person answering, a message taken or a hang-up ends the call: no trap goes through one.
        let endings = Set(loop.filter { graph.kindClass[$0].canEndCall })
        let domain = ConditionDomain(cut)
        let evaluator = CallFlowRuntime.ConditionEvaluator()
        var found: Trap?
        domain.forEachAssignment { assignment in
            guard found == nil else { return }
            let holds = decided.map { $0.holds(under: assignment, evaluator) }
            var choice = Array(repeating: 0, count: schedules.count)
            while found == nil {
                found = trapped(loop, inLoop, entries, steps, holds, choice, endings)
                    .map { describe($0, loop, graph, steps, holds, choice, domain, cut, assignment, schedules, statuses) }
                // Next schedule statuses (odometer).
                var position = schedules.count - 1
                while position >= 0 {
                    choice[position] += 1
                    if choice[position] < statuses[position].count { break }
                    choice[position] = 0
                    position -= 1
                }
                if position < 0 { break }
            }
        }
        return found
    }

    /// The successors of `node` for these values (every one an unknown condition allows).
    private static func next(_ step: Step, _ holds: [Bool], _ choice: [Int]) -> [Int] {
        switch step {
        case .fixed(let target): return [target]
        case .any(let targets): return targets
        case .hours(let schedule, let open, let closed, let holiday):
            return [[open, closed, holiday][choice[schedule]]]
        case .cases(let entries, let otherwise):
            var targets: [Int] = []
            for entry in entries {
                guard let condition = entry.condition else {
                    targets.append(entry.target) // may hold, or not
                    continue
                }
                if holds[condition] { return targets + [entry.target] }
            }
            return targets + [otherwise]
        }
    }

    /// The nodes a call that enters at some entry goes round without a way out, or nil.
    private static func trapped(_ loop: [Int], _ inLoop: Set<Int>, _ entries: [Int], _ steps: [Int: Step],
                                _ holds: [Bool], _ choice: [Int], _ endings: Set<Int>) -> [Int]? {
        // A node escapes when one of its successors for these values is outside the loop or escapes.
        var successors: [Int: [Int]] = [:]
        var predecessors: [Int: [Int]] = [:]
        var escapes = endings
        var queue = Array(endings)
        for node in loop {
            let targets = next(steps[node]!, holds, choice)
            successors[node] = targets
            for target in targets {
                if inLoop.contains(target) { predecessors[target, default: []].append(node) } else if escapes.insert(node).inserted { queue.append(node) }
            }
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for previous in predecessors[node] ?? [] where escapes.insert(previous).inserted { queue.append(previous) }
        }
        guard let entry = entries.first(where: { !escapes.contains($0) }) else { return nil }
        // What the call goes round from there.
        var seen: Set<Int> = [entry]
        var stack = [entry]
        while let node = stack.popLast() {
            for target in successors[node]! where seen.insert(target).inserted { stack.append(target) }
        }
        return seen.sorted()
    }

    private static func describe(_ nodes: [Int], _ loop: [Int], _ graph: FlowGraph, _ steps: [Int: Step], _ holds: [Bool],
                                 _ choice: [Int], _ domain: ConditionDomain, _ cut: ConditionDomain.Cut, _ assignment: [String: ConditionValue],
                                 _ schedules: [String], _ statuses: [[String]]) -> Trap {
        var values: [String] = []
        for name in domain.variables { values.append(piece(name, assignment[name]!, cut.literals[name] ?? [])) }
        for (position, name) in schedules.enumerated() {
            values.append("schedule '\(name)' is \(statuses[position][choice[position]])")
        }
        // The exits wired out of the nodes gone round, none of which these values take.
        var closed: [(node: Int, label: String, range: SourceRange)] = []
        let inside = Set(nodes)
        for node in nodes {
            for edge in graph.edges[node] where !inside.contains(edge.target) {
                closed.append((node, edge.label, edge.source))
            }
        }
        return Trap(first: loop.min()!, nodes: nodes, values: values, closedExits: closed)
    }

    /// How a message says the piece `value` stands for, given the literals `name` is compared with.
    private static func piece(_ name: String, _ value: ConditionValue, _ literals: Set<ConditionValue>) -> String {
        let numbers = Set(literals.compactMap { literal -> Double? in
            switch literal {
            case .number(let n): return n
            case .duration(let d): return Double(d)
            default: return nil
            }
        }).sorted()
        switch value {
        case .bool(let b): return "\(name) is \(b)"
        case .string(let s):
            let strings = literals.compactMap { literal -> String? in
                if case .string(let text) = literal { return text }
                return nil
            }.sorted(by: byteTieBroken)
            if strings.contains(where: { $0.utf8.elementsEqual(s.utf8) }) || !s.allSatisfy({ $0 == "\u{1}" }) { return "\(name) is \(ExpressionPrinter.quote(s))" }
            return strings.isEmpty ? "\(name) is any text" : "\(name) is none of " + strings.map(ExpressionPrinter.quote).joined(separator: ", ")
        case .number(let n): return numberPiece(name, n, numbers, ExpressionPrinter.number)
        case .duration(let d): return numberPiece(name, Double(d), numbers) { Duration(seconds: Int($0)).description }
        }
    }

    /// `x == 5`, `x < 5`, `x > 9`, `5 < x < 9`: the piece of the number line `value` is in.
    private static func numberPiece(_ name: String, _ value: Double, _ points: [Double], _ text: (Double) -> String) -> String {
        if points.contains(value) { return "\(name) == \(text(value))" }
        let lower = points.last { $0 < value }, upper = points.first { $0 > value }
        switch (lower, upper) {
        case (nil, nil): return "\(name) is any value"
        case (nil, let upper?): return "\(name) < \(text(upper))"
        case (let lower?, nil): return "\(name) > \(text(lower))"
        case (let lower?, let upper?): return "\(text(lower)) < \(name) < \(text(upper))"
        }
    }
}

extension TrapLoop {
    /// Loops whose ways out never open for some values (Analysis/ClosedLoopExits.swift).
    static func closedLoopFindings(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        ClosedLoopExits.traps(graph, reachable: context.reachable, canEnd: context.canEnd).map { trap in
            let shown = trap.nodes.prefix(6).map { "'\(graph.id($0))'" }.joined(separator: ", ")
            let more = trap.nodes.count > 6 ? " and \(trap.nodes.count - 6) more" : ""
            let values = trap.values.joined(separator: ", ")
            var notes = trap.closedExits.prefix(20).map { exit in
                DiagnosticNote("'\(graph.id(exit.node))' \(exit.label) leads out, but never while \(values)", at: exit.range)
            }
            if trap.closedExits.count > 20 { notes.append(DiagnosticNote("and \(trap.closedExits.count - 20) more ways out, all closed", at: nil)) }
            return Diagnostic(
                descriptor,
                "calls that reach '\(graph.id(trap.first))' while \(values) go round \(shown)\(more) forever: nothing in "
                    + "the loop changes what its ways out test, so none of them opens",
                at: graph.nodes[trap.first].id.range, notes: notes)
        }
    }
}
