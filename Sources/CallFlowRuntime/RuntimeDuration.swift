import Foundation

/// Durations as flows write them (`5m`, `1m30s`), for typed context values.
public enum RuntimeDuration {
    public static func seconds(_ text: String) -> Int? {
        var total = 0, number = 0, digits = 0, last = 4, parts = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 7 else { return nil }
                number = number * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "s"):
                let unit = byte == UInt8(ascii: "h") ? 3 : byte == UInt8(ascii: "m") ? 2 : 1
                guard digits > 0, unit < last else { return nil }
                total += number * (unit == 3 ? 3600 : unit == 2 ? 60 : 1)
                last = unit; number = 0; digits = 0; parts += 1
            default: return nil
            }
        }
        return digits == 0 && parts > 0 ? total : nil
    }
}
