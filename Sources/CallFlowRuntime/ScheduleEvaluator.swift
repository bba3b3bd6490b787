import Foundation

/// What an `hours` node decides: its `open`, `closed` or `holiday` outcome.
public enum ScheduleStatus: String, Sendable, Codable, CaseIterable {
    case open, closed, holiday
}

extension CompiledSchedule {
    /// The status at a local wall time: `minute` (0..<1440) of `date` in the schedule's zone.
    /// A holiday closes its whole date, the part of a night range spilling past midnight into it
    /// included; otherwise the week bitmap decides.
    @inline(__always)
    public func status(date: LocalDate, minute: Int) -> ScheduleStatus {
        status(daysSinceEpoch: date.daysSinceEpoch, minute: minute)
    }

    /// The same, the date given as days since 1970-01-01. A minute outside 0..<1440 counts on
    /// into the following (or back into the previous) days: never a trap.
    @inline(__always)
    public func status(daysSinceEpoch day: Int, minute: Int) -> ScheduleStatus {
        var day = day, minute = minute
        if minute < 0 || minute >= CompiledSchedule.minutesPerDay {
            day = day &+ minute / CompiledSchedule.minutesPerDay
            minute %= CompiledSchedule.minutesPerDay
            if minute < 0 { minute += CompiledSchedule.minutesPerDay; day = day &- 1 }
        }
        // A special date's own ranges replace the weekly ones, and win over a recurring holiday.
        if let special = specialStatus(daysSinceEpoch: day, minute: minute) { return special }
        if isHoliday(daysSinceEpoch: day) { return .holiday }
        return isOpen(weekday: LocalDate.weekday(daysSinceEpoch: day), minute: minute) ? .open : .closed
    }
}

/// Evaluates one schedule at instants. Holds the schedule's `TimeZone`, looked up once, so each
/// evaluation is the zone's UTC offset for the instant (Foundation, daylight saving included)
/// plus integer arithmetic, a bit test and a binary search: nothing is allocated.
public struct ScheduleEvaluator: Sendable {
    public let schedule: CompiledSchedule
    public let timeZone: TimeZone

    /// Nil when the schedule's zone is not a time zone this system knows.
    public init?(_ schedule: CompiledSchedule) {
        guard let zone = TimeZone(identifier: schedule.timeZone) else { return nil }
        self.schedule = schedule
        self.timeZone = zone
    }

    /// The status at `instant`, decided by the local wall time in the schedule's zone.
    public func status(at instant: Date) -> ScheduleStatus {
        let local = localMinute(at: instant)
        return schedule.status(daysSinceEpoch: local.day, minute: local.minute)
    }

    /// The local wall time at `instant` in the schedule's zone: the date and the minute of the day.
    public func localTime(at instant: Date) -> (date: LocalDate, minute: Int) {
        let local = localMinute(at: instant)
        return (LocalDate(daysSinceEpoch: local.day), local.minute)
    }

    /// The status at a local wall time (for tests and the simulator); see `CompiledSchedule.status(date:minute:)`.
    public func status(date: LocalDate, minute: Int) -> ScheduleStatus {
        schedule.status(date: date, minute: minute)
    }

    /// The instants a schedule is evaluated at: years 1 to 9999 (UTC). An instant outside is
    /// evaluated at the nearest end, a NaN at 1970-01-01: never a trap.
    public static let instants: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799

    /// `seconds` since 1970 brought into `instants`.
    @inline(__always)
    public static func clamped(_ seconds: Double) -> Double {
        if instants.contains(seconds) { return seconds }
        return seconds.isNaN ? 0 : min(max(seconds, instants.lowerBound), instants.upperBound)
    }

    /// Days since 1970-01-01 and minute of that day, both in local wall time.
    @inline(__always)
    private func localMinute(at instant: Date) -> (day: Int, minute: Int) {
        let time = Self.clamped(instant.timeIntervalSince1970)
        let seconds = Int(time.rounded(.down))
        let local = seconds + timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: time))
        var day = local / 86_400
        var second = local % 86_400
        if second < 0 { second += 86_400; day -= 1 }
        return (day, second / 60)
    }
}
