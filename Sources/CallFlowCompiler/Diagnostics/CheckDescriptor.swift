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

    public init(id: String, severity: Severity, summary: String, explanation: String,
                failingExample: String, passingExample: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.explanation = explanation
        self.failingExample = failingExample
        self.passingExample = passingExample
    }
}
