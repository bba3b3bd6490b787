/// A length of time as flows write it: `5s`, `90s`, `2m`, `1h`, `1m30s`.
public struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public static func < (a: Duration, b: Duration) -> Bool { a.seconds < b.seconds }

    /// Parses `[Nh][Nm][Ns]` with at least one part, units in that order.
    public init?(parsing text: String) {
        var total = 0
        var number = 0
        var digits = 0
        var lastUnit = 0 // 3 = h, 2 = m, 1 = s: units must come in decreasing order
        var parts = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 7 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s"):
                let unit = byte == UInt8(ascii: "h") ? 3 : byte == UInt8(ascii: "m") ? 2 : 1
                guard digits > 0, lastUnit == 0 || unit < lastUnit else { return nil }
                total += number * (unit == 3 ? 3600 : unit == 2 ? 60 : 1)
                lastUnit = unit
                number = 0
                digits = 0
                parts += 1
            default:
                return nil
            }
        }
        guard digits == 0, parts > 0 else { return nil }
        self.seconds = total
    }

    /// The shortest spelling: `90s` prints as `1m30s`.
    public var description: String {
        if seconds == 0 { return "0s" }
        var text = ""
        let hours = seconds / 3600, minutes = seconds % 3600 / 60, rest = seconds % 60
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 { text += "\(rest)s" }
        return text
    }
}
