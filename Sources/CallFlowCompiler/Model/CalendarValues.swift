import CallFlowRuntime

/// A time of day, `HH:MM` on a 24-hour clock; `24:00` stands for the end of a day.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since midnight, 0...1440.
    public var minutes: Int

    public init(minutes: Int) {
        self.minutes = minutes
    }

    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              let hours = Int(text.prefix(2)), let minutes = Int(text.suffix(2)),
              bytes[0...1].allSatisfy({ $0 >= 48 && $0 <= 57 }), bytes[3...4].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              minutes < 60, hours < 24 || (hours == 24 && minutes == 0) else { return nil }
        self.minutes = hours * 60 + minutes
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }

    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

/// A calendar date, `YYYY-MM-DD`, checked against the real calendar (no 2026-02-30): the
/// runtime's `LocalDate`, so the compiler and the table it writes share one definition.
public typealias CalendarDate = LocalDate

/// A day of the week, in the order schedules write them (Monday first).
public enum Weekday: Int, CaseIterable, Sendable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    public init?(name: String) {
        guard let day = Weekday.allCases.first(where: { $0.name == name }) else { return nil }
        self = day
    }

    public var name: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue]
    }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}
