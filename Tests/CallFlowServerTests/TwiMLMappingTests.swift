import AsyncHTTPClient
import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
import Testing

/// The TwiML each instruction becomes (docs/server.md), and lookups under timeouts and budgets.
@Suite(.serialized) struct TwiMLMappingTests {
    static func withServer(configure: (inout ServerConfiguration) -> Void = { _ in },
                           _ body: (RunningServer, MockIntegrations) async throws -> Void) async throws {
        let scratch = try Scratch()
        try Examples.writeTables(into: scratch.path)
        let mock = MockIntegrations()
        try await mock.start()
        defer { mock.stop() }
        let server = try await RunningServer.start(tables: scratch.path, integrations: mock.integrations, spool: scratch.path + "/outbox",
                                                   configure: configure)
        try await body(server, mock)
        await server.stop()
    }

    @Test func gathersWriteEveryAttributeTheSessionReliesOn() async throws {
        try await Self.withServer { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            let menu = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            // Says before the menu are in the same response.
            #expect(menu.children.first?.name == "Say")
            let gather = try #require(menu.first("Gather"))
            #expect(gather.attributes["input"] == "dtmf speech")
            #expect(gather.attributes["numDigits"] == "1")
            #expect(gather.attributes["timeout"] == "5")
            #expect(gather.attributes["actionOnEmptyResult"] == "true")
            #expect(gather.attributes["finishOnKey"] == "")
            #expect(gather.attributes["method"] == "POST")
            #expect(gather.attributes["hints"]?.contains("existing ticket") == true)
            #expect(gather.says.first?.hasPrefix("For an existing ticket, press 1.") == true)
            let collect = try #require(try await carrier.post(gather.attributes["action"]!, [("Digits", "1")]).twiml?.first("Gather"))
            #expect(collect.attributes["input"] == "dtmf")
            #expect(collect.attributes["numDigits"] == "8")
            #expect(collect.attributes["finishOnKey"] == "#")
            #expect(collect.attributes["timeout"] == "8")
            #expect(collect.attributes["actionOnEmptyResult"] == "true")
            // An empty result is no input: the prompt is replayed.
            let replay = try #require(try await carrier.post(collect.attributes["action"]!).twiml?.first("Gather"))
            #expect(replay.says == collect.says)
        }
    }

    @Test func aQueueOffersItsCallbackInTheWaitTwiMLAndAlertsOnce() async throws {
        try await Self.withServer { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            let menu = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml?.first("Gather"))
            let queued = try #require(try await carrier.post(menu.attributes["action"]!, [("Digits", "2")]).twiml?.first("Enqueue"))
            #expect(queued.text == "service-desk")
            let waitURL = try #require(queued.attributes["waitUrl"])
            // Depth 25 passes the alert threshold (20): an alert is delivered, the caller holds.
            let hold = try #require(try await carrier.post(waitURL, [("QueueTime", "60"), ("CurrentQueueSize", "25")]).twiml)
            let offer = try #require(hold.first("Gather"))
            #expect(offer.attributes["numDigits"] == "1")
            #expect(hold.says.contains(Prompts.callbackOffer))
            #expect(hold.first("Pause")?.attributes["length"] == "120")
            let alerts = await mock.received("alerts", sid: carrier.sid)
            #expect(alerts.count == 1)
            #expect(alerts.first?["queue"] as? String == "service-desk")
            _ = try await carrier.post(waitURL, [("QueueTime", "90"), ("CurrentQueueSize", "26")])
            try await Task.sleep(for: .milliseconds(500))
            #expect(await mock.received("alerts", sid: carrier.sid, seconds: 0).count == 1, "one alert per queue visit")
            // The caller presses 1: leave, then the Enqueue action plays the booking.
            #expect(try await carrier.post(offer.attributes["action"]!, [("Digits", "1")]).twiml?.first("Leave") != nil)
            let booked = try #require(try await carrier.post(queued.attributes["action"]!, [("QueueResult", "leave")]).twiml)
            #expect(booked.says == [Prompts.callbackBooked])
            #expect(booked.first("Hangup") != nil)
            // A later waitUrl request (a race with the leave) just leaves.
            #expect(try await carrier.post(waitURL, [("QueueTime", "95"), ("CurrentQueueSize", "26")]).twiml?.first("Leave") != nil)
        }
    }

    @Test func taskRouterEnqueuesATaskWithSkillsAndPriority() async throws {
        try await Self.withServer(configure: { $0.taskRouterWorkflow = "WW0123" }) { server, _ in
            var carrier = Carrier(clock: "2026-11-24T23:30")
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk?caller.tier=platinum").twiml)
            let enqueue = try #require(twiml.first("Enqueue"))
            #expect(enqueue.attributes["workflowSid"] == "WW0123")
            let task = try #require(enqueue.first("Task"))
            #expect(task.attributes["priority"] == "80")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(task.text.utf8)) as? [String: Any])
            #expect(json["queue"] as? String == "priority-desk")
            #expect(json["skills"] as? [String] == ["senior"])
        }
    }

    @Test func transfersDialWithResultsAndAnAnsweredDialEndsTheCall() async throws {
        try await Self.withServer { server, mock in
            var carrier = Carrier(clock: "2026-11-24T21:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            let menu = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml?.first("Gather"))
            let dial = try #require(try await carrier.post(menu.attributes["action"]!, [("Digits", "1")]).twiml?.first("Dial"))
            #expect(dial.text == "+491705550123")
            #expect(dial.attributes["timeout"] == "30")
            // No answer: the transfer's fallback, the dispatcher over SIP.
            let next = try #require(try await carrier.post(dial.attributes["action"]!, [("DialCallStatus", "no-answer")]).twiml?.first("Dial"))
            #expect(next.first("Sip")?.text == "sip:dispatch@pbx.brightline.example")
            let done = try #require(try await carrier.post(next.attributes["action"]!, [("DialCallStatus", "completed")]).twiml)
            #expect(done.first("Hangup") != nil)
            #expect(server.server.metrics.render().contains("ending=\"transfer-answered\""))
        }
    }

    @Test func aSlowLookupIsAnErrorAndASpentBudgetIsTheFallback() async throws {
        // The integration answers after 1 s; its timeout is 0.3 s: an error result, the call goes on.
        let slow: (inout ServerConfiguration) -> Void = { config in
            for name in config.integrations.lookups.keys { config.integrations.lookups[name]?.timeout = 0.3 }
        }
        try await Self.withServer(configure: slow) { server, mock in
            mock.state.withLock { $0.lookupDelay = .seconds(1) }
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            let started = Date()
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            #expect(Date().timeIntervalSince(started) < 0.9)
            #expect(twiml.first("Gather") != nil, "the lookup's error outcome leads to the menu")
            #expect(server.server.metrics.render().contains("callflow_lookups_total{result=\"error\"} 1"))
        }
        // A webhook budget smaller than the lookup's wait: the fallback, before the platform gives up.
        try await Self.withServer(configure: { $0.webhookBudget = 0.3 }) { server, mock in
            mock.state.withLock { $0.lookupDelay = .seconds(1) }
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found))])
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            #expect(twiml.first("Dial")?.text == RunningServer.fallback, "\(twiml.says)")
            #expect(twiml.says.first == Prompts.apologyDial)
        }
    }

    @Test func aLookupWhoseBodyIsSlowIsBoundByTheBudgetToo() async throws {
        // The head arrives at once, the body after 1 s: the client's own timeout has ended with
        // the head, the budget (0.3 s) still bounds the body.
        try await Self.withServer(configure: { $0.webhookBudget = 0.3 }) { server, mock in
            mock.state.withLock { $0.bodyDelay = .seconds(1) }
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let started = Date()
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            #expect(Date().timeIntervalSince(started) < 0.9)
            #expect(twiml.first("Dial")?.text == RunningServer.fallback, "\(twiml.says)")
        }
        // The lookup's own timeout (0.3 s) against the slow body: an error, and the call goes on.
        let slow: (inout ServerConfiguration) -> Void = { config in
            for name in config.integrations.lookups.keys { config.integrations.lookups[name]?.timeout = 0.3 }
        }
        try await Self.withServer(configure: slow) { server, mock in
            mock.state.withLock { $0.bodyDelay = .seconds(1) }
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let started = Date()
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            #expect(Date().timeIntervalSince(started) < 0.9)
            #expect(twiml.first("Gather") != nil, "the lookup's error outcome leads to the menu")
            #expect(server.server.metrics.render().contains("callflow_lookups_total{result=\"error\"} 1"))
        }
    }

    @Test func aLookupAnswered404IsNotFound() async throws {
        try await Self.withServer { server, mock in
            mock.state.withLock { $0.status404 = true }
            var carrier = Carrier(clock: "2026-11-24T10:00")
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            #expect(twiml.first("Gather") != nil)
            #expect(server.server.metrics.render().contains("callflow_lookups_total{result=\"not-found\"} 1"))
        }
    }

    @Test func aLookupValueOfTheWrongTypeIsAnError() async throws {
        try await Self.withServer { server, mock in
            var carrier = Carrier(clock: "2026-11-24T10:00")
            mock.script(carrier.sid, [SimulatedEvent(.lookup(.found), values: [("caller.tier", "diamond")])])
            let twiml = try #require(try await carrier.post(server.base + "/voice/helpdesk").twiml)
            #expect(twiml.first("Gather") != nil)
            #expect(server.server.metrics.render().contains("callflow_lookups_total{result=\"error\"} 1"))
            // A value the node does not set is ignored; a good one is applied (gold: ahead in the queue).
            var gold = Carrier(clock: "2026-11-24T10:00")
            mock.script(gold.sid, [SimulatedEvent(.lookup(.found), values: [("caller.tier", "gold"), ("ticket.number", "1")])])
            let menu = try #require(try await gold.post(server.base + "/voice/helpdesk").twiml?.first("Gather"))
            let queued = try #require(try await gold.post(menu.attributes["action"]!, [("Digits", "2")]).twiml?.first("Enqueue"))
            // The gold queue's overflow is the dispatcher (standard callers go to voicemail).
            let overflow = try #require(try await gold.post(queued.attributes["action"]!, [("QueueResult", "queue-full")]).twiml)
            #expect(overflow.first("Sip")?.text == "sip:dispatch@pbx.brightline.example")
        }
    }
}
