import Foundation
import Testing
@testable import CallFlowCompiler

@Suite struct RendererTests {
    static let source = SourceFile(path: "flow.yaml", text: """
    callflow: 1
    name: test
    start: start
    nodes:
      start:
        say: "Hi"
        nxet: done

    """)

    static let duplicate = Diagnostic(
        check: "duplicate-key", severity: .error, message: "key 'start' appears twice",
        range: span(7, 5, 7, 9), notes: [DiagnosticNote("first 'start' is here", at: span(5, 3, 5, 8))])

    static let warning = Diagnostic(
        check: "unknown-key", severity: .warning, message: "say \"hi\"\tplease", range: span(2, 7, 2, 11),
        notes: [DiagnosticNote("no place")])

    static func report(_ diagnostics: [Diagnostic], files: Int = 1) -> LintReport {
        LintReport(diagnostics: diagnostics, sources: ["flow.yaml": source], fileCount: files)
    }

    @Test func textWithANoteAndNoColour() {
        let text = TextRenderer(useColor: false).render(Self.report([Self.duplicate]))
        #expect(text == """
        flow.yaml:7:5: error: key 'start' appears twice [duplicate-key]
            nxet: done
            ^~~~
        flow.yaml:5:3: note: first 'start' is here
          start:
          ^~~~~
        1 file checked: 1 error, 0 warnings

        """)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func textWarningAndNoteWithoutPlace() {
        let text = TextRenderer(useColor: false).render(Self.report([Self.warning], files: 2))
        #expect(text == """
        flow.yaml:2:7: warning: say "hi"\tplease [unknown-key]
        name: test
              ^~~~
        note: no place
        2 files checked: 0 errors, 1 warning

        """)
    }

    @Test func caretForOneCharacterAndForRangesRunningOntoLaterLines() {
        let renderer = TextRenderer(useColor: false)
        let point = Diagnostic(check: "x", severity: .error, message: "m", range: SourceRange(file: "flow.yaml", line: 3, column: 8))
        #expect(renderer.render(point, sources: ["flow.yaml": Self.source]) == "flow.yaml:3:8: error: m [x]\nstart: start\n       ^\n")
        let long = Diagnostic(check: "x", severity: .error, message: "m", range: span(5, 3, 7, 1))
        #expect(renderer.render(long, sources: ["flow.yaml": Self.source]) == "flow.yaml:5:3: error: m [x]\n  start:\n  ^~~~~~\n")
        let elsewhere = Diagnostic(check: "x", severity: .error, message: "m", range: span(1, 1, 1, 2, file: "other.yaml"))
        #expect(renderer.render(elsewhere, sources: ["flow.yaml": Self.source]) == "other.yaml:1:1: error: m [x]\n")
    }

    @Test func colourWrapsTheParts() {
        let text = TextRenderer(useColor: true).render(Self.duplicate, sources: ["flow.yaml": Self.source])
        let escape = "\u{1B}["
        #expect(text.hasPrefix("\(escape)1mflow.yaml:7:5:\(escape)0m \(escape)1;31merror:\(escape)0m \(escape)1mkey 'start' appears twice\(escape)0m [duplicate-key]\n"))
        #expect(text.contains("    \(escape)1;32m^~~~\(escape)0m\n"))
        #expect(text.contains("\(escape)1;36mnote:\(escape)0m first 'start' is here\n"))
    }

    @Test func jsonExactBytes() {
        let json = JSONRenderer().render(Self.report([Self.duplicate, Self.warning]))
        let expected = #"""
        {"version": 1,
         "findings": [{"check": "duplicate-key", "severity": "error", "message": "key 'start' appears twice", "file": "flow.yaml", "line": 7, "column": 5, "notes": [{"message": "first 'start' is here", "file": "flow.yaml", "line": 5, "column": 3}]},
                      {"check": "unknown-key", "severity": "warning", "message": "say \"hi\"\tplease", "file": "flow.yaml", "line": 2, "column": 7, "notes": [{"message": "no place"}]}],
         "summary": {"files": 1, "errors": 1, "warnings": 1}}

        """#
        #expect(json == expected)
    }

    @Test func jsonOfNoFindingsAndItParses() throws {
        let empty = JSONRenderer().render(Self.report([], files: 3))
        #expect(empty == "{\"version\": 1,\n \"findings\": [],\n \"summary\": {\"files\": 3, \"errors\": 0, \"warnings\": 0}}\n")
        let json = JSONRenderer().render(Self.report([Self.duplicate, Self.warning]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        #expect(findings[1]["message"] as? String == "say \"hi\"\tplease")
        #expect((findings[0]["notes"] as? [[String: Any]])?.first?["line"] as? Int == 5)
    }

    @Test func jsonEscapesControlCharacters() {
        #expect(JSONWriter.quote("a\u{01}b\nc\\") == #""a\u0001b\nc\\""#)
    }
}

@Suite struct FindingOrderTests {
    static func finding(_ file: String, _ line: Int, _ column: Int, _ check: String, _ message: String = "m") -> Diagnostic {
        Diagnostic(check: check, severity: .error, message: message,
                   range: SourceRange(file: file, line: line, column: column))
    }

    @Test func printOrderIsFileLineColumnId() {
        let sorted = [
            Self.finding("a.yaml", 2, 5, "dead-end"),
            Self.finding("a.yaml", 2, 5, "unknown-key", "a"),
            Self.finding("a.yaml", 2, 5, "unknown-key", "b"),
            Self.finding("a.yaml", 2, 9, "duplicate-key"),
            Self.finding("a.yaml", 10, 1, "yaml-syntax"),
            Self.finding("b.yaml", 1, 1, "invalid-value"),
        ]
        #expect(sorted.reversed().sorted(by: Diagnostic.printOrder) == sorted)
        #expect([sorted[3], sorted[5], sorted[0], sorted[4], sorted[2], sorted[1]].sorted(by: Diagnostic.printOrder) == sorted)
    }

    @Test func linterSortsFindingsOfSeveralFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let b = try folder.write("b.yaml", "callflow: 1\nname: b\nstart: s\nnodes:\n  s: {say: hi, nxet: s, next: x}\n")
        let a = try folder.write("a.yaml", "callflow: 1\nname: A\nstart: s\nnodes:\n  s: {hangup: true, descripton: x}\n")
        let (report, unreadable) = Linter().lint(paths: [b, a, folder.path + "/missing.yaml"])
        #expect(unreadable.count == 1)
        #expect(unreadable.first?.contains("missing.yaml: no such file") == true)
        #expect(report.fileCount == 2) // a file that could not be read was not checked
        #expect(report.diagnostics.map { "\(($0.range.file as NSString).lastPathComponent):\($0.range.start.line):\($0.range.start.column) \($0.check)" } == [
            "a.yaml:2:7 invalid-value",
            "a.yaml:5:21 unknown-key",
            "b.yaml:5:16 unknown-key",
            "b.yaml:5:31 undefined-reference",
        ])
        #expect(report.errorCount == 4)
        #expect(report.warningCount == 0)
        #expect(report.sources[a]?.path == a)
    }
}

@Suite struct SuppressionTests {
    @Test func fileWideIgnoreSilencesTheCheck() {
        let text = "callflow: 1\nname: test\nstart: s\nignore: [unreachable-node]\nnodes:\n  s: {hangup: true}\n  t: {hangup: true}\n"
        #expect(lint(text, path: "flow.yaml").isEmpty)
        #expect(lint(text.replacingOccurrences(of: "ignore: [unreachable-node]\n", with: ""), path: "flow.yaml").ids == ["unreachable-node"])
    }

    @Test func nodeIgnoreSilencesOnlyThatNode() {
        let findings = lint("""
        callflow: 1
        name: test
        start: s
        nodes:
          s: {hangup: true}
          t: {hangup: true, ignore: [unreachable-node]}
          u: {hangup: true}
        """, path: "flow.yaml")
        #expect(findings.ids == ["unreachable-node"])
        #expect(findings.first?.range.start == at(7, 3))
    }

    /// Issue 10: a hard error (here `unknown-key`) is not silenced; the finding says the ignore tried.
    @Test func ignoreCannotSilenceAHardError() {
        let text = "callflow: 1\nname: test\nstart: s\nignore: [unknown-key]\nnodes:\n  s: {hangup: true, descripton: x}\n"
        let findings = lint(text, path: "flow.yaml")
        #expect(findings.ids == ["unknown-key"])
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.notes.map(\.message) == ["'ignore: [unknown-key]' cannot silence unknown-key: it is a hard error (the flow's model is incomplete without a fix)"])
        #expect(findings.first?.notes.first?.range?.start == at(4, 10))
    }
}
