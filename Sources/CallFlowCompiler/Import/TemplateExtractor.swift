/// Finds the flow JSON inside a Terraform file (`definition = jsonencode({...})` in `.tf`,
/// `${ jsonencode({...}) }` in `.tftpl`) or a JS data module (`module.exports = {...}`), and
/// returns the file's bytes with everything outside that object blanked, so line and column of
/// every value are those of the original file. Template expressions are kept as opaque values:
/// `${expr}` or a bare HCL expression outside a string becomes a string of the same length
/// (`"{expr"`), and `%{ ... }` directives outside strings become spaces.
///
/// In a `.tf` file the object is HCL (`definition = jsonencode({ states = [ ... ] })`): `hcl` turns
/// it into a YAML flow mapping in place (see `hclToFlow`), so it is read like the JSON forms.
enum TemplateExtractor {
    static func extract(_ bytes: [UInt8], hcl: Bool = false) -> [UInt8]? {
        guard let start = objectStart(bytes), let end = matchingEnd(bytes, from: start) else { return nil }
        var out = bytes
        for index in 0..<bytes.count where (index < start || index > end) && !isLineBreak(bytes[index]) {
            out[index] = UInt8(ascii: " ")
        }
        if hcl { hclToFlow(&out, from: start, to: end) }
        neutralize(&out, from: start, to: end)
        return out
    }

    /// HCL object syntax as a YAML flow mapping, every value keeping its line and column: comments
    /// become spaces; `key = value` becomes `key:  value` (the colon where the space before `=`
    /// was); entries separated by a line break only get a comma in the blank just before the
    /// next entry. What cannot be written in place (`key=value` without spaces, an entry at the
    /// very start of a line) is left, and the YAML parser reports it at its place.
    static func hclToFlow(_ out: inout [UInt8], from start: Int, to end: Int) {
        var index = start
        var lastSignificant: UInt8 = UInt8(ascii: "{")
        var sawLineBreak = false
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        while index <= end {
            let byte = out[index]
            if isLineBreak(byte) {
                sawLineBreak = true
                index += 1
                continue
            }
            if isSpace(byte) {
                index += 1
                continue
            }
            // Comments: `#` and `//` to the end of the line, `/* */`.
            if byte == UInt8(ascii: "#") || (byte == UInt8(ascii: "/") && index + 1 <= end && out[index + 1] == UInt8(ascii: "/")) {
                while index <= end && !isLineBreak(out[index]) {
                    out[index] = 0x20
                    index += 1
                }
                continue
            }
            if byte == UInt8(ascii: "/"), index + 1 <= end, out[index + 1] == UInt8(ascii: "*") {
                while index <= end && !(out[index] == UInt8(ascii: "*") && index + 1 <= end && out[index + 1] == UInt8(ascii: "/")) {
                    if !isLineBreak(out[index]) { out[index] = 0x20 }
                    index += 1
                }
                if index <= end { out[index] = 0x20; out[min(index + 1, end)] = 0x20 }
                index += 2
                continue
            }
            // A new entry after a line break, with no comma since the last value: a comma in the
            // blank before it.
            let closes = byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ",")
            let opened = lastSignificant == UInt8(ascii: "{") || lastSignificant == UInt8(ascii: "[")
                || lastSignificant == UInt8(ascii: ",") || lastSignificant == UInt8(ascii: ":")
            if sawLineBreak, !closes, !opened, index > start, isSpace(out[index - 1]) {
                out[index - 1] = UInt8(ascii: ",")
            }
            sawLineBreak = false
            if byte == UInt8(ascii: "\"") {
                // A string (with `${...}` inside kept whole).
                var inner = index + 1
                while inner <= end && out[inner] != UInt8(ascii: "\"") {
                    if out[inner] == UInt8(ascii: "\\") { inner += 2; continue }
                    if (out[inner] == UInt8(ascii: "$") || out[inner] == UInt8(ascii: "%")), inner + 1 <= end, out[inner + 1] == UInt8(ascii: "{") {
                        inner = interpolationEnd(out, from: inner + 1) + 1
                        continue
                    }
                    inner += 1
                }
                lastSignificant = UInt8(ascii: "\"")
                index = inner + 1
                continue
            }
            if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%"), index + 1 <= end, out[index + 1] == UInt8(ascii: "{") {
                index = interpolationEnd(out, from: index + 1) + 1
                lastSignificant = UInt8(ascii: "}")
                continue
            }
            if byte == UInt8(ascii: "="), index + 1 <= end, out[index + 1] != UInt8(ascii: "="), out[index + 1] != UInt8(ascii: ">"),
               index > start, ![UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">")].contains(out[index - 1]) {
                if isSpace(out[index - 1]) {
                    out[index - 1] = UInt8(ascii: ":")
                    out[index] = 0x20
                } else {
                    out[index] = UInt8(ascii: ":")
                }
                lastSignificant = UInt8(ascii: ":")
                index += 1
                continue
            }
            lastSignificant = byte
            index += 1
        }
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// The `{` that opens the flow: after `jsonencode(` or `module.exports`, else the first one.
    private static func objectStart(_ bytes: [UInt8]) -> Int? {
        for marker in ["jsonencode(", "module.exports"] {
            if let found = find(Array(marker.utf8), in: bytes), let brace = bytes[found...].firstIndex(of: UInt8(ascii: "{")) {
                return brace
            }
        }
        return bytes.firstIndex(of: UInt8(ascii: "{"))
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count, let first = needle.first else { return nil }
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first && bytes[index..<index + needle.count].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }

    /// The `}` closing the object at `start`, skipping strings and `${...}`.
    private static func matchingEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0, index = start, inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") {
                index = interpolationEnd(bytes, from: index + 1) + 1
                continue
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// The `}` closing the `{` at `open` of an interpolation (nested braces and quotes skipped).
    private static func interpolationEnd(_ bytes: [UInt8], from open: Int) -> Int {
        var depth = 0, index = open, quote = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == UInt8(ascii: "\"") { quote.toggle() }
            if !quote {
                if byte == UInt8(ascii: "{") { depth += 1 }
                if byte == UInt8(ascii: "}") { depth -= 1; if depth == 0 { return index } }
            }
            index += 1
        }
        return bytes.count - 1
    }

    /// Makes template expressions inside `start...end` valid JSON values of the same length.
    private static func neutralize(_ out: inout [UInt8], from start: Int, to end: Int) {
        var index = start
        var inString = false
        while index <= end {
            let byte = out[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false; index += 1; continue }
                if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%"), index + 1 <= end, out[index + 1] == UInt8(ascii: "{") {
                    // Quotes inside an interpolation would end the JSON string.
                    let close = min(interpolationEnd(out, from: index + 1), end)
                    for inner in index + 2..<max(close, index + 2) where out[inner] == UInt8(ascii: "\"") {
                        if inner > 0 && out[inner - 1] == UInt8(ascii: "\\") { continue }
                        out[inner] = UInt8(ascii: "'")
                    }
                    index = close + 1
                    continue
                }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") { inString = true; index += 1; continue }
            if byte == UInt8(ascii: "%"), index + 1 <= end, out[index + 1] == UInt8(ascii: "{") {
                let close = min(interpolationEnd(out, from: index + 1), end)
                for inner in index...close where !isLineBreak(out[inner]) { out[inner] = UInt8(ascii: " ") }
                index = close + 1
                continue
            }
            if byte == UInt8(ascii: "$"), index + 1 <= end, out[index + 1] == UInt8(ascii: "{") {
                let close = min(interpolationEnd(out, from: index + 1), end)
                quoteRun(&out, from: index, to: close)
                index = close + 1
                continue
            }
            if isIdentifierStart(byte) {
                // A key of an HCL object (`key:` once `hclToFlow` ran): kept as a plain key.
                var wordEnd = index
                while wordEnd <= end, isIdentifierStart(out[wordEnd]) || (out[wordEnd] >= UInt8(ascii: "0") && out[wordEnd] <= UInt8(ascii: "9"))
                    || out[wordEnd] == UInt8(ascii: "-") { wordEnd += 1 }
                var after = wordEnd
                while after <= end, out[after] == 0x20 || out[after] == 0x09 { after += 1 }
                if after <= end, out[after] == UInt8(ascii: ":") {
                    index = after + 1
                    continue
                }
                var stop = index
                var depth = 0
                while stop <= end {
                    let b = out[stop]
                    if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") { depth += 1 }
                    if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    if depth == 0 && (b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || isLineBreak(b)) { break }
                    stop += 1
                }
                var last = stop - 1
                while last > index && (out[last] == 0x20 || out[last] == 0x09) { last -= 1 }
                let word = String(decoding: out[index...last], as: UTF8.self)
                if !["true", "false", "null"].contains(word) {
                    if last == index { out[index] = UInt8(ascii: "0") } else { quoteRun(&out, from: index, to: last) }
                }
                index = last + 1
                continue
            }
            index += 1
        }
    }

    /// `from...to` becomes `"..."` of the same length, with no quote or backslash inside (line breaks stay, so lines do not move).
    private static func quoteRun(_ out: inout [UInt8], from: Int, to: Int) {
        guard to > from else { return }
        out[from] = UInt8(ascii: "\"")
        out[to] = UInt8(ascii: "\"")
        for inner in from + 1..<to {
            switch out[inner] {
            case UInt8(ascii: "\""): out[inner] = UInt8(ascii: "'")
            case UInt8(ascii: "\\"): out[inner] = UInt8(ascii: "/")
            default: break
            }
        }
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }
}
