/// Why a table was refused: a value with a case for each kind of problem (issue 10, item 7).
/// Callers switch on the case; `description` is the message `callflow` prints and the server
/// logs ("invalid routing table: …"). Where a case carries `record`, it names the part of the
/// table at fault in the table's own words ("node 3", "prompt variant 2's text"); it is where,
/// never what, and nothing branches on it.
public enum TableError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes do not start with the format's magic: not a routing table at all.
    case notATable
    /// A format version this runtime does not read: recompile the flow.
    case unsupportedVersion(UInt16)
    /// The file is over `TableFormat.maxTableBytes`.
    case tooLarge(bytes: Int)
    /// The stored checksum does not match the payload: the file is damaged.
    case checksumMismatch(stored: UInt64, computed: UInt64)
    /// The file ends before (or goes on after) what its header and directory describe.
    case truncated(Truncation)
    /// The container around the records is malformed: header, section directory, meta record,
    /// string table.
    case malformed(Layout)
    /// A code field holds a value with no meaning: a type, kind, trigger, opcode or format.
    case unknownCode(record: String, field: CodeField, value: Int64)
    /// An index names nothing, or not the thing it must.
    case badReference(record: String, Reference, index: Int64)
    /// A count, span or number is outside what the format allows.
    case outOfRange(Bound)
    /// Records that must be sorted, unique and attached to a rule or node of one kind are not.
    case outOfOrder(Placement)
    /// A slot, constant or copy of the wrong kind or type.
    case wrongKind(KindProblem)
    /// Parts of the table that must agree do not.
    case mismatch(Mismatch)
    /// Schedule `index` is not a valid schedule.
    case invalidSchedule(Int)
    /// Condition `index` is not a valid program.
    case invalidCondition(Int, ConditionProgramError)
    /// A schedule's time zone is not one this machine knows.
    case unknownTimeZone(String)

    /// How the file ends early or late.
    public enum Truncation: Equatable, Sendable {
        case header(bytes: Int, header: Int)
        case payload(declared: UInt64, actual: Int)
        case directory
        case section(TableSection, offset: Int, count: Int)
    }

    /// What of the container is malformed.
    public enum Layout: Equatable, Sendable {
        case headerSize(UInt64, expected: Int)
        case compilerVersionNotText
        case compilerVersionTooLong
        case payloadNotWords
        case directoryCount(expected: Int)
        /// The directory's entry `position` (from 1) names section `found` of width `width`.
        case sectionMismatch(position: Int, found: UInt32, width: UInt32, expected: TableSection)
        case trailingWords(Int)
        /// The meta or prompt meta section has `count` records instead of one.
        case recordCount(TableSection, Int)
        case reservedMetaField
        case stringPadding
        case stringTable
    }

    /// Which code field.
    public enum CodeField: Equatable, Sendable {
        case type, kind, trigger, format, opcode
    }

    /// What an index must name, and how the message says so.
    public enum Reference: Equatable, Sendable {
        /// A string (`of`: how many there are, when the message says).
        case string(of: Int?)
        case condition
        /// A node an outcome or rule goes to.
        case node
        case schedule
        /// The schedule a holiday or special range is for.
        case owningSchedule
        case queue
        /// The prompt a node has.
        case prompt
        /// The prompt an announcement plays.
        case playedPrompt
        case language
        /// A slot a lookup may set, a send posts, a lookup's inputs send, an assignment sets, a
        /// prompt part reads.
        case slotSet, slotPosted, slotSent, slotAssigned, slotRead
        /// The start node, or a string a record reads while decoding: "… does not exist".
        case existing
        /// A switch case's condition and target (the index is the condition).
        case caseTarget(Int32)
    }

    /// What is out of range.
    public enum Bound: Equatable, Sendable {
        /// `count` entries from `start` of a list with `total`.
        case entries(record: String, count: Int32, start: Int32, total: Int)
        /// A record's variants, parts or holidays run outside their section.
        case span(record: String)
        /// Request answers whose phrases run outside their section.
        case phrases(requestAnswers: Int)
        case overrideValue(queueOverride: Int)
        case edgesPastEnd(record: String)
        case nodeCount(Int)
        case humanKey(Int32)
        case priority(record: String, Int32)
        case duration(promptVariant: Int, Int32)
        case requestKeys(requestAnswers: Int, Int32)
        /// A node's timeout, retries or digits (the fields the message names).
        case timing(record: String, Timing)
        case queueTimes(queue: Int)
        case voicemail(Int, length: Int32, transcribe: Int32)
        case flag(record: String, Flag, Int32)
        case notFinite(constant: Int)
    }

    /// Which of a node's timing fields a message names.
    public enum Timing: Equatable, Sendable {
        case timeout, timeoutOrRetries, timeoutRetriesOrDigits
    }

    /// A 0-or-1 flag.
    public enum Flag: Equatable, Sendable {
        case callback, critical
    }

    /// What is out of order or attached to the wrong thing.
    public enum Placement: Equatable, Sendable {
        case ruleTrigger(rule: Int, Int32)
        case edgeStart(record: String, Int32, expected: Int)
        case requestAnswers(Int, rule: Int32)
        case lookupInputs(Int, node: Int32)
        case queueOverride(Int, node: Int32)
        case voicemail(Int, node: Int32)
        case callbackNumber(Int, node: Int32)
        case queueAnnouncement(Int, queue: Int32)
        case nodeAnnouncement(Int, node: Int32)
    }

    /// A slot, constant or copy of the wrong kind.
    public enum KindProblem: Equatable, Sendable {
        case slot(record: String, Int32, ConditionValueKind)
        case defaultValue(variable: Int, VariableTypeCode)
        case valuesWithoutEnum(variable: Int)
        case enumWithoutValues(variable: Int)
        case collectInto(record: String)
        case assignedConstant(record: String, Int32, ConditionValueKind)
        case builtInAssigned(record: String)
        case priorityConstant(record: String)
        case copiedSlot(record: String, Int)
        case copy(record: String, from: VariableTypeCode, into: VariableTypeCode)
        case copiedEnumValue(record: String)
        case languageSlot(Int32, languages: Int)
        case callbackSlot(callbackNumber: Int, Int32)
        case notABool(constant: Int)
        case strayField(constant: Int)
    }

    /// Parts that must agree and do not.
    public enum Mismatch: Equatable, Sendable {
        case weekWords(Int, schedules: Int)
        case nodePrompts(Int, nodes: Int)
        case strayEdges(Int)
        case languagesWithoutSlot(Int)
        case scheduleWithoutZone(Int)
        case conditionCounts(Int, slots: Int, schedules: Int)
        case keyWithoutOption(record: String, key: Int32)
        case unusedField(record: String)
        case holdMusic(announcement: Int, holdMusic: Int32, prompt: Int32)
    }

    public var description: String { "invalid routing table: " + message }

    /// What is wrong, without the "invalid routing table" prefix.
    public var message: String {
        switch self {
        case .notATable: return "not a callflow routing table (no \"CFLT\" magic)"
        case .unsupportedVersion(let version):
            return "format version \(version); this runtime reads version \(TableFormat.version): recompile the flow with this version of callflow (`callflow compile`)"
        case .tooLarge(let bytes): return "\(bytes) bytes, over the limit"
        case .checksumMismatch(let stored, let computed):
            return "checksum mismatch (stored \(Self.hex(stored)), computed \(Self.hex(computed))): the file is damaged"
        case .truncated(let truncation): return truncation.message
        case .malformed(let layout): return layout.message
        case .unknownCode(let record, let field, let value): return "\(record) has \(field.words) \(value)"
        case .badReference(let record, let reference, let index): return reference.message(record, index)
        case .outOfRange(let bound): return bound.message
        case .outOfOrder(let placement): return placement.message
        case .wrongKind(let problem): return problem.message
        case .mismatch(let mismatch): return mismatch.message
        case .invalidSchedule(let index):
            return "schedule \(index) is not a valid schedule (bits past the week, unsorted holidays, bad recurring holidays or special ranges)"
        case .invalidCondition(let index, let error): return "condition \(index): \(error.description)"
        case .unknownTimeZone(let zone): return "unknown time zone '\(zone)'"
        }
    }

    /// 16 lower-case hex digits (as `%016llx`, without Foundation's formatting).
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension TableError.Truncation {
    var message: String {
        switch self {
        case .header(let bytes, let header): return "truncated: \(bytes) bytes, the header alone is \(header)"
        case .payload(let declared, let actual): return "truncated or extended: the header says \(declared) payload bytes, the file has \(actual)"
        case .directory: return "truncated section directory"
        case .section(let section, let offset, let count): return "section \(section) at word \(offset) with \(count) records does not fit the payload"
        }
    }
}

extension TableError.Layout {
    var message: String {
        switch self {
        case .headerSize(let size, let expected): return "header size \(size), expected \(expected)"
        case .compilerVersionNotText: return "the compiler version is not ASCII text"
        case .compilerVersionTooLong: return "compiler version too long"
        case .payloadNotWords: return "the payload is not a whole number of 64-bit words"
        case .directoryCount(let expected): return "the section directory does not list \(expected) sections"
        case .sectionMismatch(let position, let found, let width, let expected):
            return "section \(position) is \(found) of width \(width); expected \(expected.rawValue) of width \(expected.width)"
        case .trailingWords(let count): return "\(count) words after the last section"
        case .recordCount(let section, let count): return "the \(section == .promptMeta ? "prompt meta" : "meta") section has \(count) records, not 1"
        case .reservedMetaField: return "reserved meta field is not 0"
        case .stringPadding: return "the padding after the strings is not zero"
        case .stringTable: return "the string table's offsets or UTF-8 are invalid"
        }
    }
}

extension TableError.CodeField {
    var words: String {
        switch self {
        case .type: return "type"
        case .kind: return "kind"
        case .trigger: return "trigger"
        case .format: return "format"
        case .opcode: return "an unknown opcode"
        }
    }
}

extension TableError.Reference {
    func message(_ record: String, _ index: Int64) -> String {
        switch self {
        case .string(let count): return "\(record) names string \(index)" + (count.map { ", there are \($0)" } ?? "")
        case .condition: return "\(record) names condition \(index)"
        case .node: return "\(record) goes to node \(index)"
        case .schedule: return "\(record) names schedule \(index)"
        case .owningSchedule: return "\(record) is for schedule \(index)"
        case .queue: return "\(record) names queue \(index)"
        case .prompt: return "\(record) has prompt \(index)"
        case .playedPrompt: return "\(record) plays prompt \(index)"
        case .language: return "\(record) has language \(index)"
        case .slotSet: return "\(record) may set slot \(index)"
        case .slotPosted: return "\(record) posts slot \(index)"
        case .slotSent: return "\(record) send slot \(index)"
        case .slotAssigned: return "\(record) assigns slot \(index)"
        case .slotRead: return "\(record) reads slot \(index)"
        case .existing: return "\(record) \(index) does not exist"
        case .caseTarget(let target): return "\(record) has a case with condition \(index) going to \(target)"
        }
    }
}

extension TableError.Bound {
    var message: String {
        switch self {
        case .entries(let record, let count, let start, let total): return "\(record) takes \(count) entries from \(start), there are \(total)"
        case .span(let record): return "\(record) are out of range"
        case .phrases(let index): return "request answers \(index) take phrases out of range"
        case .overrideValue(let index): return "queue override \(index) has a value out of range"
        case .edgesPastEnd(let record): return "\(record)'s edges run past the end"
        case .nodeCount(let count): return "\(count) nodes"
        case .humanKey(let key): return "human key \(key) is not a key"
        case .priority(let record, let priority): return "\(record) has priority \(priority)"
        case .duration(let index, let seconds): return "prompt variant \(index) lasts \(seconds) seconds"
        case .requestKeys(let index, let keys): return "request answers \(index) have keys \(keys)"
        case .timing(let record, .timeout): return "\(record)'s timeout"
        case .timing(let record, .timeoutOrRetries): return "\(record)'s timeout or retries"
        case .timing(let record, .timeoutRetriesOrDigits): return "\(record)'s timeout, retries or digits"
        case .queueTimes(let index): return "queue \(index) has a negative time or threshold"
        case .voicemail(let index, let length, let transcribe):
            return "voicemail settings \(index) have a length of \(length) s or a transcribe flag of \(transcribe)"
        case .flag(let record, let flag, let value): return "\(record)'s \(flag == .callback ? "callback" : "critical") flag is \(value)"
        case .notFinite(let index): return "constant \(index) is not a finite number"
        }
    }
}

extension TableError.Placement {
    var message: String {
        switch self {
        case .ruleTrigger(let rule, let trigger): return "rule \(rule) has trigger \(trigger) out of order"
        case .edgeStart(let record, let start, let expected): return "\(record)'s edges start at \(start), expected \(expected)"
        case .requestAnswers(let index, let rule): return "request answers \(index) are for rule \(rule), not a request rule in order"
        case .lookupInputs(let index, let node): return "lookup inputs \(index) are for node \(node), not a lookup in order, or out of range"
        case .queueOverride(let index, let node): return "queue override \(index) is for node \(node), not a queue node in order"
        case .voicemail(let index, let node): return "voicemail settings \(index) are for node \(node), not a voicemail node in order"
        case .callbackNumber(let index, let node): return "callback number \(index) is for node \(node), not a callback node in order"
        case .queueAnnouncement(let index, let queue):
            return "announcement \(index) is for queue \(queue), not a queue in order before the nodes' announcements"
        case .nodeAnnouncement(let index, let node):
            return "announcement \(index) is for node \(node), not a queue node in order with words and no hold music"
        }
    }
}

extension TableError.KindProblem {
    var message: String {
        switch self {
        case .slot(let record, let slot, let kind): return "\(record) is slot \(slot), which is not a \(kind) variable"
        case .defaultValue(let variable, let type): return "variable \(variable)'s default is not a \(type.name) constant"
        case .valuesWithoutEnum(let variable): return "variable \(variable) is not an enum but has values"
        case .enumWithoutValues(let variable): return "enum variable \(variable) has no values"
        case .collectInto(let record): return "\(record) collects into a variable that is not a string or a number"
        case .assignedConstant(let record, let constant, let kind): return "\(record) assigns constant \(constant), which is not a \(kind) constant"
        case .builtInAssigned(let record): return "\(record) assigns a built-in slot the runtime keeps"
        case .priorityConstant(let record): return "\(record) sets call.priority to a constant that is not a whole number 0-100"
        case .copiedSlot(let record, let source): return "\(record) copies slot \(source), which does not exist or into call.priority"
        case .copy(let record, let from, let into): return "\(record) copies a \(from.name) into a \(into.name)"
        case .copiedEnumValue(let record): return "\(record) copies an enum value the target does not have"
        case .languageSlot(let slot, let languages): return "the language slot \(slot) is not an enum of the \(languages) languages"
        case .callbackSlot(let index, let slot): return "callback number \(index) reads slot \(slot), not a string slot"
        case .notABool(let index): return "constant \(index) is not a bool"
        case .strayField(let index): return "constant \(index) has a stray field"
        }
    }
}

extension TableError.Mismatch {
    var message: String {
        switch self {
        case .weekWords(let words, let schedules): return "\(words) week words for \(schedules) schedules"
        case .nodePrompts(let prompts, let nodes): return "\(prompts) node prompts for \(nodes) nodes"
        case .strayEdges(let count): return "\(count) edges belong to no node"
        case .languagesWithoutSlot(let count): return "\(count) languages but no language slot"
        case .scheduleWithoutZone(let index): return "schedule \(index) has no time zone"
        case .conditionCounts(let index, let slots, let schedules): return "condition \(index) is for \(slots) slots and \(schedules) schedules"
        case .keyWithoutOption(let record, let key): return "\(record) has a phrase for key \(key), which has no option"
        case .unusedField(let record): return "\(record) has a field its kind does not use"
        case .holdMusic(let index, let holdMusic, let prompt): return "announcement \(index) has hold music \(holdMusic) and prompt \(prompt)"
        }
    }
}
