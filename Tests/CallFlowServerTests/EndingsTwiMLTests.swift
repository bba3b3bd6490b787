import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import Testing

/// Issue 14 item 7 over loopback, on the vet hospital's flow: a voicemail's greeting before
/// `<Record maxLength transcribe>`, the waitUrl's announcement every interval in the call's
/// language with the wait filled in and the queue's hold music, and a callback to the number the
/// caller entered.
@Suite(.serialized) struct EndingsTwiMLTests {
    /// Thanksgiving 2027: the pharmacy is closed, so option 2 of the main menu ends at its mailbox.
    @Test func aVoicemailPlaysItsGreetingInTheCallsLanguageThenRecords() async throws {
        try await TwiMLMappingTests.withServer { server, _ in
            for (language, key, greeting) in [("en-US", "1", "The pharmacy is closed."), ("es-US", "2", "La farmacia está cerrada.")] {
                var carrier = Carrier(clock: "2027-11-25T10:00")
                let first = try #require(try await carrier.post(server.base + "/voice/vet-hospital").twiml?.first("Gather"))
                let main = try #require(try await carrier.post(first.attributes["action"]!, [("Digits", key)]).twiml?.first("Gather"))
                let box = try #require(try await carrier.post(main.attributes["action"]!, [("Digits", "2")]).twiml)
                let record = try #require(box.first("Record"))
                #expect(record.attributes["maxLength"] == "120")
                #expect(record.attributes["transcribe"] == "true")
                // The greeting comes before the Record, spoken in the call's language and voice.
                let say = try #require(box.children.first { $0.name == "Say" })
                #expect(say.text.hasPrefix(greeting), "\(language): \(say.text)")
                #expect(say.attributes["language"] == language)
                #expect(say.attributes["voice"] == (language == "en-US" ? "Polly.Joanna-Neural" : "Polly.Lupe-Neural"))
                #expect(!box.says.contains(Prompts.voicemail))
                let sayIndex = try #require(box.children.firstIndex { $0.name == "Say" })
                let recordIndex = try #require(box.children.firstIndex { $0.name == "Record" })
                #expect(sayIndex < recordIndex)
            }
        }
    }

    /// A mailbox without settings keeps the server's words and two minutes, with no transcription
    /// (riverside's refill mailbox, option 2 of its main menu).
    @Test func aVoicemailWithoutSettingsIsAsBefore() async throws {
        try await TwiMLMappingTests.withServer { server, _ in
            var carrier = Carrier(clock: "2026-11-24T16:00")
            let menu = try #require(try await carrier.post(server.base + "/voice/riverside-clinic").twiml?.first("Gather"))
            let box = try #require(try await carrier.post(menu.attributes["action"]!, [("Digits", "2")]).twiml)
            let record = try #require(box.first("Record"))
            #expect(record.attributes["maxLength"] == "120")
            #expect(record.attributes["transcribe"] == nil)
            #expect(box.says.contains(Prompts.voicemail))
        }
    }

    @Test func theWaitURLAnnouncesEveryIntervalWithTheWaitOverTheHoldMusic() async throws {
        try await TwiMLMappingTests.withServer { server, _ in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let first = try #require(try await carrier.post(server.base + "/voice/vet-hospital").twiml?.first("Gather"))
            // "2": Spanish; then "0" at the main menu asks for the front desk (open).
            let main = try #require(try await carrier.post(first.attributes["action"]!, [("Digits", "2")]).twiml?.first("Gather"))
            let queued = try #require(try await carrier.post(main.attributes["action"]!, [("Digits", "0")]).twiml?.first("Enqueue"))
            #expect(queued.text == "reception")
            let waitURL = try #require(queued.attributes["waitUrl"])
            var heard: [String] = []
            for wait in [0, 60, 125, 130, 250] {
                let hold = try #require(try await carrier.post(waitURL, [("QueueTime", "\(wait)"), ("CurrentQueueSize", "3")]).twiml)
                let music = try #require(hold.first("Play"), "wait \(wait)")
                #expect(music.text == "https://cdn.harborvet.example/hold/calm-piano.mp3")
                #expect(music.attributes["loop"] == "1")
                // The queue's own words replace the server's holding line; the callback offer stays.
                #expect(!hold.says.contains(Prompts.holding))
                #expect(hold.says.contains(Prompts.callbackOffer))
                for say in hold.all where say.name == "Say" && say.text.hasPrefix("Lleva esperando") {
                    #expect(say.attributes["language"] == "es-US")
                    heard.append("\(wait): \(say.text)")
                }
            }
            #expect(heard == ["125: Lleva esperando unos 2 minutos. Gracias por esperar; la recepción le atenderá en breve.",
                              "250: Lleva esperando unos 4 minutos. Gracias por esperar; la recepción le atenderá en breve."])
        }
    }

    @Test func aCallbackGoesToTheNumberTheCallerEntered() async throws {
        try await TwiMLMappingTests.withServer { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let first = try #require(try await carrier.post(server.base + "/voice/vet-hospital").twiml?.first("Gather"))
            let queued = try #require(try await carrier.post(first.attributes["action"]!, [("Digits", "0")]).twiml?.first("Enqueue"))
            let hold = try #require(try await carrier.post(queued.attributes["waitUrl"]!, [("QueueTime", "0"), ("CurrentQueueSize", "1")]).twiml)
            let offer = try #require(hold.first("Gather")?.attributes["action"])
            #expect(try await carrier.post(offer, [("Digits", "1")]).twiml?.first("Leave") != nil)
            let entry = try #require(try await carrier.post(queued.attributes["action"]!, [("QueueResult", "leave")]).twiml?.first("Gather"))
            #expect(entry.attributes["numDigits"] == "10")
            let booked = try #require(try await carrier.post(entry.attributes["action"]!, [("Digits", "2065550123")]).twiml)
            #expect(booked.says == [Prompts.callbackBooked])
            let items = await mock.received("callbacks", sid: carrier.sid)
            #expect(items.first?["number"] as? String == "2065550123")
            #expect(items.first?["caller"] as? String == carrier.from)
            #expect(items.first?["queue"] as? String == "reception")
        }
    }

    @Test func aCallbackWithoutAnEnteredNumberCallsTheCallerID() async throws {
        try await TwiMLMappingTests.withServer { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let first = try #require(try await carrier.post(server.base + "/voice/vet-hospital").twiml?.first("Gather"))
            let queued = try #require(try await carrier.post(first.attributes["action"]!, [("Digits", "0")]).twiml?.first("Enqueue"))
            let hold = try #require(try await carrier.post(queued.attributes["waitUrl"]!, [("QueueTime", "0"), ("CurrentQueueSize", "1")]).twiml)
            #expect(try await carrier.post(try #require(hold.first("Gather")?.attributes["action"]), [("Digits", "1")]).twiml?.first("Leave") != nil)
            var twiml = try #require(try await carrier.post(queued.attributes["action"]!, [("QueueResult", "leave")]).twiml)
            // Silence three times (the entry's two retries): the caller-id callback.
            for _ in 0..<3 {
                let action = try #require(twiml.first("Gather")?.attributes["action"])
                twiml = try #require(try await carrier.post(action).twiml)
            }
            #expect(twiml.says == [Prompts.callbackBooked])
            let items = await mock.received("callbacks", sid: carrier.sid)
            #expect(items.first?["number"] as? String == carrier.from)
        }
    }
}
