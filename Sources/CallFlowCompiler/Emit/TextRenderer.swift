import Foundation

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
        render(report.diagnostics, sources: report.sources) + summary(report) + "\n"
    }

    /// Findings one after another, without a summary. The long lines they point into are
    /// indexed once for all of them (the index lives for this call only).
    public func render(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
        var lines = LongLines()
        var noted = Set<String>()
        var out = ""
        for diagnostic in diagnostics {
            out += render(diagnostic, sources: sources, lines: &lines, noted: &noted)
        }
        return out
    }

    public func summary(_ report: LintReport) -> String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(report.fileCount, "file")) checked: \(plural(report.errorCount, "error")), \(plural(report.warningCount, "warning"))"
    }

    public func render(_ diagnostic: Diagnostic, sources: [String: SourceFile]) -> String {
        var lines = LongLines()
        var noted = Set<String>()
        return render(diagnostic, sources: sources, lines: &lines, noted: &noted)
    }

    /// `noted`: the files whose lines could not be read back, said once per rendering call.
    func render(_ diagnostic: Diagnostic, sources: [String: SourceFile], lines: inout LongLines, noted: inout Set<String>) -> String {
        let label = diagnostic.severity == .error ? paint("error:", .red) : paint("warning:", .magenta)
        var out = paint(location(diagnostic.range) + ":", .bold) + " " + label + " "
            + paint(diagnostic.message, .bold) + " [\(diagnostic.check)]\n"
        out += excerpt(diagnostic.range, sources: sources, lines: &lines, noted: &noted)
        for note in diagnostic.notes {
            if let range = note.range {
                out += paint(location(range) + ":", .bold) + " " + paint("note:", .cyan) + " " + note.message + "\n"
                out += excerpt(range, sources: sources, lines: &lines, noted: &noted)
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
    /// range runs onto later lines). In place of the first excerpt of a file whose lines could
    /// not be read back (`SourceFile.textUnavailable`), a note says so; never a stale line.
    private func excerpt(_ range: SourceRange, sources: [String: SourceFile], lines: inout LongLines,
                         noted: inout Set<String>) -> String {
        guard let file = sources[range.file] else { return "" }
        guard let bytes = file.lineBytes(range.start.line) else {
            guard let reason = file.textUnavailable, noted.insert(file.path).inserted else { return "" }
            return paint("note:", .cyan) + " " + reason.note(file.path) + "\n"
        }
        if bytes.count > Self.longLine {
            return windowed(range, file: file, bytes: bytes, lines: &lines)
        }
        let line = String(decoding: bytes, as: UTF8.self)
        let characters = Array(line)
        let startIndex = min(max(range.start.column - 1, 0), characters.count)
        var endIndex = range.end.line == range.start.line ? range.end.column - 1 : characters.count
        endIndex = min(max(endIndex, startIndex + 1), max(characters.count, startIndex + 1))
        // Keep tabs so the caret lines up with what the terminal shows above it.
        let padding = String(characters[..<startIndex].map { $0 == "\t" ? "\t" : " " })
        let underline = "^" + String(repeating: "~", count: max(0, endIndex - startIndex - 1))
        return line + "\n" + padding + paint(underline, .green) + "\n"
    }

    /// Lines longer than this many bytes are cut to a window around the range.
    static let longLine = 300
    /// Characters shown on each side of the range's start in a cut line, and of the range itself.
    static let context = 40, widest = 80

    /// The excerpt of a long line: a window of characters around the range's start, cut ends
    /// marked with `…`, the caret under the range (at most `widest` characters of it). Costs the
    /// window, plus one pass over the line the first time any finding points into it.
    private func windowed(_ range: SourceRange, file: SourceFile, bytes: ArraySlice<UInt8>, lines: inout LongLines) -> String {
        let starts = lines.characterStarts(file, range.start.line, bytes)
        let count = starts.count - 1
        let startIndex = min(max(range.start.column - 1, 0), count)
        var endIndex = range.end.line == range.start.line ? range.end.column - 1 : count
        endIndex = min(max(endIndex, startIndex + 1), max(count, startIndex + 1))
        endIndex = min(endIndex, startIndex + Self.widest)
        let from = max(0, startIndex - Self.context), to = min(count, max(endIndex, startIndex + 1) + Self.context)
        let base = bytes.startIndex
        let slice = bytes[(base + starts[from]) ..< (base + starts[to])]
        var line = String(decoding: slice, as: UTF8.self)
        var padding = String(repeating: " ", count: startIndex - from)
        if from > 0 { line = "…" + line; padding += " " }
        if to < count { line += "…" }
        // Tabs kept so the caret lines up.
        var index = 0
        for byte in slice.prefix(starts[startIndex] - starts[from]) where byte & 0xC0 != 0x80 {
            if byte == UInt8(ascii: "\t") {
                let position = padding.index(padding.startIndex, offsetBy: index + (from > 0 ? 1 : 0))
                padding.replaceSubrange(position ... position, with: "\t")
            }
            index += 1
        }
        let underline = "^" + String(repeating: "~", count: max(0, endIndex - startIndex - 1))
        return line + "\n" + padding + paint(underline, .green) + "\n"
    }
}

/// The byte offset where each character (a UTF-8 scalar, as columns count them) of a long line
/// starts, plus the line's end: computed once per line for all the findings that point into it.
/// Keyed by the file object (held, so its identity is not reused). A value of one rendering call,
/// so no lock and nothing shared between threads.
struct LongLines {
    private var cache: [ObjectIdentifier: (file: SourceFile, lines: [Int: [Int]])] = [:]

    mutating func characterStarts(_ file: SourceFile, _ line: Int, _ bytes: ArraySlice<UInt8>) -> [Int] {
        let key = ObjectIdentifier(file)
        if let starts = cache[key]?.lines[line], starts.last == bytes.count { return starts }
        var starts: [Int] = []
        starts.reserveCapacity(bytes.count + 1)
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { starts.append(offset) }
        starts.append(bytes.count)
        if cache[key] == nil { cache[key] = (file, [:]) }
        cache[key]!.lines[line] = starts
        return starts
    }
}
