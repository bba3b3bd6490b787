import Foundation
import Testing
@testable import CallFlowCompiler

/// `compile`, `simulate` and `test` on the example flows and on broken inputs.
@Suite struct TableCommandTests {
    static var flows: URL { CLIBinaryLocator.packageRoot.appendingPathComponent("flows") }

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("callflow-\(getpid())-\(name)").path
    }

    @Test func compileWritesTheSameBytesAndSimulateRunsThem() throws {
        let a = Self.temporary("a.cflt"), b = Self.temporary("b.cflt")
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let flow = Self.flows.appendingPathComponent("helpdesk.yaml").path
        #expect(try runCallflow(["compile", flow, "-o", a]).status == 0)
        #expect(try runCallflow(["compile", flow, "-o", b]).status == 0)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        let run = try runCallflow(["simulate", a, "--at", "2026-11-24T10:00", "--context", "caller.tier=platinum", "--events", "wait:4m/2"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("rule 'platinum-waiting' (at: queue), priority 100"))
        #expect(run.stdout.hasSuffix("ends at {transfer: \"+491705550123\"}\n"))
        // The call still waits at the menu after the events: a simulation that did not finish is exit 1.
        let json = try runCallflow(["simulate", flow, "--at", "2026-11-24T10:00", "--events", "found,9", "--json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"why\" : \"failure 1: replay the prompt\""))
    }

    /// `--language` plays the call in that language: its recording, its menu.
    @Test func simulateInAnotherLanguage() throws {
        let flow = Self.flows.appendingPathComponent("riverside-clinic.yaml").path
        let spanish = try runCallflow(["simulate", flow, "--at", "2026-11-24T10:00", "--language", "es-US", "--events", "1"])
        #expect(spanish.status == 0)
        #expect(spanish.stdout.contains("say play https://cdn.riverside-clinic.example/ivr/greeting-es.wav \"Gracias por llamar"))
        #expect(spanish.stdout.contains("gather 1 key, 7s: \"Para hacer o cambiar una cita, oprima 1."))
        let unknown = try runCallflow(["simulate", flow, "--at", "2026-11-24T10:00", "--language", "fr-FR", "--events", "1"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("'fr-FR' is not a value of 'call.language' (one of en-US, es-US)") || unknown.stdout.contains("'fr-FR' is not a value of 'call.language'"))
    }

    @Test func compileRefusesAFlowWithErrors() throws {
        let out = Self.temporary("bad.cflt")
        let result = try runCallflow(["compile", "bad.yaml", "-o", out])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[unknown-key]"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func damagedTableIsExitTwo() throws {
        let path = Self.temporary("damaged.cflt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try runCallflow(["compile", Self.flows.appendingPathComponent("helpdesk.yaml").path, "-o", path]).status == 0)
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        bytes[bytes.count / 2] ^= 0x40
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let result = try runCallflow(["simulate", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("checksum mismatch"))
    }

    @Test func scenarioTestsPassAndFailuresShowThePath() throws {
        let pass = try runCallflow(["test", Self.flows.path])
        #expect(pass.status == 0)
        #expect(pass.stdout.contains("0 failed"))

        let dir = Self.temporary("scenarios")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let flow = Self.flows.appendingPathComponent("riverside-clinic.yaml").path
        try """
        flow: \(flow)
        tests:
          - name: wrong on purpose
            at: "2026-11-24T10:00"
            events: ["2"]
            expect: {queue: front-desk}
        """.write(toFile: dir + "/wrong.tests.yaml", atomically: true, encoding: .utf8)
        let fail = try runCallflow(["test", dir + "/wrong.tests.yaml"])
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("expected: {queue: \"front-desk\"}"))
        #expect(fail.stdout.contains("actual:   {voicemail: \"refills\"}"))
        #expect(fail.stdout.contains("path taken:    [welcome, office-hours, main-menu, refill-info, refills-voicemail]"))

        try "flow: missing.yaml\ntests: []\n".write(toFile: dir + "/missing.tests.yaml", atomically: true, encoding: .utf8)
        #expect(try runCallflow(["test", dir + "/missing.tests.yaml"]).status == 2)
    }

    /// Issue 20: a loop through a prompt whose switch never opens faults; `simulate` and `test`
    /// report it and stop (they used to grow without bound).
    @Test func aLoopThroughAPromptFaultsInSimulateAndTest() throws {
        let dir = Self.temporary("p7")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
        callflow: 1
        name: p7
        start: a
        # trap-loop reports the loop (f false); silenced, the flow compiles and the runtime stops it.
        ignore: [trap-loop]
        context:
          f: bool
        nodes:
          a: {say: Hi., next: b}
          b:
            switch:
              - if: not f
                goto: a
            else: vm
          vm: {voicemail: general}
        """.write(toFile: dir + "/p7.yaml", atomically: true, encoding: .utf8)
        try """
        flow: p7.yaml
        tests:
          - name: f false loops
            at: "2026-11-24T10:00"
            expect: {voicemail: general}
          - name: f true leaves
            at: "2026-11-24T10:00"
            context: {f: true}
            expect: {voicemail: general}
        """.write(toFile: dir + "/p7.tests.yaml", atomically: true, encoding: .utf8)
        let simulate = try runCallflow(["simulate", dir + "/p7.yaml", "--at", "2026-11-24T10:00"])
        #expect(simulate.status == 1)
        #expect(simulate.stdout.contains("problem: the session faulted: more than 4 nodes entered without an event from the caller or the platform: the call loops through"), "\(simulate.stdout)")
        #expect(simulate.stdout.utf8.count < 10_000)
        let test = try runCallflow(["test", dir + "/p7.tests.yaml"])
        #expect(test.status == 1)
        #expect(test.stdout.contains("1 passed, 1 failed"), "\(test.stdout)")
        #expect(test.stdout.contains("the session faulted"))
    }
}
