/// A whole flow, decoded and checked for form: the input of the graph and of every later stage.
public struct Flow: Sendable {
    public var file: String
    public var name: Located<String>
    public var description: String?
    public var timezone: Located<String>?
    public var start: Located<String>
    public var includes: [Include]
    public var context: [ContextVariable]
    public var skills: [Located<String>]
    public var schedules: [Schedule]
    public var queues: [QueueDefinition]
    public var escalations: [EscalationRule]
    /// The key that asks for a human at any menu or collect; `"0"` unless the flow says otherwise.
    public var humanKey: Located<String>?
    public var humanPhrases: [Located<String>]
    public var ignore: [Located<String>]
    public var nodes: [FlowNode]
    /// Position of each node id in `nodes`.
    public var nodeIndex: [String: Int]
    /// For each node, the index of each outcome's target in `nodes` (-1: no such node), in the
    /// order of its `outcomes`: resolved once by the decoder, read by the graph.
    public var outcomeTargets: [[Int]] = []
    /// `languages:` in order (the first is the default); empty when the flow names none.
    public var languages: [Located<String>] = []
    /// `voice:`: one for every language (`language` nil) or one per language.
    public var voices: [(language: Located<String>?, voice: Located<String>)] = []
    /// `human_phrases` given by language (`humanPhrases` then holds every language's).
    public var localizedHumanPhrases: LocalizedPhrases? = nil

    public static let defaultHumanKey = "0"
    public static let defaultHumanPhrases = ["agent", "representative", "operator"]

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
