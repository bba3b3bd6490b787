import Testing
@testable import CallFlowCompiler

/// The example of the design, section 3: it decodes cleanly and into the expected model.
@Suite struct SpecExampleTests {
    static let example = """
    callflow: 1
    name: acme-support
    timezone: America/New_York
    start: greeting
    context:
      caller.tier: {enum: [standard, gold, vip]}
      caller.emergency: bool
      account.id: string
    skills: [billing, tech, senior]
    schedules:
      office:
        weekly: {mon-fri: "08:00-18:00", sat: "09:00-12:00"}
        holidays: [2026-12-25, 2027-01-01]
    queues:
      tech: {skills: [tech], max_wait: 10m, callback: true, alert: {depth: 15, wait: 4m}}
      billing: {skills: [billing], max_wait: 8m}
      senior: {skills: [senior], max_wait: 5m}
    escalations:
      - name: emergency
        at: start
        when: caller.emergency
        goto: on-call
        critical: true
      - name: vip
        at: start
        when: caller.tier == "vip" and open("office")
        goto: senior-line
      - name: ask-for-human
        at: request
        goto: operator
    nodes:
      greeting:
        say: "Thanks for calling Acme."
        next: office-hours
      office-hours:
        hours: office
        open: main-menu
        closed: after-hours
      main-menu:
        menu: "For billing press 1. For technical support press 2. For anyone else press 0."
        options:
          "1": billing-line
          "2": tech-line
          "0": operator
        fallback: operator
      billing-line: {queue: billing, overflow: general-voicemail}
      tech-line: {queue: tech, overflow: general-voicemail, callback: tech-callback}
      senior-line: {queue: senior, priority: 50, overflow: operator}
      operator: {transfer: "+15550100", fallback: general-voicemail}
      on-call: {transfer: "+15550199", fallback: operator}
      after-hours:
        say: "We are closed. Leave a message after the tone."
        next: general-voicemail
      general-voicemail: {voicemail: general}
      tech-callback: {callback: tech}

    """

    static func decoded() throws -> Flow {
        let result = Fixture.decode(example)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        return try #require(result.flow)
    }

    static func targets(_ node: FlowNode) -> [String: String] {
        Dictionary(node.outcomes.map { ($0.label, $0.target.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func headerAndResources() throws {
        let flow = try Self.decoded()
        #expect(flow.name.value == "acme-support")
        #expect(flow.name.range == span(2, 7, 2, 19))
        #expect(flow.timezone?.value == "America/New_York")
        #expect(flow.start.value == "greeting")
        #expect(flow.effectiveHumanKey == "0")
        #expect(flow.effectiveHumanPhrases == ["agent", "representative", "operator"])
        #expect(flow.context.map(\.name.value) == ["caller.tier", "caller.emergency", "account.id"])
        #expect(flow.context.map(\.type) == [.enumeration(["standard", "gold", "vip"]), .bool, .string])
        #expect(flow.skills.map(\.value) == ["billing", "tech", "senior"])

        let office = try #require(flow.schedule(named: "office"))
        #expect(office.ranges.map(\.day) == [.mon, .tue, .wed, .thu, .fri, .sat])
        #expect(office.ranges.map(\.opens.description) == ["08:00", "08:00", "08:00", "08:00", "08:00", "09:00"])
        #expect(office.ranges.map(\.closes.description) == ["18:00", "18:00", "18:00", "18:00", "18:00", "12:00"])
        #expect(office.holidays.map(\.value) == [CalendarDate(year: 2026, month: 12, day: 25), CalendarDate(year: 2027, month: 1, day: 1)])

        #expect(flow.queues.map(\.name.value) == ["tech", "billing", "senior"])
        let tech = try #require(flow.queue(named: "tech"))
        #expect(tech.offersCallback)
        #expect(tech.maxWait == Duration(seconds: 600))
        #expect(tech.alertDepth == 15)
        #expect(tech.alertWait == Duration(seconds: 240))
        #expect(tech.skills.map(\.value) == ["tech"])
        let billing = try #require(flow.queue(named: "billing"))
        #expect(!billing.offersCallback)
        #expect(billing.maxWait == Duration(seconds: 480))
        #expect(billing.alertDepth == nil)
    }

    @Test func escalationRules() throws {
        let flow = try Self.decoded()
        #expect(flow.escalations.map(\.name.value) == ["emergency", "vip", "ask-for-human"])
        #expect(flow.escalations.map(\.trigger.value) == [.start, .start, .request])
        #expect(flow.escalations.map(\.target.value) == ["on-call", "senior-line", "operator"])
        #expect(flow.escalations.map(\.critical) == [true, false, false])
        #expect(flow.escalations[1].condition?.text == "caller.tier == \"vip\" and open(\"office\")")
        #expect(flow.escalations[1].condition?.range == span(26, 11, 26, 50))
        #expect(flow.escalations[2].condition == nil)
    }

    @Test func nodeKindsInFileOrder() throws {
        let flow = try Self.decoded()
        #expect(flow.nodes.map(\.id.value) == [
            "greeting", "office-hours", "main-menu", "billing-line", "tech-line", "senior-line", "operator",
            "on-call", "after-hours", "general-voicemail", "tech-callback",
        ])
        #expect(flow.nodes.map(\.kind.name) == [
            "say", "hours", "menu", "queue", "queue", "queue", "transfer", "transfer", "say", "voicemail", "callback",
        ])
        #expect(flow.nodes.allSatisfy { $0.missingOutcomes.isEmpty })
        #expect(flow.nodeIndex["main-menu"] == 2)
        #expect(flow.node(named: "main-menu")?.id.range == span(39, 3, 39, 12))
    }

    @Test func outcomesAreResolved() throws {
        let flow = try Self.decoded()
        let hours = try #require(flow.node(named: "office-hours"))
        #expect(Self.targets(hours) == ["open": "main-menu", "closed": "after-hours", "holiday": "after-hours"])
        // `holiday` is not written: it takes the `closed` target and points at the `closed` key.
        #expect(hours.outcome("holiday")?.source == span(38, 5, 38, 11))

        let menu = try #require(flow.node(named: "main-menu"))
        #expect(menu.outcomes.map(\.label) == ["1", "2", "0", "no_input", "no_match"])
        #expect(Self.targets(menu) == ["1": "billing-line", "2": "tech-line", "0": "operator",
                                       "no_input": "operator", "no_match": "operator"])
        #expect(menu.outcome("no_match")?.source == span(45, 5, 45, 13))
        guard case .menu(let body) = menu.kind else {
            Issue.record("main-menu is not a menu")
            return
        }
        #expect(body.options.map(\.key.value) == ["1", "2", "0"])
        #expect(body.effectiveRetries == 2)
        #expect(body.effectiveTimeout == Duration(seconds: 5))

        let techLine = try #require(flow.node(named: "tech-line"))
        #expect(Self.targets(techLine) == ["overflow": "general-voicemail", "callback": "tech-callback"])
        let operatorNode = try #require(flow.node(named: "operator"))
        #expect(Self.targets(operatorNode) == ["no_answer": "general-voicemail", "busy": "general-voicemail",
                                               "failed": "general-voicemail"])
        guard case .queue(let senior)? = flow.node(named: "senior-line")?.kind else {
            Issue.record("senior-line is not a queue node")
            return
        }
        #expect(senior.priority?.value == 50)
    }
}

@Suite struct OutcomeResolutionTests {
    @Test func missingOutcomesListsUnwiredRequiredOutcomes() throws {
        let result = Fixture.decode("""
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            menu: "Press 1."
            options: {"1": done}
            no_input: done
          look: {lookup: crm, next: done}
          call: {transfer: "+15550100", busy: done}
          done: {hangup: true}
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        let flow = try #require(result.flow)
        #expect(flow.node(named: "start")?.missingOutcomes == ["no_match"])
        #expect(flow.node(named: "look")?.missingOutcomes == ["error"])
        #expect(flow.node(named: "call")?.missingOutcomes == ["no_answer", "failed"])
        #expect(flow.node(named: "done")?.missingOutcomes == [])
    }

    @Test func explicitOutcomeWinsOverFallback() throws {
        let flow = try #require(Fixture.decode("""
        callflow: 1
        name: test
        start: start
        nodes:
          start: {transfer: "+15550100", busy: retry, fallback: done}
          retry: {say: again, next: start}
          done: {hangup: true}
        """).flow)
        let start = try #require(flow.node(named: "start"))
        #expect(start.outcome("busy")?.target.value == "retry")
        #expect(start.outcome("no_answer")?.target.value == "done")
        #expect(start.outcome("failed")?.target.value == "done")
    }

    @Test func notFoundDefaultsToNext() throws {
        let result = Fixture.decode("""
        callflow: 1
        name: test
        start: look
        nodes:
          look: {lookup: crm, next: done, error: done}
          other: {lookup: crm, next: done, not_found: look, error: done}
          done: {hangup: true}
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        let flow = try #require(result.flow)
        let look = try #require(flow.node(named: "look"))
        #expect(look.outcome("not_found")?.target.value == "done")
        #expect(look.outcome("not_found")?.source == look.outcome("next")?.source)
        #expect(look.missingOutcomes.isEmpty)
        #expect(flow.node(named: "other")?.outcome("not_found")?.target.value == "look")
        guard case .lookup(let lookup)? = flow.node(named: "look")?.kind else {
            Issue.record("look is not a lookup")
            return
        }
        #expect(lookup.effectiveTimeout == Duration(seconds: 3))
    }

    @Test func holidayWrittenWinsOverClosed() throws {
        let flow = try #require(Fixture.decode("""
        callflow: 1
        name: test
        timezone: Europe/Berlin
        start: start
        schedules:
          office: {weekly: {mon: "09:00-17:00"}}
        nodes:
          start: {hours: office, open: done, closed: done, holiday: holiday}
          holiday: {say: closed today, next: done}
          done: {hangup: true}
        """).flow)
        #expect(flow.node(named: "start")?.outcome("holiday")?.target.value == "holiday")
    }

    @Test func queueCallbackOutcomeRequiredWhenTheQueueOffersCallbacks() throws {
        let result = Fixture.decode("""
        callflow: 1
        name: test
        start: start
        queues:
          tech: {max_wait: 5m, callback: true}
          plain: {max_wait: 5m}
        nodes:
          start: {queue: tech, overflow: other}
          other: {queue: plain, overflow: done}
          done: {hangup: true}
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        let flow = try #require(result.flow)
        #expect(flow.node(named: "start")?.missingOutcomes == ["callback"])
        #expect(flow.node(named: "other")?.missingOutcomes == [])
    }

    @Test func queueNodeWithCallbackKindIsAnOutcomeNotASecondKind() throws {
        let result = Fixture.decode("""
        callflow: 1
        name: test
        start: start
        queues:
          tech: {max_wait: 5m, callback: true}
        nodes:
          start: {queue: tech, overflow: done, callback: cb}
          cb: {callback: tech}
          done: {hangup: true}
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        #expect(result.flow?.node(named: "start")?.outcome("callback")?.target.value == "cb")
        #expect(result.flow?.node(named: "cb")?.kind.name == "callback")
    }

    @Test func collectDigitsAndSetValues() throws {
        let result = Fixture.decode("""
        callflow: 1
        name: test
        start: ask
        context:
          account.id: string
          caller.tier: {enum: [standard, vip], default: standard}
          wait: duration
        nodes:
          ask:
            collect: "Enter your account number."
            digits: "4-8"
            into: account.id
            next: mark
            fallback: done
          mark:
            set: {caller.tier: vip, wait: 5m}
            next: done
          done: {hangup: "Goodbye."}
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        let flow = try #require(result.flow)
        guard case .collect(let collect)? = flow.node(named: "ask")?.kind else {
            Issue.record("ask is not a collect")
            return
        }
        #expect(collect.digits == DigitCount(min: 4, max: 8))
        #expect(collect.into?.value == "account.id")
        #expect(flow.variable(named: "caller.tier")?.defaultValue == .string("standard"))
        guard case .hangup(let farewell)? = flow.node(named: "done")?.kind else {
            Issue.record("done is not a hangup")
            return
        }
        #expect(farewell.value?.value == "Goodbye.")
    }
}
