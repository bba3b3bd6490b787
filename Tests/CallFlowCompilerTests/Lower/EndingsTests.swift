import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 14 item 7: a voicemail's greeting, `max_length` and `transcribe`; a callback's `number`;
/// queue announcements with words (`announce: {every, say}`) and `hold_music`.
@Suite struct EndingsTests {
    static func lint(_ yaml: String) -> [Diagnostic] {
        Linter().lint(SourceFile(path: "t.yaml", text: yaml)).diagnostics
    }

    static func program(_ yaml: String) throws -> TableProgram {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try ProgramLoader.load(try folder.write("flow.yaml", yaml)).program
    }

    static let flow = """
        callflow: 1
        name: e
        languages: [en-US, es-US]
        start: menu
        context:
          callback.number: string
          pet.name: {type: string, default: "your pet"}
        queues:
          desk:
            max_wait: 10m
            callback: true
            announce:
              every: 2m
              say: {en-US: "You have waited {queue.wait}.", es-US: "Lleva esperando {queue.wait}."}
            hold_music: https://cdn.example.com/hold.mp3
          nurses:
            max_wait: 5m
            announce: 1m
        nodes:
          menu:
            menu: {en-US: "For the desk press 1. For nurses press 2.", es-US: "Para la recepción oprima 1. Para enfermeras oprima 2."}
            options: {"1": line, "2": nurse-line}
            fallback: box
          line:
            queue: desk
            overflow: box
            callback: number
          nurse-line:
            queue: nurses
            announce: {every: 30s, say: {en-US: "Still {queue.wait}.", es-US: "Aún {queue.wait}."}}
            overflow: box
          number:
            collect: {en-US: "Enter the number.", es-US: "Marque el número."}
            digits: 10
            into: callback.number
            next: call-back
            fallback: call-back-caller
          call-back: {callback: desk, number: callback.number}
          call-back-caller: {callback: desk}
          box:
            voicemail: general
            greeting: {en-US: "Leave a message about {pet.name}.", es-US: "Deje un mensaje sobre {pet.name}."}
            max_length: 3m
            transcribe: true

        """

    @Test func theFlowLintsCleanAndItsTableHasTheNewSections() throws {
        #expect(Self.lint(Self.flow).isEmpty)
        let table = try Self.program(Self.flow).table
        #expect(table.voicemails.count == 1)
        #expect(table.voicemails.first?.maxLength == 180)
        #expect(table.voicemails.first?.transcribe == 1)
        #expect(table.callbackNumbers.count == 1)
        // The desk's words and music, then the nurse line's own words.
        #expect(table.announcements.map(\.queue) == [0, -1])
        #expect(table.announcements[0].holdMusic >= 0 && table.announcements[1].holdMusic == -1)
    }

    @Test func theVoicemailInstructionCarriesItsGreetingLengthAndTranscription() throws {
        var session = CallSession(program: try Self.program(Self.flow), time: Date(timeIntervalSince1970: 1_795_000_000))
        try session.set("call.language", .string("es-US"))
        _ = session.start()
        _ = session.handle(.noInput)
        _ = session.handle(.noInput)
        let mailbox = session.handle(.noInput)
        #expect(mailbox.kind == .voicemail)
        #expect(mailbox.timeout == 180)
        #expect(mailbox.transcribe)
        #expect(session.render(mailbox) == [.text("Deje un mensaje sobre your pet.")])
    }

    @Test func aVoicemailWithoutSettingsRecordsTwoMinutesWithoutGreeting() throws {
        let plain = Self.flow.replacingOccurrences(of: """
                greeting: {en-US: "Leave a message about {pet.name}.", es-US: "Deje un mensaje sobre {pet.name}."}
                max_length: 3m
                transcribe: true

            """, with: "\n")
        #expect(!Self.lint(plain).contains { $0.severity == .error })
        let program = try Self.program(plain)
        #expect(program.table.voicemails.isEmpty)
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        _ = session.start()
        _ = session.handle(.noInput)
        _ = session.handle(.noInput)
        let mailbox = session.handle(.noInput)
        #expect(mailbox.kind == .voicemail && mailbox.timeout == 120 && !mailbox.transcribe && mailbox.prompt == -1)
    }

    @Test func theCallbackCallsTheCollectedNumberOrTheCallerID() throws {
        let program = try Self.program(Self.flow)
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        _ = session.start()
        #expect(session.handle(.digits("1")).kind == .enqueue)
        #expect(session.handle(.callback).kind == .collect)
        let booked = session.handle(.digits("2065550123#"))
        #expect(booked.kind == .callback)
        let slot = try #require(program.slot(named: "callback.number"))
        #expect(booked.slot == Int32(slot))
        #expect(session.state.slots[slot] == .string("2065550123"))
        var other = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        _ = other.start()
        _ = other.handle(.digits("1"))
        _ = other.handle(.callback)
        _ = other.handle(.noInput)
        _ = other.handle(.noInput)
        let caller = other.handle(.noInput)
        #expect(caller.kind == .callback && caller.slot == -1)
    }

    @Test func announcementsComeEveryIntervalInTheCallsLanguageWithTheWait() throws {
        let program = try Self.program(Self.flow)
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        try session.set("call.language", .string("es-US"))
        _ = session.start()
        _ = session.handle(.digits("1"))
        var heard: [String] = []
        var music: Set<Int32> = []
        for wait in [0, 60, 119, 120, 150, 239, 250, 600 - 1] {
            let hold = session.handle(.queueStatus(wait: wait, depth: 2))
            #expect(hold.kind == .hold)
            music.insert(hold.text)
            if hold.prompt >= 0 { heard.append("\(wait): " + session.render(hold).map(\.spokenText).joined()) }
        }
        // At 2 minutes, then 2 minutes after that announcement (250 s), then at 599 s (over 370 s).
        #expect(heard == ["120: Lleva esperando unos 2 minutos.", "250: Lleva esperando unos 4 minutos.",
                          "599: Lleva esperando unos 10 minutos."])
        #expect(music.count == 1 && program.table.strings[Int(music.first!)] == "https://cdn.example.com/hold.mp3")
    }

    @Test func aQueueNodesOwnWordsAndIntervalReplaceItsQueues() throws {
        let program = try Self.program(Self.flow)
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        _ = session.start()
        _ = session.handle(.digits("2"))
        #expect(session.handle(.queueStatus(wait: 20, depth: 1)).prompt == -1)
        let hold = session.handle(.queueStatus(wait: 31, depth: 1))
        #expect(session.render(hold) == [.text("Still less than a minute.")])
        // The nurses queue has no hold music.
        #expect(hold.text == -1)
    }

    @Test func aQueueWithTheOldFormAnnouncesNoWords() throws {
        let old = Self.flow.replacingOccurrences(of: """
                announce: {every: 30s, say: {en-US: "Still {queue.wait}.", es-US: "Aún {queue.wait}."}}

            """, with: "")
        let program = try Self.program(old)
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        _ = session.start()
        _ = session.handle(.digits("2"))
        for wait in [30, 60, 120, 180] {
            let hold = session.handle(.queueStatus(wait: wait, depth: 1))
            #expect(hold.kind == .hold && hold.prompt == -1 && hold.text == -1)
        }
        #expect(program.table.queues[1].announce == 60)
    }

    @Test func mistakesAreFoundWhereTheyAreWritten() {
        let cases: [(from: String, to: String, check: String, message: String)] = [
            ("max_length: 3m", "max_length: 5h", "invalid-value", "max_length of node 'box' is 5h; a message is recorded for 1s to 4h"),
            ("max_length: 3m", "max_length: 0s", "invalid-value", "is 0s"),
            ("transcribe: true", "transcribe: yes", "invalid-value", "transcribe must be true or false"),
            ("number: callback.number", "number: callback.numbr", "undefined-reference", "no context variable is named 'callback.numbr'; did you mean 'callback.number'?"),
            ("number: callback.number", "number: call.priority", "invalid-value", "'call.priority' is a built-in number"),
            ("hold_music: https://cdn.example.com/hold.mp3", "hold_music: ../hold.mp3", "bad-recording", "'../hold.mp3' is neither an absolute https:// URL"),
            ("every: 2m", "evry: 2m", "unknown-key", "unknown key 'evry'"),
            ("say: {en-US: \"You have waited {queue.wait}.\", es-US: \"Lleva esperando {queue.wait}.\"}",
             "say: {en-US: \"You have waited {queue.wait}.\"}", "missing-translation", "has no es-US text"),
            ("say: {en-US: \"You have waited {queue.wait}.\", es-US: \"Lleva esperando {queue.wait}.\"}",
             "say: {en-US: \"You have waited {queue.wiat}.\", es-US: \"Lleva esperando {queue.wait}.\"}", "template", "unknown variable 'queue.wiat'"),
            ("greeting: {en-US: \"Leave a message about {pet.name}.\", es-US: \"Deje un mensaje sobre {pet.name}.\"}",
             "greeting: \"Leave a message about {queue.wait}.\"", "template", "'{queue.wait}' is known only while the call waits in a queue"),
            ("greeting: {en-US: \"Leave a message about {pet.name}.\", es-US: \"Deje un mensaje sobre {pet.name}.\"}",
             "greeting: \"Leave a message.\"", "missing-translation", "the greeting of node 'box' is one text"),
        ]
        for item in cases {
            #expect(Self.flow.contains(item.from), "\(item.from)")
            let findings = Self.lint(Self.flow.replacingOccurrences(of: item.from, with: item.to))
            #expect(findings.contains { $0.check == item.check && $0.message.contains(item.message) && $0.severity == .error },
                    "\(item.to): \(findings.map { "\($0.check): \($0.message)" })")
        }
        // A callback's number must be a string.
        let numeric = Self.flow.replacingOccurrences(of: "callback.number: string", with: "callback.number: number")
        let findings = Self.lint(numeric)
        #expect(findings.contains { $0.check == "invalid-value" && $0.message.contains("'callback.number' has type number") })
    }

    @Test func placeholdersOfGreetingsAndAnnouncementsAreUses() {
        // pet.name is read only by the greeting: not an unused definition.
        #expect(!Self.lint(Self.flow).contains { $0.check == "unused-definition" })
        let unused = Self.flow.replacingOccurrences(of: "{pet.name}", with: "your pet")
        #expect(Self.lint(unused).contains { $0.check == "unused-definition" && $0.message.contains("pet.name") })
    }

    @Test func aVersion2TableStillLoadsAndNewPartsNeedVersion3() throws {
        let riverside = try ProgramLoader.load(Examples.root + "/flows/riverside-clinic.yaml").program.table
        #expect(!riverside.needsFormat3)
        let old = riverside.encoded(formatVersion: 2)
        #expect(old[4] == 2)
        let loaded = try RoutingTable(decoding: old)
        #expect(loaded == riverside)
        #expect(riverside.encoded()[4] == 3)
        // A flow without the new parts pays three empty directory entries (3 x 4 words).
        #expect(riverside.encoded().count - old.count == 48)
        #expect(try Self.program(Self.flow).table.needsFormat3)
        // Version 1 is still refused.
        var ancient = old
        ancient[4] = 1
        #expect(throws: TableError.self) { try RoutingTable(decoding: ancient) }
    }

    @Test func loadingRefusesBrokenItem7Records() throws {
        let good = try Self.program(Self.flow).table
        var breaks: [(String, (inout RoutingTable) -> Void)] = []
        breaks.append(("too long", { $0.voicemails[0].maxLength = 14_401 }))
        breaks.append(("transcribe 2", { $0.voicemails[0].transcribe = 2 }))
        breaks.append(("not a voicemail", { $0.voicemails[0].node = 0 }))
        breaks.append(("not a string slot", { t in t.callbackNumbers[0].slot = t.builtIns.callFailures }))
        breaks.append(("not a callback", { $0.callbackNumbers[0].node = 0 }))
        breaks.append(("prompt out of range", { t in t.announcements[0].prompt = Int32(t.prompts.prompts.count) }))
        breaks.append(("music out of range", { t in t.announcements[0].holdMusic = Int32(t.strings.count) }))
        breaks.append(("node before queue", { t in t.announcements.swapAt(0, 1) }))
        breaks.append(("music on a node", { t in t.announcements[1].holdMusic = 0 }))
        for (what, damage) in breaks {
            var table = good
            damage(&table)
            #expect(throws: TableError.self, "\(what)") { try table.validate() }
            #expect(throws: TableError.self, "\(what)") { try RoutingTable(decoding: table.encoded()) }
        }
        #expect(try RoutingTable(decoding: good.encoded()) == good)
    }

    @Test func announcedIsPartOfAResumableState() throws {
        let program = try Self.program(Self.flow)
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        _ = session.start()
        _ = session.handle(.digits("1"))
        #expect(session.handle(.queueStatus(wait: 130, depth: 1)).prompt >= 0)
        #expect(session.state.announced == 130)
        var resumed = try CallSession(program: program, state: session.state)
        #expect(resumed.handle(.queueStatus(wait: 200, depth: 1)).prompt == -1)
        #expect(resumed.handle(.queueStatus(wait: 250, depth: 1)).prompt >= 0)
        var bad = session.state
        bad.announced = -5
        #expect(throws: SessionError.self) { try CallSession(program: program, state: bad) }
    }
}
