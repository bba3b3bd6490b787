import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 14: `request` rules with their own keys and phrases, critical menu options, speech
/// matching, `set` raising `call.priority` and copying variables, queue node overrides.
@Suite struct RequestKeysTests {
    static func session(_ yaml: String) throws -> CallSession {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let loaded = try ProgramLoader.load(try folder.write("flow.yaml", yaml))
        return CallSession(program: loaded.program, time: Date(timeIntervalSince1970: 1_795_000_000))
    }

    static let vet = """
        callflow: 1
        name: vet
        start: main
        context:
          client.number: string
          caller.breeder: bool
        escalations:
          - name: emergency
            at: request
            keys: ["9"]
            phrases: [emergency, emergencia]
            goto: triage
            critical: true
          - name: person
            at: request
            goto: desk
        nodes:
          main:
            menu: "For appointments press 1. For your account press 2. For the pharmacy press 3."
            options:
              "1": desk
              "2": client-entry
              "3": {goto: pharmacy, speech: [pharmacy, farmacia, prescription refill]}
            fallback: desk
          client-entry:
            collect: "Enter your client number, then press pound."
            digits: "4-8"
            into: client.number
            next: desk
            fallback: desk
          pharmacy:
            menu: "For a refill press 1. For the pharmacist press 2. For the front desk press 9."
            options:
              "1": {goto: refill-box, speech: [refill]}
              "2": desk
              "9": desk
            fallback: desk
          refill-box: {voicemail: refills}
          desk: {transfer: "+15550100", fallback: box}
          triage: {transfer: "+15550199", fallback: box}
          box: {voicemail: general}

        """

    @Test func keyNineAtAnyMenuFiresTheEmergencyRule() throws {
        var session = try Self.session(Self.vet)
        _ = session.start()
        let instruction = session.handle(.digits("9"))
        #expect(instruction.kind == .transfer)
        #expect(session.program.table.strings[Int(instruction.text)] == "+15550199")
    }

    @Test func theHumanKeyStillGoesToTheRuleWithoutKeys() throws {
        var session = try Self.session(Self.vet)
        _ = session.start()
        let instruction = session.handle(.digits("0"))
        #expect(session.program.table.strings[Int(instruction.text)] == "+15550100")
    }

    @Test func keyNineAloneAtACollectIsTheRequest() throws {
        var session = try Self.session(Self.vet)
        _ = session.start()
        #expect(session.handle(.digits("2")).kind == .collect)
        let instruction = session.handle(.digits("9#"))
        #expect(session.program.table.strings[Int(instruction.text)] == "+15550199")
    }

    @Test func aMenuOptionForTheKeyWinsAndIsReported() throws {
        var session = try Self.session(Self.vet)
        _ = session.start()
        _ = session.handle(.digits("3"))
        let instruction = session.handle(.digits("9"))
        #expect(session.program.table.strings[Int(instruction.text)] == "+15550100")
        let findings = lint(Self.vet).with("request-key-shadowed")
        #expect(findings.count == 1, "\(findings.dump)")
        #expect(findings.first?.message.contains("shadows critical rule 'emergency'") == true)
        #expect(findings.first?.range.start.line == 36)
    }

    @Test func anOptionGoingWhereTheRuleGoesIsNotReported() {
        let yaml = Self.vet.replacingOccurrences(of: "\"9\": desk", with: "\"9\": triage")
        #expect(lint(yaml).with("request-key-shadowed").isEmpty)
    }

    @Test func phrasesFoldCaseAndDiacriticsAndMatchWholeWordsInside() throws {
        for said in ["EMERGENCIA", "Emergência por favor", "it's an emergency!", "émergency"] {
            var session = try Self.session(Self.vet)
            _ = session.start()
            let instruction = session.handle(.speech(said))
            #expect(instruction.kind == .transfer && session.program.table.strings[Int(instruction.text)] == "+15550199", "\(said)")
        }
        for said in ["emergencies", "urgent"] {
            var session = try Self.session(Self.vet)
            _ = session.start()
            #expect(session.handle(.speech(said)).kind == .gather, "\(said)")
        }
    }

    @Test func theLongestPhraseWins() throws {
        let yaml = Self.vet.replacingOccurrences(of: "phrases: [emergency, emergencia]",
                                                 with: "phrases: [emergency, emergencia, emergency prescription refill]")
        var session = try Self.session(yaml)
        _ = session.start()
        // "prescription refill" (an option) is shorter than the rule's three words.
        let instruction = session.handle(.speech("emergency prescription refill please"))
        #expect(session.program.table.strings[Int(instruction.text)] == "+15550199")
        var plain = try Self.session(Self.vet)
        _ = plain.start()
        #expect(plain.handle(.speech("a PRESCRIPTION refill please")).kind == .gather)
        #expect(plain.state.node == Int32(plain.program.table.nodes.firstIndex { plain.program.table.strings[Int($0.name)] == "pharmacy" }!))
    }

    @Test func keysAreOnlyForRequestRules() {
        let yaml = Self.vet.replacingOccurrences(of: "  - name: person\n    at: request\n",
                                                 with: "  - name: person\n    at: start\n    when: caller.breeder\n    keys: [\"8\"]\n")
        let findings = lint(yaml).with("invalid-value")
        #expect(findings.contains { $0.message.contains("'keys' of escalation rule 'person' is only for 'at: request' rules") }, "\(findings.dump)")
    }

    @Test func badKeysAreReported() {
        let yaml = Self.vet.replacingOccurrences(of: "keys: [\"9\"]", with: "keys: [\"9\", \"12\", \"9\"]")
        let messages = lint(yaml).with("invalid-value").map(\.message)
        #expect(messages.contains { $0.contains("key '12' of escalation rule 'emergency' is not a telephone key") })
        #expect(messages.contains { $0.contains("key \"9\" is listed twice") })
    }

    @Test func rulesAnsweringOtherKeysDoNotShadowEachOther() {
        #expect(lint(Self.vet).with("shadowed-case").isEmpty)
        let twice = Self.vet.replacingOccurrences(of: "  - name: person\n", with: """
              - name: emergency-again
                at: request
                keys: ["9"]
                goto: desk
              - name: person

            """)
        let findings = lint(twice).with("shadowed-case")
        #expect(findings.count == 1 && findings[0].message.contains("rule 'emergency-again' never fires"), "\(findings.dump)")
    }

    @Test func aCriticalKeyRuleMustBeFailSafe() {
        let yaml = Self.vet.replacingOccurrences(of: "goto: triage\n    critical: true", with: "goto: pharmacy\n    critical: true")
        let findings = lint(yaml).with("critical-route-gated")
        #expect(findings.count == 1 && findings[0].message.contains("critical rule 'emergency'"), "\(findings.dump)")
    }

    @Test func aCriticalOptionMustBeFailSafe() {
        let gated = Self.vet.replacingOccurrences(of: "\"1\": desk\n      \"2\": client-entry",
                                                  with: "\"1\": {goto: client-entry, critical: true}\n      \"2\": client-entry")
        let findings = lint(gated).with("critical-route-gated")
        #expect(findings.count == 1 && findings[0].message.contains("critical option \"1\" of menu 'main'"), "\(findings.dump)")
        #expect(findings.first?.range.start.line == 21)
        let safe = Self.vet.replacingOccurrences(of: "\"1\": desk\n      \"2\": client-entry",
                                                 with: "\"1\": {goto: triage, critical: true}\n      \"2\": client-entry")
        #expect(lint(safe).with("critical-route-gated").isEmpty)
    }

    @Test func thePromptMayNameAKeyARuleAnswers() {
        let yaml = Self.vet.replacingOccurrences(of: "For the pharmacy press 3.", with: "For the pharmacy press 3. In an emergency press 9.")
        #expect(lint(yaml).with("prompt-keys").isEmpty)
    }

    @Test func theTableKeepsTheAnswersAndRoundTrips() throws {
        let session = try Self.session(Self.vet)
        let table = session.program.table
        #expect(TableFormat.version == 3)
        #expect(table.requestAnswers.count == 1)
        #expect(table.requestAnswers.first?.keys == 1 << 9)
        #expect(table.requestPhrases.map { table.strings[Int($0)] } == ["emergency", "emergencia"])
        let decoded = try RoutingTable(decoding: table.encoded())
        #expect(decoded == table)
        #expect(table.json().contains("\"emergencia\""))
    }

    @Test func badAnswersAreRefusedByTheLoader() throws {
        let session = try Self.session(Self.vet)
        var table = session.program.table
        table.requestAnswers[0].keys = 1 << 12
        #expect(throws: TableError.self) { try table.validate() }
        table = session.program.table
        table.requestAnswers[0].rule = 1
        table.requestAnswers.append(TableRequestAnswers(rule: 0, keys: 1, phraseStart: 0, phraseCount: 0))
        #expect(throws: TableError.self) { try table.validate() }
        table = session.program.table
        table.requestPhrases[0] = Int32(table.strings.count)
        #expect(throws: TableError.self) { try table.validate() }
    }
}
