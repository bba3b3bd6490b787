import Foundation
import Testing
@testable import CallFlowCompiler

/// End to end: `--format sarif`, `--format github` and `--output` on the fixture files.
@Suite struct CLICIFormatTests {
    /// A fresh folder under the system's temporary directory.
    struct Scratch {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-cli-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        var path: String { url.path }
        func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }
        func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static let badText = """
    bad.yaml:7:5: error: unknown key 'nxet' in say node 'greeting'; did you mean 'next'? [unknown-key]
        nxet: desk
        ^~~~
    bad.yaml:8:20: error: transfer target '555-0100' is neither an E.164 number (+ and 2-15 digits, like +15550100) nor a sip: URI [invalid-value]
      desk: {transfer: "555-0100", fallback: mailbox}
                       ^~~~~~~~~~
    bad.yaml:10:3: error: key 'mailbox' appears twice in this mapping; remove or rename one (YAML would silently keep only one) [duplicate-key]
      mailbox: {voicemail: sales}
      ^~~~~~~
    bad.yaml:9:3: note: first 'mailbox' is here
      mailbox: {voicemail: general}
      ^~~~~~~
    1 file checked: 3 errors, 0 warnings

    """

    static func results(_ sarif: String) throws -> [[String: Any]] {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        return try #require(run["results"] as? [[String: Any]])
    }

    static func uri(_ result: [String: Any]) -> String? {
        ((((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
    }

    @Test func sarif() throws {
        let result = try runCallflow(["lint", "--format", "sarif", "bad.yaml", "clean.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr == "")
        let results = try Self.results(result.stdout)
        #expect(results.map { $0["ruleId"] as? String } == ["unknown-key", "invalid-value", "duplicate-key"])
        #expect(results.map(Self.uri) == ["bad.yaml", "bad.yaml", "bad.yaml"])
        #expect(result.stdout.contains("\"uri\": \"file://\(CLIBinaryLocator.fixtures.path)/\""))
        // The same run twice gives the same bytes.
        #expect(try runCallflow(["lint", "--format", "sarif", "bad.yaml", "clean.yaml"]).stdout == result.stdout)

        let clean = try runCallflow(["lint", "--format", "sarif", "clean.yaml"])
        #expect(clean.status == 0)
        #expect(try Self.results(clean.stdout).isEmpty)
    }

    @Test func sarifPathsInSubfolders() throws {
        let result = try runCallflow(["lint", "--format", "sarif", "./tree/"])
        #expect(result.status == 1)
        #expect(try Self.results(result.stdout).map(Self.uri) == ["tree/sub/two.yml"])
    }

    @Test func github() throws {
        let result = try runCallflow(["lint", "--format", "github", "bad.yaml", "clean.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == """
        ::error file=bad.yaml,line=7,col=5,endLine=7,endColumn=8,title=unknown-key::unknown key 'nxet' in say node 'greeting'; did you mean 'next'?
        ::error file=bad.yaml,line=8,col=20,endLine=8,endColumn=29,title=invalid-value::transfer target '555-0100' is neither an E.164 number (+ and 2-15 digits, like +15550100) nor a sip: URI
        ::error file=bad.yaml,line=10,col=3,endLine=10,endColumn=9,title=duplicate-key::key 'mailbox' appears twice in this mapping; remove or rename one (YAML would silently keep only one)%0Abad.yaml:9:3: note: first 'mailbox' is here

        """)
        let clean = try runCallflow(["lint", "--format", "github", "clean.yaml"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "")
        #expect(try runCallflow(["lint", "--format", "github", "--strict", "clean.yaml"]).status == 0)
    }

    @Test func exitStatusesDoNotDependOnTheFormat() throws {
        for format in ["text", "json", "sarif", "github"] {
            #expect(try runCallflow(["lint", "--format", format, "bad.yaml"]).status == 1, "\(format)")
            #expect(try runCallflow(["lint", "--format", format, "clean.yaml"]).status == 0, "\(format)")
            let missing = try runCallflow(["lint", "--format", format, "nope.yaml"])
            #expect(missing.status == 2, "\(format)")
            #expect(missing.stderr == "callflow: error: nope.yaml: no such file or folder\n", "\(format)")
            if format == "sarif" || format == "json" {
                // A document is still written, so a CI step reading it does not fail on a missing file.
                #expect((try? JSONSerialization.jsonObject(with: Data(missing.stdout.utf8))) != nil, "\(format)")
            } else {
                #expect(missing.stdout == "", "\(format)")
            }
        }
    }

    @Test func outputWritesTheFormatToTheFileAndTheTextReportToStdout() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path + "/callflow.sarif"
        let result = try runCallflow(["lint", "--format", "sarif", "--output", file, "bad.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == Self.badText)
        #expect(try scratch.read("callflow.sarif") == runCallflow(["lint", "--format", "sarif", "bad.yaml"]).stdout)
        #expect(try scratch.contents() == ["callflow.sarif"])
    }

    @Test func outputReplacesAnOldFileAndKeepsExitStatuses() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path + "/report.json"
        try Data("stale".utf8).write(to: URL(fileURLWithPath: file))
        let clean = try runCallflow(["lint", "--format", "json", "-o", file, "clean.yaml"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "1 file checked: 0 errors, 0 warnings\n")
        #expect(try scratch.read("report.json") == "{\"version\": 1,\n \"findings\": [],\n \"summary\": {\"files\": 1, \"errors\": 0, \"warnings\": 0}}\n")
        let github = try runCallflow(["lint", "--format", "github", "--output", file, "bad.yaml"])
        #expect(github.status == 1)
        #expect(try scratch.read("report.json").hasPrefix("::error file=bad.yaml,line=7,"))
        // Text into a file has no colour even when stdout is a terminal.
        let text = try runCallflow(["lint", "--output", file, "bad.yaml"])
        #expect(text.status == 1)
        #expect(try scratch.read("report.json") == Self.badText)
        #expect(try scratch.contents() == ["report.json"])
    }

    @Test func outputRelativeToTheCurrentFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.copyItem(atPath: CLIBinaryLocator.fixtures.path + "/bad.yaml", toPath: scratch.path + "/bad.yaml")
        let result = try runCallflow(["lint", "--format", "sarif", "--output", "out.sarif", "bad.yaml"], in: scratch.url)
        #expect(result.status == 1)
        #expect(try Self.results(scratch.read("out.sarif")).map(Self.uri) == ["bad.yaml", "bad.yaml", "bad.yaml"])
        #expect(try scratch.contents() == ["bad.yaml", "out.sarif"])
    }

    @Test func anOutputThatCannotBeWrittenExitsTwoAndLeavesNothing() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let missing = scratch.path + "/no-such-folder/out.sarif"
        let result = try runCallflow(["lint", "--format", "sarif", "--output", missing, "clean.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr == "callflow: error: cannot write \(missing): No such file or directory\n")
        #expect(try scratch.contents() == [])

        // A folder where the file should go: the rename fails, the temporary file is removed.
        try FileManager.default.createDirectory(atPath: scratch.path + "/out.sarif", withIntermediateDirectories: false)
        let blocked = try runCallflow(["lint", "--format", "sarif", "--output", scratch.path + "/out.sarif", "bad.yaml"])
        #expect(blocked.status == 2)
        #expect(blocked.stderr.hasPrefix("callflow: error: cannot write \(scratch.path)/out.sarif: "))
        #expect(blocked.stdout == Self.badText)
        #expect(try scratch.contents() == ["out.sarif"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/out.sarif") == [])
    }
}

/// `--skip-non-flows`: named files judged as a folder search judges them (pre-commit's case).
@Suite struct SkipNonFlowsTests {
    @Test func namedNonFlowFilesAreSkippedOnlyWithTheFlag() throws {
        let include = "tree/sub/shared.yaml"
        let plain = try runCallflow(["lint", include])
        #expect(plain.status == 1, "an include file named directly is linted as a flow: \(plain.stdout)")
        let skipped = try runCallflow(["lint", "--skip-non-flows", include, "clean.yaml"])
        #expect(skipped.status == 0, "\(skipped.stdout)\(skipped.stderr)")
        #expect(skipped.stdout.hasSuffix("1 file checked: 0 errors, 0 warnings\n"), "\(skipped.stdout)")
    }
}
