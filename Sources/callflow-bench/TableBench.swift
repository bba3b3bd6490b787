import CallFlowCompiler
import CallFlowRuntime
import Foundation

/// Routing-table benchmarks: what each optimization buys, executor steps per second, and table
/// load time. `callflow-bench steps-once N` runs N scripted calls and nothing else, for counting
/// allocations with valgrind (compare the heap totals for two values of N).
enum TableBench {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func compile(_ text: String, options: TableOptimizations = .all) -> TableCompilation {
        let source = SourceFile(path: "bench.yaml", text: text)
        guard let flow = FrontEnd().load(source).flow else { fatalError("the flow does not decode") }
        do {
            return try TableCompiler.compile(FlowGraph(flow), sourceHash: TableFormat.fnv1a(source.bytes), options: options)
        } catch {
            fatalError("\(error)")
        }
    }

    /// A flow as older tools export them: every menu behind a switch on a constant and an hours
    /// node whose branches agree, and a few nodes nothing reaches.
    static func legacyFlow(groups: Int) -> String {
        var out = """
        callflow: 1
        name: legacy
        timezone: Europe/Berlin
        start: r0
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        queues:
          general: {max_wait: 5m}
        nodes:

        """
        for i in 0..<groups {
            let next = i + 1 < groups ? "r\(i + 1)" : "bye"
            out += """
              r\(i):
                switch:
                  - if: 1 > 2
                    goto: q
                else: h\(i)
              h\(i): {hours: office, open: m\(i), closed: m\(i)}
              m\(i):
                menu: "For more press 1. For a person press 2."
                options: {"1": \(next), "2": q}
                fallback: q
              old\(i): {say: "This menu was retired.", next: bye}

            """
        }
        out += "  q: {queue: general, overflow: bye}\n  bye: {hangup: true}\n"
        return out
    }

    /// The helpdesk flow's scripted calls: (context slot values, events).
    struct Call {
        var context: [(Int, RuntimeValue)]
        var events: [CallEvent]
    }

    static func helpdeskCalls(_ program: TableProgram) -> [Call] {
        let tier = program.slot(named: "caller.tier")!
        return [
            Call(context: [], events: [.lookup(.found), .digits("2"), .queueStatus(wait: 300, depth: 14), .queueStatus(wait: 540, depth: 11)]),
            Call(context: [(tier, .string("platinum"))], events: [.queueStatus(wait: 240, depth: 2)]),
            Call(context: [], events: [.lookup(.found), .noInput, .noInput, .noInput]),
            Call(context: [], events: [.lookup(.found), .digits("9"), .digits("1"), .noInput, .noInput]),
            Call(context: [], events: [.lookup(.notFound), .digits("1"), .digits("482913#"), .overflow]),
            Call(context: [], events: [.lookup(.found), .speech("agent"), .transfer(.busy)]),
            Call(context: [(tier, .string("gold"))], events: [.lookup(.error), .digits("3"), .callback]),
        ]
    }

    /// Runs `rounds` passes over `calls` on one session; returns (steps, seconds).
    static func run(_ program: TableProgram, _ calls: [Call], rounds: Int, time: Double) -> (Int, Double) {
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: time))
        let before = session.steps
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            for call in calls {
                session.reset(time: time)
                for (slot, value) in call.context { try? session.set(slot: slot, value) }
                var instruction = session.start()
                while instruction.kind == .say { instruction = session.resume() }
                for event in call.events {
                    instruction = session.handle(event)
                    while instruction.kind == .say { instruction = session.resume() }
                }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (session.steps - before, seconds)
    }

    static func helpdesk() -> TableProgram {
        do {
            return try ProgramLoader.load(root + "/flows/helpdesk.yaml").program
        } catch {
            fatalError(error.description)
        }
    }

    /// A Tuesday 10:00 in Berlin.
    static let officeHours = LocalTime.instant("2026-11-24T10:00", zone: "Europe/Berlin")!.timeIntervalSince1970

    static func stepsOnce(_ count: Int) {
        let program = helpdesk()
        let calls = helpdeskCalls(program)
        let (steps, _) = run(program, calls, rounds: max(0, count / calls.count), time: officeHours)
        print("\(steps) steps")
    }

    static func main(nodeCount: Int) {
        // What each optimization buys: table size and steps per call, with and without.
        print("routing tables: what each optimization buys (bytes, nodes, steps per scripted call)")
        var variants: [(String, TableOptimizations)] = [("all", .all), ("none", .none)]
        for (name, path) in [("no dropping", \TableOptimizations.dropUnreachable), ("no threading", \.threadPassThrough),
                             ("no folding", \.foldConstants), ("no interning", \.internStrings)] {
            var options = TableOptimizations.all
            options[keyPath: path] = false
            variants.append((name, options))
        }
        let legacy = legacyFlow(groups: 2000)
        var flows: [(String, String, [CallEvent])] = []
        for name in ["helpdesk", "riverside-clinic", "retail/northwind-retail"] {
            let text = (try? String(contentsOfFile: root + "/flows/\(name).yaml", encoding: .utf8)) ?? ""
            flows.append((name, text, []))
        }
        flows.append(("legacy (2,000 groups)", legacy, Array(repeating: .digits("1"), count: 40) + [.digits("2")]))
        for (name, text, events) in flows {
            print("  \(name):")
            for (label, options) in variants {
                // Example flows include files relative to their folder: compile them from disk.
                let compilation: TableCompilation
                if events.isEmpty {
                    guard let c = try? ProgramLoader.compile(root + "/flows/\(name).yaml", options: options) else { continue }
                    compilation = c
                } else {
                    compilation = compile(text, options: options)
                }
                let bytes = compilation.table.encoded()
                guard let program = try? TableProgram(bytes: bytes) else { continue }
                var steps = 0, calls = 0
                if events.isEmpty {
                    let scenarios = root + "/flows/\(name).tests.yaml"
                    if let file = try? ScenarioFile.load(path: scenarios) {
                        let zone = program.table.timeZone >= 0 ? program.table.strings[Int(program.table.timeZone)] : nil
                        for scenario in file.scenarios {
                            let time = scenario.at.flatMap { LocalTime.instant($0, zone: zone) } ?? Date()
                            let result = CallSimulator.run(program, at: time, context: scenario.context, events: scenario.events)
                            steps += result.steps.filter { $0.why != "queue status" }.count
                            calls += 1
                        }
                    }
                } else {
                    let (s, _) = run(program, [Call(context: [], events: events)], rounds: 1, time: officeHours)
                    steps = s
                    calls = 1
                }
                print("    " + label.padding(toLength: 13, withPad: " ", startingAt: 0) + String(format: "%9d bytes  %6d nodes  %6.2f steps per call", bytes.count,
                             program.table.nodes.count, Double(steps) / Double(max(calls, 1))))
            }
        }

        // Executor speed: the helpdesk flow's scripted calls, many times over on one session.
        let program = helpdesk()
        let calls = helpdeskCalls(program)
        _ = run(program, calls, rounds: 10_000, time: officeHours)
        var rates: [Double] = []
        var stepsPerRound = 0
        for _ in 0..<5 {
            let (steps, seconds) = run(program, calls, rounds: 200_000, time: officeHours)
            rates.append(Double(steps) / seconds)
            stepsPerRound = steps
        }
        print(String(format: "executor: helpdesk flow, %d scripted calls x 200,000 (%d steps), median of 5", calls.count, stepsPerRound))
        print(String(format: "  %.1f million decision steps per second on one core (goal: at least 10), %.1f ns per step",
                     median(rates) / 1e6, 1e9 / median(rates)))
        print("  allocations per step: count with valgrind: `valgrind .build/release/callflow-bench steps-once N` for two N;")
        print("  the heap totals are equal when stepping allocates nothing (docs/table-format.md has the figures)")

        // Load time of a 60,000-node table: read, check the checksum, decode, validate, prepare.
        let generated = compile(FlowGenerator.flow(nodeCount: nodeCount))
        let bytes = generated.table.encoded()
        var loads: [Double] = []
        var loadedNodes = 0
        for _ in 0..<15 {
            loads.append(time {
                guard let program = try? TableProgram(bytes: bytes) else { fatalError("the generated table does not load") }
                loadedNodes = program.table.nodes.count
            })
        }
        print(String(format: "table load: %d nodes, %d KiB: %.2f ms median of 15 (goal: under 5 ms)", loadedNodes, bytes.count / 1024,
                     median(loads) * 1000))
    }
}
