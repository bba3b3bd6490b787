import Testing
@testable import CallFlowCompiler

@Suite struct HumanKeyEndsEntryTests {
    static func findings(_ yaml: String) -> [Diagnostic] {
        Linter().lint(SourceFile(path: "t.yaml", text: yaml)).diagnostics.with("human-key-ends-entry")
    }

    static func flow(humanKey: String, collect: Bool) -> String {
        """
        callflow: 1
        name: t
        start: main
        human_key: "\(humanKey)"
        context:
          ticket.number: string
        escalations:
          - name: ask-for-person
            at: request
            goto: desk
        nodes:
          main:
            menu: "For a ticket press 1."
            options: {"1": \(collect ? "ticket" : "desk")}
            fallback: desk
          ticket:
            collect: "Enter your ticket number, then press pound."
            into: ticket.number
            next: desk
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """
    }

    @Test func poundWithACollectWarnsAtTheKey() throws {
        let findings = Self.findings(Self.flow(humanKey: "#", collect: true))
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(4, 12))
        #expect(finding.message.hasPrefix("the human key '#' cannot ask for a person at collect 'ticket': there '#' ends the entry"))
        #expect(finding.notes.map(\.message) == ["at collect 'ticket' '#' ends the entry"])
    }

    @Test func anotherKeyOrNoCollectIsClean() {
        #expect(Self.findings(Self.flow(humanKey: "*", collect: true)).isEmpty)
        // Without a collect reached, the node is still there: the warning is about the flow's keys.
        let noCollect = Self.flow(humanKey: "#", collect: false).replacingOccurrences(
            of: "  ticket:\n    collect: \"Enter your ticket number, then press pound.\"\n    into: ticket.number\n    next: desk\n    fallback: desk\n", with: "")
        #expect(Self.findings(noCollect).isEmpty)
    }
}
