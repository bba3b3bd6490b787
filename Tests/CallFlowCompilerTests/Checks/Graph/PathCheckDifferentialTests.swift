import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// A differential test of the path checks against the real executor: random flows (seeded) are
/// checked, compiled, and explored with `CallSession` over every event sequence (the explored
/// sessions are deduplicated, so every sequence is covered up to a state bound) at every clock
/// bucket (open, closed, holiday) and every context. Runs that strand a caller must be findings,
/// and findings must be witnessed by runs (or explained by the state bound).
@Suite struct PathCheckDifferentialTests {
    // MARK: Generating flows

    static let kinds = ["say", "menu", "switch", "hours", "lookup", "queue", "transfer", "voicemail", "hangup"]

    /// A flow of 4 to 9 nodes: every outcome wired to a random node, at most one hours node and
    /// one switch (on `caller.vip`), so that no two decisions read the same fact.
    static func generate(_ random: inout SeededRandom) -> String {
        let count = Int.random(in: 4...9, using: &random)
        func any() -> String { "n\(Int.random(in: 0..<count, using: &random))" }
        var chosen: [String] = []
        var usedHours = false, usedSwitch = false
        for _ in 0..<count {
            var kind = kinds.randomElement(using: &random)!
            if kind == "hours" && usedHours || kind == "switch" && usedSwitch { kind = "say" }
            if kind == "hours" { usedHours = true }
            if kind == "switch" { usedSwitch = true }
            chosen.append(kind)
        }
        // Where people are: a live human's failures and the critical rule lean towards them, so
        // that fail-safe routes are generated too.
        let people = chosen.indices.filter { ["queue", "transfer", "voicemail"].contains(chosen[$0]) }
        func person() -> String {
            guard !people.isEmpty, Int.random(in: 0..<10, using: &random) < 7 else { return any() }
            return "n\(people.randomElement(using: &random)!)"
        }
        var nodes = ""
        for (index, kind) in chosen.enumerated() {
            let line: String
            switch kind {
            case "say": line = "{say: \"Step \(index).\", next: \(any())}"
            case "menu":
                line = "{menu: \"Press 1 or 2.\", options: {\"1\": \(any()), \"2\": \(any())}, no_input: \(any()), no_match: \(any()), retries: 1}"
            case "switch": line = "{switch: [{if: caller.vip, goto: \(any())}], else: \(any())}"
            case "hours":
                let holiday = Bool.random(using: &random) ? ", holiday: \(any())" : ""
                line = "{hours: office, open: \(any()), closed: \(any())\(holiday)}"
            case "lookup":
                let notFound = Bool.random(using: &random) ? ", not_found: \(any())" : ""
                line = "{lookup: crm, next: \(any()), error: \(any())\(notFound)}"
            case "queue": line = "{queue: line, overflow: \(person())}"
            case "transfer":
                line = Bool.random(using: &random) ? "{transfer: \"+15550100\", fallback: \(person())}"
                    : "{transfer: \"+15550100\", no_answer: \(person()), busy: \(person()), failed: \(person())}"
            case "voicemail": line = "{voicemail: general}"
            default: line = "{hangup: true}"
            }
            nodes += "  n\(index): \(line)\n"
        }
        var rules = ""
        if Int.random(in: 0..<10, using: &random) < 8 {
            rules += "  - {name: emergency, at: start, when: caller.emergency, goto: \(person()), critical: true}\n"
        }
        if Bool.random(using: &random) { rules += "  - {name: struggling, at: failure, when: call.failures >= 2, goto: \(any())}\n" }
        if Bool.random(using: &random) { rules += "  - {name: long-wait, at: queue, when: queue.wait > 2m, goto: \(any())}\n" }
        if Int.random(in: 0..<10, using: &random) < 3 { rules += "  - {name: person, at: request, goto: \(any())}\n" }
        return """
        callflow: 1
        name: generated
        timezone: America/New_York
        start: n0
        context:
          caller.emergency: bool
          caller.vip: bool
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
            holidays: ["2026-12-25"]
        queues:
          line: {max_wait: 5m}
        \(rules.isEmpty ? "" : "escalations:\n" + rules)nodes:
        \(nodes)
        """
    }

    // MARK: Exploring with the executor

    /// Tuesday 10:00 (open), Tuesday 03:00 (closed), Christmas 10:00 (holiday), in New York.
    static let times = [1_796_137_200.0, 1_796_112_000.0, 1_798_210_800.0].map { Date(timeIntervalSince1970: $0) }

    enum Move { case resume, event(CallEvent) }

    /// Which events a run may take.
    enum Policy { case unchosen, silent, everything }

    struct Tracer: SessionTracer {
        var entered: [Int32] = []
        var sawRule = false
        mutating func entered(node: Int32, reason: StepReason) {
            entered.append(node)
            if reason.kind == .rule { sawRule = true }
        }
    }

    /// The explored states of one call: each a session, the instruction it stands at, and
    /// whether a live human was tried and nobody took the call (`after`).
    struct StateGraph {
        var kinds: [InstructionKind] = []
        var after: [Bool] = []
        var edges: [[Int]] = []
        /// Flow nodes entered on the way (table indices).
        var entered = Set<Int32>()
        var truncated = false

        static func isLive(_ kind: InstructionKind) -> Bool { [.enqueue, .hold, .alert, .transfer].contains(kind) }
        static func isDeferred(_ kind: InstructionKind) -> Bool { kind == .voicemail || kind == .callback }

        /// Whether a cycle runs through states that `inside` admits (Kahn's algorithm).
        func hasCycle(among inside: (Int) -> Bool) -> Bool {
            var incoming = [Int](repeating: 0, count: kinds.count)
            for from in kinds.indices where inside(from) { for to in edges[from] where inside(to) { incoming[to] += 1 } }
            var work = kinds.indices.filter { inside($0) && incoming[$0] == 0 }
            var removed = 0
            while let state = work.popLast() {
                removed += 1
                for to in edges[state] where inside(to) {
                    incoming[to] -= 1
                    if incoming[to] == 0 { work.append(to) }
                }
            }
            return removed < kinds.indices.filter(inside).count
        }
    }

    static let stateBound = 4000

    static func events(at instruction: Instruction, _ policy: Policy, queueRule: Bool) -> [Move] {
        switch instruction.kind {
        case .say: return [.resume]
        case .gather:
            switch policy {
            case .everything: return [.event(.digits("1")), .event(.digits("2")), .event(.digits("0")), .event(.noInput), .event(.digits("9"))]
            case .unchosen: return [.event(.noInput), .event(.digits("9"))]
            case .silent: return [.event(.noInput)]
            }
        case .lookup: return LookupResult.allCases.map { .event(.lookup($0)) }
        case .enqueue, .hold, .alert:
            return (queueRule ? [.event(.queueStatus(wait: 180, depth: 1))] : [])
                + [.event(.queueStatus(wait: 400, depth: 1)), .event(.overflow)]
        case .transfer: return [.event(.transfer(.noAnswer)), .event(.transfer(.busy)), .event(.transfer(.failed))]
        default: return []
        }
    }

    /// Every state a call reaches from `start` (the session right after `start()`), taking the
    /// events `policy` allows; `stop` says where a run is over for the property explored.
    static func explore(_ start: CallSession, _ first: Instruction, entered: [Int32], policy: Policy, queueRule: Bool,
                        stop: (InstructionKind) -> Bool) -> StateGraph {
        struct Key: Hashable {
            var node: Int32, phase: String, attempts: Int32, failures: Int32, alerted: Bool, after: Bool, kind: InstructionKind
        }
        func key(_ session: CallSession, _ kind: InstructionKind, _ after: Bool) -> Key {
            let state = session.state
            return Key(node: state.node, phase: "\(state.phase)", attempts: state.attempts, failures: min(state.failures, 6),
                       alerted: state.alerted, after: after, kind: kind)
        }
        var graph = StateGraph()
        graph.entered.formUnion(entered)
        var index: [Key: Int] = [:]
        var sessions: [CallSession] = []
        func add(_ session: CallSession, _ kind: InstructionKind, _ after: Bool) -> Int {
            let k = key(session, kind, after)
            if let known = index[k] { return known }
            index[k] = sessions.count
            sessions.append(session)
            graph.kinds.append(kind)
            graph.after.append(after)
            graph.edges.append([])
            return sessions.count - 1
        }
        _ = add(start, first.kind, false)
        var head = 0
        while head < sessions.count {
            if sessions.count > stateBound { graph.truncated = true; break }
            let state = head
            head += 1
            let kind = graph.kinds[state]
            guard !stop(kind) else { continue }
            let instruction = Instruction(kind: kind, node: sessions[state].state.node)
            for move in events(at: instruction, policy, queueRule: queueRule) {
                var session = sessions[state]
                var tracer = Tracer()
                let next: Instruction
                switch move {
                case .resume: next = session.resume(tracer: &tracer)
                case .event(let event): next = session.handle(event, tracer: &tracer)
                }
                guard next.kind != .ignored else { continue }
                graph.entered.formUnion(tracer.entered)
                // Leaving a live human: a queue rule is a decision; anything else is the platform
                // saying nobody took the call.
                var after = graph.after[state]
                if StateGraph.isLive(kind) && !(next.kind == .hold || next.kind == .alert) { after = !tracer.sawRule }
                if next.kind == .hold || next.kind == .alert { after = graph.after[state] }
                let target = add(session, next.kind, after)
                graph.edges[state].append(target)
            }
        }
        return graph
    }

    /// A session of `program` at `time` with the context given, `failures` already counted.
    static func session(_ program: TableProgram, _ time: Date, emergency: Bool, vip: Bool, failures: Int32) -> CallSession {
        var session = CallSession(program: program, time: time)
        try! session.set("caller.emergency", .bool(emergency))
        try! session.set("caller.vip", .bool(vip))
        if failures > 0 {
            try! session.set("call.failures", .number(Double(failures)))
            var state = session.state
            state.failures = failures
            session = try! CallSession(program: program, state: state)
        }
        return session
    }

    struct Counts {
        var flows = 0, skipped = 0, executorStates = 0
        var critical = (strandedFound: 0, cleanClean: 0, unsound: 0, unwitnessed: 0, bound: 0)
        var hangs = (found: 0, cleanClean: 0, unsound: 0, unwitnessed: 0, bound: 0)
        var trap = (found: 0, cleanClean: 0, unsound: 0, unwitnessed: 0, bound: 0)
        var closedLoops = (found: 0, bound: 0)
        var silent = (found: 0, cleanClean: 0, unsound: 0, unwitnessed: 0, bound: 0)
        var problems: [String] = []
    }

    /// Compiles `text` with its start at `start`; nil when it does not decode or compile.
    static func program(_ text: String, start: String) -> (program: TableProgram, compilation: TableCompilation)? {
        let source = text.replacingOccurrences(of: "start: n0", with: "start: \(start)")
        guard let flow = FrontEnd().load(SourceFile(path: "gen.yaml", text: source)).flow,
              let compilation = try? TableCompiler.compile(FlowGraph(flow), sourceHash: 1),
              let program = try? TableProgram(compilation.table) else { return nil }
        return (program, compilation)
    }

    static func combinations() -> [(Date, Bool, Bool)] {
        times.flatMap { time in [false, true].flatMap { emergency in [false, true].map { (time, emergency, $0) } } }
    }

    @Test func checksAgreeWithTheExecutorOnRandomFlows() throws {
        // CALLFLOW_DIFFERENTIAL=SEED,FLOWS explores more flows (the default keeps the suite quick).
        let setting = ProcessInfo.processInfo.environment["CALLFLOW_DIFFERENTIAL"]?.split(separator: ",").compactMap { UInt64($0) }
        var random = SeededRandom(seed: setting?.first ?? 0xCA11_F10E)
        let flows = Int(setting?.dropFirst().first ?? 60)
        var counts = Counts()
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<flows { Self.compare(Self.generate(&random), &counts) }
        }
        print("""
        differential: \(counts.flows) flows (\(counts.skipped) skipped), \(counts.executorStates) executor states, \(elapsed)
          critical-route-gated: \(counts.critical.strandedFound) stranded and found, \(counts.critical.cleanClean) clean both, \
        \(counts.critical.unsound) stranded but not found, \(counts.critical.unwitnessed) found but not witnessed (\(counts.critical.bound) at the bound)
          failure-hangs-up (per failure outcome): \(counts.hangs.found) witnessed findings, \(counts.hangs.cleanClean) clean both, \
        \(counts.hangs.unsound) missed, \(counts.hangs.unwitnessed) unwitnessed (\(counts.hangs.bound) at the bound)
          trap-loop (per node the executor reaches): \(counts.trap.found) trapped both, \(counts.trap.cleanClean) free both, \
        \(counts.trap.unsound) missed, \(counts.trap.unwitnessed) unwitnessed (\(counts.trap.bound) at the bound);
          trap-loop, closed loops: \(counts.closedLoops.found) witnessed by a fault or a prompt loop (\(counts.closedLoops.bound) at the bound)
          silent caller never reaches a human (per menu): \(counts.silent.found) both, \(counts.silent.cleanClean) neither, \
        \(counts.silent.unsound) missed, \(counts.silent.unwitnessed) unwitnessed (\(counts.silent.bound) at the bound)
        """)
        #expect(counts.problems.isEmpty, "\(counts.problems.joined(separator: "\n\n"))")
        #expect(counts.flows >= flows * 9 / 10)
        #expect(counts.critical.strandedFound > 10 && counts.critical.cleanClean > 10)
        #expect(counts.hangs.found > 10 && counts.trap.found > 3 && counts.silent.found > 3 && counts.silent.cleanClean > 3)
    }

    static func compare(_ text: String, _ counts: inout Counts) {
        guard let flow = FrontEnd().load(SourceFile(path: "gen.yaml", text: text)).flow,
              let (mainProgram, mainCompilation) = program(text, start: "n0") else {
            counts.skipped += 1
            return
        }
        counts.flows += 1
        let graph = FlowGraph(flow)
        let context = CheckContext(graph: graph, options: ["slow-path-to-human": ["limit": .duration(Duration(seconds: 1_000_000))]])
        let findings = GraphChecker.run(flow, options: ["slow-path-to-human": ["limit": .duration(Duration(seconds: 1_000_000))]])
        let queueRule = flow.escalations.contains { $0.trigger.value == .queue }
        var cache: [String: (TableProgram, TableCompilation)] = ["n0": (mainProgram, mainCompilation)]
        func programStarting(at node: Int) -> (TableProgram, TableCompilation) {
            let id = graph.id(node)
            if let known = cache[id] { return known }
            let built = program(text, start: id)!
            cache[id] = built
            return built
        }
        func flowNodes(_ entered: Set<Int32>, _ compilation: TableCompilation) -> Set<Int> {
            Set(compilation.nodeIndex.indices.filter { entered.contains(compilation.nodeIndex[$0]) })
        }
        func problem(_ what: String) { counts.problems.append("\(what)\n\(text)") }

        // critical-route-gated: runs of the critical rule, taking only what the caller does not choose.
        if let rule = flow.escalations.first(where: { $0.critical }) {
            var stranded = false, truncated = false
            for (time, _, vip) in combinations() {
                var session = session(mainProgram, time, emergency: true, vip: vip, failures: 0)
                var tracer = Tracer()
                let first = session.start(tracer: &tracer)
                let explored = explore(session, first, entered: tracer.entered, policy: .unchosen, queueRule: queueRule) { kind in
                    [.gather, .collect, .voicemail, .callback, .hangup, .fault].contains(kind)
                }
                counts.executorStates += explored.kinds.count
                truncated = truncated || explored.truncated
                let badEnd = explored.kinds.indices.contains { state in
                    let kind = explored.kinds[state]
                    return [.gather, .collect, .hangup, .fault].contains(kind) || (StateGraph.isDeferred(kind) && !explored.after[state])
                }
                // Going round without a live human in the loop.
                if badEnd || explored.hasCycle(among: { !StateGraph.isLive(explored.kinds[$0]) }) { stranded = true }
            }
            let found = findings.with("critical-route-gated").contains { $0.range == rule.name.range }
            switch (stranded, found) {
            case (true, true): counts.critical.strandedFound += 1
            case (false, false): counts.critical.cleanClean += 1
            case (true, false): counts.critical.unsound += 1; problem("critical-route-gated: a run strands the caller, no finding")
            case (false, true):
                counts.critical.unwitnessed += 1
                if truncated { counts.critical.bound += 1 } else { problem("critical-route-gated: a finding no run witnesses") }
            }
        }

        // What the executor reaches from the start, with every event, context and clock.
        var reached = Set<Int>()
        for (time, emergency, vip) in combinations() {
            var session = session(mainProgram, time, emergency: emergency, vip: vip, failures: 0)
            var tracer = Tracer()
            let first = session.start(tracer: &tracer)
            let explored = explore(session, first, entered: tracer.entered, policy: .everything, queueRule: queueRule) { kind in
                ![.say, .gather, .lookup, .enqueue, .hold, .alert, .transfer].contains(kind)
            }
            counts.executorStates += explored.kinds.count
            reached.formUnion(flowNodes(explored.entered, mainCompilation))
        }

        /// Explores every run that enters `node` fresh, at every clock, context and count of failures so far.
        func runs(from node: Int, policy: Policy, failures: ClosedRange<Int32>, stop: (InstructionKind) -> Bool,
                  _ judge: (StateGraph) -> Bool) -> (Bool, Bool) {
            let (program, _) = programStarting(at: node)
            var any = false, truncated = false
            for (time, emergency, vip) in combinations() where !emergency {
                for count in failures {
                    var session = session(program, time, emergency: false, vip: vip, failures: count)
                    let first = session.start()
                    let explored = explore(session, first, entered: [], policy: policy, queueRule: queueRule, stop: stop)
                    counts.executorStates += explored.kinds.count
                    truncated = truncated || explored.truncated
                    if judge(explored) { any = true }
                }
            }
            return (any, truncated)
        }
        let human: (InstructionKind) -> Bool = { StateGraph.isLive($0) || StateGraph.isDeferred($0) || $0 == .hangup || $0 == .fault }

        // failure-hangs-up: every failure outcome, against runs from its target that take only
        // what the caller does not choose and reach a hangup before any person.
        var hangsFrom: [Int: (Bool, Bool)] = [:]
        for node in 0..<graph.count {
            // The outcomes that can be taken: a menu's own failure outcomes are not when a failure
            // rule always fires first (`NextSteps`).
            let steps = context.steps
            for edge in steps[node] where edge.rule == nil && FailureHangsUp.failureLabels.contains(steps.label(of: edge)) {
                if hangsFrom[edge.target] == nil {
                    hangsFrom[edge.target] = runs(from: edge.target, policy: .unchosen, failures: 0...3, stop: human) { explored in
                        explored.kinds.contains(.hangup)
                    }
                }
                let (hangs, truncated) = hangsFrom[edge.target]!
                let found = findings.with("failure-hangs-up").contains { $0.range == steps.source(of: edge) }
                switch (hangs, found) {
                case (true, true): counts.hangs.found += 1
                case (false, false): counts.hangs.cleanClean += 1
                case (true, false): counts.hangs.unsound += 1; problem("failure-hangs-up: '\(steps.label(of: edge))' of \(graph.id(node)) hangs up, no finding")
                case (false, true):
                    counts.hangs.unwitnessed += 1
                    if truncated { counts.hangs.bound += 1 } else { problem("failure-hangs-up: '\(steps.label(of: edge))' of \(graph.id(node)) not witnessed") }
                }
            }
        }

        // trap-loop: a node the executor reaches from which no run ends (a person answers, a
        // message or callback is taken, the call hangs up).
        // Findings of loops whose ways out cannot open (issue 20) are witnessed apart, below.
        let isClosedLoop: (Diagnostic) -> Bool = { $0.message.contains("nothing in the loop changes what its ways out test") }
        func node(of finding: Diagnostic) -> Int? { (0..<graph.count).first { graph.nodes[$0].id.range == finding.range } }
        let trappedNodes = Set(findings.with("trap-loop").filter { !isClosedLoop($0) }.compactMap(node(of:)))
        // A closed loop is witnessed by a run from its first node that the executor's bound on
        // nodes per caller event stops (a fault), or that comes back to a prompt it played with no
        // event between (the exploration stops at a state it has seen): for some values the call
        // goes round forever.
        for finding in findings.with("trap-loop") where isClosedLoop(finding) {
            guard let first = node(of: finding) else { continue }
            let (faults, truncated) = runs(from: first, policy: .everything, failures: 0...3, stop: { _ in false }) { explored in
                explored.kinds.contains(.fault) || explored.hasCycle(among: { explored.kinds[$0] == .say })
            }
            if faults { counts.closedLoops.found += 1 } else if truncated { counts.closedLoops.bound += 1 } else {
                problem("trap-loop: the closed loop at \(graph.id(first)) is not witnessed by a fault")
            }
        }
        for node in reached.sorted() {
            let (ends, truncated) = runs(from: node, policy: .everything, failures: 0...3, stop: { _ in false }) { explored in
                explored.kinds.contains { StateGraph.isLive($0) || StateGraph.isDeferred($0) || $0 == .hangup }
            }
            let trapped = context.reachable[node] && !context.canEnd[node]
            switch (!ends, trapped) {
            case (true, true): counts.trap.found += 1
            case (false, false): counts.trap.cleanClean += 1
            case (true, false): counts.trap.unsound += 1; problem("trap-loop: no run from \(graph.id(node)) ends, the check says it can")
            case (false, true):
                counts.trap.unwitnessed += 1
                if truncated { counts.trap.bound += 1 } else { problem("trap-loop: \(graph.id(node)) ends in a run, the check says trapped") }
            }
            if trappedNodes.contains(node) && ends && !truncated { problem("trap-loop: finding at \(graph.id(node)) not witnessed") }
        }

        // Silent callers: from every menu the executor reaches, a silent run that never reaches
        // a person (a hangup, a fault, or a loop) against slow-path-to-human's "never".
        for node in reached.sorted() where graph.kindClass[node] == .callerFacing {
            let (never, truncated) = runs(from: node, policy: .silent, failures: 0...3, stop: human) { explored in
                explored.kinds.contains { $0 == .hangup || $0 == .fault } || explored.hasCycle(among: { _ in true })
            }
            let found = findings.with("slow-path-to-human").contains {
                $0.range == graph.nodes[node].id.range && $0.message.contains("never reaches")
            }
            switch (never, found) {
            case (true, true): counts.silent.found += 1
            case (false, false): counts.silent.cleanClean += 1
            case (true, false): counts.silent.unsound += 1; problem("silent: a silent run from \(graph.id(node)) never reaches a person, no finding")
            case (false, true):
                counts.silent.unwitnessed += 1
                if truncated { counts.silent.bound += 1 } else { problem("silent: finding at \(graph.id(node)) not witnessed") }
            }
        }
    }
}
