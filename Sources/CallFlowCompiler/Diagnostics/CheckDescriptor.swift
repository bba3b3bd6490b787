/// What a check is: its id, default severity, a one-line summary, an explanation of why it matters
/// to a caller and how to fix it, and two example flows. The examples are run as tests (the failing
/// one must raise the check, the passing one must not) and are printed by `callflow explain`.
///
/// In the failing example as written, `↓` marks the character where each finding of the check must
/// point (the examples test checks it); `failingExample` is the text without the markers and
/// `failingMarkers` their positions.
public struct CheckDescriptor: Sendable, Hashable {
    public let id: String
    public let severity: Severity
    public let summary: String
    public let explanation: String
    public let failingExample: String
    /// Where the findings of the failing example point: the positions marked `↓`.
    public let failingMarkers: [SourcePosition]
    public let passingExample: String
    /// Settings the project's config file may give this check (`menu-too-wide: {max: 6}`).
    public let options: [CheckOption]
    /// A hard error: the front end could not build the part of the model the finding is about,
    /// so later stages cannot trust it. Always an error: the project's config and `ignore:`
    /// cannot lower or silence it (the finding says so when they try).
    public let isHard: Bool

    public init(id: String, severity: Severity, summary: String, explanation: String,
                failingExample: String, passingExample: String, options: [CheckOption] = [], isHard: Bool = false) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        (self.failingExample, self.failingMarkers) = Self.markers(in: failingExample)
        self.passingExample = passingExample
        self.options = options
        self.isHard = isHard
    }
}

extension CheckDescriptor {
    /// The marker of a finding's position in a failing example.
    public static let marker: Unicode.Scalar = "↓"

    /// `text` without its `↓` markers, and the position (line, column as diagnostics count them:
    /// Unicode scalars from 1) of the character after each marker.
    static func markers(in text: String) -> (text: String, positions: [SourcePosition]) {
        guard text.unicodeScalars.contains(marker) else { return (text, []) }
        var stripped = String.UnicodeScalarView()
        var positions: [SourcePosition] = []
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if scalar == marker {
                positions.append(SourcePosition(line: line, column: column))
                continue
            }
            stripped.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (String(stripped), positions)
    }
}

/// A value a check option takes.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int)
    case duration(Duration)

    public var description: String {
        switch self {
        case .integer(let n): return String(n)
        case .duration(let d): return d.description
        }
    }
}

/// One setting of a check, with its default.
public struct CheckOption: Sendable, Hashable {
    public let name: String
    public let defaultValue: OptionValue
    public let help: String

    public init(_ name: String, default defaultValue: OptionValue, help: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
    }
}
