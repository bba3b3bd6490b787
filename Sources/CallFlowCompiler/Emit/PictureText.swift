/// Text helpers shared by the flow pictures (`DotRenderer`, `MermaidRenderer`): shortening long
/// prompts for labels, and escaping any string for a DOT quoted string or a Mermaid label.
public enum PictureText {
    /// Longest text (in characters) a label line shows; the whole text goes to the tooltip.
    public static let labelLimit = 40

    /// `text` on one line (every run of white space, newlines included, becomes one space), cut
    /// to at most `limit` characters with an ellipsis, at a word boundary when one is near.
    public static func shorten(_ text: String, limit: Int = labelLimit) -> String {
        let line = oneLine(text)
        guard line.count > limit, limit > 1 else { return line }
        let head = line.prefix(limit - 1)
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= limit / 2 {
            return String(head[..<space]) + "…"
        }
        return String(head) + "…"
    }

    /// White space runs (spaces, tabs, newlines, other control characters) as single spaces, trimmed.
    public static func oneLine(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// `text` without white space at either end (inside, line breaks stay: tooltips show them).
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// The inside of a DOT quoted string (`"..."`) that shows `text` literally, lines joined by
    /// DOT's `\n`. Quotes and backslashes are escaped (so `\l`, `\N` and friends stay text), `&` is
    /// written `&amp;` because Graphviz decodes HTML entities even in plain labels, line breaks
    /// become `\n`, other control characters spaces. `<` and `>` need nothing: a quoted string is
    /// never an HTML-like label, and Graphviz escapes them itself in SVG.
    public static func dot(_ lines: [String]) -> String {
        var out = ""
        for (index, line) in lines.enumerated() {
            if index > 0 { out += "\\n" }
            var previousWasCR = false
            for scalar in line.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "&": out += "&amp;"
                case "\n": if !previousWasCR { out += "\\n" }
                case "\r": out += "\\n"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
                }
                previousWasCR = scalar == "\r"
            }
        }
        return out
    }

    /// The inside of a Mermaid quoted label (`["..."]`, `|"..."|`) that shows `text` literally,
    /// lines joined by `<br/>`. Mermaid reads `#name;` and `#NN;` as entity codes: quotes become
    /// `#quot;`; `#` itself, `<`, `>`, `&` (labels are HTML), `|`, `` ` `` (Markdown strings) and `$`
    /// (math) are written as codes too. Line breaks and control characters become spaces.
    public static func mermaid(_ lines: [String]) -> String {
        var out = ""
        for (index, line) in lines.enumerated() {
            if index > 0 { out += "<br/>" }
            for scalar in line.unicodeScalars {
                switch scalar {
                case "\"": out += "#quot;"
                case "#": out += "#35;"
                case "<": out += "#lt;"
                case ">": out += "#gt;"
                case "&": out += "#amp;"
                case "|": out += "#124;"
                case "`": out += "#96;"
                case "$": out += "#36;"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
                }
            }
        }
        return out
    }

    /// A Mermaid comment (`%% ...`) body: one line, nothing that could end it early.
    public static func mermaidComment(_ text: String) -> String {
        oneLine(text)
    }

    /// A Mermaid node id for a flow node id (`[a-z][a-z0-9_-]*`): `n_` then the id with `-` as
    /// `_`. The prefix keeps ids clear of Mermaid's words (`end`, `graph`, `class`...) and of the
    /// `o`/`x` edge endings; `taken` makes two ids that sanitise alike (`a-b`, `a_b`) distinct.
    public static func mermaidID(_ id: String, taken: inout Set<String>) -> String {
        var base = "n_"
        for scalar in id.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_": base.unicodeScalars.append(scalar)
            default: base += "_"
            }
        }
        var candidate = base
        var suffix = 2
        while taken.contains(candidate) {
            candidate = base + "_\(suffix)"
            suffix += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
