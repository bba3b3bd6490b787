import Foundation
import Testing

/// Issue 10: every command goes through the driver with the project's config, and hard errors
/// stay errors whatever the config or `ignore:` says.
@Suite struct DriverCommandTests {
    /// A fresh folder holding `files`, removed by the caller.
    static func folder(_ name: String, _ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-driver-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (path, text) in files { try text.write(to: url.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        return url
    }

    /// The README's flow with the misspelt `no_imput:`.
    static let acme = """
    callflow: 1
    name: acme-support
    timezone: America/New_York
    start: greeting
    schedules:
      office:
        weekly: {mon-fri: "08:00-18:00"}
    queues:
      billing: {max_wait: 8m}
    nodes:
      greeting:
        say: "Thanks for calling Acme."
        next: office-hours
      office-hours:
        hours: office
        open: main-menu
        closed: voicemail
      main-menu:
        menu: "For billing press 1. For anyone else press 0."
        options:
          "1": billing-line
          "0": operator
        no_imput: operator
        no_match: operator
      billing-line: {queue: billing, overflow: voicemail}
      operator: {transfer: "+15550100", fallback: voicemail}
      voicemail: {voicemail: general}

    """

    @Test func configCannotLowerAHardError() throws {
        let dir = try Self.folder("hard-config", ["acme.yaml": Self.acme, ".callflow.yml": "checks:\n  unknown-key: off\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let lint = try runCallflow(["lint", "acme.yaml"], in: dir)
        #expect(lint.status == 1)
        #expect(lint.stdout == """
        acme.yaml:23:5: error: unknown key 'no_imput' in menu node 'main-menu'; did you mean 'no_input'? [unknown-key]
            no_imput: operator
            ^~~~~~~~
        note: the project's config sets unknown-key to off, but it is a hard error: configuration cannot lower it
        1 file checked: 1 error, 0 warnings

        """)
        // `compile` reports the finding, not a message of the table compiler.
        let compile = try runCallflow(["compile", "acme.yaml", "-o", "acme.cft"], in: dir)
        #expect(compile.status == 1)
        #expect(compile.stdout.contains("acme.yaml:23:5: error: unknown key 'no_imput'"))
        #expect(compile.stderr == "callflow: error: acme.yaml: the flow has 1 error; fix it first\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("acme.cft").path))
        // `warning` is no lower bound either.
        try "checks:\n  unknown-key: warning\n".write(to: dir.appendingPathComponent(".callflow.yml"), atomically: true, encoding: .utf8)
        #expect(try runCallflow(["lint", "acme.yaml"], in: dir).status == 1)
    }

    @Test func ignoreCannotSilenceAHardError() throws {
        let flow = Self.acme.replacingOccurrences(of: "start: greeting\n", with: "start: greeting\nignore: [unknown-key]\n")
        let dir = try Self.folder("hard-ignore", ["acme.yaml": flow])
        defer { try? FileManager.default.removeItem(at: dir) }
        let lint = try runCallflow(["lint", "acme.yaml"], in: dir)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("acme.yaml:24:5: error: unknown key 'no_imput'"))
        #expect(lint.stdout.contains("acme.yaml:5:10: note: 'ignore: [unknown-key]' cannot silence unknown-key: it is a hard error"))
        // The entry is not also called unused.
        #expect(!lint.stdout.contains("unused-ignore"))
        let compile = try runCallflow(["compile", "acme.yaml", "-o", "acme.cft"], in: dir)
        #expect(compile.status == 1)
        #expect(compile.stderr == "callflow: error: acme.yaml: the flow has 1 error; fix it first\n")
    }

    /// A flow with a node nothing reaches (`unreachable-node`, a warning by default) and a
    /// scenario that passes.
    static let stray = """
    callflow: 1
    name: stray
    start: hello
    nodes:
      hello: {say: "Hello.", next: bye}
      bye: {hangup: true}
      stray: {hangup: true}

    """

    @Test func simulateHonoursTheConfigAsCompileDoes() throws {
        let dir = try Self.folder("simulate-config", ["stray.yaml": Self.stray, ".callflow.yml": "checks:\n  unreachable-node: error\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let compile = try runCallflow(["compile", "stray.yaml", "-o", "stray.cft"], in: dir)
        #expect(compile.status == 1)
        let simulate = try runCallflow(["simulate", "stray.yaml"], in: dir)
        #expect(simulate.status == 2)
        #expect(simulate.stdout.contains("stray.yaml:7:3: error:"))
        #expect(simulate.stdout.contains("[unreachable-node]"))
        #expect(simulate.stderr == "callflow: error: stray.yaml: the flow has 1 error; fix it first\n")
        // --config names another file; without the setting the call runs.
        try "checks: {}\n".write(to: dir.appendingPathComponent("plain.yml"), atomically: true, encoding: .utf8)
        #expect(try runCallflow(["simulate", "--config", "plain.yml", "stray.yaml"], in: dir).status == 0)
    }

    @Test func testHonoursTheConfigAsCompileDoes() throws {
        // An unreachable menu is an error by default; this project switched the check off.
        let flow = """
        callflow: 1
        name: lonely
        start: hello
        nodes:
          hello: {say: "Hello.", next: desk}
          desk: {transfer: "+15550100", fallback: bye}
          bye: {hangup: true}
          lost:
            menu: "Press 1 or 2."
            options: {"1": desk, "2": bye}
            no_input: bye
            no_match: bye

        """
        let tests = """
        flow: lonely.yaml
        tests:
          - name: reaches the desk
            expect: {transfer: "+15550100"}

        """
        let dir = try Self.folder("test-config", ["lonely.yaml": flow, "lonely.tests.yaml": tests,
                                                  ".callflow.yml": "checks:\n  unreachable-menu: off\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let compile = try runCallflow(["compile", "lonely.yaml", "-o", "lonely.cft"], in: dir)
        #expect(compile.status == 0, "\(compile.stdout)\(compile.stderr)")
        let test = try runCallflow(["test", "lonely.tests.yaml"], in: dir)
        #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
        #expect(test.stdout.contains("pass  reaches the desk"))
        // Without the config, `test` refuses the flow as `compile` does.
        try FileManager.default.removeItem(at: dir.appendingPathComponent(".callflow.yml"))
        #expect(try runCallflow(["test", "lonely.tests.yaml"], in: dir).status == 2)
        #expect(try runCallflow(["compile", "lonely.yaml", "-o", "lonely.cft"], in: dir).status == 1)
    }
}
