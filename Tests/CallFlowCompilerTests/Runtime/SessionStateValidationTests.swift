import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 18: a saved state is validated as a whole, and untrusted numbers never trap.
@Suite struct SessionStateValidationTests {
    static let program: TableProgram = try! ProgramLoader.load(Examples.flows[0]).program
    static let instant = Date(timeIntervalSince1970: 1_795_000_000)

    static func node(_ kind: TableNodeKind) -> Int32 {
        Int32(program.table.nodes.firstIndex { $0.kind == kind }!)
    }

    /// A state the helpdesk flow is in after its greeting: playing at a say.
    static func playing() -> SessionState {
        var session = CallSession(program: program, time: instant)
        let first = session.start()
        #expect(first.kind == .say)
        return session.state
    }

    static func refused(_ state: SessionState, _ why: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try CallSession(program: program, state: state)
            Issue.record("a state with \(why) was resumed", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.hasPrefix("cannot resume the session: "), sourceLocation: sourceLocation)
        }
    }

    @Test func aPhaseThatDoesNotFitItsNodeIsRefused() {
        var state = Self.playing()
        #expect((try? CallSession(program: Self.program, state: state)) != nil)
        // The fuzzer's crash: playing at a node that is not a say (resume used to trap).
        state.node = Self.node(.menu)
        Self.refused(state, "playing at a menu")
        state.node = Self.node(.transfer)
        Self.refused(state, "playing at a transfer")
        state.phase = .waiting
        state.node = Self.node(.say)
        Self.refused(state, "waiting at a say")
        state.phase = .ended
        state.node = Self.node(.menu)
        Self.refused(state, "ended at a menu")
        state.phase = .new
        Self.refused(state, "a new call at a node")
    }

    @Test func playingAtAnEndingWithNoEdgesIsRefused() throws {
        // The campaign's 24 crashes: `resume()` read the say's edge at a node that has none; at
        // the last node that is past the end of the edges ("Index out of range").
        let table = Self.program.table
        let last = try #require(table.nodes.indices.last { table.nodes[$0].kind == .voicemail || table.nodes[$0].kind == .hangup })
        var state = Self.playing()
        state.node = Int32(last)
        Self.refused(state, "playing at an ending")
        state.phase = .ended
        #expect((try? CallSession(program: Self.program, state: state)) != nil)
    }

    @Test func indicesCountersAndTimesOutOfRangeAreRefused() throws {
        let good = Self.playing()
        var state = good
        for node: Int32 in [-2, Int32(Self.program.table.nodes.count), .max, .min] {
            state.node = node
            Self.refused(state, "node \(node)")
        }
        state = good
        state.phase = .waiting
        state.node = Self.node(.menu)
        state.attempts = 50
        Self.refused(state, "50 attempts at a menu")
        state.attempts = -1
        Self.refused(state, "negative attempts")
        state = good
        state.entered = -1
        Self.refused(state, "negative nodes entered")
        state.entered = Int32(Self.program.stepBound + 1)
        Self.refused(state, "more nodes entered than the bound")
        state = good
        state.priority = 101
        Self.refused(state, "priority 101")
        for time in [Double.nan, .infinity, -.infinity, 1e300, -1e300, 1e12] {
            state = good
            state.time = time
            Self.refused(state, "time \(time)")
        }
        // Through JSON, as a replica would get it: 1e300 used to pass the isFinite check and trap.
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(good)) as? [String: Any])
        object["time"] = 1e300
        let decoded = try JSONDecoder().decode(SessionState.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded.time == 1e300)
        Self.refused(decoded, "time 1e300 from JSON")
    }

    @Test func untrustedTimesNeverTrap() {
        var session = CallSession(program: Self.program, time: Date(timeIntervalSince1970: .nan))
        for time in [Double.nan, .infinity, -.infinity, 1e300, -1e300, Double(Int.max), -Double(Int.max), .greatestFiniteMagnitude] {
            session.setTime(Date(timeIntervalSince1970: time))
            #expect(ScheduleEvaluator.instants.contains(session.state.time))
            session.reset(time: time)
            #expect(ScheduleEvaluator.instants.contains(session.state.time))
            #expect(session.start().kind != .fault)
        }
        let evaluator = Self.program.table.schedules.compactMap(ScheduleEvaluator.init).first!
        _ = evaluator.status(at: Date(timeIntervalSince1970: .nan))
        _ = evaluator.localTime(at: Date(timeIntervalSince1970: -.infinity))
        _ = evaluator.schedule.status(daysSinceEpoch: .max, minute: .min)
        _ = evaluator.schedule.status(daysSinceEpoch: .min, minute: .max)
        _ = evaluator.schedule.isOpen(weekday: -9, minute: 1_000_000)
        _ = evaluator.schedule.isOpen(minuteOfWeek: .min)
        _ = LocalDate(daysSinceEpoch: .max)
        _ = LocalDate(daysSinceEpoch: .min).weekday
        _ = LocalDate(year: .max, month: .min, day: .max).daysSinceEpoch
        #expect(evaluator.schedule.status(daysSinceEpoch: 20_000, minute: 1440) == evaluator.schedule.status(daysSinceEpoch: 20_001, minute: 0))
    }

    @Test func untrustedNumbersAtTheOtherEntryPointsNeverTrap() {
        var session = CallSession(program: Self.program, time: Self.instant)
        #expect(Self.program.value("x", forSlot: -1) == nil)
        #expect(Self.program.value("x", forSlot: .max) == nil)
        #expect(!Self.program.accepts(.number(1), slot: .min))
        #expect(throws: SessionError.self) { try session.set(slot: -1, .bool(true)) }
        #expect(throws: SessionError.self) { try session.set(slot: .max, .bool(true)) }
        #expect(throws: SessionError.self) { try session.setLookupValue(slot: .max, .bool(true)) }
        let slot = Self.program.slot(named: "call.failures")!
        #expect(throws: SessionError.self) { try session.set(slot: slot, .number(.nan)) }
        var instruction = session.start()
        while instruction.kind == .say { instruction = session.resume() }
        for event: CallEvent in [.queueStatus(wait: .max, depth: .min), .queueStatus(wait: .min, depth: .max), .digits(String(repeating: "9", count: 10_000)),
                                 .digits(""), .speech(String(repeating: " ", count: 1000)), .lookup(.found), .noInput] {
            _ = session.handle(event)
        }
    }

    /// Damaged saved states at random: each is refused or runs random events within the bound.
    @Test func damagedStatesAreRefusedOrRunWithinTheBound() throws {
        var random = SeededRandom(seed: 18)
        let flow = Examples.flow(Examples.flows[0])
        let nodes = Int32(Self.program.table.nodes.count)
        var refused = 0, resumed = 0
        for _ in 0 ..< 3000 {
            var session = CallSession(program: Self.program, time: Self.instant)
            var instruction = session.start()
            for event in RoundTripTests.events(for: flow, using: &random).prefix(2) {
                while instruction.kind == .say { instruction = session.resume() }
                instruction = session.handle(event.event)
            }
            var state = session.state
            switch Int.random(in: 0..<7, using: &random) {
            case 0: state.node = Int32.random(in: -3 ... nodes + 2, using: &random)
            case 1: state.phase = [.new, .playing, .waiting, .ended, .faulted].randomElement(using: &random)!
            case 2: state.attempts = Int32.random(in: -2...6, using: &random)
            case 3: state.time = [Double.nan, .infinity, 1e300, -1e18, 0, 1e9].randomElement(using: &random)!
            case 4: state.entered = [nil, -1, 0, 3, Int32(Self.program.stepBound), .max].randomElement(using: &random)!
            case 5: state.priority = Int32.random(in: -5...105, using: &random)
            default:
                state.node = Int32.random(in: 0 ..< nodes, using: &random)
                state.phase = [.playing, .waiting, .ended].randomElement(using: &random)!
            }
            guard var resumedSession = try? CallSession(program: Self.program, state: state) else {
                refused += 1
                continue
            }
            resumed += 1
            var steps = 0
            instruction = resumedSession.resume()
            for event in RoundTripTests.events(for: flow, using: &random) {
                while instruction.kind == .say, steps < 1000 {
                    instruction = resumedSession.resume()
                    steps += 1
                }
                instruction = resumedSession.handle(event.event)
            }
            #expect(steps <= Self.program.stepBound)
        }
        #expect(refused > 500)
        #expect(resumed > 500)
    }

    /// Issue 10, item 7: why a state is refused is a case, and its message is the one above.
    @Test func aRefusalIsACase() {
        var state = Self.playing()
        state.node = Self.node(.menu)
        #expect(throws: SessionError.badState(.phase(.playing, at: .menu))) { try CallSession(program: Self.program, state: state) }
        state = Self.playing()
        state.priority = 101
        #expect(throws: SessionError.badState(.priority(101))) { try CallSession(program: Self.program, state: state) }
        #expect(SessionError.badState(.phase(.playing, at: .menu)).description == "cannot resume the session: phase playing at a menu node")
        #expect(SessionError.badState(.attempts(3, allowed: 2)).description == "cannot resume the session: 3 attempts at a node that allows 2")
    }
}
