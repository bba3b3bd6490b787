import Foundation

/// What a platform reader made of a file: the flow in callflow's model (nil when the file could
/// not be read as a flow), the reader's own findings, and the checks that cannot apply to it.
public struct ImportedFlow: Sendable {
    public var format: PlatformFormat
    public var flow: Flow?
    public var diagnostics: [Diagnostic]
    /// Checks that need what the platform does not say, with the reason (`--explain-import`).
    public var skipped: [SkippedCheck]
    /// The platform's flow type when it says one (Amazon Connect `contactFlow`, `customerQueue`...).
    public var flowType: String?
    /// Node id -> the platform step it came from (`gather-input-on-call`), for the converter.
    public var platformTypes: [String: String]
    /// Steps folded into another node (a Studio split into its gather's menu): where each is
    /// written and the node that holds it.
    public var folded: [(range: SourceRange, node: String)] = []
}

public struct SkippedCheck: Sendable, Hashable {
    public var id: String
    public var reason: String
}

/// The three platform formats callflow reads.
public enum PlatformFormat: String, Sendable, CaseIterable {
    case twilioStudio = "twilio-studio"
    case connectFlowLanguage = "amazon-connect-flow-language"
    case connectLegacy = "amazon-connect-legacy"

    public var displayName: String {
        switch self {
        case .twilioStudio: return "Twilio Studio flow"
        case .connectFlowLanguage: return "Amazon Connect flow (flow language)"
        case .connectLegacy: return "Amazon Connect flow (legacy export)"
        }
    }
}

/// Builds a `Flow` from platform steps: readers add nodes with callflow kinds and outcomes;
/// an event the platform leaves unwired that ends the call becomes a synthetic `hangup` node at
/// that event, and one that callflow requires becomes a `dead-end` finding in platform words.
final class ImportBuilder {
    let file: String
    let reader: JSONReader
    private(set) var nodes: [FlowNode] = []
    private var index: [String: Int] = [:]
    var diagnostics: [Diagnostic] = []
    var platformTypes: [String: String] = [:]
    private var unknownTypes = Set<String>()

    init(reader: JSONReader) {
        self.reader = reader
        self.file = reader.file
    }

    /// A number a platform writes as text or a number, clamped into `range` (hostile values such as
    /// a `loop` of 10^18 must not overflow the checks' arithmetic); nil when it is none.
    static func number(_ text: String?, in range: ClosedRange<Int>) -> Int? {
        guard let text, let value = Int(text.trimmingCharacters(in: .whitespaces)) else { return nil }
        return min(max(value, range.lowerBound), range.upperBound)
    }

    static let seconds = 0...86_400

    /// True when a node of this id exists already.
    func has(_ id: String) -> Bool { index[id] != nil }

    func add(id: Located<String>, range: SourceRange, kind: NodeKind, outcomes: [Outcome], missing: [String] = [],
             external: Located<String>? = nil, platformType: String, description: String? = nil) {
        if index[id.value] != nil {
            diagnostics.append(Diagnostic(.duplicateKey, "a second step is named '\(id.value)'; the platform refuses "
                                          + "duplicate names: rename one", at: id.range))
            return
        }
        index[id.value] = nodes.count
        platformTypes[id.value] = platformType
        nodes.append(FlowNode(id: id, range: range, kind: kind, outcomes: outcomes, missingOutcomes: missing,
                              description: description, ignore: [], external: external))
    }

    /// A synthetic `hangup` where the platform ends the call because `event` of `step` is not
    /// wired; its id is `step#event` and it points at the event.
    func endsCall(step: String, event: String, at range: SourceRange) -> Located<String> {
        let id = Located("\(step)#\(event)", at: range)
        if index[id.value] == nil {
            index[id.value] = nodes.count
            platformTypes[id.value] = "(end of call)"
            nodes.append(FlowNode(id: id, range: range, kind: .hangup(Located(nil, at: range)), outcomes: [],
                                  missingOutcomes: [], description: "the call ends: '\(event)' of '\(step)' goes nowhere",
                                  ignore: []))
        }
        return id
    }

    /// A required outcome the platform leaves unwired: the caller who takes it is dropped.
    func deadEnd(_ message: String, at range: SourceRange) {
        diagnostics.append(Diagnostic(DeadEnd.descriptor, message, at: range))
    }

    /// A step type callflow does not know: kept as an opaque node, reported once per type.
    func unknownType(_ type: String, at range: SourceRange, platform: String) {
        guard unknownTypes.insert(type).inserted else { return }
        diagnostics.append(Diagnostic(UnknownWidget.descriptor,
                                      "\(platform) type '\(type)' is not known to callflow: it is kept as an opaque step "
                                        + "that may take any of its branches; checks past it are less sure",
                                      at: range))
    }

    /// An opaque step: a `set` when it only goes on (`next`), else an opaque `switch` whose cases
    /// are its other branches (the condition is the branch's platform name) and whose `else` is
    /// `next` (or the last branch).
    static func opaqueKind(_ outcomes: inout [Outcome]) -> NodeKind {
        if outcomes.count <= 1 {
            // One way on, whatever the platform calls it: the step only goes on.
            outcomes = outcomes.map { Outcome(label: "next", target: $0.target, source: $0.source) }
            return .set([])
        }
        var elseIndex = outcomes.firstIndex { $0.label == "next" } ?? (outcomes.count - 1)
        if outcomes.isEmpty { elseIndex = -1 }
        var cases: [SwitchCase] = []
        var relabelled: [Outcome] = []
        for (position, outcome) in outcomes.enumerated() where position != elseIndex {
            cases.append(SwitchCase(condition: ExpressionSource(text: outcome.label, range: outcome.source, style: .doubleQuoted),
                                    target: outcome.target))
            relabelled.append(Outcome(label: "case \(cases.count)", target: outcome.target, source: outcome.source))
        }
        if elseIndex >= 0 {
            let last = outcomes[elseIndex]
            relabelled.append(Outcome(label: "else", target: last.target, source: last.source))
        }
        outcomes = relabelled
        return .switch(cases)
    }

    func finish(name: Located<String>, start: Located<String>) -> Flow {
        if index[start.value] == nil {
            diagnostics.append(Diagnostic(.undefinedReference, "the flow starts at '\(start.value)', which is no step of this "
                                          + "flow; correct the start", at: start.range))
        }
        // Resolved as the `resolve` stage resolves a YAML flow (its findings are the importer's own).
        return Flow(file: file, name: name, description: nil, timezone: nil, start: start, includes: [], context: [],
                    skills: [], schedules: [], queues: [], escalations: [], humanKey: nil, humanPhrases: [],
                    ignore: [], nodes: nodes, nodeTable: NodeIndex.table(of: nodes)).resolved()
    }

    /// Outcomes that name no step: the platform refuses them at publish time.
    func reportUndefinedTargets(what: String) {
        for node in nodes {
            for outcome in node.outcomes where index[outcome.target.value] == nil {
                diagnostics.append(Diagnostic(.undefinedReference,
                                              "'\(node.id.value)' goes to '\(outcome.target.value)', which is no \(what) "
                                                + "of this flow; correct the name", at: outcome.target.range))
            }
        }
    }
}
