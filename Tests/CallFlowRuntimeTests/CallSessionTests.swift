import CallFlowRuntime
import Foundation
import Testing

/// The executor on its own: `CallSession` on a table built by hand (`HandBuiltTable`), no YAML
/// and no compiler. The compiler's tests run it on compiled flows (`Runtime/` there).
@Suite struct CallSessionTests {
    static let instant = Date(timeIntervalSince1970: 1_795_000_000)

    static func session() throws -> CallSession {
        CallSession(program: try HandBuiltTable.program(), time: instant)
    }

    @Test func theHandBuiltTableIsValidAndSurvivesItsBytes() throws {
        let table = HandBuiltTable.table()
        try table.validate()
        let loaded = try TableProgram(bytes: table.encoded())
        #expect(loaded.table == table)
    }

    /// Greeting, menu, key 1, transfer: each instruction carries its node, text and prompt.
    @Test func aCallerWhoPressesOneIsTransferred() throws {
        var session = try Self.session()
        let strings = session.program.table.strings
        let greeting = session.start()
        #expect(greeting.kind == .say && greeting.node == HandBuiltTable.greeting)
        #expect(strings[Int(greeting.text)] == "Welcome.")
        #expect(greeting.prompt == 0)
        #expect(session.state.phase == .playing)

        let menu = session.resume()
        #expect(menu.kind == .gather && menu.node == HandBuiltTable.main)
        #expect(menu.timeout == 5 && menu.minDigits == 1 && menu.maxDigits == 1)
        #expect(menu.prompt == 1)
        #expect(session.state.phase == .waiting)

        let transfer = session.handle(.digits("1"))
        #expect(transfer.kind == .transfer && transfer.node == HandBuiltTable.desk)
        #expect(strings[Int(transfer.text)] == "+15550100")
        #expect(session.state.failures == 0)
    }

    /// Each transfer result takes its own outcome (the edge positions come from the kind's description).
    @Test func transferResultsTakeTheirOwnOutcomes() throws {
        let expected: [TransferResult: (InstructionKind, Int32)] = [
            .noAnswer: (.voicemail, HandBuiltTable.box), .busy: (.voicemail, HandBuiltTable.box),
            .failed: (.hangup, HandBuiltTable.bye),
        ]
        for result in TransferResult.allCases {
            var session = try Self.session()
            _ = session.start()
            _ = session.resume()
            _ = session.handle(.digits("1"))
            let end = session.handle(.transfer(result))
            #expect(end.kind == expected[result]?.0 && end.node == expected[result]?.1, "\(result.outcome)")
            #expect(end.endsCall)
            #expect(session.state.phase == .ended)
        }
    }

    /// A menu replays its prompt `retries` times, counting failures in `call.failures`, then takes
    /// its failure outcome; a key without an option is a no-match.
    @Test func aMenuRetriesThenTakesItsFailureOutcome() throws {
        for event in [CallEvent.noInput, .digits("7"), .digits("#")] {
            var session = try Self.session()
            _ = session.start()
            _ = session.resume()
            let replay = session.handle(event)
            #expect(replay.kind == .gather && replay.node == HandBuiltTable.main, "\(event)")
            #expect(session.state.attempts == 1 && session.state.failures == 1)
            #expect(session.state.slots[0] == .number(1), "call.failures")
            let end = session.handle(event)
            #expect(end.kind == .voicemail && end.node == HandBuiltTable.box, "\(event)")
            #expect(session.state.failures == 2)
        }
    }

    /// Events a node does not wait for, and events after the end, change nothing.
    @Test func eventsOutOfPlaceAreIgnored() throws {
        var session = try Self.session()
        #expect(session.resume().kind == .ignored)
        _ = session.start()
        #expect(session.start().kind == .ignored)
        #expect(session.handle(.digits("1")).kind == .ignored, "a say does not take keys")
        let playing = session.state
        _ = session.resume()
        #expect(session.handle(.transfer(.busy)).kind == .ignored, "a menu does not take a transfer result")
        #expect(session.handle(.overflow).kind == .ignored)
        _ = session.handle(.digits("1"))
        _ = session.handle(.transfer(.failed))
        let ended = session.state
        #expect(session.handle(.digits("1")).kind == .ignored)
        #expect(session.state == ended)
        #expect(playing.phase == .playing)
    }

    /// A saved state carries the call on in another session (another replica), the same way.
    @Test func aSavedStateResumesTheCall() throws {
        var first = try Self.session()
        _ = first.start()
        _ = first.resume()
        _ = first.handle(.noInput)
        let saved = try JSONDecoder().decode(SessionState.self, from: try JSONEncoder().encode(first.state))
        var second = try CallSession(program: try HandBuiltTable.program(), state: saved)
        let a = first.handle(.digits("1")), b = second.handle(.digits("1"))
        #expect(a == b)
        #expect(first.state == second.state)
        #expect(b.kind == .transfer)
    }

    /// A state that does not fit the table is refused with the reason, never run.
    @Test func aStateThatDoesNotFitIsRefused() throws {
        var session = try Self.session()
        _ = session.start()
        let program = try HandBuiltTable.program()
        var state = session.state
        state.table ^= 1
        #expect(throws: SessionError.badState(.otherTable)) { try CallSession(program: program, state: state) }
        #expect(SessionError.badState(.otherTable).description == "cannot resume the session: " + "it belongs to another table")
        state = session.state
        state.node = HandBuiltTable.desk
        #expect(throws: SessionError.badState(.phase(.playing, at: .transfer))) { try CallSession(program: program, state: state) }
        #expect(SessionError.badState(.phase(.playing, at: .transfer)).description == "cannot resume the session: " + "phase playing at a transfer node")
        state = session.state
        state.priority = 101
        #expect(throws: SessionError.badState(.priority(101))) { try CallSession(program: program, state: state) }
        #expect(SessionError.badState(.priority(101)).description == "cannot resume the session: " + "priority 101 is not 0-100")
    }

    /// Context variables: unknown names and values of the wrong type are refused.
    @Test func contextValuesAreChecked() throws {
        var session = try Self.session()
        #expect(throws: SessionError.unknownVariable("tier")) { try session.set("tier", .string("gold")) }
        #expect(throws: SessionError.badValue(slot: 2)) { try session.set("queue.name", .number(3)) }
        try session.set("queue.name", .string("billing"))
        #expect(session.state.slots[2] == .string("billing"))
    }
}
