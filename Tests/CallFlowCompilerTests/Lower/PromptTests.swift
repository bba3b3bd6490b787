import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// Prompts (issue 13): languages, recordings, caller data; their checks, table records,
/// rendering, simulation and scenarios.
@Suite struct PromptTests {
    static func lint(_ text: String) -> [Diagnostic] {
        Linter().lint(SourceFile(path: Fixture.file, text: text)).diagnostics
    }

    static let tail = """
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}

        """

    static func bilingual(_ nodes: String, top: String = "") -> String {
        "callflow: 1\nname: t\nlanguages: [en-US, es-US]\nstart: hello\n" + top + "nodes:\n" + nodes + tail
    }

    // MARK: Decoding

    @Test func aPromptByLanguageWithARecordingAndCallerData() throws {
        let text = Self.bilingual("""
              hello:
                say:
                  en-US: {play: "https://cdn.example.com/hi-en.wav", text: "Hi there.", duration: 2s}
                  es-US: "Su número es {caller.number}, {{hola}}."
                next: desk

            """)
        let result = Fixture.decode(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        let flow = try #require(result.flow)
        #expect(flow.languages.map(\.value) == ["en-US", "es-US"])
        guard case .say(let prompt)? = flow.node(named: "hello")?.kind else { Issue.record("no say"); return }
        #expect(prompt.value == "Hi there.")
        #expect(prompt.variants.count == 2)
        #expect(prompt.variants[0].play?.value == "https://cdn.example.com/hi-en.wav")
        #expect(prompt.variants[0].duration?.value.seconds == 2)
        #expect(prompt.variants[1].segments == [.text("Su número es "), .placeholder("caller.number", offsets: 13 ..< 28), .text(", {hola}.")])
        #expect(prompt.variant(for: "es-US").language?.value == "es-US")
        // call.language is an enum of the languages, the first its default.
        let language = try #require(flow.variable(named: "call.language"))
        #expect(language.type == .enumeration(["en-US", "es-US"]))
        #expect(language.defaultValue == .string("en-US"))
    }

    @Test func picturesShowTheDefaultLanguageAndMarkRecordings() throws {
        let flow = try #require(Fixture.decode(Self.bilingual("""
              hello:
                say:
                  en-US: {play: "https://cdn.example.com/hi-en.wav", text: "Hi there."}
                  es-US: "Hola."
                next: bye
              bye: {hangup: {es-US: "Adiós.", en-US: "Bye."}}

            """)).flow)
        #expect(FlowPicture.describe(flow.node(named: "hello")!.kind).label == "say: (recording) Hi there.")
        #expect(FlowPicture.describe(flow.node(named: "bye")!.kind).label == "hangup: Bye.")
    }

    @Test func plainPromptsStayPlain() throws {
        let flow = try #require(Fixture.decode(Fixture.flow("nodes:\n  start: {say: \"Hello.\", next: end}\n  end: {hangup: \"Bye.\"}\n")).flow)
        guard case .say(let prompt)? = flow.node(named: "start")?.kind, case .hangup(let goodbye)? = flow.node(named: "end")?.kind else {
            Issue.record("kinds"); return
        }
        #expect(prompt.isPlainText && prompt.value == "Hello.")
        #expect(goodbye.value?.value == "Bye.")
        #expect(flow.variable(named: "call.language") == nil)
    }

    @Test func aLanguageSwitchIsASetAndAConditionChecksItsValues() {
        let good = Self.bilingual("""
              hello: {set: {call.language: es-US}, next: route}
              route:
                switch:
                  - if: call.language == "es-US"
                    goto: desk
                else: desk

            """)
        #expect(Self.lint(good).with("expression").isEmpty && Self.lint(good).with("invalid-value").isEmpty, "\(Self.lint(good).dump)")
        let bad = good.replacingOccurrences(of: "call.language == \"es-US\"", with: "call.language == \"fr-FR\"")
        #expect(!Self.lint(bad).with("expression").isEmpty)
    }

    @Test func unknownLanguagesAndTagsAreRefused() {
        let findings = Self.lint(Self.bilingual("  hello: {say: {en-US: Hi., fr-FR: Salut.}, next: desk}\n"))
        #expect(findings.with("invalid-value").contains { $0.message.contains("'fr-FR' is not one of the flow's languages") })
        let noLanguages = Self.lint(Fixture.flow("nodes:\n  start: {say: {en-US: Hi.}, next: desk}\n" + Self.tail))
        #expect(noLanguages.with("invalid-value").contains { $0.message.contains("the flow has no 'languages'") })
        let badTag = Self.lint("callflow: 1\nname: t\nlanguages: [english]\nstart: hello\nnodes:\n  hello: {say: Hi., next: desk}\n" + Self.tail)
        #expect(badTag.with("invalid-value").contains { $0.message.contains("'english' is not a language tag") })
    }

    // MARK: Checks

    @Test func templateErrorsPointInsideTheScalar() {
        let text = Fixture.flow("context:\n  pet.name: string\nnodes:\n  start:\n    say: \"The refill for {pet.nam} is ready.\"\n    next: desk\n" + Self.tail)
        let findings = Self.lint(text).with("template")
        #expect(findings.count == 1)
        #expect(findings.first?.range == span(8, 26, 8, 35))
        #expect(findings.first?.message.contains("did you mean 'pet.name'") == true)
    }

    @Test func queueVariablesOutsideAQueueAndBracesThatDoNotClose() {
        let queue = Self.lint(Fixture.flow("nodes:\n  start: {say: \"Wait {queue.wait}.\", next: desk}\n" + Self.tail)).with("template")
        #expect(queue.count == 1 && queue[0].message.contains("no queue is bound"))
        #expect(queue.first?.range == span(5, 22, 5, 34))
        let open = Self.lint(Fixture.flow("nodes:\n  start: {say: \"Hello {caller.number\", next: desk}\n" + Self.tail)).with("template")
        #expect(open.count == 1 && open[0].message.contains("does not close"))
        let stray = Self.lint(Fixture.flow("nodes:\n  start: {say: \"Hello } there\", next: desk}\n" + Self.tail)).with("template")
        #expect(stray.count == 1)
        let literal = Self.lint(Fixture.flow("nodes:\n  start: {say: \"Braces {{like this}}\", next: desk}\n" + Self.tail))
        #expect(literal.isEmpty, "\(literal.dump)")
    }

    @Test func missingTranslations() {
        let plain = Self.lint(Self.bilingual("  hello: {say: \"Hello.\", next: desk}\n")).with("missing-translation")
        #expect(plain.count == 1 && plain[0].range.start == at(6, 16))
        let partial = Self.lint(Self.bilingual("  hello: {say: {en-US: Hello.}, next: desk}\n")).with("missing-translation")
        #expect(partial.count == 1 && partial[0].message.contains("has no es-US text"))
        let phrases = Self.lint(Self.bilingual("  hello: {say: {en-US: Hi., es-US: Hola.}, next: desk}\n", top: "human_phrases: {en-US: [agent]}\n"))
        #expect(phrases.with("missing-translation").count == 1)
        let whole = Self.lint(Self.bilingual("  hello: {say: {en-US: Hi., es-US: Hola.}, next: desk}\n", top: "human_phrases: {en-US: [agent], es-US: [agente]}\n"))
        #expect(whole.isEmpty, "\(whole.dump)")
    }

    @Test func badRecordings() {
        func findings(_ play: String) -> [Diagnostic] {
            Self.lint(Fixture.flow("nodes:\n  start: {say: {play: \"\(play)\", text: Hello.}, next: desk}\n" + Self.tail)).with("bad-recording")
        }
        #expect(findings("https://cdn.example.com/a.wav").isEmpty)
        #expect(findings("audio/a.wav").isEmpty)
        #expect(findings("/var/audio/a.wav").first?.severity == .error)
        #expect(findings("../a.wav").first?.severity == .error)
        #expect(findings("ftp://host/a.wav").first?.severity == .error)
        #expect(findings("https://").first?.severity == .error)
        let http = findings("http://cdn.example.com/a.wav")
        #expect(http.count == 1 && http[0].severity == .warning)
        let noText = Self.lint(Fixture.flow("nodes:\n  start: {say: {play: \"a.wav\"}, next: desk}\n" + Self.tail))
        #expect(noText.with("invalid-value").contains { $0.message.contains("has no 'text'") })
    }

    @Test func promptKeysReadsEachLanguage() {
        let menu = Self.bilingual("""
              hello:
                menu:
                  en-US: "For sales press 1. For support press 2."
                  es-US: "Para ventas oprima 1. Para soporte oprima 3."
                options: {"1": desk, "2": desk}
                fallback: desk

            """)
        let findings = Self.lint(menu).with("prompt-keys")
        #expect(findings.count == 2, "\(findings.dump)")
        #expect(findings.contains { $0.message.contains("the es-US prompt of menu 'hello' says 'oprima 3'") && $0.range == span(9, 57, 9, 58) })
        #expect(findings.contains { $0.message.contains("never named in its es-US prompt") })
        #expect(PromptWords("Drücken Sie 1 oder 2.", phrasing: KeyPhrasing.for("de-DE")).instructedKeys == ["1", "2"])
        #expect(PromptWords("Appuyez sur la touche étoile.", phrasing: KeyPhrasing.for("fr-CA")).instructedKeys == ["*"])
        #expect(PromptWords("Premi 4.", phrasing: KeyPhrasing.for("it")).instructedKeys == ["4"])
        #expect(PromptWords("Pressione 5 ou 6.", phrasing: KeyPhrasing.for("pt-BR")).instructedKeys == ["5", "6"])
        #expect(PromptWords("Marque 7.", phrasing: KeyPhrasing.for("es-MX")).instructedKeys == ["7"])
        // A prompt without a language reads as English, as before.
        #expect(PromptWords("Oprima 7.").instructedKeys.isEmpty)
    }

    @Test func slowPathCountsARecordingByItsDuration() {
        // A silent caller at the menu hears the menu three times, then the recording, then a person.
        func flow(_ say: String) -> String {
            Fixture.flow("""
                nodes:
                  start:
                    menu: {play: menu.wav, text: "For sales press 1. For support press 2."}
                    options: {"1": desk, "2": desk}
                    fallback: long
                  long: {say: \(say), next: desk}

                """ + Self.tail)
        }
        #expect(Self.lint(flow("{play: long.wav, text: Hello., duration: 200s}")).with("slow-path-to-human").count == 1)
        #expect(Self.lint(flow("{play: short.wav, text: Hello., duration: 5s}")).with("slow-path-to-human").isEmpty)
        let flowText = Fixture.flow("context:\n  wait: duration\n  acct: {type: string, format: digits}\nnodes:\n  start: {say: \"x\", next: desk}\n" + Self.tail)
        let parsed = Fixture.decode(flowText).flow!
        #expect(SlowPathToHuman.longestWords(of: "wait", in: parsed) == 4)
        #expect(SlowPathToHuman.longestWords(of: "acct", in: parsed) == 10)
    }

    @Test func callerDataInPromptsCountsAsUsingTheVariable() {
        let text = Fixture.flow("context:\n  pet.name: string\nnodes:\n  start: {say: \"Hi {pet.name}.\", next: desk}\n" + Self.tail)
        #expect(Self.lint(text).with("unused-definition").isEmpty)
        #expect(Self.lint(Self.bilingual("  hello: {say: {en-US: Hi., es-US: Hola.}, next: desk}\n")).isEmpty)
    }

    // MARK: Table and runtime

    static func program(_ text: String) throws -> TableProgram {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("flow.yaml", text)
        return try ProgramLoader.load(path).program
    }

    static let rendered = bilingual("""
          hello:
            say:
              en-US: {play: "https://cdn.example.com/hi.wav", text: "Hi.", duration: 2s}
              es-US: "Hola. Su cuenta {acct}, espera {wait}, saldo {balance}."
            next: desk

        """, top: "voice: {es-US: Polly.Lupe-Neural}\ncontext:\n  acct: {type: string, format: digits}\n  wait: duration\n  balance: number\n")

    @Test func theTableCarriesPromptsAndTheSessionRendersThem() throws {
        let program = try Self.program(Self.rendered)
        let table = program.table
        #expect(table.prompts.languages.count == 2)
        #expect(try RoutingTable(decoding: table.encoded()) == table)
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 0))
        let first = session.start()
        #expect(first.kind == .say && first.prompt >= 0)
        #expect(session.render(first) == [.recording(url: "https://cdn.example.com/hi.wav", transcript: "Hi.")])
        #expect(session.language == "en-US" && session.voice == nil)
        try session.set("call.language", .string("es-US"))
        try session.set("acct", .string("4711"))
        try session.set("wait", .number(290))
        try session.set("balance", .number(12.5))
        #expect(session.voice == "Polly.Lupe-Neural")
        #expect(session.render(first) == [.text("Hola. Su cuenta 4 7 1 1, espera unos 5 minutos, saldo 12.5.")])
        #expect(PromptSpeech.speak(.number(30), type: .duration, digits: false, language: "en-US") == "less than a minute")
        #expect(PromptSpeech.speak(.number(60), type: .duration, digits: false, language: nil) == "about 1 minute")
        let json = table.json()
        #expect(json.contains("\"languages\"") && json.contains("\"{acct:digits}\""))
    }

    @Test func aFlowWithoutTheNewFormsHasPlainPromptsAndAnUnchangedJSONShape() throws {
        let program = try Self.program(Fixture.flow("nodes:\n  start: {say: \"Hello.\", next: desk}\n" + Self.tail))
        #expect(program.table.prompts.variants.allSatisfy { $0.language == -1 && $0.recording == -1 && $0.partCount == 0 })
        #expect(!program.table.json().contains("\"prompts\""))
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 0))
        let say = session.start()
        #expect(session.render(say) == [.text("Hello.")])
        #expect(session.render(session.resume()).isEmpty)  // a transfer plays no prompt
    }

    @Test func aVersionOneTableIsRefusedWithRecompile() throws {
        var bytes = try Self.program(Self.rendered).table.encoded()
        bytes[4] = 1
        #expect(throws: TableError.self) { try RoutingTable(decoding: bytes) }
        do { _ = try RoutingTable(decoding: bytes) } catch { #expect(error.description.contains("recompile the flow")) }
    }

    @Test func damagedPromptRecordsAreRefused() throws {
        var table = try Self.program(Self.rendered).table
        table.prompts.nodePrompts[0] = 99
        #expect(throws: TableError.self) { try table.validate() }
        table = try Self.program(Self.rendered).table
        table.prompts.parts[0].value = 9999
        #expect(throws: TableError.self) { try table.validate() }
        table = try Self.program(Self.rendered).table
        table.prompts.languageSlot = -1
        #expect(throws: TableError.self) { try table.validate() }
    }

    // MARK: Simulation and scenarios

    @Test func scenariosHearTheRenderedPrompt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("flow.yaml", Self.rendered)
        let path = try folder.write("flow.tests.yaml", """
            flow: flow.yaml
            tests:
              - name: spanish
                language: es-US
                context: {acct: "12", wait: 2m, balance: 3}
                says: "Su cuenta 1 2, espera unos 2 minutos, saldo 3."
                events: [busy]
                expect: {voicemail: general}
              - name: english hears the transcript
                says: "Hi."
                events: [busy]
                expect: {voicemail: general}
              - name: a wrong expectation fails
                language: es-US
                says: "Hi."
                events: [busy]
                expect: {voicemail: general}
              - name: a language the flow does not speak
                language: fr-FR
                events: [busy]
                expect: {voicemail: general}

            """)
        let file = try ScenarioFile.load(path: path)
        let results = ScenarioRunner.run(file, try ProgramLoader.load(file.flow))
        #expect(results.map(\.passed) == [true, true, false, false])
    }
}
