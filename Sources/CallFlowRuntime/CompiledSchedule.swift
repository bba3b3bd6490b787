/// A schedule as the routing table holds it (spec section 9: "minute bitmaps per weekday plus
/// holidays"), evaluated in its IANA time zone by `ScheduleEvaluator`.
///
/// - `week`: one bit per minute of the week, 7 x 1440 = 10,080 bits in 158 words. Bit `m` (word
///   `m / 64`, bit `m % 64`, least significant first) is minute `m` of the week, counted from
///   Monday 00:00 local wall time. A range that crosses midnight has already spilled into the next
///   day (Sunday into Monday). The 32 bits past the end of the week are always zero.
/// - `holidays`: local dates closed for the whole day, as days since 1970-01-01 (proleptic
///   Gregorian), sorted, without repeats.
/// - `timeZone`: the IANA name the wall times are local to, daylight saving included.
public struct CompiledSchedule: Equatable, Sendable {
    public static let minutesPerDay = 1440
    public static let minutesPerWeek = 7 * 1440
    public static let wordCount = (minutesPerWeek + 63) / 64

    public private(set) var timeZone: String
    public private(set) var week: [UInt64]
    public private(set) var holidays: [Int32]
    /// Issue 14 (ScheduleRules.swift): holidays every year, and special dates' own ranges (sorted
    /// by day, then opening).
    public private(set) var recurring: [RecurringHoliday] = []
    public private(set) var special: [SpecialRange] = []

    /// An always-closed schedule in `timeZone`, to be opened with `open(...)` and `addHoliday(_:)`.
    public init(timeZone: String) {
        self.timeZone = timeZone
        self.week = Array(repeating: 0, count: CompiledSchedule.wordCount)
        self.holidays = []
    }

    /// A schedule from its stored parts (a table loader); nil when they are not a valid schedule:
    /// the wrong number of words, bits past the end of the week, holidays unsorted or repeated.
    public init?(timeZone: String, week: [UInt64], holidays: [Int32], recurring: [RecurringHoliday] = [],
                 special: [SpecialRange] = []) {
        guard week.count == CompiledSchedule.wordCount,
              week[CompiledSchedule.wordCount - 1] >> UInt64(CompiledSchedule.minutesPerWeek % 64) == 0,
              zip(holidays, holidays.dropFirst()).allSatisfy({ $0 < $1 }),
              Self.validParts(recurring: recurring, special: special) else { return nil }
        self.timeZone = timeZone
        self.week = week
        self.holidays = holidays
        self.recurring = recurring
        self.special = special
    }

    /// Adds a holiday every year (issue 14).
    public mutating func addRecurringHoliday(_ holiday: RecurringHoliday) {
        if !recurring.contains(holiday) { recurring.append(holiday) }
    }

    /// Opens `opens ..< closes` (minutes, within the day) on special date `date`, whose ranges
    /// replace the weekly ones that day (issue 14).
    public mutating func openSpecial(_ date: LocalDate, opens: Int, closes: Int) {
        let range = SpecialRange(day: Int32(date.daysSinceEpoch), opens: Int32(opens), closes: Int32(closes))
        let index = special.firstIndex { ($0.day, $0.opens) > (range.day, range.opens) } ?? special.count
        special.insert(range, at: index)
    }

    /// Opens minutes `opens ..< closes` of `weekday` (0 = Monday ... 6 = Sunday), both in 0...1440.
    /// When `closes < opens` the range crosses midnight: `opens ..< 1440` on `weekday`, then
    /// `0 ..< closes` on the next day (Sunday's next day is Monday).
    public mutating func open(weekday: Int, opens: Int, closes: Int) {
        precondition((0..<7).contains(weekday) && (0...1440).contains(opens) && (0...1440).contains(closes))
        let dayStart = weekday * CompiledSchedule.minutesPerDay
        if closes >= opens {
            setBits(dayStart + opens, dayStart + closes)
        } else {
            setBits(dayStart + opens, dayStart + CompiledSchedule.minutesPerDay)
            let next = ((weekday + 1) % 7) * CompiledSchedule.minutesPerDay
            setBits(next, next + closes)
        }
    }

    /// Closes `date` for the whole local day.
    public mutating func addHoliday(_ date: LocalDate) {
        let day = Int32(date.daysSinceEpoch)
        let index = holidays.lowerBound(of: day)
        if index == holidays.count || holidays[index] != day { holidays.insert(day, at: index) }
    }

    /// Whether minute `minute` (0..<1440) of `weekday` (0 = Monday) is inside an open range,
    /// holidays aside.
    @inline(__always)
    public func isOpen(weekday: Int, minute: Int) -> Bool {
        isOpen(minuteOfWeek: weekday &* CompiledSchedule.minutesPerDay &+ minute)
    }

    /// Minute `m` of the week (0 = Monday 00:00); a minute outside the week is taken modulo it
    /// (never a trap).
    @inline(__always)
    public func isOpen(minuteOfWeek m: Int) -> Bool {
        var m = m
        if m < 0 || m >= 7 * CompiledSchedule.minutesPerDay {
            m %= 7 * CompiledSchedule.minutesPerDay
            if m < 0 { m += 7 * CompiledSchedule.minutesPerDay }
        }
        return week[m &>> 6] & (1 &<< UInt64(m & 63)) != 0
    }

    public func isHoliday(_ date: LocalDate) -> Bool {
        isHoliday(daysSinceEpoch: date.daysSinceEpoch)
    }

    public func isHoliday(daysSinceEpoch day: Int) -> Bool {
        if isRecurringHoliday(daysSinceEpoch: day) { return true }
        guard let first = holidays.first, let last = holidays.last,
              day >= Int(first), day <= Int(last) else { return false }
        // Inside the holidays' span, so within Int32.
        let index = holidays.lowerBound(of: Int32(day))
        return index < holidays.count && holidays[index] == Int32(day)
    }

    /// The open ranges of each day (Monday first) as half-open minute ranges, read back from the
    /// bitmap: what the JSON rendition shows.
    public var openRanges: [[Range<Int>]] {
        (0..<7).map { day in
            var ranges: [Range<Int>] = []
            var start: Int?
            for minute in 0...CompiledSchedule.minutesPerDay {
                let open = minute < CompiledSchedule.minutesPerDay && isOpen(weekday: day, minute: minute)
                if open, start == nil { start = minute }
                if !open, let s = start { ranges.append(s..<minute); start = nil }
            }
            return ranges
        }
    }

    private mutating func setBits(_ from: Int, _ to: Int) {
        var m = from
        while m < to {
            week[m >> 6] |= 1 << UInt64(m & 63)
            m += 1
        }
    }
}

/// The JSON rendition, for people and other languages: the zone, each day's open ranges as
/// `"HH:MM-HH:MM"` strings (after spilling, so none crosses midnight; `24:00` ends a day), and the
/// holidays as `YYYY-MM-DD`. Decoding rebuilds the bitmap and refuses anything malformed.
extension CompiledSchedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case timeZone = "time_zone", week, holidays, recurring = "recurring_holidays", special
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeZone, forKey: .timeZone)
        try container.encode(openRanges.map { day in
            day.map { "\(LocalDate.clock($0.lowerBound))-\(LocalDate.clock($0.upperBound))" }
        }, forKey: .week)
        try container.encode(holidays.map { LocalDate(daysSinceEpoch: Int($0)).description }, forKey: .holidays)
        if !recurring.isEmpty { try container.encode(recurring.map(\.description), forKey: .recurring) }
        if !special.isEmpty {
            try container.encode(special.map {
                "\(LocalDate(daysSinceEpoch: Int($0.day))) \(LocalDate.clock(Int($0.opens)))-\(LocalDate.clock(Int($0.closes)))"
            }, forKey: .special)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(timeZone: try container.decode(String.self, forKey: .timeZone))
        let days = try container.decode([[String]].self, forKey: .week)
        guard days.count == 7 else {
            throw DecodingError.dataCorruptedError(forKey: .week, in: container, debugDescription: "a week has 7 days, not \(days.count)")
        }
        for (weekday, ranges) in days.enumerated() {
            for text in ranges {
                let parts = text.split(separator: "-", omittingEmptySubsequences: false)
                guard parts.count == 2, let opens = LocalDate.minutes(parts[0]), let closes = LocalDate.minutes(parts[1]),
                      opens < closes else {
                    throw DecodingError.dataCorruptedError(forKey: .week, in: container, debugDescription: "bad range '\(text)'")
                }
                open(weekday: weekday, opens: opens, closes: closes)
            }
        }
        for text in try container.decode([String].self, forKey: .holidays) {
            guard let date = LocalDate(parsing: text) else {
                throw DecodingError.dataCorruptedError(forKey: .holidays, in: container, debugDescription: "bad date '\(text)'")
            }
            addHoliday(date)
        }
        for text in try container.decodeIfPresent([String].self, forKey: .recurring) ?? [] {
            guard let holiday = RecurringHoliday(parsing: text) else {
                throw DecodingError.dataCorruptedError(forKey: .recurring, in: container, debugDescription: "bad recurring holiday '\(text)'")
            }
            addRecurringHoliday(holiday)
        }
        for text in try container.decodeIfPresent([String].self, forKey: .special) ?? [] {
            let parts = text.split(separator: " ")
            let times = parts.count == 2 ? parts[1].split(separator: "-", omittingEmptySubsequences: false) : []
            guard parts.count == 2, let date = LocalDate(parsing: String(parts[0])), times.count == 2,
                  let opens = LocalDate.minutes(times[0]), let closes = LocalDate.minutes(times[1]), opens < closes else {
                throw DecodingError.dataCorruptedError(forKey: .special, in: container, debugDescription: "bad special range '\(text)'")
            }
            openSpecial(date, opens: opens, closes: closes)
        }
        guard Self.validParts(recurring: recurring, special: special) else {
            throw DecodingError.dataCorruptedError(forKey: .special, in: container, debugDescription: "overlapping special ranges")
        }
    }
}

/// A local calendar date (proleptic Gregorian), convertible to and from days since 1970-01-01.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD` naming a day that exists.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy(LocalDate.allDigits),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return nil }
        let date = LocalDate(year: year, month: month, day: day)
        guard LocalDate(daysSinceEpoch: date.daysSinceEpoch) == date else { return nil }
        self = date
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days &+ 719_468
        let era = (z >= 0 ? z : z &- 146_096) / 146_097
        let doe = z &- era &* 146_097
        let yoe = (doe &- doe / 1460 &+ doe / 36524 &- doe / 146_096) / 365
        let doy = doe &- (365 &* yoe &+ yoe / 4 &- yoe / 100)
        let mp = (5 &* doy &+ 2) / 153
        day = doy &- (153 &* mp &+ 2) / 5 &+ 1
        month = mp < 10 ? mp &+ 3 : mp &- 9
        year = yoe &+ era &* 400 &+ (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year &- 1 : year
        let era = (y >= 0 ? y : y &- 399) / 400
        let yoe = y &- era &* 400
        let doy = (153 &* (month > 2 ? month &- 3 : month &+ 9) &+ 2) / 5 &+ day &- 1
        let doe = yoe &* 365 &+ yoe / 4 &- yoe / 100 &+ doy
        return era &* 146_097 &+ doe &- 719_468
    }

    /// 0 = Monday ... 6 = Sunday.
    public var weekday: Int { LocalDate.weekday(daysSinceEpoch: daysSinceEpoch) }

    /// 0 = Monday ... 6 = Sunday; 1970-01-01 was a Thursday.
    @inline(__always)
    public static func weekday(daysSinceEpoch days: Int) -> Int {
        let w = (days &+ 3) % 7
        return w < 0 ? w &+ 7 : w
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func allDigits(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, parts.allSatisfy(allDigits),
              let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, m >= 0, m < 60,
              h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }
}

extension Array where Element == Int32 {
    /// The first index whose element is not less than `value` (the array is sorted).
    @inline(__always)
    func lowerBound(of value: Int32) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) >> 1
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
