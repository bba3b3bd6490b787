import Testing
@testable import CallFlowCompiler

/// `--format github`: workflow commands, escaped as GitHub's toolkit escapes them.
@Suite struct GitHubFormatTests {
    static let renderer = GitHubRenderer(workingDirectory: "/work/project")

    @Test func escapingInData() {
        #expect(GitHubRenderer.escapeData("plain text, with: colons") == "plain text, with: colons")
        #expect(GitHubRenderer.escapeData("100% sure") == "100%25 sure")
        #expect(GitHubRenderer.escapeData("%0A is not a line break") == "%250A is not a line break")
        #expect(GitHubRenderer.escapeData("one\ntwo\r\nthree\rfour") == "one%0Atwo%0D%0Athree%0Dfour")
    }

    @Test func escapingInProperties() {
        #expect(GitHubRenderer.escapeProperty("a,b:c") == "a%2Cb%3Ac")
        #expect(GitHubRenderer.escapeProperty("50%, then: more\nlines") == "50%25%2C then%3A more%0Alines")
        #expect(GitHubRenderer.escapeProperty("::error::") == "%3A%3Aerror%3A%3A")
    }

    @Test func anErrorOnOneLine() {
        let diagnostic = Diagnostic(check: "dead-end", severity: .error, message: "menu 'main' has no 'no_match' outcome",
                                    range: span(12, 7, 12, 11, file: "flows/acme.yaml"))
        #expect(Self.renderer.render(diagnostic)
            == "::error file=flows/acme.yaml,line=12,col=7,endLine=12,endColumn=10,title=dead-end::menu 'main' has no 'no_match' outcome")
    }

    @Test func aWarningWithCommasColonsPercentsAndLineBreaks() {
        let diagnostic = Diagnostic(check: "slow-path-to-human", severity: .warning,
                                    message: "press 1, then 2: 100% of callers\nwait 3m\r\n(too long)",
                                    range: span(3, 1, 3, 2, file: "./flows/a,b:c%.yaml"))
        #expect(Self.renderer.render(diagnostic)
            == "::warning file=flows/a%2Cb%3Ac%25.yaml,line=3,col=1,endLine=3,endColumn=1,title=slow-path-to-human::press 1, then 2: 100%25 of callers%0Await 3m%0D%0A(too long)")
    }

    @Test func notesFollowOnLinesOfTheirOwn() {
        let diagnostic = Diagnostic(check: "duplicate-key", severity: .error, message: "key 'mailbox' appears twice",
                                    range: span(10, 3, 10, 10, file: "bad.yaml"),
                                    notes: [DiagnosticNote("first 'mailbox' is here", at: span(9, 3, 9, 10, file: "bad.yaml")),
                                            DiagnosticNote("50% of keys, at most")])
        #expect(Self.renderer.render(diagnostic)
            == "::error file=bad.yaml,line=10,col=3,endLine=10,endColumn=9,title=duplicate-key::key 'mailbox' appears twice%0Abad.yaml:9:3: note: first 'mailbox' is here%0Anote: 50%25 of keys, at most")
    }

    @Test func aRangeOverSeveralLinesHasNoColumns() {
        let diagnostic = Diagnostic(check: "trap-loop", severity: .error, message: "m", range: span(4, 3, 9, 1, file: "f.yaml"))
        #expect(Self.renderer.render(diagnostic) == "::error file=f.yaml,line=4,title=trap-loop::m")
    }

    @Test func pathsAreRelativeToTheWorkingDirectory() {
        let inside = Diagnostic(check: "x", severity: .error, message: "m", range: span(1, 1, 1, 2, file: "/work/project/flows/a.yaml"))
        #expect(Self.renderer.render(inside).hasPrefix("::error file=flows/a.yaml,line=1,"))
        let outside = Diagnostic(check: "x", severity: .error, message: "m", range: span(1, 1, 1, 2, file: "../other/a.yaml"))
        #expect(Self.renderer.render(outside).hasPrefix("::error file=/work/other/a.yaml,line=1,"))
    }

    @Test func oneLinePerFindingAndNothingElse() {
        let report = LintReport(diagnostics: [
            Diagnostic(check: "a", severity: .error, message: "one", range: span(1, 1, 1, 2)),
            Diagnostic(check: "b", severity: .warning, message: "two\nlines", range: span(2, 1, 2, 2)),
        ], sources: [:], fileCount: 3)
        let text = Self.renderer.render(report)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false) == [
            "::error file=flow.yaml,line=1,col=1,endLine=1,endColumn=1,title=a::one",
            "::warning file=flow.yaml,line=2,col=1,endLine=2,endColumn=1,title=b::two%0Alines",
            "",
        ])
        #expect(Self.renderer.render(LintReport(diagnostics: [], sources: [:], fileCount: 1)) == "")
    }
}
