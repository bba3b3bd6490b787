/// The small lexical forms of the language: identifiers, DTMF keys, phone numbers.
public enum Lexical {
    /// `[a-z][a-z0-9_-]*`: node ids and queue, schedule, skill and rule names.
    public static func isIdentifier(_ text: String) -> Bool {
        // Read on the string's contiguous bytes: its UTF-8 view's iterator cost about ten times
        // as much a byte, and every node id and target is asked (issue 17).
        var text = text
        return text.withUTF8 { isIdentifier(bytes: $0) }
    }

    /// The same for text given as its UTF-8 bytes (a YAML scalar asked before its string is made).
    static func isIdentifier(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        for b in bytes.dropFirst() {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
            if !ok { return false }
        }
        return true
    }

    /// Dot-separated identifiers: context variable names like `caller.tier`.
    ///
    /// Read by bytes in one pass (issue 17: splitting into strings cost 86 M instructions on a
    /// 60,000-node flow). The same answer as splitting at dots and asking `isIdentifier` of each
    /// part: an identifier is ASCII, so a byte that is not makes both false, and in ASCII a
    /// character is a byte (`FastPathAgreementTests`).
    public static func isVariableName(_ text: String) -> Bool {
        var atPartStart = true
        for b in text.utf8 {
            if atPartStart {
                guard b >= UInt8(ascii: "a"), b <= UInt8(ascii: "z") else { return false }
                atPartStart = false
            } else if b == UInt8(ascii: ".") {
                atPartStart = true
            } else {
                let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                    || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
                if !ok { return false }
            }
        }
        // Empty text, or a name ending with a dot: an empty last part.
        return !atPartStart
    }

    /// One key of a telephone keypad.
    public static let dtmfKeys: [String] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"]

    public static func isDTMFKey(_ text: String) -> Bool {
        guard text.utf8.count == 1, let byte = text.utf8.first else { return false }
        return (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "#")
    }

    /// `+` then 2 to 15 digits, the first not 0 (ITU-T E.164).
    public static func isE164(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes.count <= 16, bytes[0] == UInt8(ascii: "+"),
              bytes[1] != UInt8(ascii: "0") else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// `sip:user@host` with no spaces.
    public static func isSIPURI(_ text: String) -> Bool {
        text.hasPrefix("sip:") && text.count > 4 && !text.contains(" ")
    }
}
