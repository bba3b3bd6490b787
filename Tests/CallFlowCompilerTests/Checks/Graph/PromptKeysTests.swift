import Testing
@testable import CallFlowCompiler

@Suite struct PromptKeysTests {
    static func menu(_ prompt: String, options: [String], top: String = "") -> String {
        let wired = options.map { "\"\($0)\": desk" }.joined(separator: ", ")
        return """
        callflow: 1
        name: keys
        start: main
        \(top)nodes:
          main:
            menu: "\(prompt)"
            options: {\(wired)}
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """
    }

    @Test func matchingPromptIsClean() {
        let findings = lint(Self.menu("For billing press 1, for sales press 2", options: ["1", "2"]))
        #expect(findings.isEmpty, "\(findings.dump)")
    }

    @Test func aKeyWithoutAnOptionFiresAtTheKeyInThePrompt() throws {
        let findings = lint(Self.menu("For billing press 1. For sales press 3.", options: ["1", "2"])).with("prompt-keys")
        #expect(findings.count == 2, "\(findings.dump)")
        let missing = try #require(findings.first { $0.message.contains("'press 3'") })
        #expect(missing.range.start == at(6, 49))
        #expect(missing.range.end == at(6, 50))
        #expect(missing.message.contains("no option \"3\""))
        let unnamed = try #require(findings.first { $0.message.contains("option \"2\"") })
        #expect(unnamed.range.start == at(7, 26))
        #expect(unnamed.message.contains("never named"))
    }

    @Test func starAndPoundWordsMatchTheirKeys() {
        #expect(lint(Self.menu("To repeat press star. To go back press pound.", options: ["*", "#"])).isEmpty)
        #expect(lint(Self.menu("To repeat press *. To go back press hash.", options: ["*", "#"])).isEmpty)
        #expect(lint(Self.menu("To repeat PRESS THE STAR KEY. Or Press #.", options: ["*", "#"])).isEmpty)
    }

    @Test func pressOneOrTwoNamesBoth() {
        #expect(lint(Self.menu("Press 1 or 2", options: ["1", "2"])).isEmpty)
        #expect(lint(Self.menu("Please dial 1, 2 or 3.", options: ["1", "2", "3"])).isEmpty)
        let findings = lint(Self.menu("Press 1 or 2", options: ["1"])).with("prompt-keys")
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("'press 2'") == true)
    }

    @Test func aPromptThatNamesNoKeyIsNotChecked() {
        let findings = lint(Self.menu("Which department would you like?", options: ["1", "2"]))
        #expect(findings.with("prompt-keys").isEmpty, "\(findings.dump)")
    }

    @Test func anOptionMentionedOutsidePressCounts() {
        let findings = lint(Self.menu("For orders press 1. Para español, oprima 9.", options: ["1", "9"]))
        #expect(findings.isEmpty, "\(findings.dump)")
    }

    @Test func theHumanKeyNeedsNoOptionWhenARequestRuleAnswersIt() {
        let rule = "escalations:\n  - name: person\n    at: request\n    goto: desk\n"
        let prompt = "For billing press 1. For sales press 2. For anyone else press 0."
        #expect(lint(Self.menu(prompt, options: ["1", "2"], top: rule)).with("prompt-keys").isEmpty)
        // Without the rule, pressing 0 is a wrong key.
        let findings = lint(Self.menu(prompt, options: ["1", "2"])).with("prompt-keys")
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("'press 0'") == true)
        // A custom human key moves the exception.
        let star = rule + "human_key: \"*\"\n"
        #expect(lint(Self.menu(prompt, options: ["1", "2"], top: star)).with("prompt-keys").count == 1)
        #expect(lint(Self.menu("Press 1 or 2. For a person press star.", options: ["1", "2"], top: star)).isEmpty)
    }

    @Test func multiDigitNumbersAreNotKeys() {
        let words = PromptWords("Press 1 for sales. Dial 911 in an emergency. Press 10 for nothing.")
        #expect(words.instructedKeys == ["1"])
        #expect(words.mentionedKeys == ["1"])
    }
}

/// Punctuation outside ASCII ends a list of keys as a full stop does; only spacing joins.
@Suite struct PromptKeysPunctuationTests {
    static func findings(_ separator: String) -> [Diagnostic] {
        Linter().lint(SourceFile(path: "t.yaml", text: """
        callflow: 1
        name: t
        start: main
        nodes:
          main:
            menu: "For sales press 1\(separator)2 agents call you back. For anyone else press 0."
            options: {"1": desk, "0": desk}
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)).diagnostics.with("prompt-keys")
    }

    @Test func aNonASCIIStopEndsTheList() {
        #expect(Self.findings(" or ").count == 1)        // "press 1 or 2": 2 is instructed
        for stop in [". Or ", "… or ", "。or ", "¿or ", "— or "] {
            #expect(Self.findings(stop).isEmpty, "\(stop): \(Self.findings(stop).dump)")
        }
        // A non-ASCII space joins like a space.
        #expect(Self.findings("\u{00A0}or ").count == 1)
    }
}
