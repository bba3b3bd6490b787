/// How much a finding matters. `error` fails `lint`; `warning` fails it only with `--strict`.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case warning
    case error

    public static func < (a: Severity, b: Severity) -> Bool {
        a == .warning && b == .error
    }
}

/// A related place that explains a finding: the first definition of a duplicate, a step of a path.
public struct DiagnosticNote: Hashable, Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One finding of any check: the single currency of the front end and of every check.
public struct Diagnostic: Hashable, Sendable {
    public var check: String
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var notes: [DiagnosticNote]

    public init(check: String, severity: Severity, message: String, range: SourceRange,
                notes: [DiagnosticNote] = []) {
        self.check = check
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }

    /// A finding of a registered check, with the check's default severity.
    public init(_ check: CheckDescriptor, _ message: String, at range: SourceRange,
                notes: [DiagnosticNote] = []) {
        self.init(check: check.id, severity: check.severity, message: message, range: range, notes: notes)
    }

    /// The order findings are printed in: file, line, column, check id (then message, for ties).
    public static func printOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.range.file != b.range.file { return a.range.file < b.range.file }
        if a.range.start != b.range.start { return a.range.start < b.range.start }
        if a.check != b.check { return a.check < b.check }
        return a.message < b.message
    }
}

/// Collects findings while a file is read and checked.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    public mutating func report(_ check: CheckDescriptor, _ message: String, at range: SourceRange,
                                notes: [DiagnosticNote] = []) {
        diagnostics.append(Diagnostic(check, message, at: range, notes: notes))
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Diagnostic {
    /// The most notes a finding carries; past it the rest are one note, "and N more".
    public static let noteLimit = 20

    /// "and 9,980 more", as the last note of a finding that had too many.
    public static func moreNote(_ count: Int, _ what: String = "") -> DiagnosticNote {
        DiagnosticNote("and \(Self.grouped(count)) more" + (what.isEmpty ? "" : " \(what)"))
    }

    /// This finding with at most `noteLimit` notes and one "and N more" (a check may already have
    /// stopped at the limit and said so itself: up to `noteLimit + 1` notes are kept as they are).
    public func boundingNotes() -> Diagnostic {
        guard notes.count > Self.noteLimit + 1 else { return self }
        var bounded = self
        bounded.notes = Array(notes.prefix(Self.noteLimit)) + [Self.moreNote(notes.count - Self.noteLimit)]
        return bounded
    }

    /// `9980` as `9,980`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (index, c) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
