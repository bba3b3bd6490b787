import Foundation
import Testing
@testable import CallFlowCompiler

/// SARIF as GitHub code scanning reads it: the line hash it matches alerts by, the size limits it
/// enforces, links from the message to related locations, and a log even when the run failed.
@Suite struct SARIFGitHubTests {
    static func log(_ report: LintReport, failures: [String] = [], workingDirectory: String = SARIFTests.workingDirectory) throws -> [String: Any] {
        try SARIFTests.parse(SARIFRenderer(workingDirectory: workingDirectory).render(report, failures: failures))
    }

    static func run(_ log: [String: Any]) throws -> [String: Any] {
        try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func everyResultHasGitHubsLineHashAndOurFingerprint() throws {
        let report = SARIFTests.mixedReport
        let results = try #require(try Self.run(Self.log(report))["results"] as? [[String: Any]])
        #expect(results.count == report.diagnostics.count)
        for result in results {
            let fingerprints = try #require(result["partialFingerprints"] as? [String: String])
            #expect(fingerprints[SARIFRenderer.fingerprintKey] != nil)
            let lineHash = try #require(fingerprints["primaryLocationLineHash"])
            #expect(lineHash.wholeMatch(of: /[0-9a-f]{16}:[1-9][0-9]*/) != nil, "\(lineHash)")
        }
    }

    @Test func theLineHashFollowsTheLineNotItsNumber() {
        let text = "callflow: 1\nname: x\nstart: a\nnodes:\n  a: {say: \"Hi.\", nxet: b}\n  b: {hangup: true}\n"
        let shifted = "# a comment\n" + text
        let a = SARIFTests.lint([("f.yaml", text)]), b = SARIFTests.lint([("f.yaml", shifted)])
        #expect(SARIFRenderer.lineHashes(a) == SARIFRenderer.lineHashes(b))
        #expect(a.diagnostics.first?.range.start.line != b.diagnostics.first?.range.start.line)
    }

    @Test func fullDescriptionsFitGitHubsLimitAndHelpKeepsTheWhole() throws {
        let rules = try #require(((try Self.run(Self.log(SARIFTests.mixedReport))["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(CheckRegistry.all.contains { $0.explanation.count > SARIFRenderer.maxFullDescription },
                "no explanation is over the limit: this test tests nothing")
        for (rule, check) in zip(rules, CheckRegistry.all) {
            let full = try #require((rule["fullDescription"] as? [String: Any])?["text"] as? String)
            #expect(full.count <= 1_024, "\(check.id): \(full.count) characters")
            let help = try #require((rule["help"] as? [String: Any])?["text"] as? String)
            #expect(help.contains(check.explanation), "\(check.id): help lost the explanation")
        }
    }

    @Test func atMost25000ResultsAndANotificationForTheRest() throws {
        let source = SourceFile(path: "big.yaml", text: "callflow: 1\n")
        let range = SourceRange(file: "big.yaml", line: 1, column: 1)
        let diagnostics = (0..<25_003).map { k in Diagnostic(.unknownKey, "finding \(k)", at: range) }
        let report = LintReport(diagnostics: diagnostics, sources: ["big.yaml": source], fileCount: 1)
        let run = try Self.run(Self.log(report))
        #expect((run["results"] as? [Any])?.count == 25_000)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.count == 1)
        let text = try #require((notes[0]["message"] as? [String: Any])?["text"] as? String)
        #expect(text.hasPrefix("3 more findings were left out"))
    }

    @Test func notesAreRelatedLocationsLinkedFromTheMessage() throws {
        let results = try #require(try Self.run(Self.log(SARIFTests.mixedReport))["results"] as? [[String: Any]])
        let duplicate = try #require(results.first { $0["ruleId"] as? String == "duplicate-key" })
        let message = try #require((duplicate["message"] as? [String: Any])?["text"] as? String)
        #expect(message.hasSuffix("\nnote: [first 'mailbox' is here](1)"), "\(message)")
        let related = try #require(duplicate["relatedLocations"] as? [[String: Any]])
        #expect(related.first?["id"] as? Int == 1)
        // No file path in the message: the link is the place.
        #expect(!message.contains("bad.yaml"))
    }

    @Test func bracketsInMessagesAreEscaped() {
        #expect(SARIFRenderer.escapedForLink("in [1, 2] \\ x") == "in \\[1, 2\\] \\\\ x")
    }

    @Test func pathsHaveNoDotSlash() throws {
        let report = SARIFTests.lint([("./flows/bad.yaml", SARIFTests.badFlow)])
        let text = SARIFRenderer(workingDirectory: SARIFTests.workingDirectory).render(report)
        #expect(!text.contains("./"))
        #expect(text.contains("\"uri\": \"flows/bad.yaml\""))
    }

    @Test func aFailedRunIsStillAValidLog() throws {
        let log = try Self.log(LintReport(diagnostics: [], sources: [:], fileCount: 0), failures: ["nope.yaml: no such file or folder"])
        var shape = SARIFShape()
        shape.check(log)
        #expect(shape.problems.isEmpty, "\(shape.problems)")
        let invocation = try #require((try Self.run(log)["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.first?["level"] as? String == "error")
        #expect((notes.first?["message"] as? [String: Any])?["text"] as? String == "nope.yaml: no such file or folder")
    }
}
