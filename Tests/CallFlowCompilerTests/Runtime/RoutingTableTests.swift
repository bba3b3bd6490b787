import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// A small deterministic generator (SplitMix64), so every run damages and calls the same way.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Examples {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let flows = ["flows/helpdesk.yaml", "flows/riverside-clinic.yaml", "flows/retail/northwind-retail.yaml"].map { root + "/" + $0 }

    static func flow(_ path: String) -> Flow {
        let result = Linter().lint(try! SourceReader().read(path))
        return result.flow!
    }
}

@Suite struct RoutingTableTests {
    @Test func sameFlowSameBytes() throws {
        for path in Examples.flows {
            let first = try ProgramLoader.compile(path).table.encoded()
            let second = try ProgramLoader.compile(path).table.encoded()
            #expect(first == second)
            let decoded = try RoutingTable(decoding: first)
            #expect(decoded == (try ProgramLoader.compile(path).table))
            #expect(decoded.encoded() == first)
            #expect(Array(first.prefix(4)) == Array("CFLT".utf8))
        }
    }

    @Test func refusesForeignAndOtherVersions() throws {
        let bytes = try ProgramLoader.compile(Examples.flows[0]).table.encoded()
        #expect(throws: TableError.self) { try RoutingTable(decoding: Array("callflow: 1\nname: x\n".utf8)) }
        #expect(throws: TableError.self) { try RoutingTable(decoding: []) }
        var version = bytes
        version[4] = 9
        do {
            _ = try RoutingTable(decoding: version)
            Issue.record("another version loaded")
        } catch {
            #expect(error.description.contains("format version 9"))
        }
    }

    /// Every damaged or truncated table is refused with an error, or (if the damage hit nothing
    /// checked) loads and runs within its bounds.
    @Test func randomDamageAndTruncation() throws {
        var random = SeededRandom(seed: 42)
        for path in Examples.flows {
            let bytes = try ProgramLoader.compile(path).table.encoded()
            var refused = 0, loaded = 0
            for round in 0..<400 {
                var damaged = bytes
                // The source hash and compiler version (bytes 8..<32) are information, not checked:
                // damage confined to them may load.
                var onlyInformation = true
                if round % 4 == 0 {
                    damaged.removeLast(Int.random(in: 1 ..< bytes.count, using: &random))
                    onlyInformation = false
                } else {
                    for _ in 0 ..< Int.random(in: 1...4, using: &random) {
                        let at = Int.random(in: 0 ..< damaged.count, using: &random)
                        damaged[at] ^= UInt8.random(in: 1...255, using: &random)
                        if !(8..<32).contains(at) { onlyInformation = false }
                    }
                }
                do {
                    let program = try TableProgram(bytes: damaged)
                    loaded += 1
                    #expect(onlyInformation, "a damaged table of \(path) loaded")
                    var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
                    var instruction = session.start()
                    for _ in 0..<50 where !instruction.endsCall {
                        instruction = instruction.kind == .say ? session.resume() : session.handle(.noInput)
                    }
                } catch {
                    refused += 1
                    #expect(!error.description.isEmpty)
                }
            }
            #expect(refused + loaded == 400)
        }
    }

    /// Damage behind a recomputed checksum (a crafted file) is still caught by validation or runs
    /// within the step bound: never a crash.
    @Test func craftedTablesWithValidChecksums() throws {
        var random = SeededRandom(seed: 7)
        let bytes = try ProgramLoader.compile(Examples.flows[0]).table.encoded()
        var refused = 0
        for _ in 0..<1500 {
            var damaged = bytes
            let at = Int.random(in: TableFormat.headerSize ..< damaged.count, using: &random)
            damaged[at] ^= UInt8.random(in: 1...255, using: &random)
            let checksum = damaged.withUnsafeBytes { TableFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[TableFormat.headerSize...])) }
            for k in 0..<8 { damaged[40 + k] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(k))) }
            guard let program = try? TableProgram(bytes: damaged) else { refused += 1; continue }
            var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
            var instruction = session.start()
            for step in 0..<60 where !instruction.endsCall {
                let events: [CallEvent] = [.noInput, .digits("1"), .lookup(.found), .queueStatus(wait: 600, depth: 9), .transfer(.busy)]
                instruction = instruction.kind == .say ? session.resume() : session.handle(events[step % events.count])
            }
            #expect(session.steps < 60 * (program.stepBound + 2))
        }
        #expect(refused > 0)
    }

    @Test func decisionLoopFaultsWithinBound() throws {
        let text = """
        callflow: 1
        name: loop
        start: a
        context:
          x: bool
        nodes:
          a:
            switch:
              - if: x
                goto: b
            else: b
          b:
            switch:
              - if: x
                goto: a
            else: a
        """
        let flow = FrontEnd().load(SourceFile(path: "loop.yaml", text: text)).flow!
        var options = TableOptimizations.all
        options.threadPassThrough = false
        let table = try TableCompiler.compile(FlowGraph(flow), sourceHash: 1, options: options).table
        var session = CallSession(program: try TableProgram(table), time: Date())
        let instruction = session.start()
        #expect(instruction.kind == .fault)
        #expect(session.fault?.contains("loop") == true)
    }

    @Test func sessionSurvivesSerializationMidCall() throws {
        let loaded = try ProgramLoader.load(Examples.flows[0])
        let time = LocalTime.instant("2026-11-24T10:00", zone: "Europe/Berlin")!
        var session = CallSession(program: loaded.program, time: time)
        var instruction = session.start()
        #expect(instruction.kind == .say)
        instruction = session.resume()
        #expect(instruction.kind == .lookup)
        instruction = session.handle(.lookup(.found))
        #expect(instruction.kind == .gather)
        instruction = session.handle(.digits("9"))   // a wrong key: failures 1, attempts 1
        let data = try JSONEncoder().encode(session.state)
        #expect(data.count < 1024)
        let state = try JSONDecoder().decode(SessionState.self, from: data)
        var resumed = try CallSession(program: loaded.program, state: state)
        #expect(resumed.state == session.state)
        for event: CallEvent in [.digits("1"), .noInput, .noInput] {
            let a = session.handle(event), b = resumed.handle(event)
            #expect(a == b)
        }
        #expect(resumed.state == session.state)
        #expect(CallSimulator.ending(resumed) == CallEnding("transfer", "sip:dispatch@pbx.brightline.example"))

        var other = state
        other.table ^= 1
        #expect(throws: SessionError.self) { _ = try CallSession(program: loaded.program, state: other) }
    }

    @Test func optimizationsDropAndThreadAndFold() throws {
        let text = """
        callflow: 1
        name: opt
        timezone: Europe/Berlin
        start: route
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        nodes:
          route:
            switch:
              - if: 1 > 2
                goto: bye
            else: hours
          hours: {hours: office, open: hello, closed: hello}
          hello: {say: "Hello.", next: bye}
          unused: {say: "Hello.", next: bye}
          bye: {hangup: true}
        """
        let result = FrontEnd().load(SourceFile(path: "opt.yaml", text: text))
        let flow = try #require(result.flow)
        let all = try TableCompiler.compile(FlowGraph(flow), sourceHash: 1)
        #expect(all.unreachable == ["unused"])
        #expect(Set(all.threaded) == ["route", "hours"])
        #expect(all.table.nodes.count == 2)
        #expect(all.table.conditions.isEmpty)
        let none = try TableCompiler.compile(FlowGraph(flow), sourceHash: 1, options: .none)
        #expect(none.table.nodes.count == 5)
        #expect(none.table.encoded().count > all.table.encoded().count)
        // Interning: the two identical prompts share one string.
        #expect(all.table.strings.count < none.table.strings.count)
    }
}

/// The table's executor against the reference simulator over the model, for many generated calls.
@Suite struct RoundTripTests {
    static func events(for flow: Flow, using random: inout SeededRandom) -> [SimulatedEvent] {
        var phrases = flow.effectiveHumanPhrases + ["hello", "  AGENT "]
        var lookupSets: [(String, [String])] = []
        for node in flow.nodes {
            if case .menu(let menu) = node.kind { phrases += menu.options.flatMap { $0.speech.map(\.value) } }
            if case .lookup(let lookup) = node.kind {
                for name in lookup.sets.map(\.value) {
                    switch flow.variable(named: name)?.type {
                    case .enumeration(let values)?: lookupSets.append((name, values))
                    default: lookupSets.append((name, ["AC-1", "42"]))
                    }
                }
            }
        }
        let keys = ["0", "1", "2", "3", "4", "5", "9", "*", "#", "12345678#", "482913", "1#", "*#"]
        var out: [SimulatedEvent] = []
        for _ in 0 ..< Int.random(in: 0...7, using: &random) {
            switch Int.random(in: 0..<12, using: &random) {
            case 0, 1, 2: out.append(SimulatedEvent(.digits(keys.randomElement(using: &random)!)))
            case 3, 4: out.append(SimulatedEvent(.noInput))
            case 5: out.append(SimulatedEvent(.speech(phrases.randomElement(using: &random)!)))
            case 6:
                let result = LookupResult.allCases.randomElement(using: &random)!
                var values: [(name: String, text: String)] = []
                if result == .found, let (name, choices) = lookupSets.randomElement(using: &random) {
                    values.append((name, choices.randomElement(using: &random)!))
                }
                out.append(SimulatedEvent(.lookup(result), values: values))
            case 7, 8:
                out.append(SimulatedEvent(.queueStatus(wait: Int.random(in: 0...1500, using: &random), depth: Int.random(in: 0...30, using: &random))))
            case 9: out.append(SimulatedEvent([.overflow, .callback].randomElement(using: &random)!))
            default: out.append(SimulatedEvent(.transfer(TransferResult.allCases.randomElement(using: &random)!)))
            }
        }
        return out
    }

    @Test(arguments: Examples.flows)
    func executorAgreesWithReference(path: String) throws {
        let flow = Examples.flow(path)
        let loaded = try ProgramLoader.load(path)
        let zone = flow.timezone!.value
        var random = SeededRandom(seed: 2026)
        var compared = 0, ended = 0
        for _ in 0..<1500 {
            let date = LocalDate(daysSinceEpoch: LocalDate(year: 2026, month: 1, day: 1).daysSinceEpoch + Int.random(in: 0..<366, using: &random))
            let hour = [0, 4, 7, 8, 9, 10, 12, 13, 15, 17, 18, 19, 20, 21, 22, 23].randomElement(using: &random)!
            let minute = hour * 60 + [0, 15, 29, 30, 59].randomElement(using: &random)!
            var context: [(String, String)] = []
            for variable in flow.context where Bool.random(using: &random) {
                switch variable.type {
                case .bool: context.append((variable.name.value, Bool.random(using: &random) ? "true" : "false"))
                case .enumeration(let values): context.append((variable.name.value, values.randomElement(using: &random)!))
                default: break
                }
            }
            let events = Self.events(for: flow, using: &random)
            let text = "\(date)T\(minute / 60 < 10 ? "0" : "")\(minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60)"
            let instant = try #require(LocalTime.instant(text, zone: zone))
            let actual = CallSimulator.run(loaded.program, at: instant, context: context, events: events)
            let expected = ReferenceSimulator.run(flow: flow, date: date, minute: minute, context: context, events: events)
            #expect(actual.path == expected.path, "\(text) \(context) \(events.map(\.text)): \(actual.problem ?? "")")
            #expect(actual.ending == expected.ending, "\(text) \(context) \(events.map(\.text))")
            #expect((actual.problem != nil) == expected.failed, "\(text) \(events.map(\.text)): \(actual.problem ?? "no problem")")
            compared += 1
            if actual.ending != nil { ended += 1 }
        }
        #expect(compared == 1500)
        #expect(ended > 20)
    }
}
