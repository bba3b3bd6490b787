/// A check over the flow graph. Each lives in its own file under Checks/Graph with its
/// descriptor; adding one is that file plus a line in `CheckRegistry.graphChecks`.
public protocol GraphCheck: Sendable {
    static var descriptor: CheckDescriptor { get }
    /// Every finding of this check in `graph`, at the check's default severity (the project's
    /// configuration is applied afterwards).
    static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic]
}

/// What a check may know besides the graph: its options from the project's configuration, and
/// analyses that several checks share, computed once per flow. It belongs to one compilation
/// (`Compilation.analyses`) and stays on its thread: it is not `Sendable`.
public final class CheckContext {
    private let configured: [String: [String: OptionValue]]
    public let graph: FlowGraph
    /// The flow's files (flow and includes), for checks that point inside a scalar.
    public var sources: [SourceFile] = []
    /// The file table's canonical paths (`Compilation.canonicalPaths`): checks compare files
    /// without touching the file system.
    public var canonicalPaths: [String: String] = [:]

    /// The absolute path of `path` with symbolic links resolved, as the load stage found it.
    public func canonicalPath(_ path: String) -> String { canonicalPaths[path] ?? path }

    public init(graph: FlowGraph, options: [String: [String: OptionValue]] = [:]) {
        self.graph = graph
        self.configured = options
    }

    /// The value of `option` for `check`: configured, else the check's default.
    public func value(_ option: String, of check: CheckDescriptor) -> OptionValue {
        if let value = configured[check.id]?[option] { return value }
        guard let declared = check.options.first(where: { $0.name == option }) else {
            preconditionFailure("check \(check.id) declares no option '\(option)'")
        }
        return declared.defaultValue
    }

    public func integer(_ option: String, of check: CheckDescriptor) -> Int {
        if case .integer(let n) = value(option, of: check) { return n }
        preconditionFailure("option \(option) of \(check.id) is not an integer")
    }

    public func duration(_ option: String, of check: CheckDescriptor) -> Duration {
        if case .duration(let d) = value(option, of: check) { return d }
        preconditionFailure("option \(option) of \(check.id) is not a duration")
    }

    /// Nodes reachable from the call's entries.
    public lazy var reachable: [Bool] = GraphSearch.reachableFromEntries(graph)

    /// The flow's switches and rule lists (`ConditionSequence.all`), built once for the checks that
    /// judge conditions (`constant-condition`, `shadowed-case`; issue 17).
    public lazy var conditionSequences: [ConditionSequence] = ConditionSequence.all(in: graph.flow)

    /// What can happen next at each node, escalation rules included: the model every path check
    /// reads (`NextSteps`).
    public lazy var steps: NextSteps = NextSteps(graph)

    /// The next steps as flat integer arrays, forward and backward (`DenseGraph`), built once for
    /// every search over them (issue 17).
    public lazy var nextStepGraph: DenseGraph = DenseGraph(steps)

    /// Nodes from which a human endpoint (live or deferred) can be reached along steps that can
    /// happen (rules that can fire count).
    public lazy var reachesHuman: [Bool] = nextStepGraph.canReach(goals: { self.graph.kindClass[$0].isHuman })

    /// Nodes from which a node that can end the call can be reached along steps that can happen.
    public lazy var canEnd: [Bool] = nextStepGraph.canReach(goals: { self.graph.kindClass[$0].canEndCall })
}
