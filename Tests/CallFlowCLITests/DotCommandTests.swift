import Foundation
import Testing

/// End to end: `callflow dot` on the example flows (golden files), `--format mermaid`,
/// `--render`, and Graphviz rendering every golden file without a warning.
///
/// The golden files are Fixtures/dot/NAME.dot (and NAME.mmd for Mermaid), one per example flow.
/// After a deliberate change to the pictures, regenerate them from the package root with
///
///     swift build
///     for flow in flows/helpdesk.yaml flows/riverside-clinic.yaml flows/retail/northwind-retail.yaml flows/vet-hospital.yaml; do
///         name=$(basename "$flow" .yaml)
///         .build/debug/callflow dot "$flow" -o "Tests/CallFlowCLITests/Fixtures/dot/$name.dot"
///         .build/debug/callflow dot --format mermaid "$flow" -o "Tests/CallFlowCLITests/Fixtures/dot/$name.mmd"
///     done
///
/// and review the diff (render one: `dot -Tsvg Tests/CallFlowCLITests/Fixtures/dot/helpdesk.dot`).
@Suite struct DotCommandTests {
    static let exampleFlows = ["flows/helpdesk.yaml", "flows/riverside-clinic.yaml", "flows/retail/northwind-retail.yaml", "flows/vet-hospital.yaml"]

    static var goldenFolder: URL { CLIBinaryLocator.fixtures.appendingPathComponent("dot") }

    static func golden(_ flow: String, _ ext: String) throws -> String {
        let name = URL(fileURLWithPath: flow).deletingPathExtension().lastPathComponent
        return try String(contentsOf: goldenFolder.appendingPathComponent("\(name).\(ext)"), encoding: .utf8)
    }

    /// `dot` on the PATH, if any.
    static var graphviz: URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("dot") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test(arguments: DotCommandTests.exampleFlows)
    func dotMatchesGolden(flow: String) throws {
        let result = try runCallflow(["dot", flow], in: CLIBinaryLocator.packageRoot)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == (try Self.golden(flow, "dot")), "regenerate the golden files as this file's comment says if the change is meant")
    }

    @Test(arguments: DotCommandTests.exampleFlows)
    func mermaidMatchesGolden(flow: String) throws {
        let result = try runCallflow(["dot", "--format", "mermaid", flow], in: CLIBinaryLocator.packageRoot)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == (try Self.golden(flow, "mmd")))
    }

    /// Issue 14: a critical option's edge and a critical rule's edge are drawn thick and say so.
    @Test func criticalOptionsAndRulesAreMarked() throws {
        let dot = try runCallflow(["dot", "flows/vet-hospital.yaml"], in: CLIBinaryLocator.packageRoot).stdout
        let option = try #require(dot.split(separator: "\n").first { $0.contains("\"main-menu\" -> \"triage-line\"") })
        #expect(option.contains("label=\"9 (critical)\""))
        #expect(option.contains("style=bold") && option.contains("penwidth=3"))
        let rule = try #require(dot.split(separator: "\n").first { $0.contains("\"@request\" -> \"triage-line\"") })
        #expect(rule.contains("style=\"dashed,bold\"") && rule.contains("penwidth=3"))
        // An ordinary option is not marked.
        let plain = try #require(dot.split(separator: "\n").first { $0.contains("\"main-menu\" -> \"client-entry\"") })
        #expect(!plain.contains("critical") && !plain.contains("penwidth"))
        let mermaid = try runCallflow(["dot", "--format", "mermaid", "flows/vet-hospital.yaml"], in: CLIBinaryLocator.packageRoot).stdout
        #expect(mermaid.contains("==>|\"9 (critical)\"|"))
    }

    @Test func outputFileIsTheSameBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-dot-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("helpdesk.dot").path
        let result = try runCallflow(["dot", "flows/helpdesk.yaml", "-o", target], in: CLIBinaryLocator.packageRoot)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == (try Self.golden("flows/helpdesk.yaml", "dot")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["helpdesk.dot"])
    }

    @Test func aFlowWithErrorsIsNotDrawn() throws {
        let result = try runCallflow(["dot", "bad.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("bad.yaml:7:5: error: unknown key 'nxet' in say node 'greeting'; did you mean 'next'? [unknown-key]"))
        #expect(result.stderr.hasSuffix("callflow: error: bad.yaml has 3 errors; fix them (see `callflow lint bad.yaml`) and draw it again\n"))
    }

    @Test func unreadableFlowAndBadArguments() throws {
        let missing = try runCallflow(["dot", "no-such-flow.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stdout == "")
        let mermaidRender = try runCallflow(["dot", "--format", "mermaid", "--render", "svg", "clean.yaml"])
        #expect(mermaidRender.status == 2)
        #expect(mermaidRender.stderr.contains("--render draws the DOT picture with Graphviz"))
        let badFormat = try runCallflow(["dot", "--format", "png", "clean.yaml"])
        #expect(badFormat.status == 2)
    }

    @Test func renderWithoutGraphvizIsExitTwo() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-empty-path-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try runCallflow(["dot", "--render", "svg", "clean.yaml"], environment: ["PATH": empty.path])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("callflow: error: --render needs Graphviz's `dot` on the PATH, and there is none;"))
    }

    /// CI installs Graphviz (.ci/run); elsewhere this runs only when `dot` is on the PATH.
    @Test(.enabled(if: DotCommandTests.graphviz != nil, "Graphviz's dot is not on the PATH"), arguments: DotCommandTests.exampleFlows)
    func graphvizRendersEveryExampleWithoutWarnings(flow: String) throws {
        let dot = try #require(Self.graphviz)
        let name = URL(fileURLWithPath: flow).deletingPathExtension().lastPathComponent
        let golden = Self.goldenFolder.appendingPathComponent("\(name).dot").path
        let rendered = try run(dot, ["-Tsvg", golden], in: CLIBinaryLocator.packageRoot)
        #expect(rendered.status == 0)
        #expect(rendered.stderr == "", "Graphviz warned on \(name).dot")
        #expect(rendered.stdout.contains("<svg"))

        // And through the command: --render svg gives the same warning-free SVG.
        let viaCommand = try runCallflow(["dot", "--render", "svg", flow], in: CLIBinaryLocator.packageRoot)
        #expect(viaCommand.status == 0)
        #expect(viaCommand.stderr == "")
        #expect(viaCommand.stdout.hasPrefix("<?xml"))
        #expect(viaCommand.stdout.contains("</svg>"))
    }

    @Test(.enabled(if: DotCommandTests.graphviz != nil, "Graphviz's dot is not on the PATH"))
    func graphvizRendersEscapedPromptsWithoutWarnings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-dot-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"""
        callflow: 1
        name: tricky
        start: start
        nodes:
          start:
            say: "Say \"yes\" \\ or <no> & &amp; \\l \\N\nnext line"
            next: bye
          bye: {hangup: "<b>bye</b>"}

        """#.utf8).write(to: folder.appendingPathComponent("tricky.yaml"))
        let result = try runCallflow(["dot", "--render", "svg", "tricky.yaml", "-o", "tricky.svg"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let svg = try String(contentsOf: folder.appendingPathComponent("tricky.svg"), encoding: .utf8)
        // The text shows literally: XML-escaped once by Graphviz, never decoded as entities.
        #expect(svg.contains("say: Say &quot;yes&quot; \\ or &lt;no&gt; &amp; &amp;amp; \\l \\N next…")
                || svg.contains("say: Say &quot;yes&quot; \\ or &lt;no&gt; &amp; &amp;amp; \\l…"))
        #expect(svg.contains("hangup: &lt;b&gt;bye&lt;/b&gt;"))
    }
}
