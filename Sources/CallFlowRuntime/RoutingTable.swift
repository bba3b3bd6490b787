/// A compiled routing table (spec section 9, docs/table-format.md): flat arrays of fixed-size
/// records that refer to each other by index. Nodes are dense integers; every outcome is an entry
/// of `edges`; a menu's options are a 12-entry jump table indexed by key (`0`-`9`, `*`, `#`);
/// conditions are `ConditionProgram`s, schedules `CompiledSchedule`s; every text is an index into
/// one interned string table.
///
/// A table that exists has passed `validate()` (the binary loader calls it), so the executor never
/// meets a bad index.
public struct RoutingTable: Equatable, Sendable {
    /// The compiler that wrote the table (at most 16 ASCII bytes).
    public var compilerVersion: String
    /// FNV-1a 64 of the flow's source bytes (the root file, then each include in order).
    public var sourceHash: UInt64

    public var strings: StringTable
    /// The flow's name and time zone (strings; the zone is -1 when the flow has none).
    public var flowName: Int32
    public var timeZone: Int32
    /// The node a call enters when no `start` rule fires.
    public var start: Int32
    /// The human key, as a key index (0-9, 10 = `*`, 11 = `#`).
    public var humanKey: Int32
    /// Spoken phrases that ask for a human (strings).
    public var humanPhrases: [Int32]
    public var builtIns: BuiltInSlots

    /// The call's variables, slot 0 first, and their enum values and defaults.
    public var variables: [TableVariable]
    public var enumValues: [Int32]
    public var constants: [TableConstant]

    public var schedules: [CompiledSchedule]
    public var conditions: [ConditionProgram]
    public var queues: [TableQueue]
    /// Skills of queues and queue nodes (strings).
    public var skills: [Int32]
    /// Escalation rules sorted by trigger (start, request, failure, queue), each trigger's in the
    /// order written.
    public var rules: [TableRule]

    public var nodes: [TableNode]
    /// Outcome targets: each node owns `TableNodeKind.edgeCount` entries from `edgeStart`.
    public var edges: [Int32]
    public var cases: [TableCase]
    /// Slots a lookup may fill.
    public var slotLists: [Int32]
    public var assignments: [TableAssignment]
    /// Menu option phrases.
    public var speech: [TableSpeech]

    public init(compilerVersion: String, sourceHash: UInt64, strings: StringTable, flowName: Int32, timeZone: Int32,
                start: Int32, humanKey: Int32, humanPhrases: [Int32], builtIns: BuiltInSlots, variables: [TableVariable],
                enumValues: [Int32], constants: [TableConstant], schedules: [CompiledSchedule], conditions: [ConditionProgram],
                queues: [TableQueue], skills: [Int32], rules: [TableRule], nodes: [TableNode], edges: [Int32],
                cases: [TableCase], slotLists: [Int32], assignments: [TableAssignment], speech: [TableSpeech]) {
        self.compilerVersion = compilerVersion
        self.sourceHash = sourceHash
        self.strings = strings
        self.flowName = flowName
        self.timeZone = timeZone
        self.start = start
        self.humanKey = humanKey
        self.humanPhrases = humanPhrases
        self.builtIns = builtIns
        self.variables = variables
        self.enumValues = enumValues
        self.constants = constants
        self.schedules = schedules
        self.conditions = conditions
        self.queues = queues
        self.skills = skills
        self.rules = rules
        self.nodes = nodes
        self.edges = edges
        self.cases = cases
        self.slotLists = slotLists
        self.assignments = assignments
        self.speech = speech
    }

    /// The 12 keys of a keypad, in jump-table order.
    public static let keys: [UInt8] = Array("0123456789*#".utf8)

    /// The key index of a DTMF byte, or -1.
    @inline(__always)
    public static func keyIndex(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "*"): return 10
        case UInt8(ascii: "#"): return 11
        default: return -1
        }
    }

    public func name(ofNode index: Int) -> String { strings[Int(nodes[index].name)] }

    /// The range of `rules` with trigger `trigger`.
    public func rules(_ trigger: RuleTriggerCode) -> Range<Int> {
        var lower = 0
        while lower < rules.count && rules[lower].trigger < trigger.rawValue { lower += 1 }
        var upper = lower
        while upper < rules.count && rules[upper].trigger == trigger.rawValue { upper += 1 }
        return lower..<upper
    }
}

/// Slots of the built-in variables the executor writes.
public struct BuiltInSlots: Equatable, Sendable {
    public var callFailures: Int32
    public var callPriority: Int32
    public var queueName: Int32
    public var queueWait: Int32
    public var queueDepth: Int32

    public init(callFailures: Int32, callPriority: Int32, queueName: Int32, queueWait: Int32, queueDepth: Int32) {
        self.callFailures = callFailures
        self.callPriority = callPriority
        self.queueName = queueName
        self.queueWait = queueWait
        self.queueDepth = queueDepth
    }
}

/// The interned strings: UTF-8 bytes, string `i` being `bytes[offsets[i] ..< offsets[i + 1]]`.
/// Strings are made on demand (`self[i]`), so loading a table creates none.
public struct StringTable: Equatable, Sendable {
    public private(set) var bytes: [UInt8]
    public private(set) var offsets: [UInt32]

    public init() {
        bytes = []
        offsets = [0]
    }

    /// A table from stored parts; nil unless the offsets start at 0, never decrease, end at the
    /// byte count, and every string is valid UTF-8.
    public init?(bytes: [UInt8], offsets: [UInt32]) {
        guard let first = offsets.first, first == 0, offsets.last.map({ Int($0) == bytes.count }) == true else { return nil }
        var previous: UInt32 = 0
        for offset in offsets {
            guard offset >= previous else { return nil }
            previous = offset
        }
        guard StringTable.validUTF8(bytes, offsets) else { return nil }
        self.bytes = bytes
        self.offsets = offsets
    }

    public var count: Int { offsets.count - 1 }

    /// Appends `text` (no interning here: the compiler interns).
    public mutating func append(_ text: String) -> Int32 {
        bytes.append(contentsOf: text.utf8)
        offsets.append(UInt32(bytes.count))
        return Int32(offsets.count - 2)
    }

    public subscript(index: Int) -> String {
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The bytes of string `index`, in place.
    @inline(__always)
    public func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Each string must be valid UTF-8 on its own: a multi-byte sequence may not cross a boundary.
    static func validUTF8(_ bytes: [UInt8], _ offsets: [UInt32]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var boundary = 1
            var i = 0
            let n = buffer.count
            while i < n {
                while boundary < offsets.count && Int(offsets[boundary]) <= i { boundary += 1 }
                let end = boundary < offsets.count ? Int(offsets[boundary]) : n
                let b0 = buffer[i]
                if b0 < 0x80 { i += 1; continue }
                let length: Int
                if b0 >= 0xC2 && b0 <= 0xDF { length = 2 } else if b0 >= 0xE0 && b0 <= 0xEF { length = 3 } else if b0 >= 0xF0 && b0 <= 0xF4 { length = 4 } else { return false }
                guard i + length <= end else { return false }
                for k in 1..<length where buffer[i + k] & 0xC0 != 0x80 { return false }
                let b1 = buffer[i + 1]
                if b0 == 0xE0 && b1 < 0xA0 { return false }
                if b0 == 0xED && b1 > 0x9F { return false }
                if b0 == 0xF0 && b1 < 0x90 { return false }
                if b0 == 0xF4 && b1 > 0x8F { return false }
                i += length
            }
            return true
        }
    }
}

public enum TableNodeKind: Int32, CaseIterable, Sendable {
    case say = 0, menu, collect, `switch`, hours, lookup, set, queue, transfer, voicemail, callback, hangup

    /// How many `edges` entries a node of this kind owns, in this order:
    /// say/set `[next]`; menu `[no_input, no_match, key 0 ... key #]`; collect
    /// `[next, no_input, no_match]`; switch `[else]`; hours `[open, closed, holiday]`; lookup
    /// `[next, not_found, error]`; queue `[overflow, callback]`; transfer `[no_answer, busy, failed]`.
    public var edgeCount: Int {
        switch self {
        case .say, .set, .switch: return 1
        case .menu: return 14
        case .collect, .hours, .lookup, .transfer: return 3
        case .queue: return 2
        case .voicemail, .callback, .hangup: return 0
        }
    }

    public var name: String {
        switch self {
        case .say: return "say"
        case .menu: return "menu"
        case .collect: return "collect"
        case .switch: return "switch"
        case .hours: return "hours"
        case .lookup: return "lookup"
        case .set: return "set"
        case .queue: return "queue"
        case .transfer: return "transfer"
        case .voicemail: return "voicemail"
        case .callback: return "callback"
        case .hangup: return "hangup"
        }
    }

    /// Outcome labels of the edges, in order (menu keys are `key 0` ... `key #` in the JSON).
    public var edgeLabels: [String] {
        switch self {
        case .say, .set: return ["next"]
        case .menu: return ["no_input", "no_match"] + RoutingTable.keys.map { String(UnicodeScalar($0)) }
        case .collect: return ["next", "no_input", "no_match"]
        case .switch: return ["else"]
        case .hours: return ["open", "closed", "holiday"]
        case .lookup: return ["next", "not_found", "error"]
        case .queue: return ["overflow", "callback"]
        case .transfer: return ["no_answer", "busy", "failed"]
        case .voicemail, .callback, .hangup: return []
        }
    }
}

/// One node: 11 32-bit fields. Which fields a kind uses (unused ones are 0, except as noted):
///
/// | kind | text | resource | timeout | retries | minDigits / maxDigits | list |
/// |---|---|---|---|---|---|---|
/// | say | prompt | | | | | |
/// | menu | prompt | | seconds | retries | | speech phrases |
/// | collect | prompt | `into` slot | seconds | retries | 1-32 | |
/// | switch | | | | | | cases |
/// | hours | | schedule | | | | |
/// | lookup | integration | | seconds | | | slots it sets |
/// | set | | | | | | assignments |
/// | queue | | queue | priority (-1: none) | | | extra skills |
/// | transfer | target | | | | | |
/// | voicemail | mailbox | | | | | |
/// | callback | | queue | | | | |
/// | hangup | prompt (-1: none) | | | | | |
public struct TableNode: Equatable, Sendable {
    public var kind: TableNodeKind
    public var name: Int32
    public var text: Int32
    public var resource: Int32
    public var timeout: Int32
    public var retries: Int32
    public var minDigits: Int32
    public var maxDigits: Int32
    public var listStart: Int32
    public var listCount: Int32
    public var edgeStart: Int32

    public init(kind: TableNodeKind, name: Int32, text: Int32 = 0, resource: Int32 = 0, timeout: Int32 = 0, retries: Int32 = 0,
                minDigits: Int32 = 0, maxDigits: Int32 = 0, listStart: Int32 = 0, listCount: Int32 = 0, edgeStart: Int32 = 0) {
        self.kind = kind
        self.name = name
        self.text = text
        self.resource = resource
        self.timeout = timeout
        self.retries = retries
        self.minDigits = minDigits
        self.maxDigits = maxDigits
        self.listStart = listStart
        self.listCount = listCount
        self.edgeStart = edgeStart
    }
}

public enum VariableTypeCode: Int32, CaseIterable, Sendable {
    case bool = 0, number, string, duration, enumeration

    public var kind: ConditionValueKind {
        switch self {
        case .bool: return .bool
        case .number, .duration: return .number
        case .string, .enumeration: return .string
        }
    }

    public var name: String {
        switch self {
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .duration: return "duration"
        case .enumeration: return "enum"
        }
    }
}

/// A variable: its name, type, enum values (a range of `enumValues`) and default (a constant).
public struct TableVariable: Equatable, Sendable {
    public var name: Int32
    public var type: VariableTypeCode
    public var enumStart: Int32
    public var enumCount: Int32
    public var defaultValue: Int32

    public init(name: Int32, type: VariableTypeCode, enumStart: Int32 = 0, enumCount: Int32 = 0, defaultValue: Int32) {
        self.name = name
        self.type = type
        self.enumStart = enumStart
        self.enumCount = enumCount
        self.defaultValue = defaultValue
    }
}

/// A literal: a bool, a number (durations in seconds) or a string of the table.
public enum TableConstant: Equatable, Sendable {
    case bool(Bool)
    case number(Double)
    case string(Int32)

    public var kind: ConditionValueKind {
        switch self {
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        }
    }
}

public struct TableQueue: Equatable, Sendable {
    public var name: Int32
    public var skillStart: Int32
    public var skillCount: Int32
    /// Seconds; a status reporting this wait takes `overflow`.
    public var maxWait: Int32
    public var offersCallback: Bool
    /// Seconds between wait announcements; 0: none.
    public var announce: Int32
    /// Supervisor alert thresholds; -1: none.
    public var alertDepth: Int32
    public var alertWait: Int32

    public init(name: Int32, skillStart: Int32, skillCount: Int32, maxWait: Int32, offersCallback: Bool, announce: Int32,
                alertDepth: Int32, alertWait: Int32) {
        self.name = name
        self.skillStart = skillStart
        self.skillCount = skillCount
        self.maxWait = maxWait
        self.offersCallback = offersCallback
        self.announce = announce
        self.alertDepth = alertDepth
        self.alertWait = alertWait
    }
}

public enum RuleTriggerCode: Int32, CaseIterable, Sendable {
    case start = 0, request, failure, queue

    public var name: String {
        switch self {
        case .start: return "start"
        case .request: return "request"
        case .failure: return "failure"
        case .queue: return "queue"
        }
    }
}

public struct TableRule: Equatable, Sendable {
    public var name: Int32
    public var trigger: Int32
    /// A condition, or -1: always.
    public var condition: Int32
    public var target: Int32
    /// 0-100, or -1: leaves `call.priority` alone.
    public var priority: Int32
    public var critical: Bool

    public init(name: Int32, trigger: RuleTriggerCode, condition: Int32, target: Int32, priority: Int32, critical: Bool) {
        self.name = name
        self.trigger = trigger.rawValue
        self.condition = condition
        self.target = target
        self.priority = priority
        self.critical = critical
    }
}

public struct TableCase: Equatable, Sendable {
    public var condition: Int32
    public var target: Int32

    public init(condition: Int32, target: Int32) {
        self.condition = condition
        self.target = target
    }
}

public struct TableAssignment: Equatable, Sendable {
    public var slot: Int32
    public var constant: Int32

    public init(slot: Int32, constant: Int32) {
        self.slot = slot
        self.constant = constant
    }
}

public struct TableSpeech: Equatable, Sendable {
    public var phrase: Int32
    /// The key index (0-11) the phrase stands for.
    public var key: Int32

    public init(phrase: Int32, key: Int32) {
        self.phrase = phrase
        self.key = key
    }
}

/// Why a table was refused.
public struct TableError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "invalid routing table: " + message }
}

extension RoutingTable {
    /// The limits a table must respect (a crafted file cannot ask for unbounded work).
    public static let maxNodes = 1 << 22
    public static let maxRetries: Int32 = 100
    public static let maxDigits: Int32 = 32

    /// Checks every index, range and kind in the table. Conditions and schedules were validated
    /// when they were made; here their slot and schedule counts are checked against the table.
    public func validate() throws(TableError) {
        let stringCount = strings.count
        func string(_ index: Int32, _ what: @autoclosure () -> String, optional: Bool = false) throws(TableError) {
            if optional && index == -1 { return }
            guard index >= 0, Int(index) < stringCount else { throw TableError("\(what()) names string \(index), there are \(stringCount)") }
        }
        func range(_ start: Int32, _ count: Int32, in total: Int, _ what: @autoclosure () -> String) throws(TableError) {
            guard start >= 0, count >= 0, Int(start) + Int(count) <= total else {
                throw TableError("\(what()) takes \(count) entries from \(start), there are \(total)")
            }
        }
        guard compilerVersion.utf8.count <= TableFormat.compilerVersionBytes else { throw TableError("compiler version too long") }
        try string(flowName, "the flow name")
        try string(timeZone, "the time zone", optional: true)
        guard !nodes.isEmpty, nodes.count <= Self.maxNodes else { throw TableError("\(nodes.count) nodes") }
        guard start >= 0, Int(start) < nodes.count else { throw TableError("the start node \(start) does not exist") }
        guard (0..<12).contains(humanKey) else { throw TableError("human key \(humanKey) is not a key") }
        for phrase in humanPhrases { try string(phrase, "a human phrase") }

        // Variables and constants.
        for (index, constant) in constants.enumerated() {
            if case .string(let s) = constant { try string(s, "constant \(index)") }
            if case .number(let n) = constant, !n.isFinite { throw TableError("constant \(index) is not a finite number") }
        }
        for value in enumValues { try string(value, "an enum value") }
        for (slot, variable) in variables.enumerated() {
            try string(variable.name, "variable \(slot)")
            try range(variable.enumStart, variable.enumCount, in: enumValues.count, "variable \(slot)'s values")
            guard variable.type == .enumeration || variable.enumCount == 0 else { throw TableError("variable \(slot) is not an enum but has values") }
            guard variable.type != .enumeration || variable.enumCount > 0 else { throw TableError("enum variable \(slot) has no values") }
            guard variable.defaultValue >= 0, Int(variable.defaultValue) < constants.count,
                  constants[Int(variable.defaultValue)].kind == variable.type.kind else {
                throw TableError("variable \(slot)'s default is not a \(variable.type.name) constant")
            }
        }
        let slotCount = variables.count
        func slot(_ index: Int32, _ kind: ConditionValueKind, _ what: String) throws(TableError) {
            guard index >= 0, Int(index) < slotCount, variables[Int(index)].type.kind == kind else {
                throw TableError("\(what) is slot \(index), which is not a \(kind) variable")
            }
        }
        try slot(builtIns.callFailures, .number, "call.failures")
        try slot(builtIns.callPriority, .number, "call.priority")
        try slot(builtIns.queueName, .string, "queue.name")
        try slot(builtIns.queueWait, .number, "queue.wait")
        try slot(builtIns.queueDepth, .number, "queue.depth")

        // Schedules, conditions, queues, rules.
        for (index, schedule) in schedules.enumerated() where schedule.timeZone.isEmpty {
            throw TableError("schedule \(index) has no time zone")
        }
        for (index, program) in conditions.enumerated() {
            guard program.slotCount == slotCount, program.scheduleCount == schedules.count else {
                throw TableError("condition \(index) is for \(program.slotCount) slots and \(program.scheduleCount) schedules")
            }
        }
        for skill in skills { try string(skill, "a skill") }
        for (index, queue) in queues.enumerated() {
            try string(queue.name, "queue \(index)")
            try range(queue.skillStart, queue.skillCount, in: skills.count, "queue \(index)'s skills")
            guard queue.maxWait >= 0, queue.announce >= 0, queue.alertDepth >= -1, queue.alertWait >= -1 else {
                throw TableError("queue \(index) has a negative time or threshold")
            }
        }
        var lastTrigger: Int32 = 0
        for (index, rule) in rules.enumerated() {
            try string(rule.name, "rule \(index)")
            guard RuleTriggerCode(rawValue: rule.trigger) != nil, rule.trigger >= lastTrigger else {
                throw TableError("rule \(index) has trigger \(rule.trigger) out of order")
            }
            lastTrigger = rule.trigger
            guard rule.condition >= -1, Int(rule.condition) < conditions.count else { throw TableError("rule \(index) names condition \(rule.condition)") }
            guard rule.target >= 0, Int(rule.target) < nodes.count else { throw TableError("rule \(index) goes to node \(rule.target)") }
            guard (-1...100).contains(rule.priority) else { throw TableError("rule \(index) has priority \(rule.priority)") }
        }

        // Nodes, their edges and lists.
        var nextEdge = 0
        for (index, node) in nodes.enumerated() {
            var what: String { "node \(index)" }
            try string(node.name, what)
            guard Int(node.edgeStart) == nextEdge else { throw TableError("\(what)'s edges start at \(node.edgeStart), expected \(nextEdge)") }
            let edgeCount = node.kind.edgeCount
            guard nextEdge + edgeCount <= edges.count else { throw TableError("\(what)'s edges run past the end") }
            for position in 0..<edgeCount {
                let target = edges[nextEdge + position]
                let optional = (node.kind == .menu && position >= 2) || (node.kind == .queue && position == 1)
                guard (optional && target == -1) || (target >= 0 && Int(target) < nodes.count) else {
                    throw TableError("\(what)'s outcome \(position) goes to node \(target)")
                }
            }
            nextEdge += edgeCount
            let used: Int
            switch node.kind {
            case .say:
                try string(node.text, what)
                used = 1
            case .menu:
                try string(node.text, what)
                guard node.timeout >= 0, (0...Self.maxRetries).contains(node.retries) else { throw TableError("\(what)'s timeout or retries") }
                try range(node.listStart, node.listCount, in: speech.count, "\(what)'s phrases")
                for option in speech[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    try string(option.phrase, what)
                    guard (0..<12).contains(option.key), edges[Int(node.edgeStart) + 2 + Int(option.key)] >= 0 else {
                        throw TableError("\(what) has a phrase for key \(option.key), which has no option")
                    }
                }
                used = 77
            case .collect:
                try string(node.text, what)
                try slot(node.resource, variables.indices.contains(Int(node.resource)) ? variables[Int(node.resource)].type.kind : .string, what + "'s `into`")
                guard variables[Int(node.resource)].type == .string || variables[Int(node.resource)].type == .number else {
                    throw TableError("\(what) collects into a variable that is not a string or a number")
                }
                guard node.timeout >= 0, (0...Self.maxRetries).contains(node.retries),
                      node.minDigits >= 1, node.minDigits <= node.maxDigits, node.maxDigits <= Self.maxDigits else {
                    throw TableError("\(what)'s timeout, retries or digits")
                }
                used = 63
            case .switch:
                try range(node.listStart, node.listCount, in: cases.count, "\(what)'s cases")
                for item in cases[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    guard item.condition >= 0, Int(item.condition) < conditions.count, item.target >= 0, Int(item.target) < nodes.count else {
                        throw TableError("\(what) has a case with condition \(item.condition) going to \(item.target)")
                    }
                }
                used = 64
            case .hours:
                guard node.resource >= 0, Int(node.resource) < schedules.count else { throw TableError("\(what) names schedule \(node.resource)") }
                used = 2
            case .lookup:
                try string(node.text, what)
                guard node.timeout >= 0 else { throw TableError("\(what)'s timeout") }
                try range(node.listStart, node.listCount, in: slotLists.count, "\(what)'s slots")
                for s in slotLists[Int(node.listStart) ..< Int(node.listStart + node.listCount)] where s < 0 || Int(s) >= slotCount {
                    throw TableError("\(what) may set slot \(s)")
                }
                used = 69
            case .set:
                try range(node.listStart, node.listCount, in: assignments.count, "\(what)'s assignments")
                for item in assignments[Int(node.listStart) ..< Int(node.listStart + node.listCount)] {
                    guard item.constant >= 0, Int(item.constant) < constants.count else { throw TableError("\(what) assigns constant \(item.constant)") }
                    try slot(item.slot, constants[Int(item.constant)].kind, what + "'s assignment")
                }
                used = 64
            case .queue:
                guard node.resource >= 0, Int(node.resource) < queues.count else { throw TableError("\(what) names queue \(node.resource)") }
                guard (-1...100).contains(node.timeout) else { throw TableError("\(what) has priority \(node.timeout)") }
                try range(node.listStart, node.listCount, in: skills.count, "\(what)'s skills")
                used = 70
            case .transfer, .voicemail:
                try string(node.text, what)
                used = 1
            case .callback:
                guard node.resource >= 0, Int(node.resource) < queues.count else { throw TableError("\(what) names queue \(node.resource)") }
                used = 2
            case .hangup:
                try string(node.text, what, optional: true)
                used = 1
            }
            guard Self.unusedFieldsAreZero(node, used: used) else { throw TableError("\(what) has a field its kind does not use") }
        }
        guard nextEdge == edges.count else { throw TableError("\(edges.count - nextEdge) edges belong to no node") }
    }

    /// Fields a kind does not use must be 0 (bits of `used`: text 1, resource 2, timeout 4,
    /// retries 8, minDigits 16, maxDigits 32, list 64).
    @inline(__always)
    static func unusedFieldsAreZero(_ node: TableNode, used: Int) -> Bool {
        (used & 1 != 0 || node.text == 0) && (used & 2 != 0 || node.resource == 0) && (used & 4 != 0 || node.timeout == 0)
            && (used & 8 != 0 || node.retries == 0) && (used & 16 != 0 || node.minDigits == 0)
            && (used & 32 != 0 || node.maxDigits == 0) && (used & 64 != 0 || (node.listStart == 0 && node.listCount == 0))
    }
}
