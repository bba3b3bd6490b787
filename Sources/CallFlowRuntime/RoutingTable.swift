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
    /// Languages, voices and the prompts nodes play (format version 2; TablePrompts.swift).
    public var prompts = TablePrompts()
    /// Issue 14 (TableRouting.swift): the keys and phrases of `request` rules that name their own,
    /// their phrases (strings), and queue nodes' overrides.
    public var requestAnswers: [TableRequestAnswers]
    public var requestPhrases: [Int32]
    public var queueOverrides: [TableQueueOverride]
    public var lookupInputs: [TableLookupInputs]
    /// Issue 14 item 7 (format version 3, TableEndings.swift): voicemail settings, callbacks'
    /// numbers, queue announcements and hold music.
    public var voicemails: [TableVoicemail] = []
    public var callbackNumbers: [TableCallbackNumber] = []
    public var announcements: [TableAnnouncement] = []

    public init(compilerVersion: String, sourceHash: UInt64, strings: StringTable, flowName: Int32, timeZone: Int32,
                start: Int32, humanKey: Int32, humanPhrases: [Int32], builtIns: BuiltInSlots, variables: [TableVariable],
                enumValues: [Int32], constants: [TableConstant], schedules: [CompiledSchedule], conditions: [ConditionProgram],
                queues: [TableQueue], skills: [Int32], rules: [TableRule], nodes: [TableNode], edges: [Int32],
                cases: [TableCase], slotLists: [Int32], assignments: [TableAssignment], speech: [TableSpeech],
                requestAnswers: [TableRequestAnswers] = [], requestPhrases: [Int32] = [], queueOverrides: [TableQueueOverride] = [],
                lookupInputs: [TableLookupInputs] = []) {
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
        self.requestAnswers = requestAnswers
        self.requestPhrases = requestPhrases
        self.queueOverrides = queueOverrides
        self.lookupInputs = lookupInputs
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
