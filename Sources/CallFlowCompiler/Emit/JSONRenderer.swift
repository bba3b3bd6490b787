/// Findings as the JSON object of the command-line contract (docs/ci.md):
/// `{"version": 1, "findings": [...], "summary": {"files", "errors", "warnings"}}`.
public struct JSONRenderer: Sendable {
    public init() {}

    public func render(_ report: LintReport) -> String {
        let findings = report.diagnostics.map(finding)
        return "{\"version\": 1,\n \"findings\": [" + findings.joined(separator: ",\n              ") + "],\n"
            + " \"summary\": {\"files\": \(report.fileCount), \"errors\": \(report.errorCount), \"warnings\": \(report.warningCount)}}\n"
    }

    private func finding(_ diagnostic: Diagnostic) -> String {
        let notes = diagnostic.notes.map { note -> String in
            var fields = ["\"message\": " + JSONWriter.quote(note.message)]
            if let range = note.range { fields += place(range) }
            return "{" + fields.joined(separator: ", ") + "}"
        }
        let fields = [
            "\"check\": " + JSONWriter.quote(diagnostic.check),
            "\"severity\": " + JSONWriter.quote(diagnostic.severity.rawValue),
            "\"message\": " + JSONWriter.quote(diagnostic.message),
        ] + place(diagnostic.range) + ["\"notes\": [" + notes.joined(separator: ", ") + "]"]
        return "{" + fields.joined(separator: ", ") + "}"
    }

    private func place(_ range: SourceRange) -> [String] {
        ["\"file\": " + JSONWriter.quote(range.file), "\"line\": \(range.start.line)", "\"column\": \(range.start.column)"]
    }
}
