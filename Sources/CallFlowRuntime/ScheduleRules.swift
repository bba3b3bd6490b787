/// Issue 14's schedule parts, evaluated at run time so they hold exactly for every year (no
/// horizon): recurring holidays (`"12-25"`, the 4th Thursday of November, the last Monday of May)
/// and special dates whose own ranges replace the weekly ranges that day.

/// A holiday every year: a fixed day of a month, or the `nth` `weekday` of a month (`nth` 1-5, or
/// -1 to -5 counting from the month's end).
public struct RecurringHoliday: Hashable, Sendable {
    /// 1-12.
    public var month: Int32
    /// 1-31 for a fixed day; 0 for an nth weekday.
    public var day: Int32
    /// 0 = Monday ... 6 = Sunday for an nth weekday; -1 for a fixed day.
    public var weekday: Int32
    /// 1...5 or -5...-1 for an nth weekday; 0 for a fixed day.
    public var nth: Int32

    public init(month: Int32, day: Int32) {
        self.month = month
        self.day = day
        weekday = -1
        nth = 0
    }

    public init(month: Int32, weekday: Int32, nth: Int32) {
        self.month = month
        day = 0
        self.weekday = weekday
        self.nth = nth
    }

    /// The fields are one of the two forms, in range.
    public var isValid: Bool {
        guard (1...12).contains(month) else { return false }
        if day != 0 { return weekday == -1 && nth == 0 && (1...LocalDate.daysIn(month: Int(month), year: 2000)).contains(Int(day)) }
        return (0...6).contains(weekday) && (nth >= 1 && nth <= 5 || nth <= -1 && nth >= -5)
    }

    /// Whether `date` (its weekday `weekday`) is this holiday.
    public func matches(_ date: LocalDate, weekday: Int) -> Bool {
        guard date.month == Int(month) else { return false }
        if day != 0 { return date.day == Int(day) }
        guard weekday == Int(self.weekday) else { return false }
        if nth > 0 { return (date.day - 1) / 7 + 1 == Int(nth) }
        return (LocalDate.daysIn(month: date.month, year: date.year) - date.day) / 7 + 1 == Int(-nth)
    }

    /// The form `description` writes.
    public init?(parsing text: String) {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let words = text.split(separator: " ")
        if words.count == 3, let month = months.firstIndex(of: String(words[0])), let weekday = days.firstIndex(of: String(words[1])),
           let nth = Int32(words[2]) {
            self.init(month: Int32(month + 1), weekday: Int32(weekday), nth: nth)
        } else {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isNumber) }),
                  let month = Int32(parts[0]), let day = Int32(parts[1]) else { return nil }
            self.init(month: month, day: day)
        }
        guard isValid else { return nil }
    }

    /// `12-25`, `nov thu 4`, `may mon -1`.
    public var description: String {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        if day != 0 { return (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)" }
        guard (1...12).contains(month), (0...6).contains(weekday) else { return "?" }
        return "\(months[Int(month) - 1]) \(days[Int(weekday)]) \(nth)"
    }
}

/// One open range of a special date: minutes `opens ..< closes` of local date `day` (days since
/// 1970-01-01); the date's ranges replace the weekly ones that day.
public struct SpecialRange: Hashable, Sendable {
    public var day: Int32
    public var opens: Int32
    public var closes: Int32

    public init(day: Int32, opens: Int32, closes: Int32) {
        self.day = day
        self.opens = opens
        self.closes = closes
    }
}

extension LocalDate {
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension CompiledSchedule {
    /// Whether the special ranges are sorted by day then opening, within a day, and disjoint
    /// within one day; and the recurring holidays valid and without repeats.
    static func validParts(recurring: [RecurringHoliday], special: [SpecialRange]) -> Bool {
        guard recurring.allSatisfy(\.isValid), Set(recurring).count == recurring.count else { return false }
        for range in special where !(0 <= range.opens && range.opens < range.closes && range.closes <= 1440) { return false }
        for (a, b) in zip(special, special.dropFirst()) where !(a.day < b.day || a.day == b.day && a.closes <= b.opens) {
            return false
        }
        return true
    }

    /// The status on a special date (open inside one of its ranges), or nil when `day` has none.
    @inline(__always)
    func specialStatus(daysSinceEpoch day: Int, minute: Int) -> ScheduleStatus? {
        guard let first = special.first, let last = special.last, day >= Int(first.day), day <= Int(last.day) else { return nil }
        var low = 0, high = special.count
        while low < high {
            let mid = (low + high) >> 1
            if Int(special[mid].day) < day { low = mid + 1 } else { high = mid }
        }
        guard low < special.count, Int(special[low].day) == day else { return nil }
        var index = low
        while index < special.count, Int(special[index].day) == day {
            if minute >= Int(special[index].opens) && minute < Int(special[index].closes) { return .open }
            index += 1
        }
        return .closed
    }

    /// Whether `day` is one of the recurring holidays.
    @inline(__always)
    func isRecurringHoliday(daysSinceEpoch day: Int) -> Bool {
        guard !recurring.isEmpty else { return false }
        let date = LocalDate(daysSinceEpoch: day)
        let weekday = LocalDate.weekday(daysSinceEpoch: day)
        return recurring.contains { $0.matches(date, weekday: weekday) }
    }
}
