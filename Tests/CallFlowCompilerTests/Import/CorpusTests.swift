import Foundation
import Testing
@testable import CallFlowCompiler

/// The public corpus of real Twilio Studio and Amazon Connect flows (../shared/corpora, read in
/// place): every flow is read and linted without an internal error, and what is found per check
/// per file matches Fixtures/corpus-summary.txt, so a change in findings is a visible diff.
/// `CALLFLOW_UPDATE_CORPUS_SUMMARY=1 swift test --filter CorpusTests` rewrites the summary.
@Suite struct CorpusTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    static let summaryFile = packageRoot.appendingPathComponent("Tests/CallFlowCompilerTests/Fixtures/corpus-summary.txt")
    static let available = FileManager.default.fileExists(atPath: corpus.appendingPathComponent("index.json").path)

    struct Entry: Decodable {
        var path: String
        var format: String
    }

    static func entries() throws -> [Entry] {
        let data = try Data(contentsOf: corpus.appendingPathComponent("index.json"))
        return try JSONDecoder().decode([Entry].self, from: data)
    }

    /// One line per file: `path (format): check=count ...`, sorted by path.
    static func summary(_ entries: [Entry]) throws -> String {
        let paths = entries.map { corpus.appendingPathComponent($0.path).path }
        let (report, unreadable) = Linter().lint(paths: paths)
        #expect(unreadable.isEmpty, "unreadable: \(unreadable)")
        var perFile: [String: [String: Int]] = [:]
        for diagnostic in report.diagnostics { perFile[diagnostic.range.file, default: [:]][diagnostic.check, default: 0] += 1 }
        var lines: [String] = []
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            let counts = perFile[corpus.appendingPathComponent(entry.path).path] ?? [:]
            let text = counts.isEmpty ? "clean" : counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            lines.append("\(entry.path) (\(entry.format)): \(text)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(.enabled(if: available)) func everyFlowIsReadAndMatchesTheSummary() throws {
        let entries = try Self.entries()
        #expect(entries.count > 300)
        for entry in entries {
            let source = try SourceReader().read(Self.corpus.appendingPathComponent(entry.path).path)
            let imported = PlatformImporter.read(source)
            // A flow is read, or the file is refused with findings that say why (broken JSON).
            #expect(imported.flow != nil || imported.diagnostics.contains { $0.severity == .error }, "\(entry.path)")
            if let flow = imported.flow {
                #expect(imported.format.rawValue == entry.format, "\(entry.path) read as \(imported.format)")
                #expect(flow.nodeIndex.count == flow.nodes.count)
                // Issue 10 item 5: an imported flow comes resolved, as the `resolve` stage resolves.
                #expect(flow.isResolved && flow.startTarget == flow.nodeIndex[flow.start.value] ?? -1, "\(entry.path)")
            }
        }
        let summary = try Self.summary(entries)
        if ProcessInfo.processInfo.environment["CALLFLOW_UPDATE_CORPUS_SUMMARY"] == "1" {
            try summary.write(to: Self.summaryFile, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.summaryFile, encoding: .utf8)
        let expectedLines = expected.split(separator: "\n"), actualLines = summary.split(separator: "\n")
        for (want, got) in zip(expectedLines, actualLines) where want != got {
            Issue.record("corpus summary changed:\n- \(want)\n+ \(got)")
        }
        #expect(expectedLines.count == actualLines.count)
    }

    @Test(.enabled(if: available)) func aFileThatIsNoFlowIsRefusedClearly() throws {
        let source = try SourceReader().read(Self.corpus.appendingPathComponent("twiml/signature-vectors.json").path)
        let imported = PlatformImporter.read(source)
        #expect(imported.flow == nil)
        #expect(imported.diagnostics.count == 1)
        #expect(imported.diagnostics.first?.message.contains("no flow callflow reads") == true)
    }
}
