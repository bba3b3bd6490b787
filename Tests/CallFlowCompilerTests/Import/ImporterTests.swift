import Foundation
import Testing
@testable import CallFlowCompiler

/// The platform readers: what each widget or action becomes, and that findings point into the JSON.
@Suite struct ImporterTests {
    /// Line and column (1-based) of the `occurrence`th appearance of `needle` in `text`.
    static func position(of needle: String, in text: String, occurrence: Int = 1) -> SourcePosition {
        var seen = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            var offset = 0
            while let found = rest.range(of: needle) {
                seen += 1
                let column = offset + rest.distance(from: rest.startIndex, to: found.lowerBound) + 1
                if seen == occurrence { return SourcePosition(line: index + 1, column: column) }
                offset = column
                rest = rest[found.upperBound...]
                offset = line.distance(from: line.startIndex, to: found.upperBound)
            }
        }
        return SourcePosition(line: 0, column: 0)
    }

    static let studio = """
    {
      "initial_state": "Trigger",
      "states": [
        {"name": "Trigger", "type": "trigger",
         "transitions": [{"event": "incomingCall", "next": "menu"}]},
        {"name": "menu", "type": "gather-input-on-call",
         "properties": {"say": "For sales press 1. For support press 2.", "timeout": 5},
         "transitions": [{"event": "keypress", "next": "keys"}, {"event": "timeout"}]},
        {"name": "keys", "type": "split-based-on",
         "transitions": [
           {"event": "match", "next": "sales",
            "conditions": [{"type": "equal_to", "arguments": ["{{widgets.menu.Digits}}"], "value": "1"}]},
           {"event": "match", "next": "support",
            "conditions": [{"type": "matches_any_of", "arguments": ["{{widgets.menu.Digits}}"], "value": "2,3"}]},
           {"event": "noMatch", "next": "menu"}]},
        {"name": "sales", "type": "send-to-flex",
         "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue", "next": "support"}, {"event": "callFailure", "next": "support"}]},
        {"name": "support", "type": "connect-call-to", "properties": {"to": "+15550100"},
         "transitions": [{"event": "callCompleted", "next": "bye"}]},
        {"name": "bye", "type": "say-play", "properties": {"say": "Goodbye."},
         "transitions": [{"event": "audioComplete"}]}
      ]
    }
    """

    @Test func aGatherAndItsSplitBecomeOneMenu() throws {
        let imported = PlatformImporter.read(SourceFile(path: "flow.json", text: Self.studio))
        let flow = try #require(imported.flow)
        #expect(imported.format == .twilioStudio)
        #expect(flow.start.value == "menu")
        #expect(flow.node(named: "keys") == nil)
        guard case .menu(let menu)? = flow.node(named: "menu")?.kind else { Issue.record("no menu"); return }
        #expect(menu.options.map(\.key.value) == ["1", "2", "3"])
        #expect(menu.prompt.range.start == Self.position(of: "\"For sales", in: Self.studio))
        #expect(flow.node(named: "menu")?.outcome("no_match")?.target.value == "menu")
        guard case .queue? = flow.node(named: "sales")?.kind, case .transfer? = flow.node(named: "support")?.kind else {
            Issue.record("queue and transfer not mapped"); return
        }
        // An event with no next ends the call: a hangup where the event is written.
        let end = try #require(flow.node(named: "bye#audioComplete"))
        #expect(end.id.range.start == Self.position(of: "\"audioComplete", in: Self.studio))
    }

    @Test func anUnwiredTimeoutIsADeadEndAtTheEvent() {
        let findings = lint(Self.studio, path: "flow.json").filter { $0.check == "dead-end" }
        #expect(findings.count == 1)
        #expect(findings.first?.range.start == Self.position(of: "\"timeout\"}", in: Self.studio))
        #expect(findings.first?.message.contains("'timeout'") == true)
    }

    @Test func aSplitThatGoesBackToItsGatherIsNoPlatformLimitButATimeoutToItselfIs() {
        #expect(lint(Self.studio, path: "flow.json").with("platform-limit").isEmpty)
        let looping = Self.studio.replacingOccurrences(of: "{\"event\": \"timeout\"}", with: "{\"event\": \"timeout\", \"next\": \"menu\"}")
        let findings = lint(looping, path: "flow.json").with("platform-limit")
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("10 times in a row") == true)
    }

    @Test func anUnknownWidgetIsReportedOncePerType() {
        let text = Self.studio.replacingOccurrences(of: "\"type\": \"say-play\"", with: "\"type\": \"make-coffee\"")
            .replacingOccurrences(of: "\"type\": \"send-to-flex\"", with: "\"type\": \"make-coffee\"")
        let findings = lint(text, path: "flow.json").with("unknown-widget")
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .warning)
    }

    @Test func aTerraformTemplateKeepsItsLinesAndPlaceholders() throws {
        let json = Self.studio.replacingOccurrences(of: "\"+15550100\"", with: "\"${support_number}\"")
            .replacingOccurrences(of: "\"Goodbye.\"", with: "goodbye_text")
        let template = "${\n  jsonencode(" + json.dropFirst(0) + ")\n}\n"
        let imported = PlatformImporter.read(SourceFile(path: "flow.tftpl", text: template))
        let flow = try #require(imported.flow, "\(imported.diagnostics)")
        guard case .transfer(let to)? = flow.node(named: "support")?.kind else { Issue.record("no transfer"); return }
        #expect(to.value == "${support_number}")
        #expect(flow.node(named: "bye")?.range.start.line == Self.position(of: "\"bye\", \"type", in: Self.studio).line + 1)
        let direct = lint(Self.studio, path: "flow.json").with("dead-end").map(\.range.start)
        let wrapped = lint(template, path: "flow.tftpl").with("dead-end").map { $0.range.start.line }
        #expect(direct.map(\.line).map { $0 + 1 } == wrapped)
    }

    static let connect = """
    {"Version": "2019-10-30", "StartAction": "menu",
     "Metadata": {"type": "contactFlow"},
     "Actions": [
      {"Identifier": "menu", "Type": "GetParticipantInput",
       "Parameters": {"Text": "Press 1 for billing, 2 for sales.", "InputTimeLimitSeconds": "5"},
       "Transitions": {"NextAction": "bye",
        "Conditions": [{"NextAction": "hours", "Condition": {"Operator": "Equals", "Operands": ["1"]}},
                       {"NextAction": "hours", "Condition": {"Operator": "Equals", "Operands": ["2"]}}],
        "Errors": [{"NextAction": "bye", "ErrorType": "InputTimeLimitExceeded"},
                   {"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
      {"Identifier": "hours", "Type": "CheckHoursOfOperation", "Parameters": {},
       "Transitions": {"Conditions": [{"NextAction": "queue", "Condition": {"Operator": "Equals", "Operands": ["True"]}},
                                      {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["False"]}}],
                       "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
      {"Identifier": "queue", "Type": "TransferContactToQueue", "Parameters": {},
       "Transitions": {"Errors": [{"NextAction": "bye", "ErrorType": "QueueAtCapacity"},
                                  {"NextAction": "bye", "ErrorType": "NoMatchingError"}]}},
      {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
     ]}
    """

    @Test func aConnectFlowMapsMenuHoursQueueAndHangup() throws {
        let imported = PlatformImporter.read(SourceFile(path: "flow.json", text: Self.connect))
        let flow = try #require(imported.flow)
        #expect(imported.format == .connectFlowLanguage)
        #expect(imported.flowType == "contactFlow")
        #expect(flow.nodes.map(\.kind.name) == ["menu", "hours", "queue", "hangup"])
        #expect(flow.node(named: "hours")?.external != nil)
        let findings = lint(Self.connect, path: "flow.json")
        // The menu has no NoMatchingCondition branch: a dead end at its transitions.
        let deadEnds = findings.with("dead-end")
        #expect(deadEnds.count == 1)
        #expect(deadEnds.first?.message.contains("NoMatchingCondition") == true)
        #expect(deadEnds.first?.range.start == Self.position(of: "{\"NextAction\": \"bye\",", in: Self.connect))
    }

    @Test func aContentStringIsReadWithPositionsInTheOuterFile() throws {
        let inner = Self.connect.replacingOccurrences(of: "\n", with: "")
        var escaped = ""
        for character in inner {
            if character == "\"" { escaped += "\\\"" } else { escaped.append(character) }
        }
        let text = "{\"Name\": \"x\", \"Type\": \"CONTACT_FLOW\",\n \"Content\": \"\(escaped)\"}"
        let imported = PlatformImporter.read(SourceFile(path: "wrapped.json", text: text))
        let flow = try #require(imported.flow, "\(imported.diagnostics)")
        #expect(imported.flowType == "CONTACT_FLOW")
        let id = try #require(flow.node(named: "hours")?.id.range)
        #expect(id.start.line == 2)
        // The column is that of the escaped text in the file.
        #expect(id.start == Self.position(of: "\\\"hours\\\", \\\"Type", in: text))
    }

    @Test func aJSONFileThatIsNoFlowIsRefusedClearly() {
        let findings = lint("{\"name\": \"package\", \"version\": \"1.0.0\"}", path: "package.json")
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("no flow callflow reads") == true)
    }

    @Test func aCallflowFlowWrittenInJSONIsStillCallflow() {
        let text = "{\"callflow\": 1, \"name\": \"j\", \"start\": \"a\", \"nodes\": {\"a\": {\"hangup\": true}}}"
        #expect(!PlatformImporter.handles(SourceFile(path: "flow.json", text: text)))
        #expect(lint(text, path: "flow.json").isEmpty)
    }

    @Test func explainImportListsSkippedChecks() {
        let imported = PlatformImporter.read(SourceFile(path: "flow.json", text: Self.studio))
        let text = ImportExplanation.text(imported, path: "flow.json")
        #expect(text.hasPrefix("flow.json: Twilio Studio flow\n"))
        #expect(text.contains("retries-out-of-range: "))
        #expect(text.contains("gather-input-on-call + split-based-on 'keys' -> menu"))
    }

    @Test func theConvertedYAMLLintsLikeTheOriginal() throws {
        let imported = PlatformImporter.read(SourceFile(path: "flow.json", text: Self.studio))
        var writer = FlowYAMLWriter()
        let written = writer.yaml(imported, source: "flow.json")
        let yaml = try #require(written)
        // The queue's callFailure branch has no key in callflow's language: a platform branch.
        #expect(writer.lossless)
        #expect(yaml.contains("branches:\n      \"failed\": support"))
        #expect(yaml.contains("fallback: bye"))
        let original = lint(Self.studio, path: "flow.json").map(\.check).sorted()
        let converted = Linter().lint(SourceFile(path: "flow.yaml", text: yaml)).diagnostics.map(\.check).sorted()
        #expect(original == converted, "\(yaml)")
    }
}

/// Hostile platform files: huge numbers, empty or odd shapes, deep nesting. Never a crash.
@Suite struct ImporterHostileTests {
    @Test(arguments: [
        "{\"initial_state\": \"T\", \"states\": [{\"name\": \"T\", \"type\": \"trigger\", \"transitions\": [{\"event\": \"incomingCall\", \"next\": \"g\"}]}, {\"name\": \"g\", \"type\": \"gather-input-on-call\", \"properties\": {\"loop\": 999999999999999999, \"timeout\": 999999999999999999, \"say\": \"press 1\"}, \"transitions\": [{\"event\": \"timeout\", \"next\": \"g\"}]}]}",
        "{\"initial_state\": \"T\", \"states\": []}",
        "{\"initial_state\": 5, \"states\": {\"a\": 1}}",
        "{\"StartAction\": \"x\", \"Actions\": [{\"Identifier\": \"x\", \"Type\": \"GetParticipantInput\", \"Parameters\": {\"InputTimeLimitSeconds\": \"-99999999999999999999\"}, \"Transitions\": {\"Conditions\": [{\"NextAction\": \"x\"}]}}]}",
        "{\"start\": \"m\", \"modules\": [{\"id\": \"m\", \"type\": \"Transfer\", \"branches\": [{}], \"parameters\": [{\"name\": null}]}]}",
        "{\"Content\": \"{\\\"StartAction\\\": \\\"a\\\", \\\"Actions\\\": [\\\\u0041]}\"}",
        "{\"Content\": \"not json\\\\q\"}",
        String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000),
    ])
    func isReadWithoutCrashing(text: String) {
        let result = Linter().lint(SourceFile(path: "hostile.json", text: text))
        #expect(result.sources.count == 1)
    }

    @Test func aTemplateWithoutAnObjectIsRefused() {
        let findings = Linter().lint(SourceFile(path: "main.tf", text: "resource \"x\" \"y\" {}")).diagnostics
        #expect(findings.count == 1)
    }
}
