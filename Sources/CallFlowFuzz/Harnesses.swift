import CallFlowCompiler
import CallFlowRuntime
import Foundation

/// Fuzz harnesses (docs/reliability.md). Each takes arbitrary bytes and must never trap, hang or
/// grow without bound; a crash is a bug. `FuzzEntry.swift` hands libFuzzer's input to the one
/// `CALLFLOW_FUZZ_TARGET` names; the test suite replays the regression inputs through the same
/// functions (Tests/CallFlowCompilerTests/Fuzz/FuzzRegressionTests.swift).
public enum FuzzHarness: String, CaseIterable, Sendable {
    /// Flow text -> the whole lint, every finding rendered as text.
    case lint
    /// Expression text -> parse, type check, compile, evaluate, print, re-parse (same tree).
    case expression
    /// Table bytes -> decode and validate; on what validates, a call driven by the bytes.
    case table
    /// A valid table, events, times and damaged saved states drawn from the bytes -> a session.
    case session
    /// Scenario text -> parse, and run against the session flow.
    case scenario
    /// Platform JSON (Twilio Studio, Amazon Connect) -> read, lint, convert to YAML, lint that.
    case platform

    public func run(_ bytes: [UInt8]) {
        switch self {
        case .lint: Self.lint(bytes)
        case .expression: Self.expression(bytes)
        case .table: Self.table(bytes)
        case .session: Self.session(bytes)
        case .scenario: Self.scenario(bytes)
        case .platform: Self.platform(bytes)
        }
    }

    // MARK: lint

    static func lint(_ bytes: [UInt8]) {
        let source = SourceFile(path: "fuzz.yaml", bytes: bytes)
        // Decoding the nodes while the file is read must give what reading it whole gives.
        if let difference = DecodeAgreement.difference(source) { fail("streamed decoding differs: \(difference)") }
        // Reading `nodes:` on two cores (split from a few bytes on, so that fuzzing reaches it)
        // must give what one thread gives.
        if let difference = DecodeAgreement.splitDifference(source, threshold: 64).difference {
            fail("split decoding differs: \(difference)")
        }
        let result = Linter().lint(source)
        let renderer = TextRenderer(useColor: false)
        for diagnostic in result.diagnostics {
            check(diagnostic.notes.count <= Diagnostic.noteLimit + 1, "a finding with \(diagnostic.notes.count) notes")
            _ = renderer.render(diagnostic, sources: [source.path: source])
        }
    }

    // MARK: platform

    static func platform(_ bytes: [UInt8]) {
        let source = SourceFile(path: "fuzz.json", bytes: bytes)
        let renderer = TextRenderer(useColor: false)
        for diagnostic in Linter().lint(source).diagnostics {
            check(diagnostic.notes.count <= Diagnostic.noteLimit + 1, "a finding with \(diagnostic.notes.count) notes")
            _ = renderer.render(diagnostic, sources: [source.path: source])
        }
        // What `callflow import` writes must be a flow the YAML front end reads without a trap.
        var writer = FlowYAMLWriter()
        if let yaml = writer.yaml(PlatformImporter.read(source), source: source.path) {
            _ = Linter().lint(SourceFile(path: "fuzz.yaml", text: yaml))
        }
    }

    // MARK: expression

    /// What fuzzed expressions may read.
    static let environment = ExpressionEnvironment(
        variables: ["a": .bool, "b": .bool, "n": .number, "m": .number, "d": .duration, "s": .string,
                    "caller.tier": .enumeration(["standard", "gold", "vip"])],
        schedules: ["office"], queues: [], queueVariablesBound: false)

    static func expression(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard case .success(let tree) = ExpressionParser.parse(text) else { return }
        let printed = ExpressionPrinter.print(tree)
        guard case .success(let again) = ExpressionParser.parse(printed) else {
            fail("printed expression does not parse: \(printed)")
        }
        check(ExpressionPrinter.print(again) == printed, "printing is not stable: \(printed)")
        guard case .success(let typed) = ExpressionTypeChecker.check(tree, in: environment) else { return }
        let slots = VariableSlots(variables: environment.variables)
        guard let program = try? ConditionCompiler.compile(typed, slots: slots, schedules: ["office"]) else { return }
        // Evaluate under values drawn from the bytes.
        var values: [RuntimeValue] = []
        for (index, name) in slots.names.enumerated() {
            let byte = bytes.isEmpty ? 0 : bytes[index % bytes.count]
            switch environment.variables[name]! {
            case .bool: values.append(.bool(byte & 1 == 1))
            case .number, .duration: values.append(.number(Double(Int8(bitPattern: byte))))
            case .string: values.append(.string(String(repeating: "x", count: Int(byte % 4))))
            case .enumeration(let names): values.append(.string(names[Int(byte) % names.count]))
            }
        }
        _ = try? ConditionEvaluator().evaluate(program, slots: SlotValues(values), open: { _ in bytes.count % 2 == 0 })
    }

    // MARK: table

    static func table(_ bytes: [UInt8]) {
        if let program = try? TableProgram(bytes: bytes) {
            drive(program, bytes)
            return
        }
        // Most damage stops at the checksum; behind a recomputed one it reaches the validator.
        guard bytes.count > TableFormat.headerSize else { return }
        var fixed = bytes
        let checksum = fixed.withUnsafeBytes { TableFormat.checksum(UnsafeRawBufferPointer(rebasing: $0[TableFormat.headerSize...])) }
        for k in 0..<8 { fixed[40 + k] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(k))) }
        if let program = try? TableProgram(bytes: fixed) { drive(program, Array(bytes.suffix(64))) }
    }

    /// A call through `program`, its events, clock and context drawn from `bytes`.
    static func drive(_ program: TableProgram, _ bytes: [UInt8]) {
        var reader = ByteReader(bytes)
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: reader.double()))
        for _ in 0 ..< min(program.table.variables.count, 4) where reader.bool() {
            _ = try? session.set(slot: Int(reader.byte()) % max(1, program.table.variables.count), reader.value())
        }
        var instruction = session.start()
        var events = 0
        while events < 64, !reader.isEmpty {
            var plays = 0
            while instruction.kind == .say {
                plays += 1
                check(plays <= program.stepBound + 1, "more prompts than the step bound without an event")
                instruction = session.resume()
            }
            if instruction.kind == .fault || session.state.phase == .ended { return }
            switch reader.byte() % 8 {
            case 0: session.setTime(Date(timeIntervalSince1970: reader.double()))
            case 1:
                // Save and resume the state elsewhere, damaged or not.
                var state = session.state
                if reader.bool() { damage(&state, &reader) }
                if let moved = try? CallSession(program: program, state: state) {
                    session = moved
                    // A replica that resumes a state saved while a prompt played goes on with it.
                    if session.state.phase == .playing { instruction = session.resume() }
                }
            case 2: _ = try? session.setLookupValue(slot: Int(reader.byte()), reader.value())
            default:
                instruction = session.handle(reader.event())
            }
            events += 1
        }
    }

    static func damage(_ state: inout SessionState, _ reader: inout ByteReader) {
        switch reader.byte() % 7 {
        case 0: state.node = Int32(truncatingIfNeeded: reader.int())
        case 1: state.phase = [.new, .playing, .waiting, .ended, .faulted][Int(reader.byte()) % 5]
        case 2: state.attempts = Int32(truncatingIfNeeded: reader.int())
        case 3: state.time = reader.double()
        case 4: state.entered = reader.bool() ? nil : Int32(truncatingIfNeeded: reader.int())
        case 5: state.priority = Int32(truncatingIfNeeded: reader.int())
        default: state.failures = Int32(truncatingIfNeeded: reader.int())
        }
    }

    // MARK: session

    /// A flow with every node kind, rules of every trigger, a schedule with holidays and a queue.
    public static let sessionFlow = """
    callflow: 1
    name: fuzz
    timezone: Europe/Berlin
    start: hello
    context:
      tier: {enum: [standard, gold]}
      code: string
      n: number
    schedules:
      office:
        weekly: {mon-fri: "08:00-18:00", sat: "22:00-02:00"}
        holidays: ["2026-12-25"]
    queues:
      desk: {max_wait: 10m, callback: true, alert: {depth: 5, wait: 5m}}
    escalations:
      - {name: vip, at: start, when: tier == "gold", goto: queue, priority: 60}
      - {name: person, at: request, goto: queue}
      - {name: tired, at: failure, when: call.failures >= 3, goto: box}
      - {name: long, at: queue, when: queue.wait > 8m, goto: phone}
    nodes:
      hello: {say: Hello., next: look}
      look: {lookup: crm, sets: [tier, n], next: hours, error: hours}
      hours: {hours: office, open: menu, closed: box}
      menu:
        menu: For a ticket press 1, for the desk 2.
        options:
          "1": {goto: ticket, say: Ticket, speech: [ticket]}
          "2": {goto: route, say: Desk, speech: [desk]}
        fallback: route
      ticket: {collect: Your ticket number., digits: "3-6", into: code, next: route, fallback: route}
      route:
        switch:
          - {if: n > 100 and code != "", goto: mark}
        else: queue
      mark: {set: {tier: gold}, next: queue}
      queue: {queue: desk, overflow: phone, callback: back}
      phone: {transfer: "+15550100", fallback: box}
      back: {callback: desk}
      box: {voicemail: general}
    """

    static let sessionLoaded: LoadedProgram? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("fuzz.yaml").path
        guard FileManager.default.createFile(atPath: path, contents: Data(sessionFlow.utf8)) else { return nil }
        return try? ProgramLoader.load(path)
    }()

    static func session(_ bytes: [UInt8]) {
        guard let loaded = sessionLoaded else { fail("the session flow does not compile") }
        drive(loaded.program, bytes)
    }

    // MARK: scenario

    static func scenario(_ bytes: [UInt8]) {
        guard let loaded = sessionLoaded else { fail("the session flow does not compile") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-fuzz-\(getpid())")
        let path = folder.appendingPathComponent("fuzz.tests.yaml").path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)),
              let file = try? ScenarioFile.load(path: path) else { return }
        // Only the session flow is run: a fuzzed `flow:` must not make the harness read files.
        _ = ScenarioRunner.run(file, loaded)
    }

    // MARK: Support

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fail(message()) }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("callflow-fuzz: \(message)\n".utf8))
        abort()
    }
}

/// Reads typed values off the fuzzer's bytes, zeros once they run out.
struct ByteReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isEmpty: Bool { position >= bytes.count }

    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    mutating func int() -> Int {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(byte()) }
        return Int(truncatingIfNeeded: value)
    }

    /// Ordinary instants mostly; sometimes NaN, infinities and the extremes.
    mutating func double() -> Double {
        switch byte() % 8 {
        case 0: return [Double.nan, .infinity, -.infinity, 1e300, -1e300, .greatestFiniteMagnitude, 0][Int(byte()) % 7]
        case 1: return Double(bitPattern: UInt64(truncatingIfNeeded: int()))
        default: return 1_795_000_000 + Double(Int16(truncatingIfNeeded: int())) * 3600
        }
    }

    mutating func text() -> String {
        let count = Int(byte() % 12)
        var text = ""
        for _ in 0..<count { text.unicodeScalars.append(UnicodeScalar([48, 49, 50, 51, 57, 35, 42, 32, 97, 116, 0xE9][Int(byte()) % 11])) }
        return text
    }

    mutating func value() -> RuntimeValue {
        switch byte() % 4 {
        case 0: return .bool(bool())
        case 1: return .number(double())
        case 2: return .string(["standard", "gold", "vip", ""][Int(byte()) % 4])
        default: return .string(text())
        }
    }

    mutating func event() -> CallEvent {
        switch byte() % 10 {
        case 0, 1: return .digits(text())
        case 2: return .speech(["ticket", "desk", "agent", " AGENT ", text()][Int(byte()) % 5])
        case 3: return .noInput
        case 4: return .lookup([.found, .notFound, .error][Int(byte()) % 3])
        case 5, 6: return .queueStatus(wait: int() % 2000, depth: int())
        case 7: return [.overflow, .callback][Int(byte()) % 2]
        default: return .transfer([.noAnswer, .busy, .failed][Int(byte()) % 3])
        }
    }
}
