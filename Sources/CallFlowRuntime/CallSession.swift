import Foundation

/// One call: takes the call's context and arrival time, and answers each event with the next
/// instruction, applying escalation rules as spec section 7 says (docs/table-format.md,
/// "Execution"). Between two events from the caller or the platform (`start()`, `handle(_:)`) the
/// session enters at most `TableProgram.stepBound` nodes, prompts played on the way (`resume()`)
/// included; past that it faults, naming the loop. After `init`, stepping allocates nothing.
public struct CallSession {
    public let program: TableProgram
    public private(set) var state: SessionState
    /// Nodes entered and prompts replayed so far (the benchmark's "decision steps").
    public private(set) var steps = 0
    private var statuses: [ScheduleStatus]
    private let evaluator: ConditionEvaluator
    private var faultReason: String?

    public init(program: TableProgram, time: Date, evaluator: ConditionEvaluator = ConditionEvaluator()) {
        self.program = program
        self.evaluator = evaluator
        state = SessionState(table: program.sourceHash, phase: .new, node: -1, attempts: 0, failures: 0, priority: 0,
                             alerted: false, time: ScheduleEvaluator.clamped(time.timeIntervalSince1970), slots: program.defaults)
        statuses = Array(repeating: .closed, count: program.schedules.count)
        updateStatuses()
    }

    /// Resumes a call from a state another replica saved; refuses a state of another table or one
    /// that does not fit this one (`validate(_:for:)`), never traps on it.
    public init(program: TableProgram, state: SessionState, evaluator: ConditionEvaluator = ConditionEvaluator()) throws(SessionError) {
        let table = program
        try Self.validate(state, for: program)
        self.program = program
        self.evaluator = evaluator
        self.state = state
        statuses = Array(repeating: .closed, count: table.schedules.count)
        updateStatuses()
    }

    /// Whether `state` (from another replica, a store, a client) fits `program` as a whole: the
    /// table's hash; the slots' count, kinds and enum values; the phase consistent with the node
    /// (`new` before any node, `playing` at a say, `waiting` at a menu, collect, lookup, queue or
    /// transfer, `ended` at a voicemail, callback or hangup, `faulted` anywhere); every index in
    /// range; attempts within the node's retries; counters not negative; a priority 0-100; the
    /// nodes entered since the last event within the step bound; a clock within years 1-9999.
    public static func validate(_ state: SessionState, for program: TableProgram) throws(SessionError) {
        let table = program
        guard state.table == table.sourceHash else { throw .badState(.otherTable) }
        guard state.slots.count == table.variables.count else { throw .badState(.slotCount(state.slots.count)) }
        for slot in 0..<state.slots.count where !program.accepts(state.slots[slot], slot: slot) {
            throw .badState(.slotType(slot))
        }
        guard ScheduleEvaluator.instants.contains(state.time) else { throw .badState(.time(state.time)) }
        guard state.attempts >= 0, state.failures >= 0 else { throw .badState(.negativeCounters) }
        guard (0...100).contains(state.priority) else { throw .badState(.priority(state.priority)) }
        if let announced = state.announced, announced < 0 { throw .badState(.announced(announced)) }
        if let entered = state.entered, entered < 0 || Int(entered) > program.stepBound {
            throw .badState(.entered(entered, bound: program.stepBound))
        }
        if state.phase == .new {
            guard state.node == -1 else { throw .badState(.newCallAtNode(state.node)) }
            return
        }
        guard state.node >= 0 && Int(state.node) < table.nodes.count else {
            guard state.phase == .faulted, state.node == -1 else { throw .badState(.node(state.node)) }
            return
        }
        let node = table.nodes[Int(state.node)]
        let fits: Bool
        switch state.phase {
        case .new, .faulted: fits = true
        case .playing: fits = node.kind == .say
        case .waiting: fits = [.menu, .collect, .lookup, .queue, .transfer, .send].contains(node.kind)
        case .ended: fits = [.voicemail, .callback, .hangup].contains(node.kind)
        }
        guard fits else { throw .badState(.phase(state.phase, at: node.kind)) }
        if state.phase == .waiting || state.phase == .playing || state.phase == .ended {
            let most = node.kind == .menu || node.kind == .collect ? max(0, node.retries) : 0
            guard state.attempts <= most else { throw .badState(.attempts(state.attempts, allowed: most)) }
        }
    }

    /// Starts a new call on this session's storage (no allocation once the slots are unique).
    /// A time outside years 1-9999 is taken at the nearest end, a NaN as 1970 (never a trap).
    public mutating func reset(time: Double) {
        let time = ScheduleEvaluator.clamped(time)
        state.phase = .new
        state.node = -1
        state.attempts = 0
        state.failures = 0
        state.priority = 0
        state.alerted = false
        state.announced = nil
        let defaults = program.defaults
        for slot in 0..<defaults.count { state.slots[slot] = defaults[slot] }
        if time != state.time {
            state.time = time
            updateStatuses()
        }
    }

    /// Moves the call's clock (schedules are evaluated at this instant). A time outside years
    /// 1-9999 is taken at the nearest end, a NaN as 1970 (never a trap).
    public mutating func setTime(_ time: Date) {
        state.time = ScheduleEvaluator.clamped(time.timeIntervalSince1970)
        updateStatuses()
    }

    private mutating func updateStatuses() {
        let instant = Date(timeIntervalSince1970: state.time)
        for (index, evaluator) in program.evaluators.enumerated() { statuses[index] = evaluator.status(at: instant) }
    }

    /// Why the session faulted, if it did.
    public var fault: String? { faultReason }

    // MARK: Context

    /// Sets a context variable before `start()` (or at any time, as the platform learns it).
    public mutating func set(_ name: String, _ value: RuntimeValue) throws(SessionError) {
        guard let slot = program.slot(named: name) else { throw .unknownVariable(name) }
        try set(slot: slot, value)
    }

    public mutating func set(slot: Int, _ value: RuntimeValue) throws(SessionError) {
        guard program.accepts(value, slot: slot) else { throw .badValue(slot: slot) }
        state.slots[slot] = value
    }

    /// A value a lookup returned, given before `handle(.lookup(.found))`; only the slots the node
    /// `sets` are accepted.
    public mutating func setLookupValue(slot: Int, _ value: RuntimeValue) throws(SessionError) {
        let table = program
        guard state.phase == .waiting, table.nodes[Int(state.node)].kind == .lookup else { throw .notAtLookup }
        let node = table.nodes[Int(state.node)]
        guard table.slotLists[Int(node.listStart) ..< Int(node.listStart + node.listCount)].contains(Int32(slot)) else {
            throw .notSetByLookup(slot: slot)
        }
        try set(slot: slot, value)
    }

    // MARK: Stepping

    /// The call arrives: `start` rules in order, the first that holds goes to its target; else the
    /// start node.
    public mutating func start() -> Instruction {
        var trace = NoTrace()
        return start(tracer: &trace)
    }

    public mutating func start<T: SessionTracer>(tracer: inout T) -> Instruction {
        guard state.phase == .new else { return Instruction(kind: .ignored, node: state.node) }
        switch fire(.start) {
        case .fired(let rule): return run(program.rules[rule].target, StepReason(.rule, Int32(rule)), &tracer)
        case .none: return run(program.start, StepReason(.arrival), &tracer)
        case .fault(let why): return faulted(why.description)
        }
    }

    /// After a `say`: on to the node's `next`.
    public mutating func resume() -> Instruction {
        var trace = NoTrace()
        return resume(tracer: &trace)
    }

    public mutating func resume<T: SessionTracer>(tracer: inout T) -> Instruction {
        guard state.phase == .playing else { return Instruction(kind: .ignored, node: state.node) }
        return outcome(EdgePosition.sayNext, &tracer)
    }

    public mutating func handle(_ event: CallEvent) -> Instruction {
        var trace = NoTrace()
        return handle(event, tracer: &trace)
    }

    public mutating func handle<T: SessionTracer>(_ event: CallEvent, tracer: inout T) -> Instruction {
        guard state.phase == .waiting else { return Instruction(kind: .ignored, node: state.node) }
        let table = program
        let node = table.nodes[Int(state.node)]
        switch node.kind {
        case .menu:
            switch event {
            case .digits(let keys):
                guard let first = keys.utf8.first else { return failure(noInput: true, node, &tracer) }
                let key = RoutingTable.keyIndex(first)
                let position = EdgePosition.menu.keyPosition(key)
                if key >= 0, edge(position) >= 0 { return run(edge(position), StepReason(.key, Int32(key)), &tracer) }
                if key >= 0, table.requestKeys & (1 << Int32(key)) != 0 { return request(node, key: key, phrase: nil, &tracer) }
                return failure(noInput: false, node, &tracer)
            case .speech(let words):
                return speech(words, node, &tracer)
            case .noInput:
                return failure(noInput: true, node, &tracer)
            default:
                return Instruction(kind: .ignored, node: state.node)
            }
        case .collect:
            switch event {
            case .digits(let keys):
                return collect(keys, node, &tracer)
            case .speech(let words):
                return speech(words, node, &tracer)
            case .noInput:
                return failure(noInput: true, node, &tracer)
            default:
                return Instruction(kind: .ignored, node: state.node)
            }
        case .lookup:
            guard case .lookup(let result) = event else { return Instruction(kind: .ignored, node: state.node) }
            return outcome(EdgePosition.lookup[Int(result.rawValue)], &tracer)
        case .send:
            // Issue 14: the platform answers a send with a lookup's result: `error`, else `next`.
            guard case .lookup(let result) = event else { return Instruction(kind: .ignored, node: state.node) }
            let position: Int32 = result == .error ? 1 : 0
            return run(edge(Int(position)), StepReason(.outcome, position), &tracer)
        case .transfer:
            guard case .transfer(let result) = event else { return Instruction(kind: .ignored, node: state.node) }
            return outcome(EdgePosition.transfer[Int(result.rawValue)], &tracer)
        case .queue:
            switch event {
            case .queueStatus(let wait, let depth):
                return queueStatus(wait: wait, depth: depth, node, &tracer)
            case .overflow:
                return outcome(EdgePosition.queueOverflow, &tracer)
            case .callback where edge(EdgePosition.queueCallback) >= 0:
                return outcome(EdgePosition.queueCallback, &tracer)
            default:
                return Instruction(kind: .ignored, node: state.node)
            }
        default:
            return Instruction(kind: .ignored, node: state.node)
        }
    }

    // MARK: Inside

    @inline(__always)
    private func edge(_ position: Int) -> Int32 {
        program.edges[Int(program.nodes[Int(state.node)].edgeStart) + position]
    }

    /// On along the current node's edge at `position`, an outcome.
    @inline(__always)
    private mutating func outcome<T: SessionTracer>(_ position: Int, _ tracer: inout T) -> Instruction {
        run(edge(position), StepReason(.outcome, Int32(position)), &tracer)
    }

    private enum Firing { case none, fired(Int), fault(ConditionFault) }

    /// The first rule of `trigger` whose condition holds; it sets `call.priority` when it has one.
    private mutating func fire(_ trigger: RuleTriggerCode) -> Firing {
        let table = program
        for index in program.ruleRanges[Int(trigger.rawValue)] {
            let rule = table.rules[index]
            if rule.condition >= 0 {
                do throws(ConditionFault) {
                    if try !holds(rule.condition) { continue }
                } catch {
                    return .fault(error)
                }
            }
            if rule.priority >= 0 { setPriority(rule.priority) }
            return .fired(index)
        }
        return .none
    }

    private func holds(_ condition: Int32) throws(ConditionFault) -> Bool {
        let statuses = self.statuses
        return try evaluator.evaluate(program.conditions[Int(condition)], slots: state.slots, open: { statuses[$0] == .open })
    }

    private mutating func setPriority(_ priority: Int32) {
        state.priority = priority
        state.slots[Int(program.builtIns.callPriority)] = .number(Double(priority))
    }

    private mutating func faulted(_ why: String) -> Instruction {
        state.phase = .faulted
        faultReason = why
        return Instruction(kind: .fault, node: state.node)
    }

    /// Enters `target` and runs nodes that need no event until one gives an instruction.
    private mutating func run<T: SessionTracer>(_ target: Int32, _ reason: StepReason, _ tracer: inout T) -> Instruction {
        let table = program
        var current = target
        var why = reason
        // A prompt played on the way (`resume()`) goes on counting; an event starts a new count.
        var count = state.phase == .playing ? max(0, Int(state.entered ?? 0)) : 0
        state.entered = nil
        while true {
            count &+= 1
            if count > program.stepBound {
                return faulted(loopFault(from: current))
            }
            steps &+= 1
            tracer.entered(node: current, reason: why)
            state.node = current
            state.attempts = 0
            let node = table.nodes[Int(current)]
            let edges = Int(node.edgeStart)
            switch node.kind {
            case .say:
                state.phase = .playing
                state.entered = Int32(clamping: count)
                var instruction = Instruction(kind: .say, node: current)
                instruction.text = node.text
                instruction.prompt = program.nodePrompts[Int(current)]
                return instruction
            case .menu, .collect:
                state.phase = .waiting
                return prompt(node, current)
            case .switch:
                var next = table.edges[edges + EdgePosition.switchElse]
                why = StepReason(.outcome, Int32(EdgePosition.switchElse))
                for index in Int(node.listStart) ..< Int(node.listStart + node.listCount) {
                    let held: Bool
                    do throws(ConditionFault) { held = try holds(table.cases[index].condition) } catch { return faulted(error.description) }
                    if held {
                        next = table.cases[index].target
                        why = StepReason(.switchCase, Int32(index - Int(node.listStart)))
                        break
                    }
                }
                current = next
            case .hours:
                let position: Int
                switch statuses[Int(node.resource)] {
                case .open: position = EdgePosition.hours.open
                case .closed: position = EdgePosition.hours.closed
                case .holiday: position = EdgePosition.hours.holiday
                }
                current = table.edges[edges + position]
                why = StepReason(.outcome, Int32(position))
            case .set:
                assign(node)
                current = table.edges[edges + EdgePosition.setNext]
                why = StepReason(.outcome, Int32(EdgePosition.setNext))
            case .lookup:
                state.phase = .waiting
                var instruction = Instruction(kind: .lookup, node: current)
                instruction.text = node.text
                instruction.timeout = node.timeout
                if let inputs = table.lookupInputs[current] {
                    instruction.inputStart = inputs.slotStart
                    instruction.inputCount = inputs.slotCount
                }
                return instruction
            case .send:
                state.phase = .waiting
                var instruction = Instruction(kind: .send, node: current)
                instruction.text = node.text
                instruction.inputStart = node.listStart
                instruction.inputCount = node.listCount
                return instruction
            case .queue:
                // A queue node's priority raises the call's; it never lowers what a rule set.
                if node.timeout > state.priority { setPriority(node.timeout) }
                state.alerted = false
                state.announced = nil
                state.phase = .waiting
                var instruction = Instruction(kind: .enqueue, node: current)
                instruction.queue = node.resource
                instruction.priority = state.priority
                instruction.skillStart = node.listStart
                instruction.skillCount = node.listCount
                instruction.timeout = table.queue(atNode: current).maxWait
                return instruction
            case .transfer:
                state.phase = .waiting
                var instruction = Instruction(kind: .transfer, node: current)
                instruction.text = node.text
                return instruction
            case .voicemail:
                state.phase = .ended
                var instruction = Instruction(kind: .voicemail, node: current)
                instruction.text = node.text
                instruction.prompt = program.nodePrompts[Int(current)]
                let settings = program.voicemails[current]
                instruction.timeout = settings?.maxLength ?? TableVoicemail.defaultMaxLength
                instruction.transcribe = settings?.transcribe == 1
                return instruction
            case .callback:
                state.phase = .ended
                var instruction = Instruction(kind: .callback, node: current)
                instruction.queue = node.resource
                instruction.slot = program.callbackSlots[current] ?? -1
                return instruction
            case .hangup:
                state.phase = .ended
                var instruction = Instruction(kind: .hangup, node: current)
                instruction.text = node.text
                instruction.prompt = program.nodePrompts[Int(current)]
                return instruction
            }
        }
    }

    /// The fault of a call that entered more than `stepBound` nodes without an event: the nodes
    /// of the loop it is in, found by walking on from `start` (the session is over, so the walk
    /// may change its slots; this runs once per faulted call and may allocate).
    private mutating func loopFault(from start: Int32) -> String {
        let table = program
        var walk: [Int32] = []
        var current = start
        walking: for _ in 0 ... program.stepBound {
            walk.append(current)
            let node = table.nodes[Int(current)]
            let edges = Int(node.edgeStart)
            switch node.kind {
            case .say:
                current = table.edges[edges + EdgePosition.sayNext]
            case .set:
                assign(node)
                current = table.edges[edges + EdgePosition.setNext]
            case .hours:
                switch statuses[Int(node.resource)] {
                case .open: current = table.edges[edges + EdgePosition.hours.open]
                case .closed: current = table.edges[edges + EdgePosition.hours.closed]
                case .holiday: current = table.edges[edges + EdgePosition.hours.holiday]
                }
            case .switch:
                var next = table.edges[edges + EdgePosition.switchElse]
                for index in Int(node.listStart) ..< Int(node.listStart + node.listCount) {
                    if (try? holds(table.cases[index].condition)) == true { next = table.cases[index].target; break }
                }
                current = next
            default:
                break walking
            }
        }
        // The loop: from the last node entered back to where it was entered before.
        var loop = walk
        if let last = walk.last, let earlier = walk.dropLast().lastIndex(of: last) { loop = Array(walk[(earlier + 1)...]) }
        var seen = Set<Int32>()
        var names: [String] = []
        for node in loop where seen.insert(node).inserted { names.append(table.table.name(ofNode: Int(node))) }
        let shown = names.count > 20 ? names.prefix(20).joined(separator: ", ") + ", and \(names.count - 20) more" : names.joined(separator: ", ")
        return "more than \(program.stepBound) nodes entered without an event from the caller or the platform: the call loops through \(shown)"
    }

    private func prompt(_ node: TableNode, _ index: Int32) -> Instruction {
        var instruction = Instruction(kind: node.kind == .menu ? .gather : .collect, node: index)
        instruction.text = node.text
        instruction.prompt = program.nodePrompts[Int(index)]
        instruction.timeout = node.timeout
        instruction.minDigits = node.kind == .menu ? 1 : node.minDigits
        instruction.maxDigits = node.kind == .menu ? 1 : node.maxDigits
        return instruction
    }

    /// The caller asked for a human: `request` rules in order; when none fires, it counts as a
    /// key or phrase the node does not take.
    private mutating func request<T: SessionTracer>(_ node: TableNode, key: Int, phrase: [String]?,
                                                   _ tracer: inout T) -> Instruction {
        let table = program
        for index in table.ruleRanges[Int(RuleTriggerCode.request.rawValue)] {
            if let phrase {
                guard table.rulePhraseWords[index].contains(phrase) else { continue }
            } else if table.ruleKeys[index] & (1 << Int32(key)) == 0 {
                continue
            }
            let rule = table.rules[index]
            if rule.condition >= 0 {
                do throws(ConditionFault) {
                    if try !holds(rule.condition) { continue }
                } catch {
                    return faulted(error.description)
                }
            }
            if rule.priority >= 0 { setPriority(rule.priority) }
            return run(rule.target, StepReason(.rule, Int32(index)), &tracer)
        }
        return failure(noInput: false, node, &tracer)
    }

    /// Words the caller said at a menu or collect (`SpeechMatch`): the longest phrase among the
    /// menu's options and the request rules' phrases wins (an option before a rule of the same
    /// length); none is a wrong key.
    private mutating func speech<T: SessionTracer>(_ words: String, _ node: TableNode, _ tracer: inout T) -> Instruction {
        let table = program
        let said = SpeechMatch.words(words)
        var best: [String]?
        var bestLength = (0, 0)
        var optionKey = -1
        if node.kind == .menu {
            for index in Int(node.listStart) ..< Int(node.listStart + node.listCount) {
                let phrase = table.speechWords[index]
                let length = SpeechMatch.length(phrase)
                if length > bestLength, SpeechMatch.contains(said, phrase) {
                    best = phrase
                    bestLength = length
                    optionKey = Int(table.speech[index].key)
                }
            }
        }
        for index in table.ruleRanges[Int(RuleTriggerCode.request.rawValue)] {
            for phrase in table.rulePhraseWords[index] {
                let length = SpeechMatch.length(phrase)
                if length > bestLength, SpeechMatch.contains(said, phrase) {
                    best = phrase
                    bestLength = length
                    optionKey = -1
                }
            }
        }
        if optionKey >= 0 { return run(edge(EdgePosition.menu.keyPosition(optionKey)), StepReason(.phrase, Int32(optionKey)), &tracer) }
        if let best { return request(node, key: -1, phrase: best, &tracer) }
        return failure(noInput: false, node, &tracer)
    }

    /// A `set` node's assignments: a constant, or (a negative constant) the value of slot
    /// `-constant - 1`; `call.priority` is only ever raised.
    private mutating func assign(_ node: TableNode) {
        let table = program
        for index in Int(node.listStart) ..< Int(node.listStart + node.listCount) {
            let assignment = table.assignments[index]
            let value = assignment.constant >= 0 ? table.constantValues[Int(assignment.constant)]
                : state.slots[Int(-assignment.constant - 1)]
            if assignment.slot == table.builtIns.callPriority {
                if case .number(let raised) = value, raised > Double(state.priority) { setPriority(Int32(raised)) }
                continue
            }
            state.slots[Int(assignment.slot)] = value
        }
    }

    /// A no-input or no-match: `call.failures` counts it, `failure` rules are tried, then the node
    /// replays its prompt while it has retries left, else takes its `no_input` / `no_match`.
    private mutating func failure<T: SessionTracer>(noInput: Bool, _ node: TableNode, _ tracer: inout T) -> Instruction {
        state.failures &+= 1
        state.attempts &+= 1
        state.slots[Int(program.builtIns.callFailures)] = .number(Double(state.failures))
        switch fire(.failure) {
        case .fired(let rule): return run(program.rules[rule].target, StepReason(.rule, Int32(rule)), &tracer)
        case .fault(let why): return faulted(why.description)
        case .none: break
        }
        if state.attempts <= node.retries {
            steps &+= 1
            tracer.entered(node: state.node, reason: StepReason(.replay, state.attempts))
            return prompt(node, state.node)
        }
        let positions = node.kind == .menu ? EdgePosition.menuFailures : EdgePosition.collectFailures
        return outcome(noInput ? positions.noInput : positions.noMatch, &tracer)
    }

    private mutating func collect<T: SessionTracer>(_ keys: String, _ node: TableNode, _ tracer: inout T) -> Instruction {
        let table = program
        var utf8 = keys.utf8[...]
        if utf8.last == UInt8(ascii: "#") { utf8 = utf8.dropLast() }
        if utf8.isEmpty { return failure(noInput: true, node, &tracer) }
        // The human key alone (before or without `#`) asks for a person.
        if utf8.count == 1, case let key = RoutingTable.keyIndex(utf8.first!), key >= 0, table.requestKeys & (1 << Int32(key)) != 0 {
            return request(node, key: key, phrase: nil, &tracer)
        }
        guard utf8.count >= Int(node.minDigits), utf8.count <= Int(node.maxDigits),
              utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return failure(noInput: false, node, &tracer)
        }
        let slot = Int(node.resource)
        if table.variables[slot].type == .number {
            state.slots[slot] = .number(Double(Substring(utf8)) ?? 0)
        } else {
            state.slots[slot] = .string(String(Substring(utf8)))
        }
        return outcome(EdgePosition.collectNext, &tracer)
    }

    private mutating func queueStatus<T: SessionTracer>(wait: Int, depth: Int, _ node: TableNode, _ tracer: inout T) -> Instruction {
        let table = program
        let builtIns = table.builtIns
        state.slots[Int(builtIns.queueName)] = program.queueNames[Int(node.resource)]
        state.slots[Int(builtIns.queueWait)] = .number(Double(wait))
        state.slots[Int(builtIns.queueDepth)] = .number(Double(depth))
        switch fire(.queue) {
        case .fired(let rule): return run(table.rules[rule].target, StepReason(.rule, Int32(rule)), &tracer)
        case .fault(let why): return faulted(why.description)
        case .none: break
        }
        let queue = table.queue(atNode: state.node)
        if wait >= Int(queue.maxWait) { return run(edge(EdgePosition.queueOverflow), StepReason(.maxWait), &tracer) }
        var instruction = Instruction(kind: .hold, node: state.node)
        instruction.queue = node.resource
        instruction.wait = Int32(clamping: wait)
        instruction.depth = Int32(clamping: depth)
        // Issue 14 item 7: the words every `announce` of waiting (the first after one interval).
        if let (words, music) = program.announcements[state.node] {
            instruction.text = music
            if words >= 0, queue.announce > 0, Int64(wait) >= Int64(state.announced ?? 0) + Int64(queue.announce) {
                state.announced = Int32(clamping: wait)
                instruction.prompt = words
            }
        }
        if !state.alerted && ((queue.alertDepth >= 0 && depth >= Int(queue.alertDepth)) || (queue.alertWait >= 0 && wait >= Int(queue.alertWait))) {
            state.alerted = true
            instruction.kind = .alert
        }
        return instruction
    }
}

/// Where the executor finds the outcomes it takes among a node's edges, from the kinds'
/// descriptions (`NodeKindDescription.all`), found once.
private enum EdgePosition {
    static func of(_ kind: TableNodeKind, _ label: String) -> Int {
        guard let position = kind.descriptor.position(of: label) else { preconditionFailure("\(kind.name) has no '\(label)'") }
        return position
    }

    static let sayNext = of(.say, "next")
    static let menu = TableNodeKind.menu.descriptor
    static let menuFailures = (noInput: of(.menu, "no_input"), noMatch: of(.menu, "no_match"))
    static let collectNext = of(.collect, "next")
    static let collectFailures = (noInput: of(.collect, "no_input"), noMatch: of(.collect, "no_match"))
    static let setNext = of(.set, "next")
    static let switchElse = of(.switch, "else")
    static let hours = (open: of(.hours, "open"), closed: of(.hours, "closed"), holiday: of(.hours, "holiday"))
    static let lookup = LookupResult.allCases.map { of(.lookup, $0.outcome) }
    static let transfer = TransferResult.allCases.map { of(.transfer, $0.outcome) }
    static let queueOverflow = of(.queue, "overflow")
    static let queueCallback = of(.queue, "callback")
}
