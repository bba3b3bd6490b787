import Testing
@testable import CallFlowCompiler

@Suite struct UnusedDefinitionTests {
    static let everythingUsed = """
    callflow: 1
    name: used
    timezone: Europe/Berlin
    start: office
    context:
      caller.vip: bool
      caller.tier: {enum: [standard, gold]}
      account.id: string
      order.status: string
      caller.language: {enum: [en, es]}
    skills: [sales, senior, spanish]
    schedules:
      office:
        weekly: {mon-fri: "08:00-18:00"}
      late:
        weekly: {mon-fri: "18:00-22:00"}
    queues:
      sales: {skills: [sales], max_wait: 5m}
      callbacks: {max_wait: 5m}
    escalations:
      - name: late-vip
        at: start
        when: caller.vip and open("late")
        goto: sales-line
    nodes:
      office:
        hours: office
        open: ask
        closed: later
      ask:
        collect: "Enter your account number."
        into: account.id
        next: find
        fallback: find
      find:
        lookup: crm
        sets: [order.status]
        next: lang
        error: lang
      lang: {set: {caller.language: es}, next: route}
      route:
        switch:
          - if: caller.tier == "gold" and starts_with(account.id, "caller.tier")
            goto: senior-line
        else: sales-line
      senior-line: {queue: sales, skills: [senior, spanish], overflow: later}
      sales-line: {queue: sales, overflow: later}
      later: {callback: callbacks}
    """

    @Test func everyKindOfUseCounts() {
        let findings = lint(Self.everythingUsed)
        #expect(findings.with("unused-definition").isEmpty, "\(findings.dump)")
    }

    @Test func eachUnusedDefinitionFiresAtItsName() {
        let findings = lint("""
        callflow: 1
        name: leftovers
        timezone: Europe/Berlin
        start: desk
        context:
          caller.vip: bool
        skills: [sales]
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        queues:
          billing: {max_wait: 5m}
        nodes:
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """).with("unused-definition")
        #expect(findings.count == 4, "\(findings.dump)")
        #expect(findings.contains { $0.range.start == at(6, 3) && $0.message.contains("context variable 'caller.vip'") })
        #expect(findings.contains { $0.range.start == at(7, 10) && $0.message.contains("skill 'sales'") })
        #expect(findings.contains { $0.range.start == at(9, 3) && $0.message.contains("schedule 'office'") })
        #expect(findings.contains { $0.range.start == at(12, 3) && $0.message.contains("queue 'billing'") })
    }

    @Test func aSkillOfAnUnusedQueueIsUsedByTheQueue() {
        let findings = lint("""
        callflow: 1
        name: leftovers
        start: desk
        skills: [sales]
        queues:
          billing: {skills: [sales], max_wait: 5m}
        nodes:
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """).with("unused-definition")
        #expect(findings.map(\.message) == ["queue 'billing' is defined but nothing uses it; send calls there with a queue node or remove it"])
    }

    @Test func aNameInsideAStringIsNotAUse() {
        let findings = lint("""
        callflow: 1
        name: strings
        start: route
        context:
          caller.tier: string  # a string: an enum could not hold "caller.vip" (an expression error)
          caller.vip: bool
        nodes:
          route:
            switch:
              - if: caller.tier == "caller.vip"
                goto: desk
            else: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """).with("unused-definition")
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains("'caller.vip'") == true)
    }

    @Test func includes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = try folder.write("flow.yaml", """
        callflow: 1
        name: includes
        start: desk
        include: [shared/queues.yaml, shared/unused.yaml, shared/parent.yaml]
        nodes:
          desk: {queue: tech, overflow: box}
          box: {callback: other}
        """)
        try folder.write("shared/queues.yaml", "queues:\n  tech: {max_wait: 5m}\n  spare: {max_wait: 5m}\n")
        try folder.write("shared/unused.yaml", "skills: [nobody]\n")
        // Used only through the file it includes.
        try folder.write("shared/parent.yaml", "include: [child.yaml]\n")
        try folder.write("shared/child.yaml", "queues:\n  other: {max_wait: 5m}\n")
        let (report, unreadable) = Linter().lint(paths: [root])
        #expect(unreadable.isEmpty)
        let findings = report.diagnostics.with("unused-definition")
        // The unused queue 'spare' of a shared file is not reported on its own.
        #expect(findings.count == 1, "\(findings.dump)")
        #expect(findings.first?.message == "include 'shared/unused.yaml' defines nothing this flow uses; remove it")
        #expect(findings.first?.range.file == root)
        #expect(findings.first?.range.start == at(4, 31))
    }
}

/// The names `unused-definition` counts as used come from the parsed conditions.
@Suite struct ExpressionNamesTests {
    static func parse(_ text: String) throws -> Expression {
        try ExpressionParser.parse(text).get()
    }

    @Test func dottedNamesOutsideStrings() throws {
        let names = try Self.parse(#"caller.tier == "vip.member" and not caller.emergency or x in ["a", "b\"c.d"]"#)
        #expect(names.variables == ["caller.tier", "caller.emergency", "x"])
        #expect(names.schedules.isEmpty)
    }

    @Test func openNamesASchedule() throws {
        let names = try Self.parse(#"open("office") and not open( "late-shift" ) and contains(caller.number, "+49")"#)
        #expect(names.schedules == ["office", "late-shift"])
        #expect(names.variables == ["caller.number"])
    }

    @Test func literalsAreNotNames() throws {
        let names = try Self.parse("queue.wait > 1m30s and call.failures >= 3 and account.balance < 2.5 and true")
        #expect(names.variables == ["queue.wait", "call.failures", "account.balance"])
    }

    @Test func hyphensBelongToNames() throws {
        #expect(try Self.parse("order-info.late-flag").variables == ["order-info.late-flag"])
    }
}
