import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 20, item 4: random flows (loops through prompts included) and random calls, the table's
/// executor (`CallSession` through `CallSimulator`) against the reference simulator over the
/// model, on endings, paths and faults. Seeded and bounded: the same flows and calls every run.
@Suite struct RandomFlowTests {
    static let conditions = ["f", "not f", "tier == \"a\"", "tier != \"b\"", "n > 5", "n <= 2", "code == \"42\"",
                             "f and n > 5", "tier in [\"a\", \"c\"]", "call.failures >= 2"]
    static let assignments = ["f: true", "f: false", "tier: b", "tier: c", "n: 7", "n: 1"]

    /// A flow of `count` generated nodes `n0`... plus a voicemail box and a hangup; targets are
    /// drawn from all nodes, so loops (through prompts and through decisions) are common.
    static func flow(_ count: Int, using random: inout SeededRandom) -> String {
        let names = (0..<count).map { "n\($0)" } + ["box", "bye"]
        func target() -> String {
            // Mostly the generated nodes, so the flows loop; sometimes an ending.
            Int.random(in: 0..<5, using: &random) == 0 ? ["box", "bye"].randomElement(using: &random)! : names[Int.random(in: 0..<count, using: &random)]
        }
        var lines = [
            "callflow: 1", "name: random", "start: n0", "timezone: Europe/Berlin",
            "context:", "  f: bool", "  tier: {enum: [a, b, c]}", "  n: number", "  code: string",
            "schedules:", "  office:", "    weekly:", "      mon-fri: \"09:00-17:00\"",
            "queues:", "  desk: {max_wait: 10m}",
        ]
        if Bool.random(using: &random) {
            lines += ["escalations:", "  - name: person", "    at: request", "    goto: \(target())"]
            if Bool.random(using: &random) {
                lines += ["  - name: too-many", "    at: failure", "    when: call.failures >= 3", "    goto: \(target())"]
            }
        }
        lines.append("nodes:")
        for index in 0..<count {
            let name = "n\(index)"
            switch Int.random(in: 0..<11, using: &random) {
            case 0, 1, 2:
                lines.append("  \(name): {say: \"Prompt \(index).\", next: \(target())}")
            case 3, 4:
                lines.append("  \(name):")
                lines.append("    switch:")
                for _ in 0 ..< Int.random(in: 1...2, using: &random) {
                    lines.append("      - if: \(conditions.randomElement(using: &random)!)")
                    lines.append("        goto: \(target())")
                }
                lines.append("    else: \(target())")
            case 5:
                lines.append("  \(name): {set: {\(assignments.randomElement(using: &random)!)}, next: \(target())}")
            case 6:
                lines.append("  \(name): {menu: \"Menu \(index).\", options: {\"1\": \(target()), \"2\": \(target())}, fallback: \(target())}")
            case 7:
                lines.append("  \(name): {collect: \"Enter \(index).\", digits: \"1-4\", into: code, next: \(target()), fallback: \(target())}")
            case 8:
                lines.append("  \(name): {hours: office, open: \(target()), closed: \(target())}")
            case 9:
                lines.append("  \(name): {lookup: crm, sets: [tier], next: \(target()), error: \(target())}")
            default:
                if Bool.random(using: &random) {
                    lines.append("  \(name): {queue: desk, overflow: \(target())}")
                } else {
                    lines.append("  \(name): {transfer: \"+15550100\", fallback: \(target())}")
                }
            }
        }
        lines += ["  box: {voicemail: general}", "  bye: {hangup: true}"]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func executorAgreesWithReferenceOnRandomFlows() throws {
        var random = SeededRandom(seed: 20)
        var flows = 0, calls = 0, faults = 0, loopsThroughPrompts = 0, ended = 0
        let frontEndChecks = Set(CheckRegistry.frontEnd.map(\.id))
        for _ in 0 ..< 300 {
            let text = Self.flow(Int.random(in: 2...8, using: &random), using: &random)
            // Graph findings (trap-loop, dead ends...) do not stop the table: the executor must
            // agree with the reference on any flow that reads.
            let result = FrontEnd().load(SourceFile(path: "random.yaml", text: text))
            guard let flow = result.flow,
                  !result.diagnostics.contains(where: { $0.severity == .error && frontEndChecks.contains($0.check) }) else {
                Issue.record("a generated flow does not read:\n\(text)\n\(result.diagnostics.dump)")
                continue
            }
            let compilation = try TableCompiler.compile(FlowGraph(flow), sourceHash: 1, options: .none)
            let program = try TableProgram(bytes: compilation.table.encoded())
            #expect(program.stepBound == flow.nodes.count + flow.escalations.count + 1)
            flows += 1
            for _ in 0 ..< 12 {
                let date = LocalDate(daysSinceEpoch: LocalDate(year: 2026, month: 11, day: 23).daysSinceEpoch + Int.random(in: 0..<7, using: &random))
                let minute = [0, 8 * 60 + 59, 9 * 60, 12 * 60, 16 * 60 + 59, 17 * 60, 23 * 60 + 59].randomElement(using: &random)!
                var context: [(String, String)] = []
                if Bool.random(using: &random) { context.append(("f", Bool.random(using: &random) ? "true" : "false")) }
                if Bool.random(using: &random) { context.append(("tier", ["a", "b", "c"].randomElement(using: &random)!)) }
                if Bool.random(using: &random) { context.append(("n", ["0", "2", "5", "6", "-1.5"].randomElement(using: &random)!)) }
                let events = RoundTripTests.events(for: flow, using: &random)
                let at = "\(date)T\(minute / 60 < 10 ? "0" : "")\(minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60)"
                let instant = try #require(LocalTime.instant(at, zone: "Europe/Berlin"))
                let actual = CallSimulator.run(program, at: instant, context: context, events: events)
                let expected = ReferenceSimulator.run(flow: flow, date: date, minute: minute, context: context, events: events)
                let call = "\(at) \(context) \(events.map(\.text))\n\(text)"
                #expect(actual.path == expected.path, "\(call)\n\(actual.problem ?? "")")
                #expect(actual.ending == expected.ending, "\(call)")
                #expect((actual.problem != nil) == expected.failed, "\(call)\n\(actual.problem ?? "no problem")")
                var faulted = false
                if case .faulted? = actual.failure { faulted = true }
                #expect(faulted == expected.faulted, "\(call)\n\(actual.problem ?? "no problem")")
                calls += 1
                if faulted {
                    faults += 1
                    if actual.steps.contains(where: { $0.instruction?.hasPrefix("say") ?? false }) { loopsThroughPrompts += 1 }
                }
                if actual.ending != nil { ended += 1 }
            }
        }
        #expect(flows == 300)
        // The generator must keep producing what the comparison is for.
        #expect(faults > 50, "faults: \(faults)")
        #expect(loopsThroughPrompts > 20, "faults in loops through prompts: \(loopsThroughPrompts)")
        #expect(ended > 100, "ended: \(ended)")
        print("random flows: \(flows) flows, \(calls) calls, \(ended) ended, \(faults) faults (\(loopsThroughPrompts) through prompts)")
    }
}
