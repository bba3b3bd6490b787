import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 12's positions and messages: each mistake a new user made, and what callflow says.
@Suite struct MessageTests {
    /// A flow around `nodes` with a declared enum, a schedule and a queue.
    static func flow(context: String = "", queues: String = "  billing: {max_wait: 8m}\n", nodes: String) -> String {
        """
        callflow: 1
        name: t
        timezone: America/New_York
        start: main
        context:
          account.type: {enum: [breeder, retail]}
        \(context)schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        queues:
        \(queues)nodes:
        \(nodes)
        """
    }

    @Test func promptKeysInAFoldedPromptPointAtTheWord() throws {
        let text = """
        callflow: 1
        name: f
        start: main
        nodes:
          main:
            menu: >
              For billing press 1.
              For sales press 2. For help press 9.
            options:
              "1": box
              "2": box
            fallback: box
          box: {voicemail: general}
        """
        let finding = try #require(lint(text, path: Fixture.file).sorted(by: Diagnostic.printOrder).with("prompt-keys").first)
        #expect(finding.range.start == at(8, 41), "\(finding.range)")
        #expect(finding.message.contains("says 'press 9'"))
        // A quoted prompt on one line: at the key inside the quotes.
        let quoted = "callflow: 1\nname: q\nstart: main\nnodes:\n  main:\n    menu: \"Press 1. Press 2 for \\\"help\\\". Press star.\"\n    options: {\"1\": box, \"2\": box}\n    fallback: box\n  box: {voicemail: general}\n"
        let star = try #require(lint(quoted, path: Fixture.file).sorted(by: Diagnostic.printOrder).with("prompt-keys").first)
        #expect(star.range.start == at(6, 49), "\(star.range)")
    }

    @Test func aMissingKeyPointsAtTheOwnersKeyAndATypoIsReportedOnce() throws {
        let typo = lint(Self.flow(queues: "  billing: {max-wait: 8m}\n", nodes: "  main: {queue: billing, overflow: box}\n  box: {voicemail: general}\n"), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(typo.ids == ["unknown-key"], "\(typo.dump)")
        #expect(typo.first?.message == "unknown key 'max-wait' in queue 'billing'; did you mean 'max_wait'?")
        let missing = lint(Self.flow(queues: "  billing: {skills: [a]}\n", nodes: "  main: {queue: billing, overflow: box}\n  box: {voicemail: general}\n"), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        let finding = try #require(missing.first { $0.message.contains("has no 'max_wait'") })
        #expect(finding.range.start == at(11, 3), "\(missing.dump)")
    }

    @Test func quotingHints() throws {
        let enumLiteral = lint(Self.flow(nodes: """
          main:
            switch:
              - if: account.type == breeder
                goto: box
            else: box
          box: {voicemail: general}
        """), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(enumLiteral.first?.message == "unknown variable 'breeder'; 'breeder' is a value of account.type: quote it, \"breeder\"", "\(enumLiteral.dump)")

        let phone = lint(Self.flow(nodes: """
          main:
            switch:
              - if: caller.number in [+15125550100]
                goto: box
            else: box
          box: {voicemail: general}
        """), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(phone.first?.message == "unexpected character '+'; a phone number is a string: quote it, \"+15125550100\"", "\(phone.dump)")

        let quotedNumber = lint(Self.flow(nodes: """
          main:
            switch:
              - if: '"3" <= call.failures'
                goto: box
            else: box
          box: {voicemail: general}
        """), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(quotedNumber.first?.message.hasSuffix("; write 3 without quotes") == true, "\(quotedNumber.dump)")

        let star = lint("callflow: 1\nname: s\nstart: main\nnodes:\n  main:\n    menu: \"Press 1.\"\n    options:\n      \"1\": box\n      *: box\n    fallback: box\n  box: {voicemail: general}\n", path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(star.first?.check == "yaml-syntax")
        #expect(star.first?.message.contains("a '*' at the start of a key or value begins an alias in YAML: quote it, \"*\"") == true, "\(star.dump)")

        let hash = lint("callflow: 1\nname: s\nstart: main\nnodes:\n  main:\n    menu: \"Press 1 or the pound key.\"\n    options:\n      \"1\": box\n      #: box\n    fallback: box\n  box: {voicemail: general}\n", path: Fixture.file).sorted(by: Diagnostic.printOrder)
        let hashFinding = try #require(hash.with("yaml-syntax").first, "\(hash.dump)")
        #expect(hashFinding.range.start == at(9, 7))
        #expect(hashFinding.message == "'#: box' is a comment in YAML, so this key and its value are lost; quote the key: \"#\": box")
        // A real comment is no key.
        #expect(lint("callflow: 1\n#: not a key but prose? still reported\n", path: Fixture.file).sorted(by: Diagnostic.printOrder).with("yaml-syntax").count == 1)
        #expect(lint("callflow: 1\n# just a comment\n#:\n", path: Fixture.file).sorted(by: Diagnostic.printOrder).with("yaml-syntax").isEmpty)

        let tab = lint("callflow: 1\nname: t\nstart: bye\nnodes:\n  bye:\n    \thangup: true\n", path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(tab.first?.message == "a tab character here: YAML does not allow tabs for indentation; indent with spaces", "\(tab.dump)")
    }

    @Test func unitTypeAndTimeHints() throws {
        let minutes = lint(Self.flow(queues: "  billing: {max_wait: 6}\n", nodes: "  main: {queue: billing, overflow: box}\n  box: {voicemail: general}\n"), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(minutes.first?.message.hasSuffix("; write '6m' for minutes or '6s' for seconds") == true, "\(minutes.dump)")
        let seconds = lint(Self.flow(queues: "  billing: {max_wait: 90}\n", nodes: "  main: {queue: billing, overflow: box}\n  box: {voicemail: general}\n"), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(seconds.first?.message.hasSuffix("; write '90s' for seconds") == true, "\(seconds.dump)")

        let boolean = lint(Self.flow(context: "  flag: {type: boolean}\n", nodes: "  main: {voicemail: general}\n"), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(boolean.first?.message == "context variable 'flag' has unknown type 'boolean' (did you mean 'bool'?); use bool, number, string or duration", "\(boolean.dump)")
        let short = lint(Self.flow(context: "  count: integer\n", nodes: "  main: {voicemail: general}\n"), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(short.first?.message.contains("(did you mean 'number'?)") == true, "\(short.dump)")

        let clock = lint(Self.flow(nodes: "  main: {voicemail: general}\n").replacingOccurrences(of: "\"08:00-18:00\"", with: "\"7:00-21:00\""), path: Fixture.file).sorted(by: Diagnostic.printOrder)
        #expect(clock.first?.message.hasSuffix("; write '07:00-21:00'") == true, "\(clock.dump)")
        #expect(FlowDecoder.rangeHint(["9", "17"]) == "; write '09:00-17:00'")
        #expect(FlowDecoder.rangeHint(["08:00", "17:00"]) == "")
        #expect(FlowDecoder.rangeHint(["8:5", "17:00"]) == "")
    }

    @Test func plurals() {
        #expect(Plural.count(1, "error") == "1 error")
        #expect(Plural.count(2, "error") == "2 errors")
        #expect(Plural.them(1) == "it")
        #expect(Plural.them(3) == "them")
    }
}
