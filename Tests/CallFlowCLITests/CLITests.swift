import Foundation
import Testing
@testable import CallFlowCompiler

/// End to end: the built `callflow` binary on the fixture files in Fixtures/.
@Suite struct CLILintTests {
    @Test func badFlowWholeOutput() throws {
        let result = try runCallflow(["lint", "bad.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == CLICIFormatTests.badText)
    }

    @Test func cleanFlowWholeOutput() throws {
        let result = try runCallflow(["lint", "clean.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout == "1 file checked: 0 errors, 0 warnings\n")
        #expect(result.stderr == "")
    }

    @Test func jsonFormat() throws {
        let result = try runCallflow(["lint", "--format", "json", "bad.yaml", "clean.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout == """
        {"version": 1,
         "findings": [{"check": "unknown-key", "severity": "error", "message": "unknown key 'nxet' in say node 'greeting'; did you mean 'next'?", "file": "bad.yaml", "line": 7, "column": 5, "notes": []},
                      {"check": "invalid-value", "severity": "error", "message": "transfer target '555-0100' is neither an E.164 number (+ and 2-15 digits, like +15550100) nor a sip: URI", "file": "bad.yaml", "line": 8, "column": 20, "notes": []},
                      {"check": "duplicate-key", "severity": "error", "message": "key 'mailbox' appears twice in this mapping; remove or rename one (YAML would silently keep only one)", "file": "bad.yaml", "line": 10, "column": 3, "notes": [{"message": "first 'mailbox' is here", "file": "bad.yaml", "line": 9, "column": 3}]}],
         "summary": {"files": 2, "errors": 3, "warnings": 0}}

        """)
        let clean = try runCallflow(["lint", "--format", "json", "clean.yaml"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "{\"version\": 1,\n \"findings\": [],\n \"summary\": {\"files\": 1, \"errors\": 0, \"warnings\": 0}}\n")
    }

    @Test func strict() throws {
        // No check emits warnings on these files: --strict changes nothing here.
        let clean = try runCallflow(["lint", "--strict", "clean.yaml"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "1 file checked: 0 errors, 0 warnings\n")
        #expect(try runCallflow(["lint", "--strict", "bad.yaml"]).status == 1)
    }

    @Test func directoryRecursionTakesOnlyFlowFiles() throws {
        // tree/ also holds an include file, a file whose `callflow:` is nested, a .txt file and a
        // hidden folder; only one.yaml and sub/two.yml are flows.
        let result = try runCallflow(["lint", "tree"])
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == """
        tree/sub/two.yml:5:32: error: no node is named 'mailbx'; did you mean 'mailbox'? [undefined-reference]
          greeting: {say: "Hi.", next: mailbx}
                                       ^~~~~~
        2 files checked: 1 error, 0 warnings

        """)
        let json = try runCallflow(["lint", "--format", "json", "tree/"])
        #expect(json.stdout.contains("\"file\": \"tree/sub/two.yml\""))
        #expect(json.stdout.hasSuffix("\"summary\": {\"files\": 2, \"errors\": 1, \"warnings\": 0}}\n"))
    }

    @Test func aFileNamedIsAlwaysLinted() throws {
        // Named directly, an include file is linted as a flow (and is not one).
        let result = try runCallflow(["lint", "tree/sub/shared.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("tree/sub/shared.yaml:2:1: error: the flow has no 'callflow'; it is required [invalid-value]\n"))
    }

    @Test func missingFileExitsTwo() throws {
        let result = try runCallflow(["lint", "nope.yaml"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "callflow: error: nope.yaml: no such file or folder\n")
    }

    @Test(arguments: [
        ["lint"],
        ["lint", "--format", "xml", "clean.yaml"],
        ["lint", "--bogus", "clean.yaml"],
        ["frobnicate"],
        ["explain"],
    ])
    func badArgumentsExitTwo(arguments: [String]) throws {
        let result = try runCallflow(arguments)
        #expect(result.status == 2, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Error:") || result.stderr.contains("error:"))
    }

    @Test func noEscapeCodesWhenNotATerminalOrWithNoColor() throws {
        let piped = try runCallflow(["lint", "bad.yaml"])
        #expect(!piped.stdout.contains("\u{1B}"))
        let noColor = try runCallflow(["lint", "bad.yaml"], environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}"))
        #expect(noColor.stdout == piped.stdout)
    }

    /// util-linux's `script` (`-qec`); macOS's BSD `script` takes other arguments.
    static let linuxScript: Bool = {
        #if os(Linux)
        return FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
        #else
        return false
        #endif
    }()

    /// On a terminal (a pseudo-terminal made by `script`), colour is on unless NO_COLOR is set.
    @Test(.enabled(if: linuxScript))
    func colourOnlyOnATerminalWithoutNoColor() throws {
        let command = "'\(CLIBinaryLocator.binary.path)' lint bad.yaml"
        let script = URL(fileURLWithPath: "/usr/bin/script")
        let terminal = try run(script, ["-qec", command, "/dev/null"], in: CLIBinaryLocator.fixtures)
        #expect(terminal.status == 1)
        #expect(terminal.stdout.contains("\u{1B}[1;31merror:\u{1B}[0m"))
        let noColor = try run(script, ["-qec", command, "/dev/null"], in: CLIBinaryLocator.fixtures, environment: ["NO_COLOR": "1"])
        #expect(noColor.status == 1)
        #expect(noColor.stdout.contains("error:"))
        #expect(!noColor.stdout.contains("\u{1B}"))
    }
}

@Suite struct CLIInformationTests {
    @Test func version() throws {
        let result = try runCallflow(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == CallFlowVersion.current + "\n")
        #expect(result.stdout == "0.1.0\n")
    }

    @Test func explainYAMLSyntax() throws {
        let result = try runCallflow(["explain", "yaml-syntax"])
        #expect(result.status == 0)
        #expect(result.stdout == CheckExplanation.text(.yamlSyntax))
        #expect(result.stdout.hasPrefix("yaml-syntax (default severity: error)\nYAML that libyaml rejects"))
        #expect(result.stdout.contains("Fails:\n\n    callflow: 1\n    name: broken\n"))
        #expect(result.stdout.contains("Passes:\n\n    callflow: 1\n    name: fixed\n"))
    }

    @Test func explainUnknownCheckSuggests() throws {
        let result = try runCallflow(["explain", "yaml-sintax"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("no check is named 'yaml-sintax'; did you mean 'yaml-syntax'?"))
    }

    @Test func checksListsEveryCheck() throws {
        let result = try runCallflow(["checks"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == CheckRegistry.all.count)
        for (line, check) in zip(lines, CheckRegistry.all) {
            #expect(line.hasPrefix(check.id + " "), "line '\(line)' should list \(check.id)")
            #expect(line.contains("  \(check.severity.rawValue)  "))
            #expect(line.hasSuffix(check.summary))
        }
        for id in ["yaml-syntax", "input-limit", "duplicate-key", "unknown-key", "invalid-value",
                   "undefined-reference", "invalid-schedule"] {
            #expect(lines.contains { $0.hasPrefix(id + " ") }, "\(id) is not listed")
        }
    }
}
