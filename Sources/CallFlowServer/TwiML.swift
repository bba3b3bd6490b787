/// A TwiML response being written: verbs appended in order, attribute values and texts escaped.
struct TwiML {
    /// Twilio refuses a response larger than 64 kB.
    static let limit = 64_000

    private(set) var text: String = {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
        text.reserveCapacity(1024)
        return text
    }()

    var finished: String { text + "</Response>" }

    // Appended piece by piece: string interpolation built a temporary string per attribute.
    mutating func say(_ words: String, voice: String, language: String) {
        text += "<Say voice=\""
        text += Self.escape(voice)
        text += "\" language=\""
        text += Self.escape(language)
        text += "\">"
        text += Self.escape(words)
        text += "</Say>"
    }

    mutating func open(_ verb: String, _ attributes: [(String, String)]) {
        text += "<"
        text += verb
        attribute(attributes)
        text += ">"
    }

    mutating func close(_ verb: String) {
        text += "</"
        text += verb
        text += ">"
    }

    mutating func empty(_ verb: String, _ attributes: [(String, String)] = []) {
        text += "<"
        text += verb
        attribute(attributes)
        text += "/>"
    }

    private mutating func attribute(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            text += " "
            text += name
            text += "=\""
            text += Self.escape(value)
            text += "\""
        }
    }

    mutating func element(_ verb: String, _ attributes: [(String, String)], _ body: String) {
        open(verb, attributes)
        text += Self.escape(body)
        close(verb)
    }

    static func escape(_ s: String) -> String {
        // Scanned as contiguous bytes when the string has them (the generic UTF-8 view's
        // iteration was a hundredth of a new call).
        func special(_ byte: UInt8) -> Bool { byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte < 0x20 }
        guard s.utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) ?? s.utf8.contains(where: special) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t", "\r": out += " "
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
