import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 12's crashes and silent failures, each as the command a new user ran.
@Suite struct RoughEdgeTests {
    static var flows: URL { CLIBinaryLocator.packageRoot.appendingPathComponent("flows") }
    static var helpdesk: String { flows.appendingPathComponent("helpdesk.yaml").path }

    /// A fresh folder for one test, removed by the caller.
    static func folder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-edges-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a shell command line with `$CALLFLOW` set to the built binary.
    static func shell(_ line: String, in directory: URL = CLIBinaryLocator.fixtures) throws -> CLIRun {
        try run(URL(fileURLWithPath: "/bin/bash"), ["-c", line], in: directory, environment: ["CALLFLOW": CLIBinaryLocator.binary.path])
    }

    // MARK: Write errors

    static let fullDevice = FileManager.default.fileExists(atPath: "/dev/full")

    @Test(.enabled(if: fullDevice), arguments: [
        "lint bad.yaml", "lint --format json bad.yaml", "lint --format sarif bad.yaml", "lint --format github bad.yaml",
        "lint clean.yaml", "dot clean.yaml", "dot --format mermaid clean.yaml",
        "simulate clean.yaml --events 1", "--version", "--help", "lint --help", "checks", "explain dead-end",
        "--generate-completion-script bash",
    ])
    func aFullDiskIsExitTwoWithOneLine(command: String) throws {
        let result = try Self.shell("\"$CALLFLOW\" \(command) > /dev/full")
        #expect(result.status == 2, "\(command): \(result.stderr)")
        #expect(result.stderr.hasSuffix("callflow: error: cannot write to standard output: No space left on device\n"), "\(command): \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test(.enabled(if: fullDevice)) func compileAndOutputToAFullDeviceAreExitTwoAndLeaveTheDevice() throws {
        let compile = try runCallflow(["compile", "clean.yaml", "-o", "/dev/full"])
        #expect(compile.status == 2)
        #expect(compile.stderr == "callflow: error: cannot write /dev/full: No space left on device\n")
        let lint = try runCallflow(["lint", "--format", "sarif", "--output", "/dev/full", "clean.yaml"])
        #expect(lint.status == 2)
        // The device is still a device: a file was not renamed over it.
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func aClosedPipeEndsQuietlyWithExitZero() throws {
        // 3,000 chained nodes: far more than a pipe's 64 KB of DOT, and of lint findings.
        let dir = try Self.folder("pipe")
        defer { try? FileManager.default.removeItem(at: dir) }
        var flow = "callflow: 1\nname: long\nstart: n0\nnodes:\n"
        for k in 0..<3_000 { flow += "  n\(k): {say: \"Step \(k).\", next: n\(k + 1)}\n" }
        flow += "  n3000: {hangup: true}\n"
        try flow.write(to: dir.appendingPathComponent("long.yaml"), atomically: true, encoding: .utf8)
        for command in ["dot long.yaml", "dot --format mermaid long.yaml", "lint --format sarif long.yaml"] {
            let result = try Self.shell("\"$CALLFLOW\" \(command) | head -c 100 > /dev/null; exit ${PIPESTATUS[0]}", in: dir)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(result.stderr == "", "\(command)")
        }
    }

    @Test func noForcedTryInTheSources() throws {
        let sources = CLIBinaryLocator.packageRoot.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: sources.path + "/" + relative, encoding: .utf8)
            #expect(!text.contains("try!"), "\(relative) uses try!")
        }
    }

    /// Issue 10 item 9: every target, tests included, builds on macOS as well as Linux. What only
    /// Linux has (Glibc, Foundation's Linux-only modules, /proc, epoll, SIGRTMIN, `environ`) is
    /// used only inside `#if canImport(...)` or `#if os(Linux)`, and Glibc beside a Darwin branch.
    @Test func linuxOnlyAPIsAreGuarded() throws {
        let root = CLIBinaryLocator.packageRoot
        // Names in code (string literals taken out first: "environ" is French for "about"), and
        // /proc anywhere, since it is named in strings.
        let linuxOnly = try Regex(#"\bGlibc\b|\bFoundationNetworking\b|\bFoundationXML\b|\bepoll_|\bSIGRTMIN\b|\benviron\b"#)
        let literal = try Regex(#""[^"]*""#)
        var checked = 0
        for folder in ["Sources", "Tests"] {
            let walker = try #require(FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path))
            while let relative = walker.nextObject() as? String {
                let path = folder + "/" + relative
                // This file names the APIs in its pattern.
                guard relative.hasSuffix(".swift"), !path.hasSuffix("CLITests/RoughEdgeTests.swift") else { continue }
                let text = try String(contentsOfFile: root.appendingPathComponent(path).path, encoding: .utf8)
                checked += 1
                // The conditions of the #if branches the current line is in.
                var branches: [String] = []
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") { continue }
                    if code.hasPrefix("#if ") { branches.append(String(code.dropFirst(4))); continue }
                    if code.hasPrefix("#elseif ") { branches[branches.count - 1] = String(code.dropFirst(8)); continue }
                    if code.hasPrefix("#else") { branches[branches.count - 1] = "!(" + branches[branches.count - 1] + ")"; continue }
                    if code.hasPrefix("#endif") { branches.removeLast(); continue }
                    guard code.replacing(literal, with: "\"\"").contains(linuxOnly) || code.contains("/proc/") else { continue }
                    let guarded = branches.contains { $0.hasPrefix("canImport(") || $0 == "os(Linux)" }
                    #expect(guarded, "\(path):\(index + 1): Linux-only code outside #if canImport(...) or #if os(Linux)")
                    if code.contains("Glibc") {
                        #expect(text.contains("canImport(Darwin)"), "\(path):\(index + 1): Glibc without a Darwin branch")
                    }
                }
            }
        }
        #expect(checked > 100)
    }

    /// The tests run the executables built beside them (so `--build-path` tests its own build).
    @Test func theBinariesAreFoundBesideTheTests() throws {
        let folder = try #require(ProductsFolder.url)
        #expect(CLIBinaryLocator.binary == folder.appendingPathComponent("callflow"))
    }

    // MARK: What a file is

    @Test func filesAreToldApartByContent() throws {
        let dir = try Self.folder("content")
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("t.cft").path
        #expect(try runCallflow(["compile", Self.helpdesk, "-o", table]).status == 0)
        #expect(try runCallflow(["compile", Self.helpdesk, "--json", "-o", dir.appendingPathComponent("t.json").path]).status == 0)
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: table)))
        bytes[0] = UInt8(ascii: "X")
        try Data(bytes).write(to: dir.appendingPathComponent("damaged.cft"))
        try Data().write(to: dir.appendingPathComponent("empty.cft"))

        let damaged = try runCallflow(["simulate", "damaged.cft"], in: dir)
        #expect(damaged.status == 2)
        #expect(damaged.stdout == "")
        #expect(damaged.stderr == "callflow: error: damaged.cft: not a routing table: the magic is damaged (a table starts with \"CFLT\"); compile the flow again\n")
        let empty = try runCallflow(["simulate", "empty.cft"], in: dir)
        #expect(empty.status == 2)
        #expect(empty.stderr == "callflow: error: empty.cft: the file is empty: neither a flow nor a routing table\n")
        let json = try runCallflow(["simulate", "t.json"], in: dir)
        #expect(json.status == 2)
        #expect(json.stdout == "")
        #expect(json.stderr.contains("t.json: this is the JSON rendition of a routing table"))

        let lintTable = try runCallflow(["lint", "t.cft"], in: dir)
        #expect(lintTable.status == 2)
        #expect(lintTable.stderr.contains("t.cft: this is a compiled routing table, not a flow"))
        #expect(!lintTable.stdout.contains("UTF-8"))
        let scenario = try runCallflow(["lint", "helpdesk.tests.yaml"], in: Self.flows)
        #expect(scenario.status == 2)
        #expect(scenario.stderr == "callflow: error: helpdesk.tests.yaml: this is a scenario file, not a flow; run `callflow test helpdesk.tests.yaml`\n")
        #expect(scenario.stdout == "")
    }

    @Test func contentKinds() {
        #expect(FileContent.of([]) == .empty)
        #expect(FileContent.of(Array(" \n\t".utf8)) == .empty)
        #expect(FileContent.of(Array("CFLT".utf8) + [1, 0]) == .table)
        #expect(FileContent.of(Array("callflow: 1\n".utf8)) == .text)
        #expect(FileContent.of(Array("{\"format\": \"CFLT\", \"nodes\": []}".utf8)) == .jsonTable)
        #expect(FileContent.of(Array("{callflow: 1, name: x}".utf8)) == .text)
        #expect(FileContent.of([0x58, 0x46, 0x4C, 0x54, 1, 0, 0, 0]) == .damagedTable)
        #expect(FileContent.of([0x00, 0x01, 0x02, 0x03, 9, 9]) == .binary)
        #expect(FileContent.of([0x00, 0x01], path: "x.cft") == .damagedTable)
    }

    // MARK: Nothing found is no pass

    @Test func lintAndTestOfAFolderWithNothingInItAreExitTwo() throws {
        let dir = try Self.folder("empty")
        defer { try? FileManager.default.removeItem(at: dir) }
        let lint = try runCallflow(["lint", "."], in: dir)
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("callflow: error: no flow file found in ."))
        #expect(try runCallflow(["lint", "--allow-empty", "."], in: dir).status == 0)
        let test = try runCallflow(["test", "."], in: dir)
        #expect(test.status == 2)
        #expect(test.stderr.contains("callflow: error: no scenario file found in ."))
        #expect(try runCallflow(["test", "--allow-empty", "."], in: dir).status == 0)
        // pre-commit names only staged YAML files; a commit with no flow in it passes.
        let hook = try String(contentsOf: CLIBinaryLocator.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(hook.contains("entry: callflow lint --skip-non-flows --allow-empty"))
    }

    @Test func testDoesNotWalkHiddenFolders() throws {
        let dir = try Self.folder("hidden")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".build/checkouts"), withIntermediateDirectories: true)
        try "flow: nowhere.yaml\ntests: [1]\n".write(to: dir.appendingPathComponent(".build/checkouts/x.tests.yaml"), atomically: true, encoding: .utf8)
        #expect(try ScenarioRunner.find([dir.path]) == [])
        let result = try runCallflow(["test", "."], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("no scenario file found"))
    }

    // MARK: Special files (issue 18)

    @Test func fifoDeviceAndLoopingLinkAreErrorsAndNotCounted() throws {
        let dir = try Self.folder("special")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: CLIBinaryLocator.fixtures.appendingPathComponent("clean.yaml"), to: dir.appendingPathComponent("clean.yaml"))
        #expect(mkfifo(dir.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("zero.yaml").path, withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop.yaml").path, withDestinationPath: "loop.yaml")

        // In a folder: only the regular file counts (the loop is no file either).
        let folder = try runCallflow(["lint", "."], in: dir)
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stdout == "1 file checked: 0 errors, 0 warnings\n")

        let fifo = try runCallflow(["lint", "pipe.yaml"], in: dir)
        #expect(fifo.status == 2)
        #expect(fifo.stderr == "callflow: error: pipe.yaml: not a regular file (a device, pipe or socket cannot be read as a flow)\n")
        #expect(fifo.stdout == "")
        let zero = try runCallflow(["lint", "/dev/zero", "clean.yaml"], in: dir)
        #expect(zero.status == 2)
        #expect(zero.stdout == "1 file checked: 0 errors, 0 warnings\n")
        let loop = try runCallflow(["lint", "loop.yaml"], in: dir)
        #expect(loop.status == 2)
        #expect(loop.stderr == "callflow: error: loop.yaml: the symbolic links loop (too many levels of symbolic links)\n")
    }

    @Test(arguments: [["lint", "nope.yaml"], ["dot", "nope.yaml"], ["simulate", "nope.yaml"], ["test", "nope.yaml"],
                      ["compile", "nope.yaml", "-o", "/tmp/callflow-never-written"]])
    func oneWordingForAMissingFile(arguments: [String]) throws {
        let result = try runCallflow(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == "callflow: error: nope.yaml: no such file or folder\n", "\(arguments)")
    }

    @Test func compilePrintsTheFlowsWarnings() throws {
        let dir = try Self.folder("warnings")
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        callflow: 1
        name: w
        start: main
        nodes:
          main:
            menu: "For sales press 1. For help press 9."
            options: {"1": box, "2": box}
            fallback: box
          box: {voicemail: general}
        """.write(to: dir.appendingPathComponent("w.yaml"), atomically: true, encoding: .utf8)
        let result = try runCallflow(["compile", "w.yaml", "-o", "w.cft"], in: dir)
        #expect(result.status == 0)
        #expect(result.stderr.contains("w.yaml:6:46: warning: the prompt of menu 'main' says 'press 9'"), "\(result.stderr)")
        #expect(result.stderr.contains("1 file checked: 0 errors, 2 warnings"))
        #expect(result.stderr.hasSuffix("w.cft: 2 nodes\n"))
    }

    // MARK: simulate

    @Test func simulateStillWaitingIsExitOne() throws {
        let result = try runCallflow(["simulate", Self.helpdesk, "--at", "2026-11-24T10:00"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("problem: the call is still waiting at lookup 'account-lookup'"))
    }

    @Test func simulateEventTyposSuggestAndListTheWords() throws {
        let result = try runCallflow(["simulate", Self.helpdesk, "--events", "1,noinput"])
        #expect(result.status == 2)
        #expect(result.stderr == "callflow: error: --events: unknown event 'noinput'; did you mean 'no_input'? (events: \(SimulatedEvent.grammar))\n")
    }

    @Test func builtInContextVariables() throws {
        let refused = try runCallflow(["simulate", Self.helpdesk, "--context", "call.failures=3"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("'call.failures' is kept by the runtime"))
        // The call's own numbers may be given, whether the flow reads them or not.
        let clinic = Self.flows.appendingPathComponent("riverside-clinic.yaml").path
        let given = try runCallflow(["simulate", clinic, "--at", "2026-11-24T10:00", "--context", "caller.number=+15551234567",
                                     "--context", "call.dialed=+15550100", "--events", "2"])
        #expect(given.status == 0, "\(given.stdout)\(given.stderr)")
    }

    // MARK: Scenario files

    @Test func aBadTestFailsThatTestOnlyAndEveryMistakeIsReported() throws {
        let dir = try Self.folder("scenario")
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        flow: \(Self.flows.appendingPathComponent("riverside-clinic.yaml").path)
        tests:
          - name: good
            at: "2026-11-24T10:00"
            events: ["2"]
            expect: {voicemail: refills}
          - name: typo in an event
            at: "2026-11-24T10:00"
            events: [noinput]
            expect: {voicemail: refills}
          - name: typo in a key
            at: "2026-11-24T10:00"
            evnets: ["3"]
            expect: {voicemial: refills}
          - name: a built-in the runtime keeps
            at: "2026-11-24T10:00"
            context: {call.failures: 3}
            expect: {hangup: true}
        """.write(to: dir.appendingPathComponent("s.tests.yaml"), atomically: true, encoding: .utf8)
        let result = try runCallflow(["test", "s.tests.yaml"], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("s.tests.yaml:9:14: error: unknown event 'noinput'; did you mean 'no_input'?"))
        #expect(result.stdout.contains("s.tests.yaml:13:5: error: unknown key 'evnets' in a test; did you mean 'events'?"))
        #expect(result.stdout.contains("s.tests.yaml:14:13: error: `expect` is one of"))
        #expect(result.stdout.contains("did you mean 'voicemail'?"))
        #expect(result.stdout.contains("s.tests.yaml:17:15: error: 'call.failures' is kept by the runtime"))
        #expect(result.stdout.contains("  pass  good\n"))
        #expect(result.stdout.contains("  FAIL  typo in an event"))
        #expect(result.stdout.hasSuffix("4 scenarios in 1 file: 1 passed, 3 failed\n"))
    }

    @Test func scenarioFindingsInEveryFormat() throws {
        let dir = try Self.folder("formats")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "flow: \(Self.helpdesk)\ntests:\n  - name: t\n    at: \"2026-11-24T10:00\"\n    evnets: [\"1\"]\n    expect: {hangup: true}\n"
            .write(to: dir.appendingPathComponent("s.tests.yaml"), atomically: true, encoding: .utf8)
        let json = try runCallflow(["test", "--format", "json", "s.tests.yaml"], in: dir)
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.first?["check"] as? String == "unknown-key")
        #expect(findings.first?["line"] as? Int == 5)
        #expect(json.stderr.contains("FAIL  t"))
        let sarif = try runCallflow(["test", "--format", "sarif", "s.tests.yaml"], in: dir)
        #expect(sarif.stdout.contains("\"ruleId\": \"unknown-key\""))
        let github = try runCallflow(["test", "--format", "github", "s.tests.yaml"], in: dir)
        #expect(github.stdout.hasPrefix("::error file=s.tests.yaml,line=5,col=5"))
        let file = dir.appendingPathComponent("out.sarif").path
        let written = try runCallflow(["test", "--format", "sarif", "--output", file, "s.tests.yaml"], in: dir)
        #expect(written.stdout.contains("FAIL  t"))
        #expect(FileManager.default.contents(atPath: file).map { String(decoding: $0, as: UTF8.self).contains("unknown-key") } == true)
    }

    @Test func atIsNeededOnlyWhenTheFlowHasSchedules() throws {
        let dir = try Self.folder("at")
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        callflow: 1
        name: plain
        start: hello
        nodes:
          hello: {say: "Hello.", next: bye}
          bye: {hangup: true}
        """.write(to: dir.appendingPathComponent("plain.yaml"), atomically: true, encoding: .utf8)
        try "flow: plain.yaml\ntests:\n  - name: no time needed\n    expect: {hangup: true}\n"
            .write(to: dir.appendingPathComponent("plain.tests.yaml"), atomically: true, encoding: .utf8)
        let plain = try runCallflow(["test", "plain.tests.yaml"], in: dir)
        #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")

        try "flow: \(Self.helpdesk)\ntests:\n  - name: time needed\n    events: [\"1\"]\n    expect: {hangup: true}\n"
            .write(to: dir.appendingPathComponent("timed.tests.yaml"), atomically: true, encoding: .utf8)
        let timed = try runCallflow(["test", "timed.tests.yaml"], in: dir)
        #expect(timed.status == 1)
        #expect(timed.stdout.contains("the flow has schedules, so the time decides the route: give the test `at: YYYY-MM-DDTHH:MM`"))
        // The schema agrees: `at` is not required.
        let schema = try String(contentsOf: CLIBinaryLocator.packageRoot.appendingPathComponent("grammar/scenario.schema.json"), encoding: .utf8)
        #expect(!schema.contains("\"required\": [\"name\", \"at\""))
    }

    @Test func scenarioAndSimulateShareTheEventWords() throws {
        // Every word simulate takes is an event of a scenario file too.
        for word in SimulatedEvent.words + ["1", "1234#", "speech:billing", "wait:5m", "wait:5m/3"] {
            let source = SourceFile(path: "s.tests.yaml", text: "flow: f.yaml\ntests:\n  - name: t\n    at: \"2026-11-24T10:00\"\n    events: [\"\(word)\"]\n    expect: {hangup: true}\n")
            let loaded = ScenarioFile.parse(source)
            #expect(loaded.diagnostics.isEmpty, "\(word): \(loaded.diagnostics.map(\.message))")
            #expect(loaded.file?.scenarios.first?.events == [SimulatedEvent(word: word)!])
        }
    }
}
