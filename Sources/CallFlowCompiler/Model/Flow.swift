/// A whole flow, decoded and checked for form: the input of the graph and of every later stage.
///
/// Built once and never changed (issue 10 item 5): `decode` makes it with its names as written,
/// `resolve` makes the resolved value (every reference to a node as an index: `outcomeTargets`,
/// `startTarget`, `ruleTargets`), `typeCheck` the value with its conditions parsed. The graph and
/// lowering read the indices; they never look a node's name up.
public struct Flow: Sendable {
    public let file: String
    public let name: Located<String>
    public let description: String?
    public let timezone: Located<String>?
    public let start: Located<String>
    public let includes: [Include]
    public let context: [ContextVariable]
    public let skills: [Located<String>]
    public let schedules: [Schedule]
    public let queues: [QueueDefinition]
    public let escalations: [EscalationRule]
    /// The key that asks for a human at any menu or collect; `"0"` unless the flow says otherwise.
    public let humanKey: Located<String>?
    public let humanPhrases: [Located<String>]
    public let ignore: [Located<String>]
    public let nodes: [FlowNode]
    /// Position of each node id in `nodes`.
    public let nodeIndex: [String: Int]
    /// For each node, the index of each outcome's target in `nodes` (-1: no such node), in the
    /// order of its `outcomes`; empty until `resolve`. A menu's options are its first outcomes
    /// and a switch's cases its first outcomes, in order (`target(of:item:)`).
    public let outcomeTargets: [[Int]]
    /// The index of the `start` node in `nodes`; -1 when no node has that name, or before `resolve`.
    public let startTarget: Int
    /// For each escalation rule, the index of its `goto` node in `nodes` (-1: no such node), in
    /// the order of `escalations`; empty until `resolve`.
    public let ruleTargets: [Int]
    /// `languages:` in order (the first is the default); empty when the flow names none.
    public let languages: [Located<String>]
    /// `voice:`: one for every language (`language` nil) or one per language.
    public let voices: [(language: Located<String>?, voice: Located<String>)]
    /// `human_phrases` given by language (`humanPhrases` then holds every language's).
    public let localizedHumanPhrases: LocalizedPhrases?

    public static let defaultHumanKey = "0"
    public static let defaultHumanPhrases = ["agent", "representative", "operator"]

    /// The flow as written: no name resolved yet (`resolve` or `resolved()` does that).
    init(file: String, name: Located<String>, description: String?, timezone: Located<String>?, start: Located<String>,
         includes: [Include], context: [ContextVariable], skills: [Located<String>], schedules: [Schedule],
         queues: [QueueDefinition], escalations: [EscalationRule], humanKey: Located<String>?,
         humanPhrases: [Located<String>], ignore: [Located<String>], nodes: [FlowNode], nodeIndex: [String: Int],
         languages: [Located<String>] = [], voices: [(language: Located<String>?, voice: Located<String>)] = [],
         localizedHumanPhrases: LocalizedPhrases? = nil) {
        self.file = file
        self.name = name
        self.description = description
        self.timezone = timezone
        self.start = start
        self.includes = includes
        self.context = context
        self.skills = skills
        self.schedules = schedules
        self.queues = queues
        self.escalations = escalations
        self.humanKey = humanKey
        self.humanPhrases = humanPhrases
        self.ignore = ignore
        self.nodes = nodes
        self.nodeIndex = nodeIndex
        self.outcomeTargets = []
        self.startTarget = -1
        self.ruleTargets = []
        self.languages = languages
        self.voices = voices
        self.localizedHumanPhrases = localizedHumanPhrases
    }

    /// `flow` with its rules, nodes and resolved targets replaced (the stages' results).
    private init(_ flow: Flow, escalations: [EscalationRule], nodes: [FlowNode], outcomeTargets: [[Int]],
                 startTarget: Int, ruleTargets: [Int]) {
        file = flow.file
        name = flow.name
        description = flow.description
        timezone = flow.timezone
        start = flow.start
        includes = flow.includes
        context = flow.context
        skills = flow.skills
        schedules = flow.schedules
        queues = flow.queues
        self.escalations = escalations
        humanKey = flow.humanKey
        humanPhrases = flow.humanPhrases
        ignore = flow.ignore
        self.nodes = nodes
        nodeIndex = flow.nodeIndex
        self.outcomeTargets = outcomeTargets
        self.startTarget = startTarget
        self.ruleTargets = ruleTargets
        languages = flow.languages
        voices = flow.voices
        localizedHumanPhrases = flow.localizedHumanPhrases
    }

    public var effectiveHumanKey: String { humanKey?.value ?? Flow.defaultHumanKey }

    public var effectiveHumanPhrases: [String] {
        humanPhrases.isEmpty ? Flow.defaultHumanPhrases : humanPhrases.map(\.value)
    }

    public func node(named id: String) -> FlowNode? {
        nodeIndex[id].map { nodes[$0] }
    }

    public func queue(named name: String) -> QueueDefinition? {
        queues.first { $0.name.value == name }
    }

    public func schedule(named name: String) -> Schedule? {
        schedules.first { $0.name.value == name }
    }

    public func variable(named name: String) -> ContextVariable? {
        context.first { $0.name.value == name }
    }
}

// MARK: - Resolved targets

extension Flow {
    /// Whether every reference to a node has its index (`resolve` ran, or `resolved()`).
    public var isResolved: Bool {
        outcomeTargets.count == nodes.count && ruleTargets.count == escalations.count
    }

    /// The index of the node named `name` in `nodes`, -1 for none: how every reference to a node
    /// is resolved, once (by `resolve`, or `resolved()`).
    func target(named name: String) -> Int {
        nodeIndex[name] ?? -1
    }

    /// The targets of `node`'s outcomes, in order (-1: no such node).
    func outcomeTargets(of node: FlowNode) -> [Int] {
        node.outcomes.map { target(named: $0.target.value) }
    }

    /// The flow with every reference to a node resolved, and nothing reported: for a flow built
    /// without the driver's `resolve` stage (the platform importers). The same indices `resolve`
    /// gives.
    public func resolved() -> Flow {
        resolving(outcomeTargets: nodes.map { outcomeTargets(of: $0) }, startTarget: target(named: start.value),
                  ruleTargets: escalations.map { target(named: $0.target.value) })
    }

    /// The flow with these resolved targets (the `resolve` stage's result).
    func resolving(outcomeTargets: [[Int]], startTarget: Int, ruleTargets: [Int]) -> Flow {
        Flow(self, escalations: escalations, nodes: nodes, outcomeTargets: outcomeTargets, startTarget: startTarget,
             ruleTargets: ruleTargets)
    }

    /// The flow with its rules and nodes replaced by their type-checked values (the `typeCheck`
    /// stage's result: the same rules and nodes in the same order, conditions parsed).
    func checked(escalations: [EscalationRule], nodes: [FlowNode]) -> Flow {
        Flow(self, escalations: escalations, nodes: nodes, outcomeTargets: outcomeTargets, startTarget: startTarget,
             ruleTargets: ruleTargets)
    }

    /// The index of the node that node `node`'s first `label` outcome goes to; nil when it has no
    /// such outcome or the outcome names no node.
    public func target(of node: Int, _ label: String) -> Int? {
        guard let position = nodes[node].outcomes.firstIndex(where: { $0.label == label }) else { return nil }
        let target = outcomeTargets[node][position]
        return target >= 0 ? target : nil
    }

    /// The index of the node that item `item` of node `node` goes to (a menu's option, a switch's
    /// case: a node's first outcomes, in order); nil when it names no node.
    public func target(of node: Int, item: Int) -> Int? {
        let target = outcomeTargets[node][item]
        return target >= 0 ? target : nil
    }
}
