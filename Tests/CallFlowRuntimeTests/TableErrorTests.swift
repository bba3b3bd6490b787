import CallFlowRuntime
import Testing

/// Issue 10, item 7: a refused table says why with a case; its message is the text `callflow`
/// printed and the server logged before the cases existed, word for word.
@Suite struct TableErrorTests {
    /// One example of every case (and of every sentence a case can say), with the text the
    /// string-wrapping `TableError` had for it.
    static let texts: [(TableError, String)] = [
        // The file.
        (.notATable, "not a callflow routing table (no \"CFLT\" magic)"),
        (.unsupportedVersion(9), "format version 9; this runtime reads version 3: recompile the flow with this version of callflow (`callflow compile`)"),
        (.tooLarge(bytes: 70_000_000), "70000000 bytes, over the limit"),
        (.checksumMismatch(stored: 0x1f, computed: 0xfedc_ba98_7654_3210),
         "checksum mismatch (stored 000000000000001f, computed fedcba9876543210): the file is damaged"),
        (.truncated(.header(bytes: 20, header: 48)), "truncated: 20 bytes, the header alone is 48"),
        (.truncated(.payload(declared: 67, actual: 66)), "truncated or extended: the header says 67 payload bytes, the file has 66"),
        (.truncated(.directory), "truncated section directory"),
        (.truncated(.section(.nodes, offset: 75, count: 7)), "section nodes at word 75 with 7 records does not fit the payload"),
        (.malformed(.headerSize(65, expected: 48)), "header size 65, expected 48"),
        (.malformed(.compilerVersionNotText), "the compiler version is not ASCII text"),
        (.malformed(.compilerVersionTooLong), "compiler version too long"),
        (.malformed(.payloadNotWords), "the payload is not a whole number of 64-bit words"),
        (.malformed(.directoryCount(expected: 38)), "the section directory does not list 38 sections"),
        (.malformed(.sectionMismatch(position: 4, found: 72, width: 9, expected: .nodes)),
         "section 4 is 72 of width 9; expected \(TableSection.nodes.rawValue) of width \(TableSection.nodes.width)"),
        (.malformed(.trailingWords(76)), "76 words after the last section"),
        (.malformed(.recordCount(.meta, 0)), "the meta section has 0 records, not 1"),
        (.malformed(.recordCount(.promptMeta, 2)), "the prompt meta section has 2 records, not 1"),
        (.malformed(.reservedMetaField), "reserved meta field is not 0"),
        (.malformed(.stringPadding), "the padding after the strings is not zero"),
        (.malformed(.stringTable), "the string table's offsets or UTF-8 are invalid"),
        // Codes.
        (.unknownCode(record: "variable 4", field: .type, value: 78), "variable 4 has type 78"),
        (.unknownCode(record: "constant 4", field: .kind, value: 79), "constant 4 has kind 79"),
        (.unknownCode(record: "condition 4", field: .opcode, value: 83), "condition 4 has an unknown opcode 83"),
        (.unknownCode(record: "rule 4", field: .trigger, value: -85), "rule 4 has trigger -85"),
        (.unknownCode(record: "node 4", field: .kind, value: 4_294_967_295), "node 4 has kind 4294967295"),
        (.unknownCode(record: "prompt part 4", field: .format, value: 47), "prompt part 4 has format 47"),
        // References.
        (.badReference(record: "node 3", .string(of: 4), index: 5), "node 3 names string 5, there are 4"),
        (.badReference(record: "a request phrase", .string(of: nil), index: -33), "a request phrase names string -33"),
        (.badReference(record: "the start node", .existing, index: 6), "the start node 6 does not exist"),
        (.badReference(record: "string", .existing, index: 5), "string 5 does not exist"),
        (.badReference(record: "rule 5", .condition, index: 17), "rule 5 names condition 17"),
        (.badReference(record: "rule 5", .node, index: 18), "rule 5 goes to node 18"),
        (.badReference(record: "node 3's outcome 2", .node, index: 23), "node 3's outcome 2 goes to node 23"),
        (.badReference(record: "node 3", .caseTarget(26), index: 25), "node 3 has a case with condition 25 going to 26"),
        (.badReference(record: "node 3", .schedule, index: 27), "node 3 names schedule 27"),
        (.badReference(record: "recurring holiday 4", .owningSchedule, index: 82), "recurring holiday 4 is for schedule 82"),
        (.badReference(record: "node 3", .queue, index: 27), "node 3 names queue 27"),
        (.badReference(record: "node 4 (say)", .prompt, index: 52), "node 4 (say) has prompt 52"),
        (.badReference(record: "announcement 5", .playedPrompt, index: 57), "announcement 5 plays prompt 57"),
        (.badReference(record: "prompt variant 4", .language, index: 45), "prompt variant 4 has language 45"),
        (.badReference(record: "node 3", .slotSet, index: 28), "node 3 may set slot 28"),
        (.badReference(record: "node 3", .slotPosted, index: 28), "node 3 posts slot 28"),
        (.badReference(record: "lookup inputs 5", .slotSent, index: 11), "lookup inputs 5 send slot 11"),
        (.badReference(record: "node 3", .slotAssigned, index: 36), "node 3 assigns slot 36"),
        (.badReference(record: "prompt part 4", .slotRead, index: 48), "prompt part 4 reads slot 48"),
        // Ranges.
        (.outOfRange(.entries(record: "node 3's cases", count: 7, start: 6, total: 8)), "node 3's cases takes 7 entries from 6, there are 8"),
        (.outOfRange(.span(record: "prompt 4's variants")), "prompt 4's variants are out of range"),
        (.outOfRange(.phrases(requestAnswers: 5)), "request answers 5 take phrases out of range"),
        (.outOfRange(.overrideValue(queueOverride: 5)), "queue override 5 has a value out of range"),
        (.outOfRange(.edgesPastEnd(record: "node 3")), "node 3's edges run past the end"),
        (.outOfRange(.nodeCount(0)), "0 nodes"),
        (.outOfRange(.humanKey(12)), "human key 12 is not a key"),
        (.outOfRange(.priority(record: "rule 5", 101)), "rule 5 has priority 101"),
        (.outOfRange(.duration(promptVariant: 4, -2)), "prompt variant 4 lasts -2 seconds"),
        (.outOfRange(.requestKeys(requestAnswers: 5, 4096)), "request answers 5 have keys 4096"),
        (.outOfRange(.timing(record: "node 3", .timeout)), "node 3's timeout"),
        (.outOfRange(.timing(record: "node 3", .timeoutOrRetries)), "node 3's timeout or retries"),
        (.outOfRange(.timing(record: "node 3", .timeoutRetriesOrDigits)), "node 3's timeout, retries or digits"),
        (.outOfRange(.queueTimes(queue: 5)), "queue 5 has a negative time or threshold"),
        (.outOfRange(.voicemail(5, length: 55, transcribe: 2)), "voicemail settings 5 have a length of 55 s or a transcribe flag of 2"),
        (.outOfRange(.flag(record: "queue 4", .callback, 84)), "queue 4's callback flag is 84"),
        (.outOfRange(.flag(record: "rule 4", .critical, 86)), "rule 4's critical flag is 86"),
        (.outOfRange(.notFinite(constant: 5)), "constant 5 is not a finite number"),
        // Order.
        (.outOfOrder(.ruleTrigger(rule: 5, 1)), "rule 5 has trigger 1 out of order"),
        (.outOfOrder(.edgeStart(record: "node 3", 20, expected: 21)), "node 3's edges start at 20, expected 21"),
        (.outOfOrder(.requestAnswers(5, rule: 31)), "request answers 5 are for rule 31, not a request rule in order"),
        (.outOfOrder(.lookupInputs(5, node: 34)), "lookup inputs 5 are for node 34, not a lookup in order, or out of range"),
        (.outOfOrder(.queueOverride(5, node: 35)), "queue override 5 is for node 35, not a queue node in order"),
        (.outOfOrder(.voicemail(5, node: 53)), "voicemail settings 5 are for node 53, not a voicemail node in order"),
        (.outOfOrder(.callbackNumber(5, node: 53)), "callback number 5 is for node 53, not a callback node in order"),
        (.outOfOrder(.queueAnnouncement(5, queue: 58)), "announcement 5 is for queue 58, not a queue in order before the nodes' announcements"),
        (.outOfOrder(.nodeAnnouncement(5, node: 53)), "announcement 5 is for node 53, not a queue node in order with words and no hold music"),
        // Kinds.
        (.wrongKind(.slot(record: "call.priority", 5, .number)), "call.priority is slot 5, which is not a number variable"),
        (.wrongKind(.defaultValue(variable: 11, .duration)), "variable 11's default is not a duration constant"),
        (.wrongKind(.valuesWithoutEnum(variable: 11)), "variable 11 is not an enum but has values"),
        (.wrongKind(.enumWithoutValues(variable: 11)), "enum variable 11 has no values"),
        (.wrongKind(.collectInto(record: "node 3")), "node 3 collects into a variable that is not a string or a number"),
        (.wrongKind(.assignedConstant(record: "node 3", 38, .string)), "node 3 assigns constant 38, which is not a string constant"),
        (.wrongKind(.builtInAssigned(record: "node 3")), "node 3 assigns a built-in slot the runtime keeps"),
        (.wrongKind(.priorityConstant(record: "node 3")), "node 3 sets call.priority to a constant that is not a whole number 0-100"),
        (.wrongKind(.copiedSlot(record: "node 3", 39)), "node 3 copies slot 39, which does not exist or into call.priority"),
        (.wrongKind(.copy(record: "node 3", from: .number, into: .enumeration)),
         "node 3 copies a number into a enum"),
        (.wrongKind(.copiedEnumValue(record: "node 3")), "node 3 copies an enum value the target does not have"),
        (.wrongKind(.languageSlot(43, languages: 2)), "the language slot 43 is not an enum of the 2 languages"),
        (.wrongKind(.callbackSlot(callbackNumber: 5, 56)), "callback number 5 reads slot 56, not a string slot"),
        (.wrongKind(.notABool(constant: 4)), "constant 4 is not a bool"),
        (.wrongKind(.strayField(constant: 4)), "constant 4 has a stray field"),
        // Mismatches.
        (.mismatch(.weekWords(80, schedules: 81)), "80 week words for 81 schedules"),
        (.mismatch(.nodePrompts(50, nodes: 49)), "50 node prompts for 49 nodes"),
        (.mismatch(.strayEdges(30)), "30 edges belong to no node"),
        (.mismatch(.languagesWithoutSlot(2)), "2 languages but no language slot"),
        (.mismatch(.scheduleWithoutZone(5)), "schedule 5 has no time zone"),
        (.mismatch(.conditionCounts(5, slots: 15, schedules: 14)), "condition 5 is for 15 slots and 14 schedules"),
        (.mismatch(.keyWithoutOption(record: "node 3", key: 9)), "node 3 has a phrase for key 9, which has no option"),
        (.mismatch(.unusedField(record: "node 3")), "node 3 has a field its kind does not use"),
        (.mismatch(.holdMusic(announcement: 5, holdMusic: -1, prompt: -1)), "announcement 5 has hold music -1 and prompt -1"),
        // Schedules, conditions, zones.
        (.invalidSchedule(4),
         "schedule 4 is not a valid schedule (bits past the week, unsorted holidays, bad recurring holidays or special ranges)"),
        (.invalidCondition(4, .stackUnderflow(at: 2)), "condition 4: condition program: instruction 2 pops an empty stack"),
        (.unknownTimeZone("Mars/Olympus"), "unknown time zone 'Mars/Olympus'"),
    ]

    @Test func everyCaseSaysWhatTheStringSaid() {
        for (error, text) in Self.texts {
            #expect(error.message == text)
            #expect(error.description == "invalid routing table: " + text)
        }
    }

    // A caller matches the case, not the message: representative damage, each refused by its rule.

    @Test func notATableWrongVersionAndDamageAreCases() throws {
        let bytes = HandBuiltTable.table().encoded()
        #expect(throws: TableError.notATable) { try RoutingTable(decoding: Array("callflow: 1\n".utf8)) }
        #expect(throws: TableError.notATable) { try RoutingTable(decoding: []) }
        #expect(throws: TableError.truncated(.header(bytes: 20, header: TableFormat.headerSize))) {
            try RoutingTable(decoding: Array(bytes.prefix(20)))
        }
        var version = bytes
        version[4] = 9
        #expect(throws: TableError.unsupportedVersion(9)) { try RoutingTable(decoding: version) }
        var damaged = bytes
        damaged[damaged.count - 1] ^= 0x40
        do {
            _ = try RoutingTable(decoding: damaged)
            Issue.record("a damaged table loaded")
        } catch {
            guard case .checksumMismatch(let stored, let computed) = error else {
                Issue.record("expected a checksum mismatch, got \(error)")
                return
            }
            #expect(stored != computed)
        }
        #expect(throws: TableError.truncated(.payload(declared: UInt64(bytes.count - TableFormat.headerSize),
                                                      actual: bytes.count - 8 - TableFormat.headerSize))) {
            try RoutingTable(decoding: Array(bytes.dropLast(8)))
        }
    }

    @Test func validationRulesAreCases() throws {
        var key = HandBuiltTable.table()
        key.humanKey = 12
        #expect(throws: TableError.outOfRange(.humanKey(12))) { try key.validate() }

        var start = HandBuiltTable.table()
        start.start = Int32(start.nodes.count)
        #expect(throws: TableError.badReference(record: "the start node", .existing, index: Int64(start.nodes.count))) {
            try start.validate()
        }

        var edge = HandBuiltTable.table()
        edge.edges[0] = 99
        #expect(throws: TableError.badReference(record: "node 0's outcome 0", .node, index: 99)) { try edge.validate() }

        var stray = HandBuiltTable.table()
        stray.edges.append(0)
        #expect(throws: TableError.mismatch(.strayEdges(1))) { try stray.validate() }

        var text = HandBuiltTable.table()
        text.nodes[Int(HandBuiltTable.greeting)].text = 999
        #expect(throws: TableError.badReference(record: "node 0", .string(of: text.strings.count), index: 999)) { try text.validate() }

        var retries = HandBuiltTable.table()
        retries.nodes[Int(HandBuiltTable.main)].retries = RoutingTable.maxRetries + 1
        #expect(throws: TableError.outOfRange(.timing(record: "node 1", .timeoutOrRetries))) { try retries.validate() }
    }
}
