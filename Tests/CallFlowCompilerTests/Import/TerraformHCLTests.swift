import Foundation
import Testing
@testable import CallFlowCompiler

/// A Studio flow written in a `.tf` file as HCL (`definition = jsonencode({ key = value ... })`,
/// no JSON): read in place, findings at its lines and columns.
@Suite struct TerraformHCLTests {
    static let tf = """
    # The IVR of the support line.
    resource "twilio_studio_flows_v2" "ivr" {
      friendly_name = "Support IVR"
      status        = "published"
      definition = jsonencode({
        description   = "Support IVR" // shown in the console
        initial_state = "Trigger"
        flags = {
          allow_concurrent_calls = true
        }
        states = [
          {
            name = "Trigger"
            type = "trigger"
            transitions = [
              { event = "incomingCall", next = "menu" },
            ]
            properties = { offset = { x = 0, y = 0 } }
          },
          {
            name = "menu"
            type = "gather-input-on-call"
            properties = {
              say     = "For sales press 1. For support press 2."
              timeout = 5
              /* a comment
                 over two lines */
            }
            transitions = [
              { event = "keypress", next = "keys" },
              { event = "timeout" }
            ]
          },
          {
            name = "keys"
            type = "split-based-on"
            transitions = [
              {
                event = "match"
                next  = "sales"
                conditions = [{ type = "equal_to", arguments = ["{{widgets.menu.Digits}}"], value = "1" }]
              },
              {
                event = "match"
                next  = "support"
                conditions = [{ type = "equal_to", arguments = ["{{widgets.menu.Digits}}"], value = "2" }]
              },
              { event = "noMatch", next = "menu" }
            ]
          },
          {
            name = "sales"
            type = "send-to-flex"
            properties = { workflow = var.workflow_sid, channel = "${var.voice_channel}" }
            transitions = [
              { event = "callComplete" },
              { event = "failedToEnqueue", next = "support" },
              { event = "callFailure", next = "support" }
            ]
          },
          {
            name = "support"
            type = "connect-call-to"
            properties = { to = "+15550100" }
            transitions = [{ event = "callCompleted" }]
          }
        ]
      })
    }
    """

    @Test func aStudioFlowInHCLIsReadWithItsPositions() throws {
        let imported = PlatformImporter.read(SourceFile(path: "studio.tf", text: Self.tf))
        let flow = try #require(imported.flow, "\(imported.diagnostics.map(\.message))")
        #expect(imported.format == .twilioStudio)
        #expect(flow.start.value == "menu")
        #expect(flow.node(named: "keys") == nil, "the split is folded into the menu")
        guard case .menu(let menu) = flow.node(named: "menu")?.kind else {
            Issue.record("menu is not a menu")
            return
        }
        #expect(menu.options.map(\.key.value) == ["1", "2"])
        #expect(menu.prompt.value == "For sales press 1. For support press 2.")
        #expect(flow.node(named: "sales")?.id.range.start == ImporterTests.position(of: "\"sales\"", in: Self.tf, occurrence: 2))
    }

    @Test func lintPointsIntoTheTfFile() {
        let findings = Linter().lint(SourceFile(path: "studio.tf", text: Self.tf)).diagnostics
        #expect(!findings.contains { $0.check == "yaml-syntax" || $0.check == "invalid-value" }, "\(findings.map(\.message))")
        // The menu's timeout goes nowhere: a dead end at its event, line and column of the .tf file.
        let deadEnds = findings.filter { $0.check == "dead-end" }.map(\.range.start)
        #expect(deadEnds.contains(ImporterTests.position(of: "\"timeout\" }", in: Self.tf)))
    }

    @Test func aDamagedTfFileNeverCrashesOrHangs() {
        // Every prefix (a file cut anywhere) and the file with a quote, brace or `=` removed.
        let bytes = Array(Self.tf.utf8)
        for cut in stride(from: 0, to: bytes.count, by: 5) {
            let imported = PlatformImporter.read(SourceFile(path: "cut.tf", bytes: Array(bytes[..<cut])))
            #expect(imported.flow != nil || !imported.diagnostics.isEmpty)
        }
        for (index, byte) in bytes.enumerated() where [UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "=")].contains(byte) {
            var damaged = bytes
            damaged.remove(at: index)
            _ = Linter().lint(SourceFile(path: "damaged.tf", bytes: damaged))
        }
    }
}
