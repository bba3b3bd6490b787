/// The text of `callflow explain ID`, and of each check's section in docs/checks.md.
public enum CheckExplanation {
    public static func text(_ check: CheckDescriptor) -> String {
        """
        \(check.id) (default severity: \(check.severity.rawValue))
        \(check.summary)

        \(check.explanation)

        Fails:

        \(indent(check.failingExample))

        Passes:

        \(indent(check.passingExample))

        """
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }
}
