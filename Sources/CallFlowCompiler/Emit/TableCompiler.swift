import CallFlowRuntime

/// Why a flow could not be compiled into a table (only for a flow the linter would not pass, or
/// something the table cannot express).
public struct TableCompileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "cannot compile the routing table: " + message }
}

/// The optimizations of the table compiler, each on by default; the benchmark measures what each
/// buys by switching it off.
public struct TableOptimizations: Equatable, Sendable {
    /// Leave out nodes no path from the start or a rule reaches.
    public var dropUnreachable = true
    /// Send outcomes past nodes that only pass the call on (a switch whose every way leads to one
    /// node, an hours node whose open, closed and holiday targets are one node).
    public var threadPassThrough = true
    /// Evaluate conditions that read no variable and no schedule at compile time: a case that is
    /// always false is dropped, one that is always true becomes the switch's `else`; rules alike.
    public var foldConstants = true
    /// One string table entry per distinct text (prompts, names, phrases).
    public var internStrings = true

    public init() {}

    public static let all = TableOptimizations()
    public static let none: TableOptimizations = {
        var options = TableOptimizations()
        options.dropUnreachable = false
        options.threadPassThrough = false
        options.foldConstants = false
        options.internStrings = false
        return options
    }()
}

/// A compiled table and what the compiler left out.
public struct TableCompilation: Sendable {
    public var table: RoutingTable
    /// Flow node ids that have no node in the table: unreachable ones and threaded ones.
    public var unreachable: [String]
    public var threaded: [String]
    /// The table index of each flow node, or -1.
    public var nodeIndex: [Int32]
}

/// FlowGraph to RoutingTable (spec section 9, docs/table-format.md). Deterministic: the same
/// flow and source hash always give an equal table, and so the same bytes.
public struct TableCompiler {
    private let graph: FlowGraph
    private let options: TableOptimizations
    private var strings = StringTable()
    private var stringIndex: [[UInt8]: Int32] = [:]

    private init(graph: FlowGraph, options: TableOptimizations) {
        self.graph = graph
        self.options = options
    }

    /// Compiles `graph`'s flow; `sourceHash` is `TableFormat.fnv1a` of its source files' bytes.
    public static func compile(_ graph: FlowGraph, sourceHash: UInt64, options: TableOptimizations = .all)
        throws(TableCompileError) -> TableCompilation {
        var compiler = TableCompiler(graph: graph, options: options)
        return try compiler.compile(sourceHash: sourceHash)
    }

    /// The hash the header records: FNV-1a 64 of the files' bytes, in order.
    public static func sourceHash(_ sources: [SourceFile]) -> UInt64 {
        var bytes: [UInt8] = []
        for source in sources { bytes += source.bytes }
        return TableFormat.fnv1a(bytes)
    }

    private mutating func intern(_ text: String) -> Int32 {
        guard options.internStrings else { return strings.append(text) }
        let key = Array(text.utf8)
        if let index = stringIndex[key] { return index }
        let index = strings.append(text)
        stringIndex[key] = index
        return index
    }

    private mutating func compile(sourceHash: UInt64) throws(TableCompileError) -> TableCompilation {
        let flow = graph.flow
        let count = graph.count

        // Variables: the condition compiler's slots (sorted by name), their types and defaults.
        let slots = VariableSlots(flow: flow)
        let scheduleNames = flow.schedules.map(\.name.value)
        var variables: [TableVariable] = []
        var enumValues: [Int32] = []
        var constants: [TableConstant] = []
        var constantIndex: [String: Int32] = [:]
        func constant(_ value: TableConstant) -> Int32 {
            let key: String
            switch value {
            case .bool(let b): key = "b\(b)"
            case .number(let n): key = "n\(n.bitPattern)"
            case .string(let s): key = "s\(s)"
            }
            if let index = constantIndex[key] { return index }
            constants.append(value)
            constantIndex[key] = Int32(constants.count - 1)
            return Int32(constants.count - 1)
        }
        let flowName = intern(flow.name.value)
        let timeZone = flow.timezone.map { intern($0.value) } ?? -1
        for (slot, name) in slots.names.enumerated() {
            let type = slots.types[slot]
            let declared = flow.variable(named: name)
            let code: VariableTypeCode
            var start: Int32 = 0, values: Int32 = 0
            switch type {
            case .bool: code = .bool
            case .number: code = .number
            case .string: code = .string
            case .duration: code = .duration
            case .enumeration(let names):
                code = .enumeration
                start = Int32(enumValues.count)
                values = Int32(names.count)
                for value in names { enumValues.append(intern(value)) }
            }
            let initial = try literal(declared?.defaultValue, type: type, what: "the default of '\(name)'") ?? zero(type)
            let value: TableConstant
            switch initial {
            case .bool(let b): value = .bool(b)
            case .number(let n): value = .number(n)
            case .text(let s): value = .string(intern(s))
            }
            variables.append(TableVariable(name: intern(name), type: code, enumStart: start, enumCount: values, defaultValue: constant(value)))
        }
        func builtIn(_ name: String) throws(TableCompileError) -> Int32 {
            guard let slot = slots.slot(of: name) else { throw TableCompileError("no slot for \(name)") }
            return slot
        }
        let builtIns = BuiltInSlots(callFailures: try builtIn("call.failures"), callPriority: try builtIn("call.priority"),
                                    queueName: try builtIn("queue.name"), queueWait: try builtIn("queue.wait"),
                                    queueDepth: try builtIn("queue.depth"))

        // Schedules and conditions.
        guard let schedules = ScheduleCompiler.compile(flow) else { throw TableCompileError("the flow has schedules but no time zone") }
        for schedule in schedules { _ = intern(schedule.timeZone) }
        var conditions: [ConditionProgram] = []
        let folder = CallFlowRuntime.ConditionEvaluator()
        /// A condition's index, or a constant when folding decides it (true: -1, false: -2).
        func condition(_ source: ExpressionSource) throws(TableCompileError) -> Int32 {
            guard let typed = source.parsed else { throw TableCompileError("the condition '\(source.text)' did not type-check") }
            let program: ConditionProgram
            do {
                program = try ConditionCompiler.compile(typed, slots: slots, schedules: scheduleNames)
            } catch {
                throw TableCompileError(error.description)
            }
            if options.foldConstants, !program.instructions.contains(where: { $0.opcode == .pushSlot || $0.opcode == .open }) {
                let empty = SlotValues(Array(repeating: .bool(false), count: slots.count))
                if let value = try? folder.evaluate(program, slots: empty) { return value ? -1 : -2 }
            }
            if let existing = conditions.firstIndex(of: program) { return Int32(existing) }
            for text in program.strings { _ = intern(text) }
            conditions.append(program)
            return Int32(conditions.count - 1)
        }

        // Switch cases after folding, per node: (condition, target) in order; a constant-true case
        // ends the list as the new `else`.
        var switchCases = [[(Int32, Int)]](repeating: [], count: count)
        var switchElse = [Int](repeating: -1, count: count)
        for index in 0..<count {
            guard case .switch(let cases) = flow.nodes[index].kind else { continue }
            switchElse[index] = try target(flow.nodes[index].outcome("else")?.target.value, of: index)
            for item in cases {
                let code = try condition(item.condition)
                let to = try target(item.target.value, of: index)
                if code == -2 { continue }
                if code == -1 { switchElse[index] = to; break }
                switchCases[index].append((code, to))
            }
        }
        // Rules after folding, sorted by trigger.
        var ruleList: [(rule: EscalationRule, condition: Int32, target: Int)] = []
        for trigger in RuleTrigger.allCases {
            for rule in flow.escalations where rule.trigger.value == trigger {
                var code: Int32 = -1
                if let when = rule.condition {
                    code = try condition(when)
                    if code == -2 { continue }
                }
                guard let to = flow.nodeIndex[rule.target.value] else { throw TableCompileError("rule '\(rule.name.value)' goes nowhere") }
                ruleList.append((rule, max(code, -1), to))
            }
        }

        // Threading: a node that only passes the call on is replaced by where it leads.
        var passesTo = [Int](repeating: -1, count: count)
        if options.threadPassThrough {
            for index in 0..<count {
                switch flow.nodes[index].kind {
                case .switch:
                    if switchCases[index].allSatisfy({ $0.1 == switchElse[index] }) { passesTo[index] = switchElse[index] }
                case .hours:
                    let node = flow.nodes[index]
                    let targets = ["open", "closed", "holiday"].compactMap { node.outcome($0).flatMap { flow.nodeIndex[$0.target.value] } }
                    if targets.count == 3, targets.allSatisfy({ $0 == targets[0] }) { passesTo[index] = targets[0] }
                default: break
                }
            }
        }
        func resolve(_ start: Int) -> Int {
            var node = start, hops = 0
            while passesTo[node] >= 0 && hops <= count {
                node = passesTo[node]
                hops += 1
            }
            return passesTo[node] >= 0 ? start : node   // a loop of pass-throughs stays as written
        }

        // Successors in the table (after threading), for reachability.
        let ruleTargets = ruleList.map { resolve($0.target) }
        let startNode = resolve(try target(flow.start.value, of: nil))
        var keep = [Bool](repeating: !options.dropUnreachable, count: count)
        if options.dropUnreachable {
            var stack = [startNode] + ruleTargets
            for node in stack { keep[node] = true }
            while let node = stack.popLast() {
                for next in try successors(node, switchCases, switchElse).map(resolve) where !keep[next] {
                    keep[next] = true
                    stack.append(next)
                }
            }
        }
        var unreachable: [String] = [], threaded: [String] = []
        var nodeIndex = [Int32](repeating: -1, count: count)
        var kept: [Int] = []
        for index in 0..<count {
            if options.threadPassThrough && passesTo[index] >= 0 && resolve(index) != index {
                threaded.append(flow.nodes[index].id.value)
            } else if !keep[index] {
                unreachable.append(flow.nodes[index].id.value)
            } else {
                nodeIndex[index] = Int32(kept.count)
                kept.append(index)
            }
        }
        func dense(_ node: Int) throws(TableCompileError) -> Int32 {
            let index = nodeIndex[resolve(node)]
            guard index >= 0 else { throw TableCompileError("node '\(flow.nodes[node].id.value)' was left out but is a target") }
            return index
        }

        // Queues.
        var skills: [Int32] = []
        var queues: [TableQueue] = []
        var queueIndex: [String: Int32] = [:]
        for queue in flow.queues {
            let start = Int32(skills.count)
            for skill in queue.skills { skills.append(intern(skill.value)) }
            queueIndex[queue.name.value] = Int32(queues.count)
            queues.append(TableQueue(name: intern(queue.name.value), skillStart: start, skillCount: Int32(queue.skills.count),
                                     maxWait: Int32(queue.maxWait.seconds), offersCallback: queue.offersCallback,
                                     announce: Int32(queue.announce?.seconds ?? 0), alertDepth: Int32(queue.alertDepth ?? -1),
                                     alertWait: Int32(queue.alertWait?.seconds ?? -1)))
        }
        func queue(_ name: String) throws(TableCompileError) -> Int32 {
            guard let index = queueIndex[name] else { throw TableCompileError("no queue is named '\(name)'") }
            return index
        }

        // Nodes.
        var nodes: [TableNode] = []
        nodes.reserveCapacity(kept.count)
        var edges: [Int32] = []
        var cases: [TableCase] = []
        var slotLists: [Int32] = []
        var assignments: [TableAssignment] = []
        var speech: [TableSpeech] = []
        for index in kept {
            let node = flow.nodes[index]
            var record = TableNode(kind: .say, name: intern(node.id.value), edgeStart: Int32(edges.count))
            func out(_ label: String) throws(TableCompileError) -> Int32 {
                guard let name = node.outcome(label)?.target.value, let to = flow.nodeIndex[name] else {
                    throw TableCompileError("node '\(node.id.value)' has no '\(label)' outcome")
                }
                return try dense(to)
            }
            func optional(_ label: String) throws(TableCompileError) -> Int32 {
                guard let name = node.outcome(label)?.target.value, let to = flow.nodeIndex[name] else { return -1 }
                return try dense(to)
            }
            switch node.kind {
            case .say(let prompt):
                record.text = intern(prompt.value)
                edges.append(try out("next"))
            case .menu(let menu):
                record.kind = .menu
                record.text = intern(menu.prompt.value)
                record.timeout = Int32(menu.effectiveTimeout.seconds)
                record.retries = Int32(min(menu.effectiveRetries, Int(RoutingTable.maxRetries)))
                edges.append(try out("no_input"))
                edges.append(try out("no_match"))
                var jump = [Int32](repeating: -1, count: 12)
                for option in menu.options {
                    guard let first = option.key.value.utf8.first, option.key.value.utf8.count == 1 else { continue }
                    let key = RoutingTable.keyIndex(first)
                    guard key >= 0, let to = flow.nodeIndex[option.target.value] else { continue }
                    jump[key] = try dense(to)
                }
                edges += jump
                record.listStart = Int32(speech.count)
                for option in menu.options {
                    guard let first = option.key.value.utf8.first, case let key = RoutingTable.keyIndex(first), key >= 0 else { continue }
                    for phrase in option.speech { speech.append(TableSpeech(phrase: intern(phrase.value), key: Int32(key))) }
                }
                record.listCount = Int32(speech.count) - record.listStart
                if record.listCount == 0 { record.listStart = 0 }
            case .collect(let collect):
                record.kind = .collect
                record.text = intern(collect.prompt.value)
                guard let into = collect.into?.value, let slot = slots.slot(of: into) else {
                    throw TableCompileError("collect '\(node.id.value)' has no `into` variable")
                }
                guard case let type = slots.types[Int(slot)], type == .string || type == .number else {
                    throw TableCompileError("collect '\(node.id.value)' stores digits into '\(into)', which is not a string or a number")
                }
                record.resource = slot
                record.timeout = Int32(collect.effectiveTimeout.seconds)
                record.retries = Int32(min(collect.effectiveRetries, Int(RoutingTable.maxRetries)))
                record.minDigits = Int32(collect.digits?.min ?? 1)
                record.maxDigits = Int32(collect.digits?.max ?? Int(RoutingTable.maxDigits))
                edges.append(try out("next"))
                edges.append(try out("no_input"))
                edges.append(try out("no_match"))
            case .switch:
                record.kind = .switch
                record.listStart = Int32(cases.count)
                for (code, to) in switchCases[index] { cases.append(TableCase(condition: code, target: try dense(to))) }
                record.listCount = Int32(cases.count) - record.listStart
                if record.listCount == 0 { record.listStart = 0 }
                edges.append(try dense(switchElse[index]))
            case .hours(let schedule):
                record.kind = .hours
                guard let position = scheduleNames.firstIndex(of: schedule.value) else {
                    throw TableCompileError("no schedule is named '\(schedule.value)'")
                }
                record.resource = Int32(position)
                edges.append(try out("open"))
                edges.append(try out("closed"))
                edges.append(try optional("holiday") >= 0 ? try optional("holiday") : try out("closed"))
            case .lookup(let lookup):
                record.kind = .lookup
                record.text = intern(lookup.integration.value)
                record.timeout = Int32(lookup.effectiveTimeout.seconds)
                record.listStart = Int32(slotLists.count)
                for name in lookup.sets {
                    guard let slot = slots.slot(of: name.value) else { throw TableCompileError("no variable '\(name.value)'") }
                    slotLists.append(slot)
                }
                record.listCount = Int32(slotLists.count) - record.listStart
                if record.listCount == 0 { record.listStart = 0 }
                let found = try out("next")
                edges.append(found)
                let notFound = try optional("not_found")
                edges.append(notFound >= 0 ? notFound : found)
                edges.append(try out("error"))
            case .set(let list):
                record.kind = .set
                record.listStart = Int32(assignments.count)
                for assignment in list {
                    guard let slot = slots.slot(of: assignment.variable.value) else {
                        throw TableCompileError("no variable '\(assignment.variable.value)'")
                    }
                    let type = slots.types[Int(slot)]
                    let value: TableConstant
                    switch try literal(assignment.value.value, type: type, what: "'\(assignment.variable.value)'") ?? zero(type) {
                    case .bool(let b): value = .bool(b)
                    case .number(let n): value = .number(n)
                    case .text(let s): value = .string(intern(s))
                    }
                    assignments.append(TableAssignment(slot: slot, constant: constant(value)))
                }
                record.listCount = Int32(assignments.count) - record.listStart
                if record.listCount == 0 { record.listStart = 0 }
                edges.append(try out("next"))
            case .queue(let step):
                record.kind = .queue
                record.resource = try queue(step.queue.value)
                record.timeout = Int32(step.priority?.value ?? -1)
                record.listStart = Int32(skills.count)
                for skill in step.skills { skills.append(intern(skill.value)) }
                record.listCount = Int32(skills.count) - record.listStart
                if record.listCount == 0 { record.listStart = 0 }
                edges.append(try out("overflow"))
                edges.append(try optional("callback"))
            case .transfer(let target):
                record.kind = .transfer
                record.text = intern(target.value)
                edges.append(try out("no_answer"))
                edges.append(try out("busy"))
                edges.append(try out("failed"))
            case .voicemail(let box):
                record.kind = .voicemail
                record.text = intern(box.value)
            case .callback(let name):
                record.kind = .callback
                record.resource = try queue(name.value)
            case .hangup(let prompt):
                record.kind = .hangup
                record.text = prompt.value.map { intern($0) } ?? -1
            }
            nodes.append(record)
        }

        var rules: [TableRule] = []
        for (rule, code, to) in ruleList {
            let trigger: RuleTriggerCode
            switch rule.trigger.value {
            case .start: trigger = .start
            case .request: trigger = .request
            case .failure: trigger = .failure
            case .queue: trigger = .queue
            }
            rules.append(TableRule(name: intern(rule.name.value), trigger: trigger, condition: code, target: try dense(to),
                                   priority: Int32(rule.priority?.value ?? -1), critical: rule.critical))
        }
        guard let humanKeyByte = flow.effectiveHumanKey.utf8.first, case let humanKey = RoutingTable.keyIndex(humanKeyByte), humanKey >= 0 else {
            throw TableCompileError("the human key '\(flow.effectiveHumanKey)' is not a key")
        }
        let humanPhrases = flow.effectiveHumanPhrases.map { intern($0) }

        let table = RoutingTable(
            compilerVersion: CallFlowVersion.current, sourceHash: sourceHash, strings: strings, flowName: flowName, timeZone: timeZone,
            start: try dense(startNode), humanKey: Int32(humanKey), humanPhrases: humanPhrases, builtIns: builtIns,
            variables: variables, enumValues: enumValues, constants: constants, schedules: schedules, conditions: conditions,
            queues: queues, skills: skills, rules: rules, nodes: nodes, edges: edges, cases: cases, slotLists: slotLists,
            assignments: assignments, speech: speech)
        do {
            try table.validate()
        } catch {
            throw TableCompileError(error.description)
        }
        return TableCompilation(table: table, unreachable: unreachable, threaded: threaded, nodeIndex: nodeIndex)
    }

    private func target(_ name: String?, of node: Int?) throws(TableCompileError) -> Int {
        guard let name, let index = graph.flow.nodeIndex[name] else {
            let at = node.map { " of '\(graph.flow.nodes[$0].id.value)'" } ?? ""
            throw TableCompileError("an outcome\(at) names no node")
        }
        return index
    }

    /// Where a node can send the call in the table (rules aside): its outcomes, with a switch's
    /// cases after folding.
    private func successors(_ node: Int, _ cases: [[(Int32, Int)]], _ otherwise: [Int]) throws(TableCompileError) -> [Int] {
        if case .switch = graph.flow.nodes[node].kind { return cases[node].map(\.1) + [otherwise[node]] }
        return graph.edges[node].map(\.target)
    }

    private enum Value { case bool(Bool), number(Double), text(String) }

    private func zero(_ type: ValueType) -> Value {
        switch type {
        case .bool: return .bool(false)
        case .number, .duration: return .number(0)
        case .string: return .text("")
        case .enumeration(let values): return .text(values.first ?? "")
        }
    }

    /// A literal as a value of `type`; nil for no literal.
    private func literal(_ value: LiteralValue?, type: ValueType, what: String) throws(TableCompileError) -> Value? {
        guard let value else { return nil }
        switch (type, value) {
        case (.bool, .bool(let b)): return .bool(b)
        case (.number, .number(let n)): return .number(n)
        case (.duration, .duration(let d)): return .number(Double(d.seconds))
        case (.duration, .string(let s)):
            guard let d = Duration(parsing: s) else { break }
            return .number(Double(d.seconds))
        case (.duration, .number(let n)): return .number(n)
        case (.string, .string(let s)): return .text(s)
        case (.string, .number): return .text(value.description)
        case (.enumeration(let values), .string(let s)) where values.contains(s): return .text(s)
        default: break
        }
        throw TableCompileError("\(what) is \(value), not a \(type)")
    }
}
