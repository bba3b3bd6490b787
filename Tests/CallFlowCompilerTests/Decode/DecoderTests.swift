import Testing
@testable import CallFlowCompiler

/// A flow that should raise `id` at `line`:`column` with a message holding every one of `words`.
struct DecodeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let id: String
    let line: Int
    let column: Int
    let words: [String]

    init(_ name: String, _ id: String, at line: Int, _ column: Int, _ words: [String], _ text: String) {
        self.name = name
        self.text = text
        self.id = id
        self.line = line
        self.column = column
        self.words = words
    }

    var testDescription: String { name }
}

@Suite struct DecoderErrorTests {
    static let unknownKeys: [DecodeCase] = [
        DecodeCase("misspelt outcome", "unknown-key", at: 7, 5, ["unknown key 'nxet'", "say node 'start'", "did you mean 'next'?"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            say: "Hi"
            nxet: done
          done: {hangup: true}
        """),
        DecodeCase("misspelt top-level key", "unknown-key", at: 4, 1, ["unknown key 'descripton'", "the flow", "did you mean 'description'?"], """
        callflow: 1
        name: test
        start: done
        descripton: "x"
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("key of another kind", "unknown-key", at: 7, 5, ["unknown key 'next'", "belongs to say, collect, lookup, set, send nodes", "takes no_input, no_match, fallback"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            menu: "Press 1."
            next: done
            options: {"1": done}
            fallback: done
          done: {hangup: true}
        """),
        DecodeCase("misspelt queue key", "unknown-key", at: 5, 24, ["unknown key 'callbak'", "queue 'tech'", "did you mean 'callback'?"], """
        callflow: 1
        name: test
        start: start
        queues:
          tech: {max_wait: 5m, callbak: true}
        nodes:
          start: {queue: tech, overflow: done}
          done: {hangup: true}
        """),
    ]

    static let invalidValues: [DecodeCase] = [
        DecodeCase("yes for a boolean", "invalid-value", at: 5, 34, ["callback must be true or false", "'yes' is a string in YAML 1.2", "write true"], """
        callflow: 1
        name: test
        start: start
        queues:
          tech: {max_wait: 5m, callback: yes}
        nodes:
          start: {queue: tech, overflow: done}
          done: {hangup: true}
        """),
        DecodeCase("off for a boolean", "invalid-value", at: 8, 15, ["critical must be true or false", "'off' is a string", "write false"], """
        callflow: 1
        name: test
        start: done
        escalations:
          - name: urgent
            at: request
            goto: done
            critical: off
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("number for a duration", "invalid-value", at: 9, 14, ["timeout must be a duration such as 5s", "write '5s' for seconds"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            menu: "Press 1."
            options: {"1": done}
            fallback: done
            timeout: 5
          done: {hangup: true}
        """),
        DecodeCase("words for a duration", "invalid-value", at: 5, 20, ["max_wait must be a duration", "the string '10 minutes'"], """
        callflow: 1
        name: test
        start: start
        queues:
          tech: {max_wait: 10 minutes}
        nodes:
          start: {queue: tech, overflow: done}
          done: {hangup: true}
        """),
        DecodeCase("bad time zone", "invalid-value", at: 3, 11, ["unknown time zone 'America/New_Yrok'", "did you mean 'America/New_York'?"], """
        callflow: 1
        name: test
        timezone: America/New_Yrok
        start: done
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("bad flow name", "invalid-value", at: 2, 7, ["'Acme Support' is not an identifier", "write 'acme-support'"], """
        callflow: 1
        name: Acme Support
        start: done
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("bad node id", "invalid-value", at: 5, 3, ["a node id 'Done' is not an identifier", "write 'done'"], """
        callflow: 1
        name: test
        start: done
        nodes:
          Done: {hangup: true}
          done: {hangup: true}
        """),
        DecodeCase("bad human key", "invalid-value", at: 4, 12, ["human_key must be one telephone key", "the string '10'"], """
        callflow: 1
        name: test
        start: done
        human_key: "10"
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("bad option key", "invalid-value", at: 7, 26, ["option 'A' of node 'start' is not a telephone key", "quote * and #"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            menu: "Press 1."
            options: {"1": done, A: done}
            fallback: done
          done: {hangup: true}
        """),
        DecodeCase("bad E.164 number", "invalid-value", at: 5, 21, ["transfer target '555-0100'", "neither an E.164 number", "sip: URI"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start: {transfer: "555-0100", fallback: done}
          done: {hangup: true}
        """),
        DecodeCase("E.164 starting with 0", "invalid-value", at: 5, 21, ["transfer target '+0555'"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start: {transfer: "+0555", fallback: done}
          done: {hangup: true}
        """),
        DecodeCase("two kinds", "invalid-value", at: 5, 20, ["node 'start' has two kinds, 'say' and 'menu'", "split it into two nodes"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start: {say: hi, menu: "Press 1", next: done}
          done: {hangup: true}
        """),
        DecodeCase("no kind", "invalid-value", at: 5, 3, ["node 'start' has no kind", "exactly one of say, menu, collect"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            next: done
          done: {hangup: true}
        """),
        DecodeCase("menu without options", "invalid-value", at: 5, 3, ["node 'start' has no 'options'; it is required"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            menu: "Press 1."
            fallback: done
          done: {hangup: true}
        """),
        DecodeCase("queue without max_wait", "invalid-value", at: 5, 3, ["queue 'tech' has no 'max_wait'; it is required"], """
        callflow: 1
        name: test
        start: start
        queues:
          tech: {callback: false}
        nodes:
          start: {queue: tech, overflow: done}
          done: {hangup: true}
        """),
        DecodeCase("flow without start", "invalid-value", at: 1, 1, ["the flow has no 'start'; it is required"], """
        callflow: 1
        name: test
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("flow without nodes", "invalid-value", at: 1, 1, ["the flow has no 'nodes'; it is required"], """
        callflow: 1
        name: test
        start: done
        """),
        DecodeCase("unknown format version", "invalid-value", at: 1, 11, ["the format version 'callflow' is 2", "between 1 and 1"], """
        callflow: 2
        name: test
        start: done
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("negative retries", "invalid-value", at: 9, 14, ["retries is -1; it must be at least 0"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            menu: "Press 1."
            options: {"1": done}
            fallback: done
            retries: -1
          done: {hangup: true}
        """),
        DecodeCase("fractional retries", "invalid-value", at: 9, 14, ["retries must be a whole number", "the number 1.5"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            menu: "Press 1."
            options: {"1": done}
            fallback: done
            retries: 1.5
          done: {hangup: true}
        """),
        DecodeCase("priority over 100", "invalid-value", at: 7, 34, ["priority is 101; it must be between 0 and 100"], """
        callflow: 1
        name: test
        start: start
        queues:
          tech: {max_wait: 5m}
        nodes:
          start: {queue: tech, priority: 101, overflow: done}
          done: {hangup: true}
        """),
        DecodeCase("enum default outside the list", "invalid-value", at: 5, 55, ["the default of context variable 'caller.tier' is 'platinum'", "not one of enum [standard, gold, vip]"], """
        callflow: 1
        name: test
        start: done
        context:
          caller.tier: {enum: [standard, gold, vip], default: platinum}
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("enum default misspelt", "invalid-value", at: 5, 55, ["is 'gld'", "did you mean 'gold'?"], """
        callflow: 1
        name: test
        start: done
        context:
          caller.tier: {enum: [standard, gold, vip], default: gld}
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("unknown variable type", "invalid-value", at: 5, 15, ["unknown type 'boolean'", "use bool, number, string, duration"], """
        callflow: 1
        name: test
        start: done
        context:
          caller.vip: boolean
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("built-in variable declared", "invalid-value", at: 5, 3, ["'caller.number' is a built-in variable"], """
        callflow: 1
        name: test
        start: done
        context:
          caller.number: string
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("callback outcome without callbacks", "invalid-value", at: 7, 40, ["queue 'tech' offers no callbacks", "callback: true"], """
        callflow: 1
        name: test
        start: start
        queues:
          tech: {max_wait: 5m}
        nodes:
          start: {queue: tech, overflow: done, callback: done}
          done: {hangup: true}
        """),
        DecodeCase("schedules without time zone", "invalid-value", at: 1, 1, ["uses schedules but has no 'timezone'"], """
        callflow: 1
        name: test
        start: start
        schedules:
          office: {weekly: {mon: "09:00-17:00"}}
        nodes:
          start: {hours: office, open: done, closed: done}
          done: {hangup: true}
        """),
        DecodeCase("empty file", "invalid-value", at: 1, 1, ["the file is empty"], ""),
    ]

    static let undefinedReferences: [DecodeCase] = [
        DecodeCase("node", "undefined-reference", at: 7, 11, ["no node is named 'goodby'", "did you mean 'goodbye'?"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            say: "Hi"
            next: goodby
          goodbye: {hangup: true}
        """),
        DecodeCase("start node", "undefined-reference", at: 3, 8, ["no node is named 'strat'", "did you mean 'start'?"], """
        callflow: 1
        name: test
        start: strat
        nodes:
          start: {hangup: true}
        """),
        DecodeCase("menu option target", "undefined-reference", at: 7, 32, ["no node is named 'sale'", "did you mean 'sales'?"], """
        callflow: 1
        name: test
        start: start
        nodes:
          start:
            menu: "Press 1."
            options: {"1": sales, "2": sale}
            fallback: sales
          sales: {hangup: true}
        """),
        DecodeCase("queue", "undefined-reference", at: 7, 18, ["no queue is named 'tehc'", "did you mean 'tech'?"], """
        callflow: 1
        name: test
        start: start
        queues:
          tech: {max_wait: 5m}
        nodes:
          start: {queue: tehc, overflow: done}
          done: {hangup: true}
        """),
        DecodeCase("schedule", "undefined-reference", at: 9, 18, ["no schedule is named 'ofice'", "did you mean 'office'?"], """
        callflow: 1
        name: test
        timezone: Europe/Berlin
        start: start
        schedules:
          office:
            weekly: {mon-fri: "09:00-17:00"}
        nodes:
          start: {hours: ofice, open: done, closed: done}
          done: {hangup: true}
        """),
        DecodeCase("skill", "undefined-reference", at: 6, 20, ["no skill is named 'biling'", "did you mean 'billing'?"], """
        callflow: 1
        name: test
        start: start
        skills: [billing, tech]
        queues:
          bills: {skills: [biling], max_wait: 5m}
        nodes:
          start: {queue: bills, overflow: done}
          done: {hangup: true}
        """),
        DecodeCase("undeclared skill", "undefined-reference", at: 5, 20, ["no skill is named 'billing'", "declare it under 'skills'"], """
        callflow: 1
        name: test
        start: start
        queues:
          bills: {skills: [billing], max_wait: 5m}
        nodes:
          start: {queue: bills, overflow: done}
          done: {hangup: true}
        """),
        DecodeCase("variable", "undefined-reference", at: 9, 11, ["no context variable is named 'acount.id'", "did you mean 'account.id'?"], """
        callflow: 1
        name: test
        start: start
        context:
          account.id: string
        nodes:
          start:
            collect: "Enter your account number."
            into: acount.id
            next: done
            fallback: done
          done: {hangup: true}
        """),
        DecodeCase("check id in ignore", "undefined-reference", at: 4, 10, ["no check is named 'unknwn-key'", "did you mean 'unknown-key'?"], """
        callflow: 1
        name: test
        start: done
        ignore: [unknwn-key]
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("escalation target", "undefined-reference", at: 7, 11, ["no node is named 'operater'", "did you mean 'operator'?"], """
        callflow: 1
        name: test
        start: operator
        escalations:
          - name: human
            at: request
            goto: operater
        nodes:
          operator: {hangup: true}
        """),
    ]

    static let invalidSchedules: [DecodeCase] = [
        DecodeCase("unknown day", "invalid-schedule", at: 7, 14, ["unknown day 'mo' in 'mo-fr'", "did you mean 'mon'?"], """
        callflow: 1
        name: test
        timezone: Europe/Berlin
        start: done
        schedules:
          office:
            weekly: {mo-fr: "09:00-17:00"}
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("malformed range", "invalid-schedule", at: 7, 23, ["'9-17' is not a range of times", "HH:MM-HH:MM"], """
        callflow: 1
        name: test
        timezone: Europe/Berlin
        start: done
        schedules:
          office:
            weekly: {mon-fri: "9-17"}
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("hour 25", "invalid-schedule", at: 8, 28, ["'09:00-25:00' is not a range of times"], """
        callflow: 1
        name: test
        timezone: Europe/Berlin
        start: done
        schedules:
          office:
            weekly:
              sat: ["08:00-09:00", "09:00-25:00"]
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("empty range", "invalid-schedule", at: 7, 23, ["'08:00-08:00' is empty", "00:00-24:00"], """
        callflow: 1
        name: test
        timezone: Europe/Berlin
        start: done
        schedules:
          office:
            weekly: {mon-fri: "08:00-08:00"}
        nodes:
          done: {hangup: true}
        """),
        DecodeCase("day without hours", "invalid-schedule", at: 7, 19, ["'sat' lists no hours"], """
        callflow: 1
        name: test
        timezone: Europe/Berlin
        start: done
        schedules:
          office:
            weekly: {sat: []}
        nodes:
          done: {hangup: true}
        """),
    ]

    static func check(_ testCase: DecodeCase) {
        let result = Fixture.decode(testCase.text)
        let matches = result.diagnostics.filter {
            $0.check == testCase.id && $0.range.start == at(testCase.line, testCase.column)
        }
        #expect(matches.count == 1, "wanted \(testCase.id) at \(testCase.line):\(testCase.column); got:\n\(result.diagnostics.dump)")
        guard let finding = matches.first else { return }
        #expect(finding.range.file == Fixture.file)
        #expect(finding.severity == .error)
        for word in testCase.words {
            #expect(finding.message.contains(word), "'\(finding.message)' lacks '\(word)'")
        }
    }

    @Test(arguments: unknownKeys) func unknownKey(_ testCase: DecodeCase) { Self.check(testCase) }
    @Test(arguments: invalidValues) func invalidValue(_ testCase: DecodeCase) { Self.check(testCase) }
    @Test(arguments: undefinedReferences) func undefinedReference(_ testCase: DecodeCase) { Self.check(testCase) }
    @Test(arguments: invalidSchedules) func invalidSchedule(_ testCase: DecodeCase) { Self.check(testCase) }

    @Test func unknownKeyRangeCoversTheKey() throws {
        let result = Fixture.decode(Self.unknownKeys[0].text)
        #expect(result.diagnostics.ids == ["unknown-key"])
        #expect(result.diagnostics.first?.range == span(7, 5, 7, 9))
    }

    @Test func fallbackTargetIsReportedOnceWhenUndefined() {
        let result = Fixture.decode("""
        callflow: 1
        name: test
        start: start
        nodes:
          start: {transfer: "+15550100", fallback: nowhere}
        """)
        #expect(result.diagnostics.ids == ["undefined-reference"], "\(result.diagnostics.dump)")
        #expect(result.diagnostics.first?.range == span(5, 44, 5, 51))
    }

    @Test func referencesToANodeWithErrorsAreNotReportedTwice() {
        // `done` has a bad body, but it exists: only the body is reported.
        let result = Fixture.decode("""
        callflow: 1
        name: test
        start: start
        nodes:
          start: {say: hi, next: done}
          done: {hangup: 5}
        """)
        #expect(result.diagnostics.ids == ["invalid-value"], "\(result.diagnostics.dump)")
        #expect(result.diagnostics.first?.range.start == at(6, 18))
    }

    @Test func decodingGoesOnAfterAnError() {
        let result = Fixture.decode("""
        callflow: 1
        name: test
        start: start
        nodes:
          start: {say: hi, nxet: done}
          done: {hangup: true, descripton: x}
          other: {transfer: "555", fallback: done}
        """)
        #expect(result.diagnostics.map(\.range.start) == [at(5, 20), at(6, 24), at(7, 21)], "\(result.diagnostics.dump)")
        #expect(result.diagnostics.ids == ["unknown-key", "unknown-key", "invalid-value"])
    }
}
