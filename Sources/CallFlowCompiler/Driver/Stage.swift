/// The compiler's stages, in the order they run (docs/architecture.md). Every command runs a
/// prefix of this list through `Driver.run(_:through:)`: `lint` and `dot` through `graphChecks`,
/// `compile`, `simulate` and `test` through `validate`.
public enum Stage: String, CaseIterable, Comparable, Sendable {
    /// Read the flow file (its bytes, within the input limits).
    case load
    /// YAML events to a tree, tree to the flow model; includes are read here.
    case decode
    /// Names to definitions: node targets, queues, schedules, skills, variables, the callback rule.
    case resolve
    /// Conditions and values against their declared types.
    case typeCheck
    /// The flow graph: one vertex per node, one edge per outcome, escalation rules.
    case graph
    /// Every enabled graph check (and, for Studio and Connect flows, the platform's limits).
    case graphChecks
    /// The flow graph to a routing table (refused when a finding is an error).
    case lower
    /// The table's bytes, loaded back as the runtime loads them.
    case validate

    public static func < (a: Stage, b: Stage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
