/// Findings as a compiler prints them:
///
///     flows/acme.yaml:12:7: error: menu 'main' has no 'no_match' outcome [dead-end]
///       main:
///       ^~~~
///     flows/acme.yaml:3:5: note: ...
public struct TextRenderer: Sendable {
    public var useColor: Bool

    public init(useColor: Bool) {
        self.useColor = useColor
    }

    private enum Style: String {
        case bold = "1", red = "1;31", magenta = "1;35", cyan = "1;36", green = "1;32"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    public func render(_ report: LintReport) -> String {
        var out = ""
        for diagnostic in report.diagnostics {
            out += render(diagnostic, sources: report.sources)
        }
        out += summary(report) + "\n"
        return out
    }

    public func summary(_ report: LintReport) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(report.fileCount, "file")) checked: \(plural(report.errorCount, "error")), \(plural(report.warningCount, "warning"))"
    }

    public func render(_ diagnostic: Diagnostic, sources: [String: SourceFile]) -> String {
        let label = diagnostic.severity == .error ? paint("error:", .red) : paint("warning:", .magenta)
        var out = paint(location(diagnostic.range) + ":", .bold) + " " + label + " "
            + paint(diagnostic.message, .bold) + " [\(diagnostic.check)]\n"
        out += excerpt(diagnostic.range, sources: sources)
        for note in diagnostic.notes {
            if let range = note.range {
                out += paint(location(range) + ":", .bold) + " " + paint("note:", .cyan) + " " + note.message + "\n"
                out += excerpt(range, sources: sources)
            } else {
                out += paint("note:", .cyan) + " " + note.message + "\n"
            }
        }
        return out
    }

    private func location(_ range: SourceRange) -> String {
        "\(range.file):\(range.start.line):\(range.start.column)"
    }

    /// The source line and a caret line underlining the range (to the end of the line when the
    /// range runs onto later lines).
    private func excerpt(_ range: SourceRange, sources: [String: SourceFile]) -> String {
        guard var line = sources[range.file]?.line(range.start.line) else { return "" }
        var characters = Array(line.unicodeScalars)
        var startIndex = min(max(range.start.column - 1, 0), characters.count)
        var endIndex = range.end.line == range.start.line ? range.end.column - 1 : characters.count
        endIndex = min(max(endIndex, startIndex + 1), max(characters.count, startIndex + 1))
        // A very long line (minified JSON of a platform flow) is shown around the range only.
        if characters.count > Self.longLine {
            let from = max(0, startIndex - Self.context), to = min(characters.count, max(endIndex, startIndex + 1) + Self.context)
            let head = from > 0 ? "..." : "", tail = to < characters.count ? "..." : ""
            characters = Array(head.unicodeScalars) + characters[from..<min(max(to, from), characters.count)] + Array(tail.unicodeScalars)
            startIndex += head.count - from
            endIndex = min(endIndex + head.count - from, characters.count)
            var clipped = String.UnicodeScalarView()
            clipped.append(contentsOf: characters)
            line = String(clipped)
        }
        // Keep tabs so the caret lines up with what the terminal shows above it.
        let padding = String(characters[..<startIndex].map { $0 == "\t" ? "\t" : " " })
        let underline = "^" + String(repeating: "~", count: max(0, endIndex - startIndex - 1))
        return line + "\n" + padding + paint(underline, .green) + "\n"
    }

    /// Lines longer than this many characters are shown `context` characters either side of the range.
    static let longLine = 240
    static let context = 80
}
