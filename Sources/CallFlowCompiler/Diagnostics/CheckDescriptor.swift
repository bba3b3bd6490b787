/// What a check is: its id, default severity, a one-line summary, an explanation of why it matters
/// to a caller and how to fix it, and two example flows. The examples are run as tests (the failing
/// one must raise the check, the passing one must not) and are printed by `callflow explain`.
public struct CheckDescriptor: Sendable, Hashable {
    public let id: String
    public let severity: Severity
    public let summary: String
    public let explanation: String
    public let failingExample: String
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
        self.failingExample = failingExample
        self.passingExample = passingExample
        self.options = options
        self.isHard = isHard
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
