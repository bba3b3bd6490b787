import CYAML
import CallFlowCompiler
import Foundation

// Benchmarks print figures; they are not tests. Run: swift run -c release callflow-bench

/// Wall time of one run of `body`, in seconds.
func time(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    values.sorted()[values.count / 2]
}

/// Parses with libyaml's event API and does nothing with the events: the floor for any front end.
func bareLibyamlEvents(_ bytes: [UInt8]) -> Int {
    var parser = yaml_parser_t()
    yaml_parser_initialize(&parser)
    defer { yaml_parser_delete(&parser) }
    var events = 0
    bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) != 0 {
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            events += 1
            if done { break }
        }
    }
    return events
}

// `callflow-bench scan FILE`: read the file and parse it with libyaml, nothing else: the process
// `process` compares `callflow lint` with.
if CommandLine.arguments.dropFirst().first == "scan", CommandLine.arguments.count == 3 {
    guard let data = FileManager.default.contents(atPath: CommandLine.arguments[2]) else {
        print("callflow-bench: cannot read \(CommandLine.arguments[2])")
        exit(2)
    }
    print(bareLibyamlEvents([UInt8](data)))
    exit(0)
}
// `callflow-bench process FILE [ROUNDS]`: `callflow lint --format json FILE` as a process against
// `scan FILE`, interleaved (make FILE with `python3 ../shared/bench/genflow.py 60000 FILE`).
if CommandLine.arguments.dropFirst().first == "process", CommandLine.arguments.count >= 3 {
    ProcessBench.main(file: CommandLine.arguments[2],
                      rounds: CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? 9 : 9)
    exit(0)
}

let nodeCount = 60_000
let text = FlowGenerator.flow(nodeCount: nodeCount)
let source = SourceFile(path: "generated.yaml", text: text)
let runs = 9

// `callflow-bench front-end [ROUNDS]`: only bare libyaml and the front end on the generated flow,
// interleaved, medians (issue 13's speed requirement compares this figure across commits).
if CommandLine.arguments.dropFirst().first == "front-end" {
    let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? runs : runs
    var bareTimes: [Double] = [], frontTimes: [Double] = [], ratios: [Double] = []
    for _ in 0..<rounds {
        let b = time { _ = bareLibyamlEvents(source.bytes) }
        let f = time { _ = FrontEnd().load(source) }
        bareTimes.append(b); frontTimes.append(f); ratios.append(f / b)
    }
    print(String(format: "bare libyaml %.1f ms, front end %.1f ms = %.2fx libyaml (medians of %d rounds)",
                 median(bareTimes) * 1000, median(frontTimes) * 1000, median(ratios), rounds))
    exit(0)
}
// `callflow-bench profile-front-end`: only the front end, many times, for a profiler.
if CommandLine.arguments.dropFirst().first == "profile-front-end" {
    for _ in 0..<20 { _ = FrontEnd().load(source) }
    exit(0)
}
// `callflow-bench once-libyaml` / `once-front-end`: one run each, for instruction counts
// (valgrind --tool=callgrind) that a busy machine does not disturb.
if CommandLine.arguments.dropFirst().first == "once-generate" { exit(0) }
// `callflow-bench steps-once N`: only N scripted calls on the executor (allocations, with valgrind).
if CommandLine.arguments.dropFirst().first == "steps-once" {
    TableBench.stepsOnce(Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 0)
    exit(0)
}
// `callflow-bench stages [FILE [ROUNDS [THREADS]]]`: only the driver's stage times (`stageTimes` is below); with
// FILE, that file's stages as `callflow lint` runs them (through the graph checks), on THREADS
// threads for the stages that can split one file (`Driver.threadsPerFile`; default 1); with 2 or
// more, a large file's `nodes:` is also read on two cores (`NodesSplit`), as `callflow lint` of one
// large file does.
if CommandLine.arguments.dropFirst().first == "stages" {
    if CommandLine.arguments.count > 2 {
        let path = CommandLine.arguments[2]
        guard let data = FileManager.default.contents(atPath: path) else {
            print("callflow-bench: cannot read \(path)")
            exit(2)
        }
        let rounds = CommandLine.arguments.count > 3 ? Int(CommandLine.arguments[3]) ?? runs : runs
        var driver = Driver()
        driver.threadsPerFile = CommandLine.arguments.count > 4 ? Int(CommandLine.arguments[4]) ?? 1 : 1
        stageTimes(SourceFile(path: path, bytes: [UInt8](data)), through: .graphChecks, rounds: rounds, driver: driver)
    } else {
        stageTimes()
    }
    exit(0)
}
// `callflow-bench tables`: only the routing-table section at the end.
if CommandLine.arguments.dropFirst().first == "tables" {
    TableBench.main(nodeCount: nodeCount)
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "once-libyaml" { _ = bareLibyamlEvents(source.bytes); exit(0) }
if CommandLine.arguments.dropFirst().first == "once-front-end" { _ = FrontEnd().load(source); exit(0) }
// `callflow-bench profile-graph-checks`: only the graph checks, many times.
if CommandLine.arguments.dropFirst().first == "profile-graph-checks", let flow = FrontEnd().load(source).flow {
    for _ in 0..<20 { _ = GraphChecker.run(flow) }
    exit(0)
}

// The measurements alternate within each round, so a machine that slows down or speeds up
// part-way affects all of them alike; ratios are the medians of the per-round ratios.
//  - front end: read the file, build the YAML tree, decode and check the form (issue: at most
//    3x bare libyaml events);
//  - graph checks: every graph check on the decoded flow (goal: less than the front end);
//  - whole lint: both, as `callflow lint` runs them.
guard let flow = FrontEnd().load(source).flow else { fatalError("the generated flow does not decode") }
var bare: [Double] = [], tree: [Double] = [], front: [Double] = [], checks: [Double] = [], whole: [Double] = []
var frontRatios: [Double] = [], checkRatios: [Double] = [], wholeRatios: [Double] = []
var events = 0, yamlNodes = 0, findings = 0, graphFindings = 0
for _ in 0..<runs {
    let b = time { events = bareLibyamlEvents(source.bytes) }
    let t = time { yamlNodes = YAMLLoader().load(source).root?.size ?? 0 }
    let f = time { _ = FrontEnd().load(source) }
    let c = time { graphFindings = GraphChecker.run(flow).count }
    let w = time { findings = Linter().lint(source).diagnostics.count }
    bare.append(b); tree.append(t); front.append(f); checks.append(c); whole.append(w)
    frontRatios.append(f / b); checkRatios.append(c / f); wholeRatios.append(w / b)
}

print("\(nodeCount) flow nodes, \(source.bytes.count / 1024) KiB, \(events) YAML events, median of \(runs) rounds")
print(String(format: "  bare libyaml events:  %8.1f ms", median(bare) * 1000))
print(String(format: "  YAML tree only:       %8.1f ms  (%d YAML nodes)", median(tree) * 1000, yamlNodes))
print(String(format: "  front end:            %8.1f ms  = %.2fx libyaml (goal: at most 3x)", median(front) * 1000, median(frontRatios)))
print(String(format: "  graph checks (%2d):    %8.1f ms  = %.2fx the front end (goal: below 1x), %d findings",
             CheckRegistry.graphChecks.count, median(checks) * 1000, median(checkRatios), graphFindings))
print(String(format: "  whole lint:           %8.1f ms  = %.2fx libyaml, %d findings", median(whole) * 1000, median(wholeRatios), findings))
for finding in GraphChecker.run(flow).prefix(3) { print("  finding: \(finding.check): \(finding.message)") }

// The driver's stages (docs/architecture.md), as `callflow compile` runs them: each stage's own
// time, median of the rounds (`callflow-bench stages` prints only this).
func stageTimes(_ source: SourceFile = source, through last: Stage = .validate, rounds: Int = runs, driver: Driver = Driver()) {
    var times: [Stage: [Double]] = [:]
    var stopped: String?
    for _ in 0..<rounds {
        let compilation = driver.run(source, through: last)
        for (stage, seconds) in compilation.times { times[stage, default: []].append(seconds) }
        stopped = compilation.failure?.description
    }
    print("stages of one compilation of \(source.path) (through \(last.rawValue)), \(driver.threadsPerFile) thread(s) per file\(driver.splitsLargeFiles ? ", split" : ""), median of \(rounds) runs:")
    for stage in Stage.allCases {
        guard let values = times[stage] else { print("  \(stage.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0))  did not run"); continue }
        print("  " + stage.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: " %8.1f ms", median(values) * 1000))
    }
    if let stopped { print("  stopped: \(stopped)") }
}
stageTimes()

// Compiled conditions (docs/conditions.md): one realistic condition, compiled once, evaluated
// many times by the runtime's evaluator, as a call session would at each escalation point.
import CallFlowRuntime

do {
    var variables: [String: ValueType] = ["caller.tier": .enumeration(["standard", "gold", "vip"])]
    for builtIn in ContextVariable.builtIns { variables[builtIn.name] = builtIn.type }
    let environment = ExpressionEnvironment(variables: variables, schedules: ["office"], queues: ["support"],
                                            queueVariablesBound: true)
    let text = #"caller.tier == "vip" and open("office") or queue.wait > 5m"#
    guard case .success(let typed) = ExpressionTypeChecker.check(text, in: environment) else { fatalError("condition does not check") }
    let slots = VariableSlots(variables: variables)
    let program = try ConditionCompiler.compile(typed, slots: slots, schedules: ["office"])
    // Four calls that take the different paths through the program.
    let calls: [SlotValues] = [("vip", 0.0), ("gold", 400.0), ("vip", 10.0), ("standard", 60.0)].map { tier, wait in
        SlotValues(zip(slots.names, slots.types).map { name, type in
            switch name {
            case "caller.tier": return .string(tier)
            case "queue.wait": return .number(wait)
            default: return type == .number || type == .duration ? .number(0) : .string("+4930123456")
            }
        })
    }
    let evaluator = CallFlowRuntime.ConditionEvaluator()
    let evaluations = 10_000_000
    var held = 0
    var officeOpen = false
    let seconds = time {
        for index in 0..<evaluations {
            officeOpen = index & 8 == 0
            if (try? evaluator.evaluate(program, slots: calls[index & 3], open: { _ in officeOpen })) == true { held += 1 }
        }
    }
    print("conditions: \(text)")
    print("  \(program.instructions.count) instructions, stack depth \(program.maxStackDepth), \(slots.count) slots")
    print(String(format: "  %d evaluations:      %8.1f ms  (%.1f million per second, %.1f ns each; %d held)",
                 evaluations, seconds * 1000, Double(evaluations) / seconds / 1e6, seconds / Double(evaluations) * 1e9, held))
} catch {
    print("conditions: \(error)")
}

// Routing tables (docs/table-format.md): what each optimization buys, the executor's decision
// steps per second on a realistic flow, and the load time of a 60,000-node table.
TableBench.main(nodeCount: nodeCount)
