import Foundation
import Testing
@testable import CallFlowCompiler

/// What grammar/callflow.schema.json refuses, the linter refuses too (issue 12's list); the
/// seeded mutation test (grammar/schema-mutations.py, run by CI) covers the rest.
@Suite struct StrictAsSchemaTests {
    static func errors(_ text: String) -> [Diagnostic] {
        Linter().lint(SourceFile(path: Fixture.file, text: text)).diagnostics.filter { $0.severity == .error }
    }

    static func flow(_ extra: String = "", nodes: String = "  start: {say: \"Hi.\", next: bye}\n  bye: {hangup: true}\n") -> String {
        "callflow: 1\nname: t\nstart: start\n" + extra + "nodes:\n" + nodes
    }

    @Test(arguments: [
        ("say: 5", flow(nodes: "  start: {say: 5, next: bye}\n  bye: {hangup: true}\n"), "invalid-value", "must be text, not the number 5; to mean the text, quote it: \"5\""),
        ("say: \"\"", flow(nodes: "  start: {say: \"\", next: bye}\n  bye: {hangup: true}\n"), "invalid-value", "is empty"),
        ("description: 5", flow("description: 5\n"), "invalid-value", "must be text, not the number 5"),
        ("a string default 5", flow("context:\n  account.id: {type: string, default: 5}\n"), "invalid-value", "must be text, not the number 5; quote it"),
        ("weekly: {}", flow("timezone: UTC\nschedules:\n  office: {weekly: {}}\n"), "invalid-schedule", "lists no days in 'weekly'"),
        ("a holiday twice", flow("timezone: UTC\nschedules:\n  office: {weekly: {mon: \"09:00-17:00\"}, holidays: [2026-12-25, 2026-12-25]}\n"), "duplicate-key", "holiday 2026-12-25 is listed twice"),
        ("an ignore id twice", flow("ignore: [dead-end, dead-end]\n"), "duplicate-key", "check 'dead-end' is listed twice"),
        ("a skill twice", flow("skills: [a]\nqueues:\n  q: {max_wait: 5m, skills: [a, a]}\n"), "duplicate-key", "'a' is listed twice"),
        ("name: true", flow("escalations:\n  - {name: true, at: request, goto: bye}\n"), "invalid-value", "must be an identifier"),
        ("an empty integration", flow(nodes: "  start: {lookup: \"\", next: bye, error: bye}\n  bye: {hangup: true}\n"), "invalid-value", "is empty"),
        ("an integration with a space", flow(nodes: "  start: {lookup: \"crm one\", next: bye, error: bye}\n  bye: {hangup: true}\n"), "invalid-value", "without spaces"),
    ])
    func refusedAsTheSchemaRefusesIt(what: String, text: String, check: String, words: String) {
        let found = Self.errors(text)
        #expect(found.contains { $0.check == check && $0.message.contains(words) }, "\(what): \(found.dump)")
    }

    @Test func theSchemaListsInputLimitAmongIgnorableChecks() throws {
        let text = try String(contentsOf: SchemaAgreementTests.grammar.appendingPathComponent("callflow.schema.json"), encoding: .utf8)
        #expect(text.contains("\"input-limit\""))
        #expect(Self.errors(Self.flow("ignore: [input-limit]\n")).isEmpty)
    }
}
