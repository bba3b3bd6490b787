import CallFlowRuntime
@testable import CallFlowCompiler

/// An interpreter over the model (`Flow`), written apart from the runtime: conditions evaluated on
/// their typed trees, schedules on their written ranges at a local wall time. The round-trip
/// tests hold the table's executor to it.
struct ReferenceSimulator {
    enum Value: Equatable { case bool(Bool), number(Double), text(String) }

    struct Result: Equatable {
        var path: [String]
        var ending: CallEnding?
        var failed: Bool
        /// The call entered more than `bound` nodes between two events (a loop).
        var faulted = false
    }

    let flow: Flow
    let date: LocalDate
    let minute: Int
    var values: [String: Value] = [:]
    var path: [String] = []
    var node = ""
    var failures = 0
    var attempts = 0
    var priority = 0
    var over = false
    /// The most nodes entered between two events from the caller or the platform, prompts on the
    /// way included (nodes + rules + 1 of the table); past it the call faults.
    var bound: Int
    var entered = 0
    var faulted = false

    init(flow: Flow, date: LocalDate, minute: Int, context: [(String, String)], bound: Int? = nil) {
        self.flow = flow
        self.bound = bound ?? flow.nodes.count + flow.escalations.count + 1
        self.date = date
        self.minute = minute
        for variable in flow.context { values[variable.name.value] = Self.initial(variable) }
        for (name, type) in ContextVariable.builtIns where values[name] == nil {
            values[name] = type == .string ? .text("") : .number(0)
        }
        for (name, text) in context { values[name] = Self.parse(text, flow.variable(named: name)?.type ?? .string) }
    }

    static func initial(_ variable: ContextVariable) -> Value {
        switch variable.defaultValue {
        case .bool(let b)?: return .bool(b)
        case .number(let n)?: return .number(n)
        case .duration(let d)?: return .number(Double(d.seconds))
        case .string(let s)?: return .text(s)
        case nil:
            switch variable.type {
            case .bool: return .bool(false)
            case .number, .duration: return .number(0)
            case .string: return .text("")
            case .enumeration(let values): return .text(values[0])
            }
        }
    }

    static func parse(_ text: String, _ type: ValueType) -> Value {
        switch type {
        case .bool: return .bool(text == "true")
        case .number: return .number(Double(text) ?? 0)
        case .duration: return .number(Double(Duration(parsing: text)?.seconds ?? 0))
        case .string, .enumeration: return .text(text)
        }
    }

    // MARK: Conditions and schedules

    func status(_ name: String) -> String {
        let schedule = flow.schedule(named: name)!
        if schedule.holidays.contains(where: { $0.value.year == date.year && $0.value.month == date.month && $0.value.day == date.day }) {
            return "holiday"
        }
        let weekday = date.weekday
        for range in schedule.ranges {
            let opens = range.opens.minutes, closes = range.closes.minutes
            if range.day.rawValue == weekday {
                if closes >= opens, minute >= opens, minute < closes { return "open" }
                if closes < opens, minute >= opens { return "open" }
            }
            if closes < opens, (range.day.rawValue + 1) % 7 == weekday, minute < closes { return "open" }
        }
        return "closed"
    }

    func evaluate(_ expression: Expression) -> Value {
        switch expression.kind {
        case .literal(.bool(let b)): return .bool(b)
        case .literal(.number(let n)): return .number(n)
        case .literal(.duration(let d)): return .number(Double(d.seconds))
        case .literal(.string(let s)): return .text(s)
        case .variable(let name): return values[name]!
        case .call(let name, _, let arguments):
            if name == "open", case .literal(.string(let schedule)) = arguments[0].kind { return .bool(status(schedule) == "open") }
            guard case .text(let x) = evaluate(arguments[0]), case .text(let y) = evaluate(arguments[1]) else { fatalError() }
            let a = Array(x.utf8), b = Array(y.utf8)
            switch name {
            case "starts_with": return .bool(a.starts(with: b))
            case "ends_with": return .bool(a.reversed().starts(with: b.reversed()))
            default: return .bool(b.isEmpty || (0...max(0, a.count - b.count)).contains { a.count >= b.count && Array(a[$0 ..< $0 + b.count]) == b })
            }
        case .not(let operand): return .bool(!truth(operand))
        case .logical(.and, let a, let b): return .bool(truth(a) && truth(b))
        case .logical(.or, let a, let b): return .bool(truth(a) || truth(b))
        case .compare(let op, let a, let b):
            let x = evaluate(a), y = evaluate(b)
            switch (x, y) {
            case (.number(let p), .number(let q)):
                switch op {
                case .equal: return .bool(p == q)
                case .notEqual: return .bool(p != q)
                case .less: return .bool(p < q)
                case .lessOrEqual: return .bool(p <= q)
                case .greater: return .bool(p > q)
                default: return .bool(p >= q)
                }
            case (.text(let p), .text(let q)): return .bool((Array(p.utf8) == Array(q.utf8)) == (op == .equal))
            default: return .bool((x == y) == (op == .equal))
            }
        case .membership(let value, let negated, let list):
            let x = evaluate(value)
            let found = list.contains { item in
                if case .text(let p) = x, case .text(let q) = evaluate(item) { return Array(p.utf8) == Array(q.utf8) }
                return evaluate(item) == x
            }
            return .bool(found != negated)
        }
    }

    func truth(_ expression: Expression) -> Bool {
        if case .bool(let b) = evaluate(expression) { return b }
        fatalError("not a bool")
    }

    mutating func fire(_ trigger: RuleTrigger) -> String? {
        for rule in flow.escalations where rule.trigger.value == trigger {
            if let when = rule.condition, !truth(when.parsed!.expression) { continue }
            if let p = rule.priority?.value {
                priority = p
                values["call.priority"] = .number(Double(p))
            }
            return rule.target.value
        }
        return nil
    }

    // MARK: Running

    func target(_ label: String) -> String? { flow.node(named: node)!.outcome(label)?.target.value }

    mutating func enter(_ start: String) {
        var current = start
        while true {
            entered += 1
            if entered > bound {
                faulted = true
                over = true
                return
            }
            node = current
            path.append(current)
            attempts = 0
            let model = flow.node(named: current)!
            switch model.kind {
            case .switch(let cases):
                current = cases.first { truth($0.condition.parsed!.expression) }?.target.value ?? target("else")!
            case .hours(let schedule):
                let s = status(schedule.value)
                current = target(s) ?? target("closed")!
            case .set(let assignments):
                for a in assignments {
                    let type = flow.variable(named: a.variable.value)!.type
                    switch a.value.value {
                    case .bool(let b): values[a.variable.value] = .bool(b)
                    case .number(let n): values[a.variable.value] = type == .string ? .text(a.value.value.description) : .number(n)
                    case .duration(let d): values[a.variable.value] = .number(Double(d.seconds))
                    case .string(let s): values[a.variable.value] = type == .duration ? .number(Double(Duration(parsing: s)!.seconds)) : .text(s)
                    }
                }
                current = target("next")!
            case .say:
                current = target("next")!
            case .queue(let step):
                if let p = step.priority?.value, p > priority {
                    priority = p
                    values["call.priority"] = .number(Double(p))
                }
                return
            case .voicemail, .callback, .hangup:
                over = true
                return
            default:
                return
            }
        }
    }

    /// Runs the call; nil path entries never happen. `failed` when an event does not apply, events
    /// are left after the end, or the call waits for input at the end.
    static func run(flow: Flow, date: LocalDate, minute: Int, context: [(String, String)], events: [SimulatedEvent],
                    bound: Int? = nil) -> Result {
        var sim = ReferenceSimulator(flow: flow, date: date, minute: minute, context: context, bound: bound)
        sim.enter(sim.fire(.start) ?? flow.start.value)
        if sim.faulted { return sim.result(failed: true) }
        for event in events {
            if sim.over { return sim.result(failed: true) }
            sim.entered = 0
            guard sim.handle(event) else { return sim.result(failed: true) }
            if sim.faulted { return sim.result(failed: true) }
        }
        return sim.result(failed: false)
    }

    func result(failed: Bool) -> Result {
        if faulted { return Result(path: path, ending: nil, failed: true, faulted: true) }
        let model = flow.node(named: node)!
        var ending: CallEnding?
        switch model.kind {
        case .queue(let step): ending = CallEnding("queue", step.queue.value)
        case .transfer(let t): ending = CallEnding("transfer", t.value)
        case .voicemail(let voicemail): ending = CallEnding("voicemail", voicemail.box.value)
        case .callback(let step): ending = CallEnding("callback", step.queue.value)
        case .hangup: ending = CallEnding("hangup", "true")
        default: break
        }
        return Result(path: path, ending: failed ? nil : ending, failed: failed || ending == nil)
    }

    static func same(_ said: String, _ phrase: String) -> Bool {
        said.trimmingCharacters(in: [" "]).lowercased() == phrase.lowercased()
    }

    mutating func failure(noInput: Bool, retries: Int) -> Bool {
        failures += 1
        attempts += 1
        values["call.failures"] = .number(Double(failures))
        if let to = fire(.failure) { enter(to); return true }
        if attempts <= retries { return true }
        let saved = attempts
        enter(target(noInput ? "no_input" : "no_match")!)
        _ = saved
        return true
    }

    mutating func request(noInput: Bool, retries: Int) -> Bool {
        if let to = fire(.request) { enter(to); return true }
        return failure(noInput: false, retries: retries)
    }

    mutating func handle(_ item: SimulatedEvent) -> Bool {
        let model = flow.node(named: node)!
        let human = flow.effectiveHumanKey
        switch (model.kind, item.event) {
        case (.menu(let menu), .digits(let keys)):
            let key = String(keys.prefix(1))
            if let option = menu.options.first(where: { $0.key.value == key }) { enter(option.target.value); return true }
            if key == human { return request(noInput: false, retries: menu.effectiveRetries) }
            return failure(noInput: false, retries: menu.effectiveRetries)
        case (.menu(let menu), .speech(let words)):
            if let option = menu.options.first(where: { $0.speech.contains { Self.same(words, $0.value) } }) { enter(option.target.value); return true }
            if flow.effectiveHumanPhrases.contains(where: { Self.same(words, $0) }) { return request(noInput: false, retries: menu.effectiveRetries) }
            return failure(noInput: false, retries: menu.effectiveRetries)
        case (.menu(let menu), .noInput):
            return failure(noInput: true, retries: menu.effectiveRetries)
        case (.collect(let collect), .digits(let keys)):
            var text = keys
            if text.hasSuffix("#") { text.removeLast() }
            let retries = collect.effectiveRetries
            if text.isEmpty { return failure(noInput: true, retries: retries) }
            if text == human { return request(noInput: false, retries: retries) }
            let digits = collect.digits ?? DigitCount(min: 1, max: 32)
            guard text.count >= digits.min, text.count <= digits.max, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return failure(noInput: false, retries: retries)
            }
            let into = collect.into!.value
            values[into] = flow.variable(named: into)?.type == .number ? .number(Double(text)!) : .text(text)
            enter(target("next")!)
            return true
        case (.collect(let collect), .speech(let words)):
            if flow.effectiveHumanPhrases.contains(where: { Self.same(words, $0) }) { return request(noInput: false, retries: collect.effectiveRetries) }
            return failure(noInput: false, retries: collect.effectiveRetries)
        case (.collect(let collect), .noInput):
            return failure(noInput: true, retries: collect.effectiveRetries)
        case (.lookup(let lookup), .lookup(let result)):
            for (name, text) in item.values where lookup.sets.contains(where: { $0.value == name }) {
                values[name] = Self.parse(text, flow.variable(named: name)!.type)
            }
            switch result {
            case .found: enter(target("next")!)
            case .notFound: enter(target("not_found") ?? target("next")!)
            case .error: enter(target("error")!)
            }
            return true
        case (.transfer, .transfer(let result)):
            enter(target(result == .noAnswer ? "no_answer" : result == .busy ? "busy" : "failed")!)
            return true
        case (.queue(let step), .queueStatus(let wait, let depth)):
            values["queue.name"] = .text(step.queue.value)
            values["queue.wait"] = .number(Double(wait))
            values["queue.depth"] = .number(Double(depth))
            if let to = fire(.queue) { enter(to); return true }
            if wait >= flow.queue(named: step.queue.value)!.maxWait.seconds { enter(target("overflow")!) }
            return true
        case (.queue, .overflow):
            enter(target("overflow")!)
            return true
        case (.queue, .callback):
            guard let to = target("callback") else { return false }
            enter(to)
            return true
        default:
            return false
        }
    }
}
