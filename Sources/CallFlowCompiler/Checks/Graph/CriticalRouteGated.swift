/// `critical-route-gated`: a `critical` escalation rule whose target does not always reach a
/// live person.
public enum CriticalRouteGated: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "critical-route-gated",
        severity: .error,
        summary: "a `critical` rule whose route is not fail-safe: a path the caller does not choose ends the call before a live human is tried, passes a menu, or hangs up after nobody answered",
        explanation: """
        A rule marked `critical: true` is a promise: a caller it fires for (an emergency line, a \
        patient on the urgent number) reaches a live person, at any hour, without having to press \
        anything. The route from the rule's `goto` must therefore be fail-safe. Every path the \
        caller does not choose is followed: every `switch` case and `else` that some call can \
        take, every `hours` branch, every `lookup` outcome including `error`, every `queue` rule \
        that can fire while the caller waits; each must reach a live human (a queue or transfer) \
        before anything ends the call, and no menu or collect may stand on the way (the caller \
        would have to press something). Once a live human has been tried and nobody took the call \
        (`overflow`, `no_answer`, `busy`, `failed`), the route may go on to other live humans or \
        end at a voicemail or callback, but never hang up; a loop among live humans keeps ringing \
        people and is fail-safe. The finding is at the rule's name; its notes walk one failing \
        path step by step with the reason for each. Point the rule at a queue or transfer that \
        answers around the clock, and make every branch after it lead to one (an on-call phone, \
        an answering service), with a voicemail at the very end.
        """,
        failingExample: """
        callflow: 1
        name: gated
        timezone: America/New_York
        start: main
        context:
          caller.emergency: bool
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        escalations:
          - name: ↓emergency
            at: start
            when: caller.emergency
            goto: office-hours
            critical: true
        nodes:
          main: {say: "Thanks for calling.", next: office-hours}
          office-hours:
            hours: office
            open: desk
            closed: box
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: always-live
        timezone: America/New_York
        start: main
        context:
          caller.emergency: bool
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        escalations:
          - name: emergency
            at: start
            when: caller.emergency
            goto: office-hours
            critical: true
        nodes:
          main: {say: "Thanks for calling.", next: office-hours}
          office-hours:
            hours: office
            open: desk
            closed: on-call
          desk: {transfer: "+15550100", fallback: box}
          on-call: {transfer: "+15550199", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let critical = graph.flow.escalations.indices.filter { graph.flow.escalations[$0].critical }
        let options = criticalOptions(graph)
        guard !critical.isEmpty || !options.isEmpty else { return [] }
        let route = FailSafeRoutes(context.steps)
        var findings = options.compactMap { menu, option, target in
            finding("critical option \"\(option.key.value)\" of menu '\(menu.id.value)'", sender: "option", target: target,
                    written: option.target.range, at: option.key.range, graph, route)
        }
        for index in critical {
            let rule = graph.flow.escalations[index]
            if let found = finding("critical rule '\(rule.name.value)'", sender: "rule", target: graph.flow.ruleTargets[index],
                                   written: rule.target.range, at: rule.name.range, graph, route) {
                findings.append(found)
            }
        }
        return findings
    }
}

extension CriticalRouteGated {
    /// Menu options marked `critical: true` (issue 14), with their menus.
    static func criticalOptions(_ graph: FlowGraph) -> [(menu: FlowNode, option: MenuOption, target: Int?)] {
        var found: [(menu: FlowNode, option: MenuOption, target: Int?)] = []
        for (index, node) in graph.nodes.enumerated() {
            guard case .menu(let menu) = node.kind else { continue }
            for (position, option) in menu.options.enumerated() where option.critical {
                found.append((node, option, graph.flow.target(of: index, item: position)))
            }
        }
        return found
    }

    /// The finding for a critical rule or option (`what`) whose target is not fail-safe; nil when
    /// it is, or when the target names no node (`undefined-reference` says so).
    static func finding(_ what: String, sender: String, target: Int?, written: SourceRange, at range: SourceRange,
                        _ graph: FlowGraph, _ route: FailSafeRoutes) -> Diagnostic? {
        guard let target, target >= 0, !route.isFailSafe(target) else { return nil }
        let (walk, reason) = route.failingWalk(from: target)
        let notes = [DiagnosticNote("the \(sender) sends the call to '\(graph.id(target))'", at: written)] + walk
        return Diagnostic(
            descriptor,
            "\(what) does not always reach a live person: \(reason); make every branch the caller does not choose lead "
                + "to a queue or transfer (and after one, to another or to a voicemail)",
            at: range, notes: notes)
    }
}

/// Which routes are fail-safe (spec section 8, `critical-route-gated`), for every node at once,
/// in time linear in the flow. A state is a node and a phase: `before` no live human was tried,
/// `after` one was and nobody took the call. From a state, the steps the caller does not choose
/// lead on (`NextSteps`): a decision, action or lookup keeps the phase; a queue or transfer goes
/// on from its `overflow`, `no_answer`, `busy` and `failed` in phase `after`, and from its queue
/// rules in phase `before` (a rule is a decision, not a report that nobody answered).
///
/// Two fixpoints. `reaches` (least): every unchosen path from the state meets a live human (or,
/// after one, a voicemail or callback) before a bad end: a hangup, a menu or collect, a voicemail
/// or callback before any live human, an unwired outcome; a loop of decisions never reaches one.
/// `bad` (least, so loops among live humans stay good): a state that does not reach, or has a
/// step to a bad state (for a live human: one of its exits). Each state and step is handled once.
struct FailSafeRoutes {
    let steps: NextSteps
    var graph: FlowGraph { steps.graph }
    /// Per state (node * 2 + phase): the steps that leave it, as (step index, next state).
    private var out: [[(step: Int, next: Int)]]
    private(set) var bad: [Bool]
    /// For a bad state: the step and state that show it (-1: the state is a bad end itself).
    private var cause: [(step: Int, next: Int)]

    init(_ steps: NextSteps) {
        self.steps = steps
        let graph = steps.graph
        let states = graph.count * 2
        var out = [[(step: Int, next: Int)]](repeating: [], count: states)
        for node in 0..<graph.count {
            for phase in 0..<2 {
                var list: [(step: Int, next: Int)] = []
                for (index, step) in steps[node].enumerated() where step.isUnchosen {
                    switch graph.kindClass[node] {
                    case .decision, .action:
                        list.append((index, step.target * 2 + phase))
                    case .liveHuman:
                        list.append((index, step.target * 2 + (step.cause == .rule ? 0 : 1)))
                    case .callerFacing, .deferredHuman, .end:
                        break
                    }
                }
                out[node * 2 + phase] = list
            }
        }
        self.out = out
        bad = [Bool](repeating: false, count: states)
        cause = [(step: Int, next: Int)](repeating: (-1, -1), count: states)

        // `reaches`: counting down, for each state, the steps still to be shown reaching.
        var reaches = [Bool](repeating: false, count: states)
        var pending = [Int](repeating: 0, count: states)
        var incoming = [[Int]](repeating: [], count: states)
        var work: [Int] = []
        for state in 0..<states {
            for (_, next) in out[state] { incoming[next].append(state) }
            if isStop(state) {
                reaches[state] = true
                work.append(state)
            } else if endReason(state) == nil {
                pending[state] = out[state].count
            }
        }
        while let state = work.popLast() {
            for previous in incoming[state] where !reaches[previous] && pending[previous] > 0 && !isStop(previous) {
                pending[previous] -= 1
                if pending[previous] == 0 {
                    reaches[previous] = true
                    work.append(previous)
                }
            }
        }

        // `bad`: breadth-first backwards from the bad ends, so each walk is a shortest one; then
        // from the states that go round decisions for ever.
        var queue: [Int] = []
        for state in 0..<states where endReason(state) != nil {
            bad[state] = true
            queue.append(state)
        }
        var head = 0
        func spread() {
            while head < queue.count {
                let state = queue[head]
                head += 1
                for previous in incoming[state] where !bad[previous] {
                    bad[previous] = true
                    cause[previous] = (out[previous].first { $0.next == state }!.step, state)
                    queue.append(previous)
                }
            }
        }
        spread()
        for state in 0..<states where !reaches[state] && !bad[state] {
            bad[state] = true
            if let step = out[state].first(where: { !reaches[$0.next] }) { cause[state] = step }
            queue.append(state)
            spread()
        }
    }

    func isFailSafe(_ node: Int) -> Bool { !bad[node * 2] }

    /// A live human, or after one a deferred human: the route is safe here (a live human's own
    /// exits are judged by `bad`).
    private func isStop(_ state: Int) -> Bool {
        switch graph.kindClass[state / 2] {
        case .liveHuman: return graph.nodes[state / 2].missingOutcomes.isEmpty
        case .deferredHuman: return state % 2 == 1
        default: return false
        }
    }

    /// Why the state ends the route badly by itself; nil when it does not.
    private func endReason(_ state: Int) -> (note: String, reason: String)? {
        let node = state / 2, after = state % 2 == 1
        let flowNode = graph.nodes[node]
        let name = "\(flowNode.kind.name) '\(flowNode.id.value)'"
        switch graph.kindClass[node] {
        case .end:
            let when = after ? "after nobody took the call" : "before a live person is tried"
            return ("'\(flowNode.id.value)' hangs up \(when)", "'\(flowNode.id.value)' hangs up \(when)")
        case .callerFacing:
            return ("\(name) is on the way: the caller must press something first", "\(name) is on the way")
        case .deferredHuman:
            return after ? nil : ("\(name) ends the call before a live person is tried",
                                  "\(name) ends the call before a live person is tried")
        case .decision, .action, .liveHuman:
            guard !flowNode.missingOutcomes.isEmpty else { return nil }
            let missing = flowNode.missingOutcomes.map { "'\($0)'" }.joined(separator: ", ")
            return ("\(name) does not wire \(missing)", "\(name) does not wire \(missing)")
        }
    }

    /// Notes that walk one failing path from `node` (phase `before`), with the reason for each
    /// step, and the reason the route fails.
    func failingWalk(from node: Int) -> (notes: [DiagnosticNote], reason: String) {
        var notes: [DiagnosticNote] = []
        var state = node * 2
        var seen = Set<Int>()
        while true {
            let current = state / 2
            if let end = endReason(state) {
                notes.append(DiagnosticNote(end.note, at: graph.nodes[current].id.range))
                return (notes, end.reason)
            }
            guard seen.insert(state).inserted else {
                notes.append(DiagnosticNote("'\(graph.id(current))' again: the route goes round without reaching a live person",
                                            at: graph.nodes[current].id.range))
                return (notes, "the route from '\(graph.id(node))' can go round '\(graph.id(current))' without reaching a live person")
            }
            let (stepIndex, next) = cause[state]
            guard stepIndex >= 0 else {
                notes.append(DiagnosticNote("'\(graph.id(current))' leads to no live person", at: graph.nodes[current].id.range))
                return (notes, "'\(graph.id(current))' leads to no live person")
            }
            let step = steps[current][stepIndex]
            notes.append(DiagnosticNote(describe(step, from: current), at: steps.source(of: step)))
            state = next
        }
    }

    /// Why the call goes along `step`, in words.
    private func describe(_ step: NextStep, from node: Int) -> String {
        let flowNode = graph.nodes[node]
        let id = flowNode.id.value, to = "'\(graph.id(step.target))'"
        let label = steps.label(of: step)
        switch flowNode.kind {
        case .switch(let cases):
            if let index = steps.switchCase(of: step) {
                let condition = "'\(ConditionSequence.text(cases[index].condition))'"
                if let at = Self.openCall(cases[index].condition).flatMap({ self.moment(of: $0, open: true) }) {
                    return "at \(at), \(condition) holds: switch '\(id)' goes to \(to)"
                }
                return "if \(condition) holds, switch '\(id)' goes to \(to)"
            }
            let conditions = cases.map { "'\(ConditionSequence.text($0.condition))'" }
            let none = conditions.count == 1 ? "\(conditions[0]) is false" : "none of \(conditions.joined(separator: ", ")) holds"
            // Every case a bare `open("S")` of one schedule: a moment when it is closed.
            let schedules = Set(cases.map { Self.openCall($0.condition) })
            let at = schedules.count == 1 ? schedules.first!.flatMap { self.moment(of: $0, open: false) } : nil
            if let at { return "at \(at), \(none): 'else' of switch '\(id)' goes to \(to)" }
            return "when \(none), 'else' of switch '\(id)' goes to \(to)"
        case .hours(let schedule):
            switch label {
            case "open":
                return "\(moment(of: schedule.value, open: true).map { "at \($0), " } ?? "while ")'\(schedule.value)' is open: "
                    + "hours '\(id)' goes to \(to)"
            case "holiday":
                return "on a holiday of '\(schedule.value)', hours '\(id)' goes to \(to)"
            default:
                return "\(moment(of: schedule.value, open: false).map { "at \($0), " } ?? "while ")'\(schedule.value)' is closed: "
                    + "hours '\(id)' goes to \(to)"
            }
        case .send:
            return label == "error" ? "if send '\(id)' fails ('error'), it goes to \(to)" : "when send '\(id)' has posted, it goes to \(to)"
        case .lookup:
            switch label {
            case "error": return "if lookup '\(id)' fails ('error'), it goes to \(to)"
            case "not_found": return "if lookup '\(id)' finds nothing ('not_found'), it goes to \(to)"
            default: return "if lookup '\(id)' answers, it goes to \(to) (via 'next')"
            }
        case .transfer:
            switch label {
            case "busy": return "if transfer '\(id)' is busy ('busy'), it goes to \(to)"
            case "failed": return "if transfer '\(id)' fails ('failed'), it goes to \(to)"
            default: return "if nobody answers transfer '\(id)' ('no_answer'), it goes to \(to)"
            }
        case .queue:
            if step.rule != nil { return "if \(label) fires while the caller waits in queue '\(id)', it goes to \(to)" }
            return "if nobody in queue '\(id)' takes the call ('overflow'), it goes to \(to)"
        default:
            return "then \(to) (via '\(label)')"
        }
    }

    /// The schedule a condition asks about when it is exactly `open("S")`.
    static func openCall(_ condition: ExpressionSource) -> String? {
        guard let parsed = condition.parsed, case .call(name: "open", _, let arguments) = parsed.expression.kind,
              arguments.count == 1, case .literal(.string(let schedule)) = arguments[0].kind else { return nil }
        return schedule
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// A local time of the week when `schedule` is open (or closed), the hour first looked at
    /// 03:00 on Monday for closed and 10:00 on Monday for open, then hour by hour: "Monday 03:00".
    func moment(of schedule: String, open: Bool) -> String? {
        guard let found = graph.flow.schedule(named: schedule) else { return nil }
        let compiled = ScheduleCompiler.compile(found, timeZone: graph.flow.timezone?.value ?? "UTC")
        let first = open ? 10 : 3
        for offset in 0..<(7 * 24) {
            let hour = (first + offset) % (7 * 24)
            guard compiled.isOpen(minuteOfWeek: hour * 60) == open else { continue }
            let clock = hour % 24 < 10 ? "0\(hour % 24):00" : "\(hour % 24):00"
            return "\(Self.weekdays[hour / 24]) \(clock)"
        }
        return nil
    }
}
