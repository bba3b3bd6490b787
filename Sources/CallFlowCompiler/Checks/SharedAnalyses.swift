import Synchronization

/// The analyses several graph checks read (`CheckContext.reachable`, `steps`, ...), each computed
/// once per flow by the first check that asks. `Sendable`, so that the checks of one flow running
/// on several threads (`GraphChecker.runOnThreads`) share one of each instead of each thread
/// computing its own: a thread that asks while another computes waits for that result. Every
/// analysis is a function of the graph alone, so the value is the same whichever thread made it.
public final class SharedAnalyses: Sendable {
    public let graph: FlowGraph
    private let reachableOnce = Once<[Bool]>()
    private let conditionSequencesOnce = Once<[ConditionSequence]>()
    private let stepsOnce = Once<NextSteps>()
    private let nextStepGraphOnce = Once<DenseGraph>()
    private let reachesHumanOnce = Once<[Bool]>()
    private let canEndOnce = Once<[Bool]>()

    public init(graph: FlowGraph) {
        self.graph = graph
    }

    /// Nodes reachable from the call's entries.
    public var reachable: [Bool] { reachableOnce.value { GraphSearch.reachableFromEntries(graph) } }

    /// The flow's switches and rule lists (`ConditionSequence.all`), for the checks that judge
    /// conditions (`constant-condition`, `shadowed-case`; issue 17).
    public var conditionSequences: [ConditionSequence] { conditionSequencesOnce.value { ConditionSequence.all(in: graph.flow) } }

    /// What can happen next at each node, escalation rules included: the model every path check
    /// reads (`NextSteps`).
    public var steps: NextSteps { stepsOnce.value { NextSteps(graph) } }

    /// The next steps as flat integer arrays, forward and backward (`DenseGraph`), for every search
    /// over them (issue 17).
    public var nextStepGraph: DenseGraph { nextStepGraphOnce.value { DenseGraph(steps) } }

    /// Nodes from which a human endpoint (live or deferred) can be reached along steps that can
    /// happen (rules that can fire count).
    public var reachesHuman: [Bool] {
        reachesHumanOnce.value { nextStepGraph.canReach(goals: { self.graph.kindClass[$0].isHuman }) }
    }

    /// Nodes from which a node that can end the call can be reached along steps that can happen.
    public var canEnd: [Bool] {
        canEndOnce.value { nextStepGraph.canReach(goals: { self.graph.kindClass[$0].canEndCall }) }
    }
}

/// A value made at most once, by the first caller; later and concurrent callers get that value
/// (a concurrent caller waits while it is made).
final class Once<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    func value(_ make: () -> Value) -> Value {
        stored.withLock { stored in
            if let value = stored { return value }
            let value = make()
            stored = value
            return value
        }
    }
}
