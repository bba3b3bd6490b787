/// Decodes YAML documents into a `Flow`, reporting every problem of form it meets and going on
/// where it can, so one run shows as many findings as possible.
///
/// The work is split by concern over several files (extensions of this class): values, resources
/// (context, skills, schedules, queues), includes, nodes, rules and references.
final class FlowDecoder {
    var bag = DiagnosticBag()
    let limits: InputLimits
    let fileSystem: SourceReader
    /// Every file read, the root first, so diagnostics can print their lines.
    var sources: [SourceFile] = []

    var resources = ResourceTable()
    var includes: [Include] = []
    /// Ids of nodes that are written but could not be decoded (their errors are reported), so
    /// that references to them do not add a second, misleading finding.
    var brokenNodes = Set<String>()
    /// The node index as the loader found it for a large `nodes:` mapping (see `decodeNodes`).
    var nodeIndexFromYAML: [String: Int]?
    /// Languages, voices and what placeholders may name (Decode/PromptDecoder.swift).
    var prompting = PromptSettings()
    /// Queues' announcement words, decoded once the languages are known (Decode/EndingsDecoder.swift).
    var pendingAnnouncements: [(queue: String, words: YAMLNode)] = []
    /// Queues by name, for nodes (decoded after every resource, includes too).
    lazy var queuesByName: [String: QueueDefinition] =
        Dictionary(resources.queues.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })

    init(limits: InputLimits, fileSystem: SourceReader) {
        self.limits = limits
        self.fileSystem = fileSystem
    }

    static let topLevelKeys = [
        "callflow", "name", "description", "timezone", "start", "include", "context", "skills",
        "schedules", "queues", "escalations", "human_key", "human_phrases", "ignore", "nodes",
        "languages", "voice",
    ]

    /// Decodes the root flow file `source`; includes are read relative to it. The three stages
    /// in one: `decode`, then `resolveReferences` and `resolveExpressions` (see `FrontEndStages`).
    func decodeFlow(_ source: SourceFile) -> Flow? {
        guard var flow = decode(source) else { return nil }
        resolveReferences(in: &flow)
        resolveExpressions(in: &flow)
        return flow
    }

    /// Stage `decode`: the flow as written, every key and value checked for form, names not yet
    /// resolved (`outcomeTargets` and `ruleTargets` empty, `startTarget` -1) and conditions not
    /// yet parsed. Nil when it lacks what a flow cannot go on without (a YAML mapping, `start`).
    func decode(_ source: SourceFile) -> Flow? {
        sources.append(source)
        let document = YAMLLoader(limits: limits).load(source)
        bag.append(contentsOf: document.diagnostics)
        guard let root = document.root else {
            if document.diagnostics.isEmpty {
                bag.report(.invalidValue, "the file is empty; a flow needs at least 'callflow: 1', 'name', 'start' and 'nodes'",
                           at: SourceRange(file: source.path, line: 1, column: 1))
            }
            return nil
        }
        guard let pairs = mapping(root, what: "a flow file") else { return nil }
        let fields = Fields(root, pairs: pairs, allowed: Self.topLevelKeys, owner: "the flow", bag: &bag)

        if let version = requireField(fields, "callflow", owner: "the flow") {
            _ = integer(version, what: "the format version 'callflow'", in: 1...1)
        }
        let name = requireField(fields, "name", owner: "the flow").flatMap { identifier($0, what: "the flow's name") }
        let description = fields["description"].flatMap { text($0, what: "description") }?.value
        let timezone = fields["timezone"].flatMap { timeZone($0) }
        let start = requireField(fields, "start", owner: "the flow").flatMap { identifier($0, what: "start") }

        let rootDirectory = IncludePath.directory(of: source.path)
        decodeResources(fields, file: source.path, rootDirectory: rootDirectory, chain: [source.path])
        decodeLanguages(fields)
        decodePendingAnnouncements()

        let escalations = fields["escalations"].map { decodeRules($0) } ?? []
        let humanKey = fields["human_key"].flatMap { dtmfKey($0, what: "human_key") }
        let humanPhrases = fields["human_phrases"].map { phrases($0, what: "human_phrases") }
        let ignore = fields["ignore"].map { checkIDs($0) } ?? []
        let nodes = requireField(fields, "nodes", owner: "the flow").map { decodeNodes($0) } ?? []

        if timezone == nil, let first = resources.schedules.first, !fields.has("timezone") {
            bag.report(.invalidValue, "the flow uses schedules but has no 'timezone'; add one, such as 'timezone: America/New_York'",
                       at: root.range.startOnly,
                       notes: [DiagnosticNote("schedule '\(first.name.value)' is defined here", at: first.name.range)])
        }

        // Go on without a valid name so references are still checked; the name was reported.
        guard let start else { return nil }
        let flowName = name ?? Located("", at: root.range.startOnly)
        var nodeIndex: [String: Int] = nodeIndexFromYAML ?? [:]
        if nodeIndexFromYAML == nil {
            nodeIndex.reserveCapacity(nodes.count)
            for index in nodes.indices where nodeIndex[nodes[index].id.value] == nil {
                nodeIndex[nodes[index].id.value] = index
            }
        }
        return Flow(
            file: source.path, name: flowName, description: description, timezone: timezone, start: start,
            includes: includes, context: resources.context, skills: resources.skills,
            schedules: resources.schedules, queues: resources.queues, escalations: escalations,
            humanKey: humanKey, humanPhrases: humanPhrases?.all ?? [], ignore: ignore, nodes: nodes, nodeIndex: nodeIndex,
            languages: prompting.languages, voices: prompting.voices, localizedHumanPhrases: humanPhrases?.localized)
    }
}

extension SourceRange {
    /// The first character only: for findings about a whole mapping, such as a missing key.
    var startOnly: SourceRange {
        with(start: start, end: SourcePosition(line: start.line, column: start.column + 1))
    }
}
