import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 14: `set` raising `call.priority` and copying variables, queue node overrides, lookups
/// sending variables, recurring holidays and special dates.
@Suite struct RoutingFeaturesTests {
    static func lint(_ yaml: String) -> [Diagnostic] {
        Linter().lint(SourceFile(path: "t.yaml", text: yaml)).diagnostics
    }

    static func session(_ yaml: String, at time: Date = Date(timeIntervalSince1970: 1_795_000_000)) throws -> CallSession {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let loaded = try ProgramLoader.load(try folder.write("flow.yaml", yaml))
        return CallSession(program: loaded.program, time: time)
    }

    static let setFlow = """
        callflow: 1
        name: s
        start: raise
        context:
          client.number: string
          callback.number: string
          tier: {enum: [standard, gold]}
          level: {enum: [standard, gold, platinum]}
        escalations:
          - {name: vip, at: start, when: tier == "gold", goto: high, priority: 90}
        queues:
          desk: {max_wait: 5m}
        nodes:
          raise:
            set: {call.priority: 60, callback.number: {from: caller.number}, level: {from: tier}}
            next: lower
          lower:
            set: {call.priority: 40}
            next: line
          high:
            set: {call.priority: 50}
            next: line
          line:
            queue: desk
            overflow: box
          box: {voicemail: general}

        """

    @Test func setRaisesThePriorityAndNeverLowersIt() throws {
        var session = try Self.session(Self.setFlow)
        try session.set("caller.number", .string("+15550123"))
        let instruction = session.start()
        #expect(instruction.kind == .enqueue)
        #expect(instruction.priority == 60)
        let slot = try #require(session.program.slot(named: "callback.number"))
        #expect(session.state.slots[slot] == .string("+15550123"))
        var vip = try Self.session(Self.setFlow)
        try vip.set("tier", .string("gold"))
        #expect(vip.start().priority == 90)
    }

    @Test func setCopiesAnEnumIntoAWiderOne() throws {
        // No start rule fires for this caller, so `raise` runs.
        var session = try Self.session(Self.setFlow.replacingOccurrences(of: "when: tier == \"gold\"", with: "when: caller.number == \"+9\""))
        try session.set("tier", .string("gold"))
        try session.set("caller.number", .string("+1"))
        _ = session.start()
        let slot = try #require(session.program.slot(named: "level"))
        #expect(session.state.slots[slot] == .string("gold"))
    }

    @Test func setRefusesWhatItCannotDo() {
        let cases: [(String, String)] = [
            ("call.priority: 60,", "call.priority: 101,"),
            ("call.priority: 60,", "call.priority: {from: client.number},"),
            ("level: {from: tier}", "tier: {from: level}"),
            ("callback.number: {from: caller.number}", "callback.number: {from: queue.name}"),
            ("callback.number: {from: caller.number}", "callback.number: {from: client.numbr}"),
        ]
        for (old, new) in cases {
            let findings = Self.lint(Self.setFlow.replacingOccurrences(of: old, with: new))
            #expect(findings.contains { $0.severity == .error }, "\(new): \(findings.dump)")
        }
        #expect(!Self.lint(Self.setFlow).contains { $0.severity == .error }, "\(Self.lint(Self.setFlow).dump)")
    }

    @Test func copiesRoundTripThroughTheTable() throws {
        let table = try Self.session(Self.setFlow).program.table
        #expect(table.assignments.contains { $0.constant < 0 })
        #expect(try RoutingTable(decoding: table.encoded()) == table)
        var broken = table
        let index = broken.assignments.firstIndex { $0.constant < 0 }!
        broken.assignments[index].constant = -Int32(broken.variables.count) - 5
        #expect(throws: TableError.self) { try broken.validate() }
    }

    static let queueFlow = """
        callflow: 1
        name: q
        start: spanish-nurse
        skills: [spanish]
        queues:
          nurses: {max_wait: 8m, callback: true, announce: 2m}
        nodes:
          spanish-nurse:
            queue: nurses
            skills: [spanish]
            max_wait: 45s
            announce: 30s
            callback: false
            overflow: any-nurse
          any-nurse: {queue: nurses, overflow: box, callback: later}
          later: {callback: nurses}
          box: {voicemail: nurses}

        """

    @Test func aQueueNodeOverridesMaxWaitAnnounceAndCallback() throws {
        #expect(Self.lint(Self.queueFlow).isEmpty, "\(Self.lint(Self.queueFlow).dump)")
        var session = try Self.session(Self.queueFlow)
        let enqueue = session.start()
        #expect(enqueue.timeout == 45)
        let effective = session.program.table.effectiveQueue(atNode: Int(enqueue.node))
        #expect(effective.announce == 30 && !effective.offersCallback && effective.maxWait == 45)
        #expect(session.handle(.queueStatus(wait: 40, depth: 1)).kind == .hold)
        let next = session.handle(.queueStatus(wait: 45, depth: 1))
        #expect(next.kind == .enqueue && next.timeout == 480)
        #expect(session.handle(.callback).kind == .callback)
    }

    @Test func callbackTrueOnAQueueNodeIsRefused() {
        let findings = Self.lint(Self.queueFlow.replacingOccurrences(of: "callback: false", with: "callback: true"))
        #expect(findings.contains { $0.message.contains("name that node") }, "\(findings.dump)")
    }

    @Test func withoutTheOverrideTheCallbackOutcomeIsStillRequired() {
        let findings = Self.lint(Self.queueFlow.replacingOccurrences(of: "    callback: false\n", with: ""))
        #expect(findings.contains { $0.check == "dead-end" && $0.message.contains("callback") }, "\(findings.dump)")
    }

    static let lookupFlow = """
        callflow: 1
        name: l
        start: entry
        context:
          client.number: string
          client.breeder: bool
        nodes:
          entry:
            collect: "Enter your client number, then press pound."
            digits: "4-8"
            into: client.number
            next: find
            fallback: desk
          find:
            lookup: practice-system
            with: [client.number, caller.number]
            sets: [client.breeder]
            next: desk
            error: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}

        """

    @Test func aLookupSendsItsWithVariables() throws {
        #expect(Self.lint(Self.lookupFlow).isEmpty, "\(Self.lint(Self.lookupFlow).dump)")
        var session = try Self.session(Self.lookupFlow)
        _ = session.start()
        let lookup = session.handle(.digits("20441#"))
        #expect(lookup.kind == .lookup && lookup.inputCount == 2)
        let table = session.program.table
        let names = (lookup.inputStart ..< lookup.inputStart + lookup.inputCount).map { table.strings[Int(table.variables[Int(table.slotLists[Int($0)])].name)] }
        #expect(names == ["client.number", "caller.number"])
        #expect(try RoutingTable(decoding: table.encoded()) == table)
        let unknown = Self.lint(Self.lookupFlow.replacingOccurrences(of: "with: [client.number,", with: "with: [client.numbr,"))
        #expect(unknown.contains { $0.check == "undefined-reference" }, "\(unknown.dump)")
    }

    static let sendFlow = """
        callflow: 1
        name: l
        start: entry
        context:
          client.number: string
        nodes:
          entry:
            collect: "Enter your client number, then press pound."
            digits: "4-8"
            into: client.number
            next: find
            fallback: desk
          find:
            send: refill-requests
            with: [client.number, caller.number]
            next: desk
            error: box
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}

        """

    @Test func aSendPostsItsVariablesAndGoesOn() throws {
        #expect(Self.lint(Self.sendFlow).isEmpty, "\(Self.lint(Self.sendFlow).dump)")
        var session = try Self.session(Self.sendFlow)
        _ = session.start()
        let send = session.handle(.digits("20441#"))
        #expect(send.kind == .send && send.inputCount == 2)
        #expect(session.program.table.strings[Int(send.text)] == "refill-requests")
        #expect(session.handle(.lookup(.found)).kind == .transfer)
        var failing = try Self.session(Self.sendFlow)
        _ = failing.start()
        _ = failing.handle(.digits("20441#"))
        #expect(failing.handle(.lookup(.error)).kind == .voicemail)
        let table = session.program.table
        #expect(try RoutingTable(decoding: table.encoded()) == table)
        let unwired = Self.lint(Self.sendFlow.replacingOccurrences(of: "    error: box\n", with: ""))
        #expect(unwired.contains { $0.check == "dead-end" }, "\(unwired.dump)")
    }

    static func hours(_ holidays: String, special: String = "") -> String {
        """
        callflow: 1
        name: h
        timezone: America/New_York
        start: check
        schedules:
          desk:
            weekly: {mon-fri: "08:00-18:00", sun: "22:00-06:00"}
            holidays: \(holidays)
        \(special)
        nodes:
          check: {hours: desk, open: open-desk, closed: closed-box, holiday: holiday-box}
          open-desk: {transfer: "+15550100", fallback: closed-box}
          closed-box: {voicemail: closed}
          holiday-box: {voicemail: holiday}

        """
    }

    /// The status of the flow's only schedule at a local wall time.
    static func status(_ yaml: String, _ date: String, _ clock: String) throws -> ScheduleStatus {
        let session = try Self.session(yaml)
        let evaluator = try #require(ScheduleEvaluator(session.program.table.schedules[0]))
        let parts = clock.split(separator: ":").map { Int($0)! }
        return evaluator.status(date: try #require(LocalDate(parsing: date)), minute: parts[0] * 60 + parts[1])
    }

    @Test func recurringHolidaysHoldEveryYear() throws {
        let yaml = Self.hours(#"["12-25", {month: nov, weekday: thu, nth: 4}, {month: may, weekday: mon, nth: -1}, "02-29"]"#)
        #expect(Self.lint(yaml).isEmpty, "\(Self.lint(yaml).dump)")
        for date in ["2026-12-25", "2031-12-25", "2026-11-26", "2027-11-25", "2030-11-28", "2026-05-25", "2027-05-31", "2028-02-29"] {
            #expect(try Self.status(yaml, date, "10:00") == .holiday, "\(date)")
        }
        for date in ["2026-12-24", "2026-11-19", "2027-05-24", "2026-11-27"] {
            #expect(try Self.status(yaml, date, "10:00") == .open, "\(date)")
        }
    }

    @Test func badRecurringHolidaysAreReported() {
        for bad in [#"["13-01"]"#, #"["02-30"]"#, "[{month: nov, weekday: thu, nth: 6}]", "[{month: novem, weekday: thu, nth: 4}]",
                    "[{month: nov, weekday: thu}]"] {
            let findings = Self.lint(Self.hours(bad))
            #expect(findings.contains { $0.check == "invalid-schedule" || $0.check == "invalid-value" }, "\(bad): \(findings.dump)")
        }
        let twice = Self.lint(Self.hours(#"["12-25", "12-25"]"#))
        #expect(twice.contains { $0.check == "duplicate-key" }, "\(twice.dump)")
    }

    @Test func aSpecialDateReplacesTheWeeklyRanges() throws {
        let yaml = Self.hours(#"["12-25"]"#, special: """
                special:
                  "2026-12-24": "08:00-12:00"
                  "2026-12-28": ["09:00-10:00", "11:00-12:00"]
                  "2027-12-25": "10:00-14:00"
            """)
        #expect(Self.lint(yaml).isEmpty, "\(Self.lint(yaml).dump)")
        #expect(try Self.status(yaml, "2026-12-24", "11:59") == .open)
        #expect(try Self.status(yaml, "2026-12-24", "12:00") == .closed)
        #expect(try Self.status(yaml, "2026-12-23", "15:00") == .open)
        #expect(try Self.status(yaml, "2026-12-28", "10:30") == .closed)
        #expect(try Self.status(yaml, "2026-12-28", "11:30") == .open)
        // The previous day's range after midnight does not reach into a special date.
        #expect(try Self.status(yaml, "2026-12-28", "02:00") == .closed)
        #expect(try Self.status(yaml, "2027-01-04", "02:00") == .open)
        // A special date wins over a holiday every year.
        #expect(try Self.status(yaml, "2027-12-25", "11:00") == .open)
        #expect(try Self.status(yaml, "2026-12-25", "11:00") == .holiday)
        let table = try Self.session(yaml).program.table
        #expect(try RoutingTable(decoding: table.encoded()) == table)
    }

    @Test func specialDatesAreCheckedAndOverlapsReported() {
        let crossing = Self.lint(Self.hours("[]", special: "    special: {\"2026-12-24\": \"22:00-02:00\"}"))
        #expect(crossing.contains { $0.check == "invalid-schedule" && $0.message.contains("crosses midnight") }, "\(crossing.dump)")
        let both = Self.lint(Self.hours(#"["2026-12-24"]"#, special: "    special: {\"2026-12-24\": \"08:00-12:00\"}"))
        #expect(both.contains { $0.check == "invalid-schedule" && $0.message.contains("both a holiday and a special date") }, "\(both.dump)")
        let overlap = Self.lint(Self.hours("[]", special: "    special: {\"2026-12-24\": [\"08:00-12:00\", \"11:00-13:00\"]}"))
        #expect(overlap.contains { $0.check == "schedule-overlap" }, "\(overlap.dump)")
    }

    /// 2026-03-08 is the spring-forward day in New York (02:00 becomes 03:00); 2026-11-01 the
    /// fall-back day (01:00-02:00 happens twice). Special hours are local wall time on both.
    @Test func specialDatesOnDaylightSavingDays() throws {
        let yaml = Self.hours("[]", special: """
                special:
                  "2026-03-08": "01:00-04:00"
                  "2026-11-01": "01:30-02:00"
            """)
        var session = try Self.session(yaml)
        // 2026-03-08 03:30 EDT = 07:30 UTC: open (the hour 02:00-03:00 never happens).
        session.setTime(Date(timeIntervalSince1970: 1_772_955_000))
        #expect(session.start().kind == .transfer)
        // 2026-03-08 04:30 EDT = 08:30 UTC: closed.
        var later = try Self.session(yaml, at: Date(timeIntervalSince1970: 1_772_958_600))
        #expect(later.start().kind == .voicemail)
        // 2026-11-01 01:45 EDT (05:45 UTC) and 01:45 EST (06:45 UTC): open both times.
        for instant in [1_793_511_900.0, 1_793_515_500.0] {
            var fall = try Self.session(yaml, at: Date(timeIntervalSince1970: instant))
            #expect(fall.start().kind == .transfer, "\(instant)")
        }
    }
}
