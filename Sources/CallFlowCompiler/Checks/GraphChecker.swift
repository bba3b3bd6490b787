import Dispatch

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
    /// microseconds to start and computes the shared analyses it needs again (measured:
    /// docs/performance.md, issue 17, fifth round).
    static let nodesWorthThreads = 2_048

    /// The checks that read the next steps (`CheckContext.steps` and what is built on it): run
    /// together, so `NextSteps` is built once. The rest run beside them. On genflow's 60,000 nodes
    /// the two groups cost about the same (`NextSteps` and `trap-loop` against `prompt-keys` and
    /// `unused-definition`). Which group a check is in changes only the time, never a finding.
    static let readersOfNextSteps: Set<String> = [
        "trap-loop", "missing-human-fallback", "failure-hangs-up", "critical-route-gated", "after-hours-dead",
        "slow-path-to-human", "shadowed-case", "constant-condition",
    ]

    /// Each of `checks`' findings, in the order of `checks`, the checks run in two groups on two
    /// threads (issue 17, branch par17). Each group has a context of its own (`context()` makes
    /// one), so no analysis is shared between threads; what a check finds depends only on the
    /// graph and the options, so the findings are those of one thread running `checks` in order.
    static func runInTwoGroups(_ checks: [any GraphCheck.Type], on graph: FlowGraph,
                               context: @Sendable () -> CheckContext) -> [[Diagnostic]] {
        let groups = [checks.indices.filter { readersOfNextSteps.contains(checks[$0].descriptor.id) },
                      checks.indices.filter { !readersOfNextSteps.contains(checks[$0].descriptor.id) }]
        let slots = ResultSlots<[Diagnostic]>(count: checks.count)
        DispatchQueue.concurrentPerform(iterations: groups.count) { group in
            let own = context()
            for index in groups[group] {
                slots.store(checks[index].run(graph, own), at: index)
            }
        }
        return slots.values.map { $0 ?? [] }
    }
}
