import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 18: a finding costs O(its range), not O(the line) or O(the flow): at most 20 notes and
/// one "and N more", excerpts of long lines cut to a window.
@Suite struct BoundedOutputTests {
    /// Debug builds (what `swift test` runs) are several times slower than release, where both
    /// inputs take well under the 10 s (docs/reliability.md has the figures); this bound
    /// catches a return to quadratic time (the ring took 120 s+ and 8 GB before).
    static let debugSeconds = 90.0

    static func lintAndRender(_ text: String, path: String) -> (report: LintReport, output: String, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let source = SourceFile(path: path, text: text)
        let result = Linter().lint(source)
        let report = LintReport(diagnostics: result.diagnostics.sorted(by: Diagnostic.printOrder), sources: [path: source], fileCount: 1)
        let output = TextRenderer(useColor: false).render(report)
        let elapsed = clock.now - start
        return (report, output, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Each option goes to the next menu, the fallback two ahead: every menu's slowest silent
    /// path runs round the ring.
    static func ring(_ count: Int) -> String {
        var lines = ["callflow: 1", "name: ring", "start: m0", "nodes:"]
        for i in 0..<count {
            lines.append("  m\(i): {menu: \"Menu \(i).\", options: {\"1\": m\((i + 1) % count)}, fallback: m\((i + 2) % count)}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// All nodes on one line (a flow-style mapping), each unreachable: one finding per node.
    static func oneLine(_ count: Int) -> String {
        let nodes = (0..<count).map { "n\($0): {say: \"S\", next: box}" }.joined(separator: ", ")
        return "callflow: 1\nname: line\nstart: box\nnodes: {box: {voicemail: general}, \(nodes)}\n"
    }

    @Test func aRingOfTenThousandMenus() {
        let (report, output, seconds) = Self.lintAndRender(Self.ring(10_000), path: "ring.yaml")
        #expect(report.diagnostics.count > 10_000)
        #expect(report.diagnostics.allSatisfy { $0.notes.count <= Diagnostic.noteLimit + 1 })
        #expect(output.utf8.count < 20_000_000, "\(output.utf8.count) bytes")
        #expect(seconds < Self.debugSeconds, "\(seconds) s")
        let slow = report.diagnostics.first { $0.check == "slow-path-to-human" }
        #expect(slow?.notes.last?.message == "then 'm2', whose own finding shows the rest of the path (5,000 more nodes)")
        let trap = report.diagnostics.first { $0.check == "trap-loop" }
        #expect(trap?.notes.count == Diagnostic.noteLimit + 1)
        #expect(trap?.notes.last?.message == "and 4,980 more")
    }

    @Test func sixtyThousandNodesOnOneLine() {
        let (report, output, seconds) = Self.lintAndRender(Self.oneLine(60_000), path: "line.yaml")
        #expect(report.diagnostics.count == 60_000)
        #expect(output.utf8.count < 20_000_000, "\(output.utf8.count) bytes")
        #expect(seconds < Self.debugSeconds, "\(seconds) s")
        let longest = output.split(separator: "\n").map(\.utf8.count).max() ?? 0
        #expect(longest < 400)
    }

    @Test func aLongLineIsCutAroundTheRangeAndTheCaretStaysUnderIt() throws {
        let text = Self.oneLine(40)
        let (report, output, _) = Self.lintAndRender(text, path: "line.yaml")
        let finding = try #require(report.diagnostics.first { $0.message.contains("'n20'") })
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = try #require(lines.firstIndex { $0.contains("'n20'") })
        let excerpt = lines[at + 1], caret = lines[at + 2]
        #expect(excerpt.hasPrefix("…") && excerpt.hasSuffix("…"))
        #expect(excerpt.count <= 2 * TextRenderer.context + TextRenderer.widest + 2)
        // The caret's column in the excerpt holds the node's name, as in the file.
        let column = caret.count - caret.drop { $0 == " " }.count
        #expect(caret.trimmingCharacters(in: .whitespaces) == "^~~")
        let name = excerpt.dropFirst(column).prefix(3)
        #expect(name == "n20", "\(excerpt)\n\(caret)")
        #expect(finding.range.start.line == 4)
        // A short line is shown whole, as before.
        let short = Self.lintAndRender(Self.oneLine(2), path: "line.yaml").output
        #expect(!short.contains("…"))
    }

    @Test func notesPastTheLimitBecomeOneNote() {
        let notes = (0..<50).map { DiagnosticNote("step \($0)") }
        let finding = Diagnostic(check: "x", severity: .warning, message: "m", range: span(1, 1, 1, 2), notes: notes).boundingNotes()
        #expect(finding.notes.count == 21)
        #expect(finding.notes[19].message == "step 19")
        #expect(finding.notes.last?.message == "and 30 more")
        let exactly = Diagnostic(check: "x", severity: .warning, message: "m", range: span(1, 1, 1, 2), notes: Array(notes.prefix(21)))
        #expect(exactly.boundingNotes() == exactly)
        #expect(Diagnostic.grouped(9980) == "9,980")
        #expect(Diagnostic.grouped(1_234_567) == "1,234,567")
        #expect(Diagnostic.grouped(999) == "999")
    }
}
