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

let nodeCount = 60_000
let text = FlowGenerator.flow(nodeCount: nodeCount)
let source = SourceFile(path: "generated.yaml", text: text)
let runs = 9

// `callflow-bench profile-front-end`: only the front end, many times, for a profiler.
if CommandLine.arguments.dropFirst().first == "profile-front-end" {
    for _ in 0..<20 { _ = FrontEnd().load(source) }
    exit(0)
}
// `callflow-bench profile-graph-checks`: only the graph checks, many times.
if CommandLine.arguments.dropFirst().first == "profile-graph-checks", let flow = FrontEnd().load(source).flow {
    for _ in 0..<20 { _ = GraphChecker.run(flow) }
    exit(0)
}

// The three measurements alternate within each round, so a machine that slows down or speeds
// up part-way affects all of them alike; the ratio is the median of the per-round ratios.
var bare: [Double] = [], tree: [Double] = [], full: [Double] = [], ratios: [Double] = []
var events = 0, yamlNodes = 0, findings = 0
for _ in 0..<runs {
    let b = time { events = bareLibyamlEvents(source.bytes) }
    let t = time { yamlNodes = YAMLLoader().load(source).root?.size ?? 0 }
    let f = time { findings = Linter().lint(source).diagnostics.count }
    bare.append(b); tree.append(t); full.append(f); ratios.append(f / b)
}

print("front end: \(nodeCount) flow nodes, \(source.bytes.count / 1024) KiB, \(events) YAML events, median of \(runs) rounds")
print(String(format: "  bare libyaml events: %8.1f ms", median(bare) * 1000))
print(String(format: "  YAML tree only:      %8.1f ms  (%d YAML nodes)", median(tree) * 1000, yamlNodes))
print(String(format: "  callflow lint path:  %8.1f ms  (%d findings)", median(full) * 1000, findings))
print(String(format: "  ratio lint/libyaml:  %8.2fx  (goal: at most 3x)", median(ratios)))

// Graph checks against parsing: every graph check on the same flow must cost less than reading it.
guard let flow = FrontEnd().load(source).flow else { fatalError("the generated flow does not decode") }
var parse: [Double] = [], checks: [Double] = [], graphFindings = 0
for _ in 0..<runs {
    parse.append(time { _ = FrontEnd().load(source) })
    checks.append(time { graphFindings = GraphChecker.run(flow).count })
}
for finding in GraphChecker.run(flow).prefix(3) { print("  finding: \(finding.check): \(finding.message)") }
print("graph checks: \(CheckRegistry.graphChecks.count) checks on the same flow, median of \(runs) rounds")
print(String(format: "  parse and decode:    %8.1f ms", median(parse) * 1000))
print(String(format: "  all graph checks:    %8.1f ms  (%d findings)", median(checks) * 1000, graphFindings))
print(String(format: "  ratio checks/parse:  %8.2fx  (goal: below 1x)", median(checks) / median(parse)))
