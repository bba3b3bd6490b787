import Foundation
import Testing
@testable import CallFlowCompiler

/// Every check's examples, as `callflow explain` prints them, do what they claim.
@Suite struct CheckExamplesTests {
    @Test(arguments: CheckRegistry.all.map(\.id))
    func failingExampleRaisesTheCheck(id: String) throws {
        let check = try #require(CheckRegistry.descriptor(id))
        let findings = lint(check.failingExample, path: "example.yaml")
        #expect(!findings.with(id).isEmpty, "the failing example of \(id) gave:\n\(findings.dump)")
        #expect(findings.with(id).allSatisfy { $0.severity == check.severity && $0.range.file == "example.yaml" })
    }

    /// A passing example is shown as the way to write it: it must be clean of every check.
    @Test(arguments: CheckRegistry.all.map(\.id))
    func passingExampleIsCleanOfEveryCheck(id: String) throws {
        let check = try #require(CheckRegistry.descriptor(id))
        let findings = lint(check.passingExample, path: "example.yaml")
        #expect(findings.isEmpty, "the passing example of \(id) gave:\n\(findings.dump)")
    }

    /// docs/checks.md is generated from the descriptors; it must match them.
    @Test func checksDocumentIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        #expect(committed == CheckDocs.markdown(),
                "docs/checks.md is stale: run `swift run callflow checks --markdown > docs/checks.md`")
    }

    @Test func registryIdsAreUniqueAndLowerCaseWords() {
        #expect(Set(CheckRegistry.ids).count == CheckRegistry.ids.count)
        #expect(CheckRegistry.ids.allSatisfy(Lexical.isIdentifier))
        #expect(CheckRegistry.ids.starts(with: ["yaml-syntax", "input-limit", "duplicate-key", "unknown-key",
                                                "invalid-value", "undefined-reference", "invalid-schedule"]))
        #expect(CheckRegistry.descriptor("no-such-check") == nil)
    }

    @Test(arguments: CheckRegistry.all.map(\.id))
    func explanationShowsBothExamples(id: String) throws {
        let check = try #require(CheckRegistry.descriptor(id))
        let text = CheckExplanation.text(check)
        #expect(text.hasPrefix("\(id) (default severity: \(check.severity.rawValue))\n\(check.summary)\n\n"))
        let firstFailingLine = try #require(check.failingExample.split(separator: "\n").first)
        #expect(text.contains("Fails:\n\n    \(firstFailingLine)"))
        #expect(text.contains("Passes:\n\n    "))
    }
}
