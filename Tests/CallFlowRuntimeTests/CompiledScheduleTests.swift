import Foundation
import Testing
import CallFlowRuntime

@Suite struct CompiledScheduleFormatTests {
    @Test func weekIsTenThousandEightyBitsMondayFirst() {
        var compiled = CompiledSchedule(timeZone: "Europe/Berlin")
        #expect(compiled.week.count == 158)
        compiled.open(weekday: 0, opens: 0, closes: 1)
        compiled.open(weekday: 6, opens: 1439, closes: 1440)
        #expect(compiled.week[0] == 1)
        #expect(compiled.week[157] == 1 << 31)           // minute 10,079 = 157 * 64 + 31
        #expect(compiled.week.dropFirst().dropLast().allSatisfy { $0 == 0 })
        #expect(CompiledSchedule(timeZone: "Europe/Berlin", week: compiled.week, holidays: []) == compiled)
    }

    @Test func storedPartsAreValidated() {
        let week = CompiledSchedule(timeZone: "UTC").week
        #expect(CompiledSchedule(timeZone: "UTC", week: Array(week.dropLast()), holidays: []) == nil)
        var pastTheEnd = week
        pastTheEnd[157] = 1 << 32
        #expect(CompiledSchedule(timeZone: "UTC", week: pastTheEnd, holidays: []) == nil)
        #expect(CompiledSchedule(timeZone: "UTC", week: week, holidays: [5, 3]) == nil)
        #expect(CompiledSchedule(timeZone: "UTC", week: week, holidays: [3, 3]) == nil)
        #expect(CompiledSchedule(timeZone: "UTC", week: week, holidays: [3, 5]) != nil)
    }

    @Test func jsonRoundTripsAndReadsAsRanges() throws {
        var compiled = CompiledSchedule(timeZone: "America/New_York")
        for day in 0..<5 { compiled.open(weekday: day, opens: 480, closes: 720) }
        compiled.open(weekday: 4, opens: 780, closes: 1080)
        compiled.open(weekday: 6, opens: 1320, closes: 120)
        compiled.addHoliday(LocalDate(year: 2026, month: 12, day: 25))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(compiled)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text == #"{"holidays":["2026-12-25"],"time_zone":"America\/New_York","week":[["00:00-02:00","08:00-12:00"],["08:00-12:00"],["08:00-12:00"],["08:00-12:00"],["08:00-12:00","13:00-18:00"],[],["22:00-24:00"]]}"#)
        #expect(try JSONDecoder().decode(CompiledSchedule.self, from: data) == compiled)
    }

    @Test(arguments: [
        #"{"time_zone":"UTC","week":[[],[],[]],"holidays":[]}"#,
        #"{"time_zone":"UTC","week":[["08:00-08:00"],[],[],[],[],[],[]],"holidays":[]}"#,
        #"{"time_zone":"UTC","week":[["22:00-06:00"],[],[],[],[],[],[]],"holidays":[]}"#,
        #"{"time_zone":"UTC","week":[["8:00-12:00"],[],[],[],[],[],[]],"holidays":[]}"#,
        #"{"time_zone":"UTC","week":[["08:00-24:01"],[],[],[],[],[],[]],"holidays":[]}"#,
        #"{"time_zone":"UTC","week":[[],[],[],[],[],[],[]],"holidays":["2026-02-30"]}"#,
        #"{"time_zone":"UTC","week":[[],[],[],[],[],[],[]],"holidays":["+026-02-01"]}"#,
    ])
    func malformedJSONIsRefused(_ json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CompiledSchedule.self, from: Data(json.utf8))
        }
    }

    @Test func datesConvertBothWays() {
        #expect(LocalDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(LocalDate(year: 1969, month: 12, day: 31).daysSinceEpoch == -1)
        #expect(LocalDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
        #expect(LocalDate(year: 2026, month: 11, day: 26).weekday == 3)   // a thursday
        #expect(LocalDate(year: 1969, month: 12, day: 29).weekday == 0)   // a monday
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: day).daysSinceEpoch == day)
        }
        #expect(LocalDate(parsing: "2028-02-29") == LocalDate(year: 2028, month: 2, day: 29))
        #expect(LocalDate(parsing: "2026-02-29") == nil)
        #expect(LocalDate(parsing: "2026-13-01") == nil)
    }

    /// Evaluation is a zone offset, arithmetic and a bit test: a year of minutes stays quick.
    @Test func evaluatingEveryMinuteOfAYearIsCheap() {
        var compiled = CompiledSchedule(timeZone: "Europe/Berlin")
        for day in 0..<5 { compiled.open(weekday: day, opens: 480, closes: 1080) }
        compiled.addHoliday(LocalDate(year: 2026, month: 12, day: 25))
        let evaluator = ScheduleEvaluator(compiled)!
        let start = utc("2026-01-01T00:00Z").timeIntervalSince1970
        var open = 0, holiday = 0
        for minute in 0..<(365 * 1440) {
            switch evaluator.status(at: Date(timeIntervalSince1970: start + Double(minute * 60))) {
            case .open: open += 1
            case .holiday: holiday += 1
            case .closed: break
            }
        }
        // 261 weekdays in 2026, one of them Christmas, 10 hours each; the holiday's 1,440 minutes.
        #expect(open == 260 * 600)
        #expect(holiday == 1440)
    }
}

/// A range whose end equals its start opens nothing; only an end before the start crosses midnight.
@Suite struct CompiledScheduleRangeTests {
    @Test func anEmptyRangeOpensNothing() {
        var compiled = CompiledSchedule(timeZone: "UTC")
        compiled.open(weekday: 2, opens: 540, closes: 540)
        #expect(compiled == CompiledSchedule(timeZone: "UTC"))
        compiled.open(weekday: 2, opens: 1320, closes: 120)
        #expect(compiled.isOpen(weekday: 2, minute: 1320) && compiled.isOpen(weekday: 3, minute: 119))
        #expect(!compiled.isOpen(weekday: 3, minute: 120) && !compiled.isOpen(weekday: 2, minute: 1319))
    }
}

/// Dates order by year, then month, then day; a date is not before itself.
@Suite struct LocalDateOrderTests {
    @Test func datesOrderStrictly() {
        let christmas = LocalDate(year: 2026, month: 12, day: 25)
        #expect(!(christmas < christmas))
        #expect(christmas < LocalDate(year: 2026, month: 12, day: 26))
        #expect(LocalDate(year: 2026, month: 11, day: 30) < christmas)
        #expect(christmas < LocalDate(year: 2027, month: 1, day: 1))
        #expect(!(LocalDate(year: 2027, month: 1, day: 1) < christmas))
        #expect([christmas, LocalDate(year: 2026, month: 1, day: 6), christmas].sorted() == [LocalDate(year: 2026, month: 1, day: 6), christmas, christmas])
    }
}
