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
/// (`Compilation.analyses`) and stays on its thread: it is not `Sendable`. Contexts of one flow on
/// several threads share their analyses through one `SharedAnalyses`.
public final class CheckContext {
    private let configured: [String: [String: OptionValue]]
    public let graph: FlowGraph
    /// Where the analyses below are computed, once; each is kept here when first read.
    public let shared: SharedAnalyses
    /// The flow's files (flow and includes), for checks that point inside a scalar.
    public var sources: [SourceFile] = []
    /// The file table's canonical paths (`Compilation.canonicalPaths`): checks compare files
    /// without touching the file system.
    public var canonicalPaths: [String: String] = [:]

    /// The absolute path of `path` with symbolic links resolved, as the load stage found it.
    public func canonicalPath(_ path: String) -> String { canonicalPaths[path] ?? path }

    /// `sharing`: the analyses of other contexts of the same graph (else this context's own).
    public init(graph: FlowGraph, options: [String: [String: OptionValue]] = [:], sharing shared: SharedAnalyses? = nil) {
        self.graph = graph
        self.configured = options
        self.shared = shared ?? SharedAnalyses(graph: graph)
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

    /// The analyses, as `SharedAnalyses` describes them.
    public lazy var reachable: [Bool] = shared.reachable
    public lazy var conditionSequences: [ConditionSequence] = shared.conditionSequences
    public lazy var steps: NextSteps = shared.steps
    public lazy var nextStepGraph: DenseGraph = shared.nextStepGraph
    public lazy var reachesHuman: [Bool] = shared.reachesHuman
    public lazy var canEnd: [Bool] = shared.canEnd
}
