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

    /// Each finding of the failing example points where the example marks it with `↓`, and each
    /// marker has a finding: no hand-written positions.
    @Test(arguments: CheckRegistry.all.map(\.id))
    func failingExampleFindingsPointWhereMarked(id: String) throws {
        let check = try #require(CheckRegistry.descriptor(id))
        let findings = lint(check.failingExample, path: "example.yaml").with(id)
        #expect(!check.failingMarkers.isEmpty, "mark where each finding of \(id)'s failing example points with ↓")
        let found = Set(findings.map { "\($0.range.start.line):\($0.range.start.column)" })
        let marked = Set(check.failingMarkers.map { "\($0.line):\($0.column)" })
        #expect(found == marked, "\(id): findings at \(found.sorted()), marked \(marked.sorted())")
    }

    @Test func markersAreStrippedAndCountedInScalars() {
        let (text, positions) = CheckDescriptor.markers(in: "a: ↓b\n  é: ↓c↓d\n↓")
        #expect(text == "a: b\n  é: cd\n")
        #expect(positions == [at(1, 4), at(2, 6), at(2, 7), at(3, 1)])
        #expect(CheckDescriptor.markers(in: "no markers").positions.isEmpty)
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
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
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
