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
    var nodeIndexFromYAML: NameTable?
    /// Languages, voices and what placeholders may name (Decode/PromptDecoder.swift).
    var prompting = PromptSettings()
    /// Queues' announcement words, decoded once the languages are known (Decode/EndingsDecoder.swift).
    var pendingAnnouncements: [(queue: String, words: YAMLNode)] = []
    /// Queues by name, for nodes (decoded after every resource, includes too).
    lazy var queuesByName: [String: QueueDefinition] =
        Dictionary(resources.queues.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
    /// `decodeStreaming`'s state: the file, the head, and the nodes decoded while reading (nil
    /// when the nodes were not streamed; `decodeNodes` then decodes the mapping's entries).
    var streamState: (source: SourceFile?, head: FlowHead?, nodes: [FlowNode]?) = (nil, nil, nil)
    /// `decodeStreaming`'s second thread, when the file is split (see `NodesSplit`), and where
    /// the root starts (for the findings `finish` may make about the whole flow).
    var split: (NodesSplit, rootStart: SourceRange?)?
    /// Whether `decodeStreaming` took the split (for `DecodeAgreement`).
    var splitTaken = false

    init(limits: InputLimits, fileSystem: SourceReader) {
        self.limits = limits
        self.fileSystem = fileSystem
    }

    static let topLevelKeys = [
        "callflow", "name", "description", "timezone", "start", "include", "context", "skills",
        "schedules", "queues", "escalations", "human_key", "human_phrases", "ignore", "nodes",
        "languages", "voice",
    ]

    /// The flow `decode` gave, through the two stages after it: `resolveReferences` and
    /// `resolveExpressions` (see `FrontEndStages`).
    func resolving(_ decoded: Flow) -> Flow {
        var flow = decoded
        resolveReferences(in: &flow)
        resolveExpressions(in: &flow)
        return flow
    }

    /// Stage `decode`: the flow as written, every key and value checked for form, names not yet
    /// resolved (`outcomeTargets` and `ruleTargets` empty, `startTarget` -1) and conditions not
    /// yet parsed. Nil when it lacks what a flow cannot go on without (a YAML mapping, `start`).
    ///
    /// Reads the file whole. `decoding(_:limits:)` gives the same flow and findings with less
    /// memory, decoding the nodes while the file is read.
    func decode(_ source: SourceFile) -> Flow? {
        sources.append(source)
        return decode(YAMLLoader(limits: limits).load(source), source)
    }

    /// Stage `decode` on a fresh decoder: the nodes decoded while the file is read where that
    /// is exact (see `decodeStreaming`), else the file read whole by a second fresh decoder.
    /// Returns the decoder that decoded (its findings, files and resources) and the flow.
    /// With `splitAbove`, a file of at least that many bytes may have its `nodes:` read and
    /// decoded on two cores (see `NodesSplit`); the result is the same.
    static func decoding(_ source: SourceFile, limits: InputLimits, splitAbove: Int? = nil) -> (decoder: FlowDecoder, flow: Flow?) {
        let streaming = FlowDecoder(limits: limits, fileSystem: SourceReader(limits: limits))
        if let splitAbove, let split = NodesSplit(source, threshold: splitAbove, limits: limits) { streaming.split = (split, nil) }
        if case .decoded(let flow) = streaming.decodeStreaming(source) { return (streaming, flow) }
        let whole = FlowDecoder(limits: limits, fileSystem: SourceReader(limits: limits))
        return (whole, whole.decode(source))
    }

    /// What `decodeStreaming` gave.
    enum StreamedDecode {
        case decoded(Flow?)
        /// The nodes passed while reading may not be the document's: decode again, whole.
        case fallBack
    }

    /// Stage `decode` with the root's `nodes:` decoded entry by entry while the file is read, each
    /// entry's YAML released once its node is made (issue 17: the document was some 50 MiB of the
    /// 119 MiB alive at the end of decoding a 60,000-node flow). Everything before `nodes:` is
    /// decoded when the `nodes` key arrives, in the order `decode` decodes it, and the loader's
    /// findings are put first at the end, so the findings and their order are `decode`'s. Exact
    /// only when `nodes:` is the root's last key and the flow has no `include` (an include is
    /// read from disk), among the loader's conditions (`YAMLStreamOutcome`); otherwise
    /// `.fallBack` (the decoder's state is then spoilt: use a fresh one).
    func decodeStreaming(_ source: SourceFile) -> StreamedDecode {
        sources.append(source)
        streamState.source = source
        defer { streamState.source = nil; streamState.head = nil; split = nil }
        let document = YAMLLoader(limits: limits).load(source, streaming: (key: "nodes", sink: self, maxEntries: limits.maxNodes),
                                                       split: split?.0)
        split?.0.join()
        if let (split, rootStart) = split, split.taken, let head = streamState.head, let rootStart, let first = streamState.nodes {
            // Read on two cores: the findings in the order reading on one gives them (the
            // loader's, the head's and the first half's, the second half's), then the nodes
            // in order; `decodeNodes` has nothing to add (at least one entry in each half, not
            // too many: `NodesSplit.accept`).
            splitTaken = true
            let second = split.secondHalf
            let decoded = bag.diagnostics
            bag = DiagnosticBag()
            bag.append(contentsOf: document.diagnostics)
            bag.append(contentsOf: decoded)
            bag.append(contentsOf: second.diagnostics)
            brokenNodes.formUnion(second.brokenNodes)
            streamState.nodes = nil
            let nodes = first + second.nodes
            // As `decodeNodes`: when every node decoded, node i is entry i.
            if nodes.count == split.entries { nodeIndexFromYAML = split.keyPositions }
            return .decoded(finish(head, nodes: nodes, rootStart: rootStart, source: source))
        }
        switch document.stream {
        case .notBegun:
            return .decoded(decode(document, source))
        case .inexact:
            return .fallBack
        case .exact:
            guard let root = document.root, let head = streamState.head, let nodesValue = root.pair(forKey: "nodes")?.value else {
                return .fallBack
            }
            // `decode` reports the loader's findings before any of its own.
            let decoded = bag.diagnostics
            bag = DiagnosticBag()
            bag.append(contentsOf: document.diagnostics)
            bag.append(contentsOf: decoded)
            let nodes = decodeNodes(nodesValue)
            return .decoded(finish(head, nodes: nodes, rootStart: root.range.startOnly, source: source))
        }
    }

    /// The rest of `decode` once the file is read.
    private func decode(_ document: LoadedDocument, _ source: SourceFile) -> Flow? {
        bag.append(contentsOf: document.diagnostics)
        guard let root = document.root else {
            if document.diagnostics.isEmpty {
                bag.report(.invalidValue, "the file is empty; a flow needs at least 'callflow: 1', 'name', 'start' and 'nodes'",
                           at: SourceRange(file: source.path, line: 1, column: 1))
            }
            return nil
        }
        guard let pairs = mapping(root, what: "a flow file") else { return nil }
        let (head, fields) = decodeHead(root, pairs, source)
        let nodes = requireField(fields, "nodes", owner: "the flow").map { decodeNodes($0) } ?? []
        return finish(head, nodes: nodes, rootStart: root.range.startOnly, source: source)
    }

    /// What the flow's keys other than `nodes` give, decoded in this order.
    struct FlowHead {
        var name: Located<String>?
        var description: String?
        var timezone: Located<String>?
        var start: Located<String>?
        var escalations: [EscalationRule]
        var humanKey: Located<String>?
        var humanPhrases: (all: [Located<String>], localized: LocalizedPhrases?)?
        var ignore: [Located<String>]
        var hasTimezoneKey: Bool
    }

    private func decodeHead(_ root: YAMLNode, _ pairs: YAMLNode.Pairs, _ source: SourceFile) -> (FlowHead, Fields) {
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
        let head = FlowHead(name: name, description: description, timezone: timezone, start: start, escalations: escalations,
                            humanKey: humanKey, humanPhrases: humanPhrases.map { ($0.all, $0.localized) }, ignore: ignore,
                            hasTimezoneKey: fields.has("timezone"))
        return (head, fields)
    }

    /// The flow from its head and nodes: what `decode` does after the nodes.
    private func finish(_ head: FlowHead, nodes: [FlowNode], rootStart: SourceRange, source: SourceFile) -> Flow? {
        if head.timezone == nil, let first = resources.schedules.first, !head.hasTimezoneKey {
            bag.report(.invalidValue, "the flow uses schedules but has no 'timezone'; add one, such as 'timezone: America/New_York'",
                       at: rootStart,
                       notes: [DiagnosticNote("schedule '\(first.name.value)' is defined here", at: first.name.range)])
        }

        // Go on without a valid name so references are still checked; the name was reported.
        guard let start = head.start else { return nil }
        let flowName = head.name ?? Located("", at: rootStart)
        let nodeTable = nodeIndexFromYAML ?? NodeIndex.table(of: nodes)
        return Flow(
            file: source.path, name: flowName, description: head.description, timezone: head.timezone, start: start,
            includes: includes, context: resources.context, skills: resources.skills,
            schedules: resources.schedules, queues: resources.queues, escalations: head.escalations,
            humanKey: head.humanKey, humanPhrases: head.humanPhrases?.all ?? [], ignore: head.ignore, nodes: nodes, nodeTable: nodeTable,
            languages: prompting.languages, voices: prompting.voices, localizedHumanPhrases: head.humanPhrases?.localized)
    }
}

/// The loader's calls while `decodeStreaming` reads a file.
extension FlowDecoder: YAMLEntrySink {
    func begin(root: YAMLNode) -> Bool {
        // An include is read from disk while the head is decoded: not twice if reading falls back.
        guard let source = streamState.source, let pairs = root.mappingPairs, root.pair(forKey: "include") == nil else { return false }
        streamState.head = decodeHead(root, pairs, source).0
        streamState.nodes = []
        if let (split, _) = split {
            self.split?.rootStart = root.range.startOnly
            split.start(from: self)
        }
        return true
    }

    func entry(key: YAMLNode, value: YAMLNode) {
        decodeEntry(key: key, value: value, into: &streamState.nodes!)
    }
}

extension SourceRange {
    /// The first character only: for findings about a whole mapping, such as a missing key.
    var startOnly: SourceRange {
        with(start: start, end: SourcePosition(line: start.line, column: start.column + 1))
    }
}
