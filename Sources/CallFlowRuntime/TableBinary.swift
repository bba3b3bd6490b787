import Foundation

/// The binary form of a `RoutingTable` (docs/table-format.md): a 48-byte header, then a payload of
/// little-endian 32-bit words: a section directory and the sections, each an array of fixed-size
/// records. The checksum in the header covers the whole payload.
public enum TableSection: UInt32, CaseIterable, Sendable {
    case meta = 1, stringOffsets, stringBytes, humanPhrases, variables, enumValues, constants
    case schedules, scheduleWeeks, holidays
    case conditions, instructions, numbers, conditionStrings, conditionLists
    case queues, skills, rules, nodes, edges, cases, slotLists, assignments, speech
    // Version 2: prompts (TablePrompts.swift).
    case promptMeta, languages, prompts, promptVariants, promptParts, nodePrompts
    // Version 2 (issue 14, TableRouting.swift).
    case requestAnswers, requestPhrases, queueOverrides, recurringHolidays, specialRanges, lookupInputs
    // Version 3 (issue 14 item 7, TableEndings.swift).
    case voicemails, callbackNumbers, announcements

    /// The sections of a table of format `version` (2 or 3), in order.
    public static func sections(ofVersion version: UInt16) -> ArraySlice<TableSection> {
        version >= 3 ? allCases[...] : allCases.prefix { $0.rawValue <= TableSection.lookupInputs.rawValue }
    }

    /// Words per record.
    public var width: Int {
        switch self {
        case .meta: return 10
        case .promptMeta, .languages, .prompts: return 2
        case .promptVariants: return 6
        case .promptParts: return 3
        case .nodePrompts: return 1
        case .stringOffsets, .stringBytes, .humanPhrases, .enumValues, .holidays, .conditionStrings, .conditionLists,
             .skills, .edges, .slotLists, .requestPhrases: return 1
        case .variables: return 5
        case .constants, .schedules: return 3
        case .scheduleWeeks, .numbers, .cases, .assignments, .speech: return 2
        case .conditions: return 9
        case .instructions: return 3
        case .queues: return 8
        case .rules: return 6
        case .nodes: return 11
        case .requestAnswers, .queueOverrides, .specialRanges: return 4
        case .recurringHolidays: return 5
        case .lookupInputs, .voicemails: return 3
        case .callbackNumbers: return 2
        case .announcements: return 4
        }
    }
}

extension RoutingTable {
    // MARK: Encoding

    /// The table's bytes. The same table always gives the same bytes. `formatVersion` 2 writes
    /// the layout older runtimes read (only for a table without `needsFormat3`'s parts).
    public func encoded(formatVersion: UInt16 = TableFormat.version) -> [UInt8] {
        precondition(formatVersion == TableFormat.version || (formatVersion == 2 && !needsFormat3), "version 2 cannot hold this table")
        var sections = [[UInt32]](repeating: [], count: TableSection.allCases.count + 1)
        func put(_ section: TableSection, _ values: Int32...) {
            for value in values { sections[Int(section.rawValue)].append(UInt32(bitPattern: value)) }
        }
        func putDouble(_ section: TableSection, _ value: Double) {
            sections[Int(section.rawValue)].append(UInt32(truncatingIfNeeded: value.bitPattern))
            sections[Int(section.rawValue)].append(UInt32(truncatingIfNeeded: value.bitPattern >> 32))
        }
        put(.meta, flowName, timeZone, start, humanKey, builtIns.callFailures, builtIns.callPriority, builtIns.queueName,
            builtIns.queueWait, builtIns.queueDepth, 0)
        sections[Int(TableSection.stringOffsets.rawValue)] = strings.offsets
        var blob = strings.bytes
        while blob.count % 4 != 0 { blob.append(0) }
        var blobWords: [UInt32] = []
        blobWords.reserveCapacity(blob.count / 4)
        for i in stride(from: 0, to: blob.count, by: 4) {
            let low = UInt32(blob[i]) | UInt32(blob[i + 1]) << 8
            let high = UInt32(blob[i + 2]) << 16 | UInt32(blob[i + 3]) << 24
            blobWords.append(low | high)
        }
        sections[Int(TableSection.stringBytes.rawValue)] = blobWords
        for phrase in humanPhrases { put(.humanPhrases, phrase) }
        for v in variables { put(.variables, v.name, v.type.rawValue, v.enumStart, v.enumCount, v.defaultValue) }
        for value in enumValues { put(.enumValues, value) }
        for constant in constants {
            switch constant {
            case .bool(let b): put(.constants, 0, b ? 1 : 0, 0)
            case .number(let n):
                put(.constants, 1)
                putDouble(.constants, n)
            case .string(let s): put(.constants, 2, s, 0)
            }
        }
        // The string index of each text a condition holds, by bytes (the compiler interned them all).
        var stringIndex: [[UInt8]: Int32] = [:]
        for program in conditions {
            for text in program.strings where stringIndex[Array(text.utf8)] == nil {
                stringIndex[Array(text.utf8)] = Int32(-1)
            }
        }
        var zoneTexts: [[UInt8]: Int32] = [:]
        for schedule in schedules { zoneTexts[Array(schedule.timeZone.utf8)] = -1 }
        if !stringIndex.isEmpty || !zoneTexts.isEmpty {
            for index in 0..<strings.count {
                let key = strings.withUTF8(index) { Array($0) }
                if stringIndex[key] == -1 { stringIndex[key] = Int32(index) }
                if zoneTexts[key] == -1 { zoneTexts[key] = Int32(index) }
            }
        }
        for schedule in schedules {
            put(.schedules, zoneTexts[Array(schedule.timeZone.utf8)] ?? -1, Int32(sections[Int(TableSection.holidays.rawValue)].count),
                Int32(schedule.holidays.count))
            for word in schedule.week {
                sections[Int(TableSection.scheduleWeeks.rawValue)].append(UInt32(truncatingIfNeeded: word))
                sections[Int(TableSection.scheduleWeeks.rawValue)].append(UInt32(truncatingIfNeeded: word >> 32))
            }
            for day in schedule.holidays { put(.holidays, day) }
        }
        for program in conditions {
            let instructionStart = Int32(sections[Int(TableSection.instructions.rawValue)].count / 3)
            let numberStart = Int32(sections[Int(TableSection.numbers.rawValue)].count / 2)
            let stringStart = Int32(sections[Int(TableSection.conditionStrings.rawValue)].count)
            let listStart = Int32(sections[Int(TableSection.conditionLists.rawValue)].count)
            put(.conditions, instructionStart, Int32(program.instructions.count), numberStart, Int32(program.numbers.count),
                stringStart, Int32(program.strings.count), listStart, Int32(program.lists.count), Int32(program.maxStackDepth))
            for instruction in program.instructions { put(.instructions, Int32(instruction.opcode.rawValue), instruction.a, instruction.b) }
            for number in program.numbers { putDouble(.numbers, number) }
            for text in program.strings { put(.conditionStrings, stringIndex[Array(text.utf8)] ?? -1) }
            for member in program.lists { put(.conditionLists, member) }
        }
        for q in queues {
            put(.queues, q.name, q.skillStart, q.skillCount, q.maxWait, q.offersCallback ? 1 : 0, q.announce, q.alertDepth, q.alertWait)
        }
        for skill in skills { put(.skills, skill) }
        for r in rules { put(.rules, r.name, r.trigger, r.condition, r.target, r.priority, r.critical ? 1 : 0) }
        sections[Int(TableSection.nodes.rawValue)].reserveCapacity(nodes.count * 11)
        for n in nodes {
            put(.nodes, n.kind.rawValue, n.name, n.text, n.resource, n.timeout, n.retries, n.minDigits, n.maxDigits,
                n.listStart, n.listCount, n.edgeStart)
        }
        sections[Int(TableSection.edges.rawValue)] = edges.map { UInt32(bitPattern: $0) }
        for c in cases { put(.cases, c.condition, c.target) }
        for s in slotLists { put(.slotLists, s) }
        for a in assignments { put(.assignments, a.slot, a.constant) }
        for s in speech { put(.speech, s.phrase, s.key) }
        put(.promptMeta, prompts.languageSlot, prompts.defaultVoice)
        for l in prompts.languages { put(.languages, l.name, l.voice) }
        for p in prompts.prompts { put(.prompts, p.variantStart, p.variantCount) }
        for v in prompts.variants { put(.promptVariants, v.language, v.recording, v.text, v.duration, v.partStart, v.partCount) }
        for p in prompts.parts { put(.promptParts, p.kind.rawValue, p.value, p.format) }
        for p in prompts.nodePrompts { put(.nodePrompts, p) }
        for a in requestAnswers { put(.requestAnswers, a.rule, a.keys, a.phraseStart, a.phraseCount) }
        for p in requestPhrases { put(.requestPhrases, p) }
        for o in queueOverrides { put(.queueOverrides, o.node, o.maxWait, o.announce, o.callback) }
        for l in lookupInputs { put(.lookupInputs, l.node, l.slotStart, l.slotCount) }
        for (index, schedule) in schedules.enumerated() {
            for h in schedule.recurring { put(.recurringHolidays, Int32(index), h.month, h.day, h.weekday, h.nth) }
            for r in schedule.special { put(.specialRanges, Int32(index), r.day, r.opens, r.closes) }
        }
        for v in voicemails { put(.voicemails, v.node, v.maxLength, v.transcribe) }
        for c in callbackNumbers { put(.callbackNumbers, c.node, c.slot) }
        for a in announcements { put(.announcements, a.queue, a.node, a.prompt, a.holdMusic) }

        // The payload: the directory, then the sections, padded to a whole number of 64-bit words.
        let all = TableSection.sections(ofVersion: formatVersion)
        var payload: [UInt32] = [UInt32(all.count), 0]
        var offset = 2 + 4 * all.count
        for section in all {
            let words = sections[Int(section.rawValue)]
            let count = section == .stringBytes ? strings.bytes.count : words.count / section.width
            payload += [section.rawValue, UInt32(section.width), UInt32(count), UInt32(offset)]
            offset += words.count
        }
        for section in all { payload += sections[Int(section.rawValue)] }
        if payload.count % 2 != 0 { payload.append(0) }

        var bytes = [UInt8]()
        bytes.reserveCapacity(TableFormat.headerSize + payload.count * 4)
        bytes += TableFormat.magic
        Self.append(UInt64(formatVersion) | UInt64(TableFormat.headerSize) << 16, bytes: 4, to: &bytes)
        Self.append(sourceHash, bytes: 8, to: &bytes)
        var version = Array(compilerVersion.utf8.prefix(TableFormat.compilerVersionBytes))
        while version.count < TableFormat.compilerVersionBytes { version.append(0) }
        bytes += version
        Self.append(UInt64(payload.count * 4), bytes: 8, to: &bytes)
        let checksumAt = bytes.count
        Self.append(0, bytes: 8, to: &bytes)
        for word in payload { Self.append(UInt64(word), bytes: 4, to: &bytes) }
        let checksum = bytes.withUnsafeBytes { TableFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[TableFormat.headerSize...])) }
        for k in 0..<8 { bytes[checksumAt + k] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(k))) }
        return bytes
    }

    private static func append(_ value: UInt64, bytes count: Int, to bytes: inout [UInt8]) {
        for k in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }

    // MARK: Decoding

    /// Reads and validates a table. Refuses (never traps on) a file that is not a table, another
    /// format version, a truncated or damaged file, and any index, offset or count out of range.
    /// The work is bounded by the file's size.
    public init(decoding bytes: [UInt8]) throws(TableError) {
        let header = TableFormat.headerSize
        guard bytes.count >= 4, Array(bytes[0..<4]) == TableFormat.magic else {
            throw .notATable
        }
        guard bytes.count >= header else { throw .truncated(.header(bytes: bytes.count, header: header)) }
        guard bytes.count <= TableFormat.maxTableBytes else { throw .tooLarge(bytes: bytes.count) }
        func read(_ at: Int, _ count: Int) -> UInt64 {
            var value: UInt64 = 0
            for k in 0..<count { value |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
            return value
        }
        let version = UInt16(read(4, 2))
        guard (TableFormat.oldestReadableVersion ... TableFormat.version).contains(version) else {
            throw .unsupportedVersion(version)
        }
        guard read(6, 2) == UInt64(header) else { throw .malformed(.headerSize(read(6, 2), expected: header)) }
        let sourceHash = read(8, 8)
        let versionBytes = Array(bytes[16..<32].prefix { $0 != 0 })
        guard bytes[16..<32].dropFirst(versionBytes.count).allSatisfy({ $0 == 0 }),
              versionBytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { throw .malformed(.compilerVersionNotText) }
        let payloadLength = read(32, 8)
        guard payloadLength == UInt64(bytes.count - header) else {
            throw .truncated(.payload(declared: payloadLength, actual: bytes.count - header))
        }
        guard payloadLength % 8 == 0, payloadLength >= 8 else { throw .malformed(.payloadNotWords) }
        let stored = read(40, 8)
        let computed = bytes.withUnsafeBytes { TableFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[header...])) }
        guard stored == computed else {
            throw .checksumMismatch(stored: stored, computed: computed)
        }
        let wordCount = Int(payloadLength / 4)
        let words = [UInt32](unsafeUninitializedCapacity: wordCount) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for i in 0..<wordCount {
                    buffer[i] = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: header + i * 4, as: UInt32.self))
                }
            }
            initialized = wordCount
        }
        var reader = try SectionReader(words, version: version)
        self = try reader.table(compilerVersion: String(decoding: versionBytes, as: UTF8.self), sourceHash: sourceHash)
        try validate()
    }
}

/// Reads the sections of a payload, checking the directory first: every section once, in order,
/// with its record width, tiling the payload exactly.
private struct SectionReader {
    let words: [UInt32]
    var ranges: [Range<Int>]
    var counts: [Int]

    init(_ words: [UInt32], version: UInt16) throws(TableError) {
        self.words = words
        let all = TableSection.sections(ofVersion: version)
        guard words.count >= 2, words[0] == UInt32(all.count), words[1] == 0 else {
            throw .malformed(.directoryCount(expected: all.count))
        }
        let directoryEnd = 2 + 4 * all.count
        guard words.count >= directoryEnd else { throw .truncated(.directory) }
        // Sections a version-2 table lacks read as empty.
        ranges = Array(repeating: 0..<0, count: TableSection.allCases.count + 1)
        counts = Array(repeating: 0, count: TableSection.allCases.count + 1)
        var expected = directoryEnd
        for (position, section) in all.enumerated() {
            let entry = 2 + 4 * position
            guard words[entry] == section.rawValue, words[entry + 1] == UInt32(section.width) else {
                throw .malformed(.sectionMismatch(position: position + 1, found: words[entry], width: words[entry + 1], expected: section))
            }
            let count = Int(words[entry + 2]), offset = Int(words[entry + 3])
            let length = section == .stringBytes ? (count + 3) / 4 : count * section.width
            guard offset == expected, length <= words.count - offset else {
                throw .truncated(.section(section, offset: offset, count: count))
            }
            ranges[Int(section.rawValue)] = offset ..< offset + length
            counts[Int(section.rawValue)] = count
            expected = offset + length
        }
        guard expected == words.count || (expected + 1 == words.count && words[expected] == 0) else {
            throw .malformed(.trailingWords(words.count - expected))
        }
    }

    func count(_ section: TableSection) -> Int { counts[Int(section.rawValue)] }

    /// Field `field` of record `record` of `section`.
    @inline(__always)
    func int(_ section: TableSection, _ record: Int, _ field: Int = 0) -> Int32 {
        Int32(bitPattern: words[ranges[Int(section.rawValue)].lowerBound + record * section.width + field])
    }

    func ints(_ section: TableSection) -> [Int32] {
        words[ranges[Int(section.rawValue)]].map { Int32(bitPattern: $0) }
    }

    func double(_ section: TableSection, _ record: Int, _ field: Int) -> Double {
        let lo = UInt64(UInt32(bitPattern: int(section, record, field))), hi = UInt64(UInt32(bitPattern: int(section, record, field + 1)))
        return Double(bitPattern: lo | hi << 32)
    }

    func records<T>(_ section: TableSection, _ make: (Int) throws(TableError) -> T) throws(TableError) -> [T] {
        let n = count(section)
        var out: [T] = []
        out.reserveCapacity(n)
        for i in 0..<n { out.append(try make(i)) }
        return out
    }

    mutating func table(compilerVersion: String, sourceHash: UInt64) throws(TableError) -> RoutingTable {
        guard count(.meta) == 1 else { throw .malformed(.recordCount(.meta, count(.meta))) }
        guard int(.meta, 0, 9) == 0 else { throw .malformed(.reservedMetaField) }

        // Strings: offsets, then the bytes (the padding after them must be zero).
        let byteCount = count(.stringBytes)
        let blobWords = words[ranges[Int(TableSection.stringBytes.rawValue)]]
        var blob = [UInt8](repeating: 0, count: blobWords.count * 4)
        for (i, word) in blobWords.enumerated() {
            blob[4 * i] = UInt8(truncatingIfNeeded: word)
            blob[4 * i + 1] = UInt8(truncatingIfNeeded: word >> 8)
            blob[4 * i + 2] = UInt8(truncatingIfNeeded: word >> 16)
            blob[4 * i + 3] = UInt8(truncatingIfNeeded: word >> 24)
        }
        guard blob[byteCount...].allSatisfy({ $0 == 0 }) else { throw .malformed(.stringPadding) }
        blob.removeLast(blob.count - byteCount)
        let offsets = Array(words[ranges[Int(TableSection.stringOffsets.rawValue)]])
        guard let strings = StringTable(bytes: blob, offsets: offsets) else {
            throw .malformed(.stringTable)
        }
        func text(_ index: Int32) throws(TableError) -> String {
            guard index >= 0, Int(index) < strings.count else { throw .badReference(record: "string", .existing, index: Int64(index)) }
            return strings[Int(index)]
        }

        let variables = try records(.variables) { (i: Int) throws(TableError) -> TableVariable in
            guard let type = VariableTypeCode(rawValue: int(.variables, i, 1)) else { throw .unknownCode(record: "variable \(i)", field: .type, value: Int64(int(.variables, i, 1))) }
            return TableVariable(name: int(.variables, i, 0), type: type, enumStart: int(.variables, i, 2), enumCount: int(.variables, i, 3),
                                 defaultValue: int(.variables, i, 4))
        }
        let constants = try records(.constants) { (i: Int) throws(TableError) -> TableConstant in
            switch int(.constants, i, 0) {
            case 0:
                guard int(.constants, i, 1) & ~1 == 0, int(.constants, i, 2) == 0 else { throw .wrongKind(.notABool(constant: i)) }
                return .bool(int(.constants, i, 1) == 1)
            case 1: return .number(double(.constants, i, 1))
            case 2:
                guard int(.constants, i, 2) == 0 else { throw .wrongKind(.strayField(constant: i)) }
                return .string(int(.constants, i, 1))
            default: throw .unknownCode(record: "constant \(i)", field: .kind, value: Int64(int(.constants, i, 0)))
            }
        }

        let weekWords = CompiledSchedule.wordCount
        guard count(.scheduleWeeks) == count(.schedules) * weekWords else {
            throw .mismatch(.weekWords(count(.scheduleWeeks), schedules: count(.schedules)))
        }
        let holidays = ints(.holidays)
        // Issue 14: each schedule's recurring holidays and special ranges, grouped by schedule.
        var recurring = [[RecurringHoliday]](repeating: [], count: count(.schedules))
        var special = [[SpecialRange]](repeating: [], count: count(.schedules))
        var lastSchedule: Int32 = 0
        for i in 0..<count(.recurringHolidays) {
            let schedule = int(.recurringHolidays, i, 0)
            guard schedule >= lastSchedule, Int(schedule) < recurring.count else { throw .badReference(record: "recurring holiday \(i)", .owningSchedule, index: Int64(schedule)) }
            lastSchedule = schedule
            let month = int(.recurringHolidays, i, 1), day = int(.recurringHolidays, i, 2)
            var holiday = RecurringHoliday(month: month, day: day)
            holiday.weekday = int(.recurringHolidays, i, 3)
            holiday.nth = int(.recurringHolidays, i, 4)
            recurring[Int(schedule)].append(holiday)
        }
        lastSchedule = 0
        for i in 0..<count(.specialRanges) {
            let schedule = int(.specialRanges, i, 0)
            guard schedule >= lastSchedule, Int(schedule) < special.count else { throw .badReference(record: "special range \(i)", .owningSchedule, index: Int64(schedule)) }
            lastSchedule = schedule
            special[Int(schedule)].append(SpecialRange(day: int(.specialRanges, i, 1), opens: int(.specialRanges, i, 2), closes: int(.specialRanges, i, 3)))
        }
        let schedules = try records(.schedules) { (i: Int) throws(TableError) -> CompiledSchedule in
            let zone = try text(int(.schedules, i, 0))
            let start = Int(int(.schedules, i, 1)), n = Int(int(.schedules, i, 2))
            guard start >= 0, n >= 0, start + n <= holidays.count else { throw .outOfRange(.span(record: "schedule \(i)'s holidays")) }
            var week: [UInt64] = []
            week.reserveCapacity(weekWords)
            for w in 0..<weekWords {
                let record = i * weekWords + w
                week.append(UInt64(UInt32(bitPattern: int(.scheduleWeeks, record, 0))) | UInt64(UInt32(bitPattern: int(.scheduleWeeks, record, 1))) << 32)
            }
            guard let schedule = CompiledSchedule(timeZone: zone, week: week, holidays: Array(holidays[start ..< start + n]),
                                                  recurring: recurring[i], special: special[i]) else {
                throw .invalidSchedule(i)
            }
            return schedule
        }

        let slotCount = variables.count
        let conditionLists = ints(.conditionLists)
        let conditions = try records(.conditions) { (i: Int) throws(TableError) -> ConditionProgram in
            func span(_ field: Int, _ total: Int) throws(TableError) -> Range<Int> {
                let start = Int(int(.conditions, i, field)), n = Int(int(.conditions, i, field + 1))
                guard start >= 0, n >= 0, start + n <= total else { throw .outOfRange(.span(record: "condition \(i)'s parts")) }
                return start ..< start + n
            }
            var instructions: [ConditionInstruction] = []
            for k in try span(0, count(.instructions)) {
                guard let opcode = UInt8(exactly: int(.instructions, k, 0)).flatMap(ConditionOpcode.init(rawValue:)) else {
                    throw .unknownCode(record: "condition \(i)", field: .opcode, value: Int64(int(.instructions, k, 0)))
                }
                instructions.append(ConditionInstruction(opcode, int(.instructions, k, 1), int(.instructions, k, 2)))
            }
            var numbers: [Double] = []
            for k in try span(2, count(.numbers)) { numbers.append(double(.numbers, k, 0)) }
            var texts: [String] = []
            for k in try span(4, count(.conditionStrings)) { texts.append(try text(int(.conditionStrings, k))) }
            let lists = Array(conditionLists[try span(6, conditionLists.count)])
            do throws(ConditionProgramError) {
                return try ConditionProgram(instructions: instructions, numbers: numbers, strings: texts, lists: lists,
                                            slotCount: slotCount, scheduleCount: count(.schedules), maxStackDepth: Int(int(.conditions, i, 8)))
            } catch {
                throw .invalidCondition(i, error)
            }
        }

        let queues = try records(.queues) { (i: Int) throws(TableError) -> TableQueue in
            let callback = int(.queues, i, 4)
            guard callback == 0 || callback == 1 else { throw .outOfRange(.flag(record: "queue \(i)", .callback, callback)) }
            return TableQueue(name: int(.queues, i, 0), skillStart: int(.queues, i, 1), skillCount: int(.queues, i, 2),
                              maxWait: int(.queues, i, 3), offersCallback: callback == 1, announce: int(.queues, i, 5),
                              alertDepth: int(.queues, i, 6), alertWait: int(.queues, i, 7))
        }
        let rules = try records(.rules) { (i: Int) throws(TableError) -> TableRule in
            guard let trigger = RuleTriggerCode(rawValue: int(.rules, i, 1)) else { throw .unknownCode(record: "rule \(i)", field: .trigger, value: Int64(int(.rules, i, 1))) }
            let critical = int(.rules, i, 5)
            guard critical == 0 || critical == 1 else { throw .outOfRange(.flag(record: "rule \(i)", .critical, critical)) }
            return TableRule(name: int(.rules, i, 0), trigger: trigger, condition: int(.rules, i, 2), target: int(.rules, i, 3),
                             priority: int(.rules, i, 4), critical: critical == 1)
        }
        let nodeCount = count(.nodes)
        let nodeBase = ranges[Int(TableSection.nodes.rawValue)].lowerBound
        var nodes: [TableNode] = []
        nodes.reserveCapacity(nodeCount)
        try words.withUnsafeBufferPointer { (w: UnsafeBufferPointer<UInt32>) throws(TableError) in
            for i in 0..<nodeCount {
                let at = nodeBase + i * 11
                guard let kind = TableNodeKind(rawValue: Int32(bitPattern: w[at])) else { throw .unknownCode(record: "node \(i)", field: .kind, value: Int64(w[at])) }
                nodes.append(TableNode(kind: kind, name: Int32(bitPattern: w[at + 1]), text: Int32(bitPattern: w[at + 2]),
                                       resource: Int32(bitPattern: w[at + 3]), timeout: Int32(bitPattern: w[at + 4]),
                                       retries: Int32(bitPattern: w[at + 5]), minDigits: Int32(bitPattern: w[at + 6]),
                                       maxDigits: Int32(bitPattern: w[at + 7]), listStart: Int32(bitPattern: w[at + 8]),
                                       listCount: Int32(bitPattern: w[at + 9]), edgeStart: Int32(bitPattern: w[at + 10])))
            }
        }
        let cases = try records(.cases) { (i: Int) throws(TableError) in TableCase(condition: int(.cases, i, 0), target: int(.cases, i, 1)) }
        let assignments = try records(.assignments) { (i: Int) throws(TableError) in
            TableAssignment(slot: int(.assignments, i, 0), constant: int(.assignments, i, 1))
        }
        let speech = try records(.speech) { (i: Int) throws(TableError) in TableSpeech(phrase: int(.speech, i, 0), key: int(.speech, i, 1)) }
        guard count(.promptMeta) == 1 else { throw .malformed(.recordCount(.promptMeta, count(.promptMeta))) }
        let parts = try records(.promptParts) { (i: Int) throws(TableError) -> TablePromptPart in
            guard let kind = PromptPartKind(rawValue: int(.promptParts, i, 0)) else { throw .unknownCode(record: "prompt part \(i)", field: .kind, value: Int64(int(.promptParts, i, 0))) }
            return TablePromptPart(kind: kind, value: int(.promptParts, i, 1), format: int(.promptParts, i, 2))
        }
        let prompts = TablePrompts(
            languageSlot: int(.promptMeta, 0, 0), defaultVoice: int(.promptMeta, 0, 1),
            languages: try records(.languages) { (i: Int) throws(TableError) in TableLanguage(name: int(.languages, i, 0), voice: int(.languages, i, 1)) },
            prompts: try records(.prompts) { (i: Int) throws(TableError) in TablePrompt(variantStart: int(.prompts, i, 0), variantCount: int(.prompts, i, 1)) },
            variants: try records(.promptVariants) { (i: Int) throws(TableError) in
                TablePromptVariant(language: int(.promptVariants, i, 0), recording: int(.promptVariants, i, 1), text: int(.promptVariants, i, 2),
                                   duration: int(.promptVariants, i, 3), partStart: int(.promptVariants, i, 4), partCount: int(.promptVariants, i, 5))
            },
            parts: parts, nodePrompts: ints(.nodePrompts))
        let requestAnswers = try records(.requestAnswers) { (i: Int) throws(TableError) in
            TableRequestAnswers(rule: int(.requestAnswers, i, 0), keys: int(.requestAnswers, i, 1),
                                phraseStart: int(.requestAnswers, i, 2), phraseCount: int(.requestAnswers, i, 3))
        }
        let lookupInputs = try records(.lookupInputs) { (i: Int) throws(TableError) in
            TableLookupInputs(node: int(.lookupInputs, i, 0), slotStart: int(.lookupInputs, i, 1), slotCount: int(.lookupInputs, i, 2))
        }
        let queueOverrides = try records(.queueOverrides) { (i: Int) throws(TableError) in
            TableQueueOverride(node: int(.queueOverrides, i, 0), maxWait: int(.queueOverrides, i, 1),
                               announce: int(.queueOverrides, i, 2), callback: int(.queueOverrides, i, 3))
        }

        var table = RoutingTable(
            compilerVersion: compilerVersion, sourceHash: sourceHash, strings: strings,
            flowName: int(.meta, 0, 0), timeZone: int(.meta, 0, 1), start: int(.meta, 0, 2), humanKey: int(.meta, 0, 3),
            humanPhrases: ints(.humanPhrases),
            builtIns: BuiltInSlots(callFailures: int(.meta, 0, 4), callPriority: int(.meta, 0, 5), queueName: int(.meta, 0, 6),
                                   queueWait: int(.meta, 0, 7), queueDepth: int(.meta, 0, 8)),
            variables: variables, enumValues: ints(.enumValues), constants: constants, schedules: schedules,
            conditions: conditions, queues: queues, skills: ints(.skills), rules: rules, nodes: nodes, edges: ints(.edges),
            cases: cases, slotLists: ints(.slotLists), assignments: assignments, speech: speech,
            requestAnswers: requestAnswers, requestPhrases: ints(.requestPhrases), queueOverrides: queueOverrides,
            lookupInputs: lookupInputs)
        table.prompts = prompts
        table.voicemails = try records(.voicemails) { (i: Int) throws(TableError) in
            TableVoicemail(node: int(.voicemails, i, 0), maxLength: int(.voicemails, i, 1), transcribe: int(.voicemails, i, 2))
        }
        table.callbackNumbers = try records(.callbackNumbers) { (i: Int) throws(TableError) in
            TableCallbackNumber(node: int(.callbackNumbers, i, 0), slot: int(.callbackNumbers, i, 1))
        }
        table.announcements = try records(.announcements) { (i: Int) throws(TableError) in
            TableAnnouncement(queue: int(.announcements, i, 0), node: int(.announcements, i, 1), prompt: int(.announcements, i, 2),
                              holdMusic: int(.announcements, i, 3))
        }
        return table
    }
}
