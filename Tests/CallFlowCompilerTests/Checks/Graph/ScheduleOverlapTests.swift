import Testing
@testable import CallFlowCompiler

@Suite struct ScheduleOverlapTests {
    /// A clean flow whose schedule `office` has the `weekly` mapping `weekly` (line 7 holds it).
    static func flow(weekly: String) -> String {
        """
        callflow: 1
        name: t
        timezone: Europe/Berlin
        start: check
        schedules:
          office:
            weekly: \(weekly)
        nodes:
          check: {hours: office, open: desk, closed: box}
          desk: {transfer: "+4930123456", fallback: box}
          box: {voicemail: office}
        """
    }

    static func overlaps(_ weekly: String) -> [Diagnostic] {
        let findings = lint(flow(weekly: weekly))
        #expect(findings.allSatisfy { $0.check == "schedule-overlap" }, "\(findings.dump)")
        return findings.with("schedule-overlap")
    }

    @Test(arguments: [
        #"{mon-fri: ["08:00-12:00", "12:00-13:00"]}"#,              // touching
        #"{mon-fri: ["08:00-12:00", "13:00-18:00"], sat: "09:00-12:00"}"#,
        #"{fri: "22:00-06:00", sat: "06:00-12:00"}"#,                // spill touches saturday's range
        #"{sun: "22:00-08:00", mon: "08:00-18:00"}"#,                // sunday's spill touches monday
        #"{fri: "22:00-06:00", sat: "22:00-06:00"}"#,                // consecutive nights
        #"{mon-sun: "18:00-09:00"}"#,                                // every night, each ends before the next starts
        #"{mon-fri: "00:00-24:00", sat: "20:00-00:00"}"#,            // ending at midnight spills nothing
        #"{mon: "08:00-12:00", tue: "10:00-14:00"}"#,                // different days
    ])
    func doesNotFire(_ weekly: String) {
        #expect(Self.overlaps(weekly).isEmpty)
    }

    @Test func overlappingRangesOfOneDayFireAtTheSecondWithANoteAtTheFirst() throws {
        let found = Self.overlaps(#"{mon-fri: ["08:00-12:30", "12:00-18:00"]}"#)
        #expect(found.count == 1, "one finding for the pair, whatever the number of days")
        let finding = try #require(found.first)
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(7, 39))
        #expect(finding.message == "'12:00-18:00' overlaps '08:00-12:30' in schedule 'office' (mon, tue, wed, thu, fri 12:00-12:30); merge the two or make them meet without overlapping")
        #expect(finding.notes.count == 1)
        #expect(finding.notes.first?.range?.start == at(7, 24))
        #expect(finding.notes.first?.message == "'08:00-12:30' is here")
    }

    @Test func aDayUnderTwoKeysOverlaps() throws {
        let found = Self.overlaps(#"{mon-fri: "08:00-18:00", wed: "17:00-20:00"}"#)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.range.start == at(7, 43))
        #expect(finding.message.hasPrefix("'17:00-20:00' overlaps '08:00-18:00' in schedule 'office' (wed 17:00-18:00)"))
    }

    @Test func theSpillPastMidnightOverlapsTheNextDay() throws {
        let found = Self.overlaps(#"{fri: "22:00-06:00", sat: "05:00-12:00"}"#)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.range.start == at(7, 39))
        #expect(finding.message.contains("'05:00-12:00' overlaps '22:00-06:00' in schedule 'office' (sat 05:00-06:00)"))
        #expect(finding.message.contains("after midnight belongs to the next day"))
        #expect(finding.notes.first?.range?.start == at(7, 19))
    }

    @Test func sundaysSpillOverlapsMonday() throws {
        let found = Self.overlaps(#"{mon: "00:00-03:00", sun: "23:00-01:00"}"#)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        // Reported at the range written second (sunday's), which spills into monday.
        #expect(finding.range.start == at(7, 39))
        #expect(finding.message.contains("'23:00-01:00' overlaps '00:00-03:00' in schedule 'office' (mon 00:00-01:00)"))
    }

    @Test func twoNightRangesOverlapOnBothDays() throws {
        let found = Self.overlaps(#"{fri: ["20:00-02:00", "23:00-03:00"]}"#)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.message.contains("(fri 23:00-24:00; sat 00:00-02:00)"))
    }

    @Test func aDayListedTwiceInOneKey() throws {
        let found = Self.overlaps(#"{"mon-fri,wed": "08:00-18:00"}"#)
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.message.contains("applies twice to the same day (wed 08:00-18:00)"))
    }

    @Test func eachOverlappingPairIsOneFinding() {
        let found = Self.overlaps(#"{mon: ["08:00-12:00", "09:00-10:00", "11:00-13:00"]}"#)
        #expect(found.map { String($0.message.prefix(28)) } == [
            "'09:00-10:00' overlaps '08:0",
            "'11:00-13:00' overlaps '08:0",
        ])
    }

    @Test func fileIgnoreSilencesIt() {
        let text = Self.flow(weekly: #"{mon: ["08:00-12:00", "11:00-13:00"]}"#)
            .replacingOccurrences(of: "start: check\n", with: "start: check\nignore: [schedule-overlap]\n")
        #expect(lint(text).isEmpty, "\(lint(text).dump)")
    }
}

/// `invalid-schedule` covers everything the design calls invalid.
@Suite struct InvalidScheduleTests {
    static func findings(weekly: String) -> [Diagnostic] {
        Fixture.decode(ScheduleOverlapTests.flow(weekly: weekly)).diagnostics
    }

    @Test(arguments: [
        (#"{mon-fri: "08:00-08:00"}"#, "is empty"),
        (#"{mon-fri: "00:00-00:00"}"#, "is empty"),
        (#"{mon-fri: "9-17"}"#, "is not a range of times"),
        (#"{mon-fri: "08:00-12:00,13:00-18:00"}"#, "is not a range of times"),
        (#"{mon-fri: "24:00-06:00"}"#, "is not a range of times"),
        (#"{mon-fri: "08:60-09:00"}"#, "is not a range of times"),
        (#"{mon-fri: "08:00"}"#, "is not a range of times"),
        (#"{mon-fri: 800}"#, "is not a range of times"),
        (#"{mon-fri: [["08:00-09:00"]]}"#, "must be a range"),
        (#"{mon-fri: {from: "08:00"}}"#, "must be a range"),
        (#"{mon-fri: []}"#, "lists no hours"),
        (#"{mon-fri: }"#, "lists no hours"),
        (#"{mon-fri: ~}"#, "lists no hours"),
        (#"{mo-fr: "08:00-12:00"}"#, "unknown day 'mo'"),
        (#"{monday: "08:00-12:00"}"#, "unknown day 'monday'"),
        (#"{mon-fri-sat: "08:00-12:00"}"#, "unknown day"),
        (#"{"mon,,fri": "08:00-12:00"}"#, "unknown day ''"),
        (#"{1: "08:00-12:00"}"#, "unknown day '1'"),
        (#"{[mon, tue]: "08:00-12:00"}"#, "a day must be written as text"),
    ])
    func isReported(_ weekly: String, _ message: String) {
        let found = Self.findings(weekly: weekly).with("invalid-schedule")
        #expect(found.count == 1, "\(Self.findings(weekly: weekly).dump)")
        #expect(found.first?.message.contains(message) == true, "\(found.dump)")
        #expect(found.first?.severity == .error)
    }

    @Test(arguments: [
        #"{mon-fri: "22:00-06:00"}"#,
        #"{mon-fri: "00:00-24:00"}"#,
        #"{sat: "20:00-00:00"}"#,
        #"{"fri-mon": "08:00-12:00", "sat,sun": ["13:00-14:00"]}"#,
    ])
    func validRangesAreNot(_ weekly: String) {
        #expect(Self.findings(weekly: weekly).isEmpty, "\(Self.findings(weekly: weekly).dump)")
    }
}
