import Dispatch
import Synchronization

/// Runs every graph check over a decoded flow.
public enum GraphChecker {
    public static func run(_ flow: Flow, options: [String: [String: OptionValue]] = [:],
                           enabled: (String) -> Bool = { _ in true }, sources: [SourceFile] = []) -> [Diagnostic] {
        let graph = FlowGraph(flow)
        let context = CheckContext(graph: graph, options: options)
        context.sources = sources
        var diagnostics: [Diagnostic] = []
        for check in CheckRegistry.graphChecks where enabled(check.descriptor.id) {
            diagnostics += check.run(graph, context)
        }
        return diagnostics
    }

    /// Below this many nodes the graph checks run on one thread: a second thread costs tens of
    /// microseconds to start (measured: docs/performance.md, issue 17, fifth round).
    static let nodesWorthThreads = 2_048

    /// The order in which the threads take the checks (`runOnThreads`): the costliest first, so
    /// the threads finish together (instructions of each check alone on genflow 60,000,
    /// docs/performance.md, issue 17's sixth round). `trap-loop` first: it builds the next steps
    /// (`NextSteps`, the dense graph, `canEnd`) that the later readers share, while the other
    /// thread runs `prompt-keys` and `unused-definition`, which need none of it. `shadowed-case`
    /// and `constant-condition` last, out of cost order: the condition sequences they build (2 MB
    /// on genflow 60,000) are then not alive beside the other checks' work (the peak was 2.4 MiB
    /// higher with them fifth and eighth). A check not listed comes after these, in registry
    /// order. The order changes only the time and the memory, never a finding.
    static let costliestFirst: [String] = [
        "trap-loop", "prompt-keys", "unused-definition", "slow-path-to-human", "menu-too-deep",
        "after-hours-dead", "retries-out-of-range", "missing-human-fallback", "unreachable-menu",
        "critical-route-gated", "unreachable-node", "dead-end", "shadowed-case", "constant-condition",
    ]

    /// Each of `checks`' findings, in the order of `checks`, the checks taken one at a time by
    /// `threads` threads in `costliestFirst` order (issue 17, branch wall18). Each thread has a
    /// context of its own (`context()` makes one; contexts sharing one `SharedAnalyses` compute
    /// each analysis once, else each its own); what a check finds depends only on the graph and
    /// the options, and each check's findings go in its own slot, so the findings are those of one
    /// thread running `checks` in order, whichever thread ran which check.
    static func runOnThreads(_ checks: [any GraphCheck.Type], on graph: FlowGraph, threads: Int,
                             context: @Sendable () -> CheckContext) -> [[Diagnostic]] {
        let rank = Dictionary(uniqueKeysWithValues: costliestFirst.enumerated().map { ($1, $0) })
        let order = checks.indices.sorted {
            (rank[checks[$0].descriptor.id] ?? costliestFirst.count + $0) < (rank[checks[$1].descriptor.id] ?? costliestFirst.count + $1)
        }
        let next = TakenCount()
        let slots = ResultSlots<[Diagnostic]>(count: checks.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, checks.count))) { _ in
            let own = context()
            while case let taken = next.take(), taken < order.count {
                slots.store(checks[order[taken]].run(graph, own), at: order[taken])
            }
        }
        return slots.values.map { $0 ?? [] }
    }
}

/// How many items of a shared list the threads have taken: each `take()` returns the next
/// index, to exactly one thread.
final class TakenCount: Sendable {
    private let count = Atomic<Int>(0)

    func take() -> Int {
        count.add(1, ordering: .relaxed).oldValue
    }
}
