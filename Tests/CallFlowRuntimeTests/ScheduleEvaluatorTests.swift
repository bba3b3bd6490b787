import Foundation
import Testing
import CallFlowRuntime

/// An instant written in UTC, `2026-03-29T06:30Z`.
func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withTimeZone]
    guard let date = formatter.date(from: text.replacingOccurrences(of: "Z", with: ":00Z")) else {
        preconditionFailure("bad instant \(text)")
    }
    return date
}

/// A schedule in `zone` open `opens`-`closes` (minutes) on `days` (0 = Monday).
func schedule(_ zone: String, days: [Int] = Array(0..<7), _ opens: String, _ closes: String,
              holidays: [String] = []) -> ScheduleEvaluator {
    var compiled = CompiledSchedule(timeZone: zone)
    for day in days {
        compiled.open(weekday: day, opens: minutes(opens), closes: minutes(closes))
    }
    for holiday in holidays {
        compiled.addHoliday(LocalDate(parsing: holiday)!)
    }
    return ScheduleEvaluator(compiled)!
}

func minutes(_ clock: String) -> Int {
    let parts = clock.split(separator: ":")
    return Int(parts[0])! * 60 + Int(parts[1])!
}

/// One instant, the local wall time it is, and what the schedule says then.
struct InstantCase: Sendable, CustomStringConvertible {
    var instant: String
    var local: String
    var status: ScheduleStatus

    init(_ instant: String, _ local: String, _ status: ScheduleStatus) {
        self.instant = instant
        self.local = local
        self.status = status
    }

    var description: String { "\(instant) is \(local) \(status)" }

    func check(_ evaluator: ScheduleEvaluator) {
        let date = utc(instant)
        let wall = evaluator.localTime(at: date)
        let clock = String(format: "%02d:%02d", wall.minute / 60, wall.minute % 60)
        #expect("\(wall.date) \(clock)" == local, "\(instant) in \(evaluator.schedule.timeZone)")
        #expect(evaluator.status(at: date) == status, "\(instant) = \(local) local")
    }
}

@Suite struct ScheduleDaylightSavingTests {
    /// 08:00-18:00 every day: open or closed by LOCAL wall time on both sides of each change.
    static let office = ["Europe/Berlin", "America/New_York"]

    @Test(arguments: [
        // Berlin, 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z).
        InstantCase("2026-03-28T07:30Z", "2026-03-28 08:30", .open),    // CET, UTC+1
        InstantCase("2026-03-28T06:30Z", "2026-03-28 07:30", .closed),
        InstantCase("2026-03-28T16:59Z", "2026-03-28 17:59", .open),
        InstantCase("2026-03-28T17:00Z", "2026-03-28 18:00", .closed),
        InstantCase("2026-03-29T06:30Z", "2026-03-29 08:30", .open),    // CEST, UTC+2
        InstantCase("2026-03-29T05:30Z", "2026-03-29 07:30", .closed),
        InstantCase("2026-03-29T15:59Z", "2026-03-29 17:59", .open),
        InstantCase("2026-03-29T16:00Z", "2026-03-29 18:00", .closed),
        // Berlin, 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
        InstantCase("2026-10-24T06:30Z", "2026-10-24 08:30", .open),    // CEST
        InstantCase("2026-10-24T05:30Z", "2026-10-24 07:30", .closed),
        InstantCase("2026-10-25T07:30Z", "2026-10-25 08:30", .open),    // CET
        InstantCase("2026-10-25T06:30Z", "2026-10-25 07:30", .closed),
        InstantCase("2026-10-25T16:59Z", "2026-10-25 17:59", .open),
        InstantCase("2026-10-25T17:00Z", "2026-10-25 18:00", .closed),
    ])
    func berlinOfficeHours(_ testCase: InstantCase) {
        testCase.check(schedule("Europe/Berlin", "08:00", "18:00"))
    }

    @Test(arguments: [
        // New York, 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z).
        InstantCase("2026-03-07T13:30Z", "2026-03-07 08:30", .open),    // EST, UTC-5
        InstantCase("2026-03-07T12:30Z", "2026-03-07 07:30", .closed),
        InstantCase("2026-03-08T12:30Z", "2026-03-08 08:30", .open),    // EDT, UTC-4
        InstantCase("2026-03-08T11:30Z", "2026-03-08 07:30", .closed),
        InstantCase("2026-03-08T21:59Z", "2026-03-08 17:59", .open),
        InstantCase("2026-03-08T22:00Z", "2026-03-08 18:00", .closed),
        // New York, 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z).
        InstantCase("2026-10-31T12:30Z", "2026-10-31 08:30", .open),    // EDT
        InstantCase("2026-10-31T11:30Z", "2026-10-31 07:30", .closed),
        InstantCase("2026-11-01T13:30Z", "2026-11-01 08:30", .open),    // EST
        InstantCase("2026-11-01T12:30Z", "2026-11-01 07:30", .closed),
        InstantCase("2026-11-01T22:59Z", "2026-11-01 17:59", .open),
        InstantCase("2026-11-01T23:00Z", "2026-11-01 18:00", .closed),
    ])
    func newYorkOfficeHours(_ testCase: InstantCase) {
        testCase.check(schedule("America/New_York", "08:00", "18:00"))
    }

    /// Open 03:00-04:00: the minute before the spring change is 01:59 (closed), the minute after
    /// it is 03:00 (open); a fixed offset would call it 02:00 and closed.
    @Test(arguments: [
        InstantCase("2026-03-29T00:59Z", "2026-03-29 01:59", .closed),
        InstantCase("2026-03-29T01:00Z", "2026-03-29 03:00", .open),
        InstantCase("2026-03-29T01:59Z", "2026-03-29 03:59", .open),
        InstantCase("2026-03-29T02:00Z", "2026-03-29 04:00", .closed),
    ])
    func berlinSpringForward(_ testCase: InstantCase) {
        testCase.check(schedule("Europe/Berlin", "03:00", "04:00"))
    }

    /// Open 02:00-03:00: in autumn that wall-clock hour happens twice and is open both times.
    @Test(arguments: [
        InstantCase("2026-10-24T23:59Z", "2026-10-25 01:59", .closed),
        InstantCase("2026-10-25T00:00Z", "2026-10-25 02:00", .open),     // CEST
        InstantCase("2026-10-25T00:59Z", "2026-10-25 02:59", .open),     // just before the change
        InstantCase("2026-10-25T01:00Z", "2026-10-25 02:00", .open),     // just after: CET, 02:00 again
        InstantCase("2026-10-25T01:59Z", "2026-10-25 02:59", .open),
        InstantCase("2026-10-25T02:00Z", "2026-10-25 03:00", .closed),
    ])
    func berlinFallBack(_ testCase: InstantCase) {
        testCase.check(schedule("Europe/Berlin", "02:00", "03:00"))
    }

    @Test(arguments: [
        InstantCase("2026-03-08T06:59Z", "2026-03-08 01:59", .closed),
        InstantCase("2026-03-08T07:00Z", "2026-03-08 03:00", .open),
        InstantCase("2026-03-08T07:59Z", "2026-03-08 03:59", .open),
        InstantCase("2026-03-08T08:00Z", "2026-03-08 04:00", .closed),
    ])
    func newYorkSpringForward(_ testCase: InstantCase) {
        testCase.check(schedule("America/New_York", "03:00", "04:00"))
    }

    @Test(arguments: [
        InstantCase("2026-11-01T04:59Z", "2026-11-01 00:59", .closed),
        InstantCase("2026-11-01T05:00Z", "2026-11-01 01:00", .open),     // EDT
        InstantCase("2026-11-01T05:59Z", "2026-11-01 01:59", .open),     // just before the change
        InstantCase("2026-11-01T06:00Z", "2026-11-01 01:00", .open),     // just after: EST, 01:00 again
        InstantCase("2026-11-01T06:59Z", "2026-11-01 01:59", .open),
        InstantCase("2026-11-01T07:00Z", "2026-11-01 02:00", .closed),
    ])
    func newYorkFallBack(_ testCase: InstantCase) {
        testCase.check(schedule("America/New_York", "01:00", "02:00"))
    }
}

@Suite struct ScheduleMidnightAndHolidayTests {
    static let friday = 4, saturday = 5, sunday = 6, monday = 0

    @Test func fridayNightRunsIntoSaturday() {
        let night = schedule("Europe/Berlin", days: [Self.friday], "22:00", "06:00")
        let friday = LocalDate(year: 2026, month: 11, day: 27), saturday = LocalDate(year: 2026, month: 11, day: 28)
        #expect(friday.weekday == Self.friday)
        #expect(night.status(date: friday, minute: minutes("21:59")) == .closed)
        #expect(night.status(date: friday, minute: minutes("22:00")) == .open)
        #expect(night.status(date: friday, minute: minutes("23:59")) == .open)
        #expect(night.status(date: saturday, minute: minutes("00:00")) == .open)
        #expect(night.status(date: saturday, minute: minutes("03:00")) == .open)
        #expect(night.status(date: saturday, minute: minutes("05:59")) == .open)
        #expect(night.status(date: saturday, minute: minutes("06:00")) == .closed)
        #expect(night.status(date: saturday, minute: minutes("07:00")) == .closed)
        // Only friday night: thursday night and saturday night stay closed.
        #expect(night.status(date: LocalDate(year: 2026, month: 11, day: 26), minute: minutes("23:00")) == .closed)
        #expect(night.status(date: saturday, minute: minutes("23:00")) == .closed)
        #expect(night.status(date: LocalDate(year: 2026, month: 11, day: 29), minute: minutes("03:00")) == .closed)
        // At instants: 2026-11-28T02:00Z is saturday 03:00 CET.
        InstantCase("2026-11-28T02:00Z", "2026-11-28 03:00", .open).check(night)
        InstantCase("2026-11-28T06:00Z", "2026-11-28 07:00", .closed).check(night)
    }

    @Test func sundayNightRunsIntoMonday() {
        let night = schedule("America/New_York", days: [Self.sunday], "23:00", "01:30")
        #expect(night.schedule.isOpen(weekday: Self.sunday, minute: minutes("23:00")))
        #expect(night.schedule.isOpen(weekday: Self.monday, minute: minutes("00:00")))
        #expect(night.schedule.isOpen(weekday: Self.monday, minute: minutes("01:29")))
        #expect(!night.schedule.isOpen(weekday: Self.monday, minute: minutes("01:30")))
        #expect(!night.schedule.isOpen(weekday: Self.saturday, minute: minutes("23:30")))
        #expect(night.schedule.openRanges == [[0..<90], [], [], [], [], [], [1380..<1440]])
        // Sunday 2026-11-29 23:30 EST and monday 2026-11-30 01:00 EST.
        InstantCase("2026-11-30T04:30Z", "2026-11-29 23:30", .open).check(night)
        InstantCase("2026-11-30T06:00Z", "2026-11-30 01:00", .open).check(night)
        InstantCase("2026-11-30T06:30Z", "2026-11-30 01:30", .closed).check(night)
    }

    @Test func endingAtMidnightSpillsNothing() {
        let evening = schedule("UTC", days: [Self.saturday], "20:00", "00:00")
        #expect(evening.schedule.openRanges == [[], [], [], [], [], [1200..<1440], []])
        let allDay = schedule("UTC", days: [Self.sunday], "00:00", "24:00")
        #expect(allDay.schedule.openRanges == [[], [], [], [], [], [], [0..<1440]])
    }

    /// 2026-12-25 is a friday. Thursday and friday nights 22:00-06:00, weekdays 08:00-18:00.
    static func christmas(_ zone: String) -> ScheduleEvaluator {
        var compiled = CompiledSchedule(timeZone: zone)
        for day in 0..<5 { compiled.open(weekday: day, opens: 480, closes: 1080) }
        for day in [3, 4] { compiled.open(weekday: day, opens: 1320, closes: 360) }
        compiled.addHoliday(LocalDate(year: 2026, month: 12, day: 25))
        return ScheduleEvaluator(compiled)!
    }

    @Test func aHolidayClosesItsWholeLocalDate() {
        let hours = Self.christmas("Europe/Berlin")
        let eve = LocalDate(year: 2026, month: 12, day: 24), day = LocalDate(year: 2026, month: 12, day: 25)
        let after = LocalDate(year: 2026, month: 12, day: 26)
        #expect(hours.status(date: eve, minute: minutes("10:00")) == .open)
        #expect(hours.status(date: eve, minute: minutes("23:00")) == .open)
        // The part of thursday's night range after midnight falls on the holiday: holiday.
        #expect(hours.status(date: day, minute: minutes("00:00")) == .holiday)
        #expect(hours.status(date: day, minute: minutes("03:00")) == .holiday)
        // Inside and outside the weekday hours alike.
        #expect(hours.status(date: day, minute: minutes("10:00")) == .holiday)
        #expect(hours.status(date: day, minute: minutes("19:00")) == .holiday)
        #expect(hours.status(date: day, minute: minutes("23:59")) == .holiday)
        // Friday night's range after midnight belongs to saturday, not a holiday: open.
        #expect(hours.status(date: after, minute: minutes("03:00")) == .open)
        #expect(hours.status(date: after, minute: minutes("10:00")) == .closed)
    }

    @Test(arguments: [
        InstantCase("2026-12-24T22:30Z", "2026-12-24 23:30", .open),
        InstantCase("2026-12-24T23:00Z", "2026-12-25 00:00", .holiday),
        InstantCase("2026-12-25T22:59Z", "2026-12-25 23:59", .holiday),
        InstantCase("2026-12-25T23:00Z", "2026-12-26 00:00", .open),
        InstantCase("2026-12-26T05:00Z", "2026-12-26 06:00", .closed),
    ])
    func holidayByLocalDateInBerlin(_ testCase: InstantCase) {
        testCase.check(Self.christmas("Europe/Berlin"))
    }

    @Test(arguments: [
        // 03:00Z on the 25th is still the 24th in New York.
        InstantCase("2026-12-25T03:00Z", "2026-12-24 22:00", .open),
        InstantCase("2026-12-25T04:59Z", "2026-12-24 23:59", .open),
        InstantCase("2026-12-25T05:00Z", "2026-12-25 00:00", .holiday),
        InstantCase("2026-12-26T03:00Z", "2026-12-25 22:00", .holiday),
        InstantCase("2026-12-26T05:00Z", "2026-12-26 00:00", .open),
    ])
    func holidayByLocalDateInNewYork(_ testCase: InstantCase) {
        testCase.check(Self.christmas("America/New_York"))
    }

    @Test func holidaysAreSortedWithoutRepeats() {
        var compiled = CompiledSchedule(timeZone: "UTC")
        for text in ["2027-01-01", "2026-12-25", "2026-12-26", "2026-12-25"] {
            compiled.addHoliday(LocalDate(parsing: text)!)
        }
        #expect(compiled.holidays == [20_812, 20_813, 20_819])
        #expect(compiled.isHoliday(LocalDate(year: 2026, month: 12, day: 26)))
        #expect(!compiled.isHoliday(LocalDate(year: 2026, month: 12, day: 27)))
        #expect(!compiled.isHoliday(LocalDate(year: 2020, month: 1, day: 1)))
    }

    @Test func unknownZoneHasNoEvaluator() {
        #expect(ScheduleEvaluator(CompiledSchedule(timeZone: "Mars/Olympus_Mons")) == nil)
    }
}
