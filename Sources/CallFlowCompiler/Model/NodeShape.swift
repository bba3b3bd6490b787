import CallFlowRuntime

/// What each node kind may hold (docs/language.md): its other keys, the outcomes it must wire,
/// the optional ones, and which outcomes `fallback` stands for. The outcomes come from the
/// kind's one description, `NodeKindDescription` (docs/node-kinds.md); only the keys that are
/// not outcomes are the decoder's own.
public final class NodeShape: Sendable {
    public let kind: String
    public let otherKeys: [String]
    public let requiredOutcomes: [String]
    public let optionalOutcomes: [String]
    /// The outcomes a `fallback:` key fills when the node does not wire them itself.
    public let fallbackCovers: [String]
    /// The outcome keys a node of this kind may write (`fallback` included where it applies).
    public let outcomeKeys: [String]
    /// Every key a node of this kind may have.
    public let allowedKeys: [String]
    /// The same, with signatures for fast checking.
    let allowedKeySet: KeySet
    /// Required then optional outcomes, in the order outcomes are resolved.
    public let outcomeLabels: [String]
    /// Their signatures, for looking them up in a node's mapping.
    let outcomeLabelKeys: [KeySignature]
    /// Optional outcomes that go where another outcome goes unless wired (docs/language.md):
    /// `holiday` where `closed` goes, `not_found` where `next` goes.
    public let defaultedOutcomes: [(label: String, from: String)]

    /// The shape of `description`'s kind, whose keys besides the kind key, the outcomes and the
    /// common keys are `otherKeys`.
    init(_ description: NodeKindDescription, otherKeys: [String]) {
        let outcomes = description.outcomes
        self.kind = description.name
        self.otherKeys = otherKeys
        self.requiredOutcomes = outcomes.filter { !$0.isOptional }.map(\.label)
        self.optionalOutcomes = outcomes.filter(\.isOptional).map(\.label)
        self.fallbackCovers = outcomes.filter(\.isCoveredByFallback).map(\.label)
        self.outcomeKeys = requiredOutcomes + optionalOutcomes + (fallbackCovers.isEmpty ? [] : ["fallback"])
        self.allowedKeys = [kind] + otherKeys + outcomeKeys + NodeShape.commonKeys
        self.allowedKeySet = KeySet(allowedKeys)
        self.outcomeLabels = requiredOutcomes + optionalOutcomes
        self.outcomeLabelKeys = outcomeLabels.map(KeySignature.init)
        self.defaultedOutcomes = outcomes.compactMap { outcome in outcome.defaultsTo.map { (label: outcome.label, from: $0) } }
    }

    /// `external` marks a step read from a platform flow that callflow cannot see into (see
    /// `FlowNode.external`), and `branches` gives such a step the platform's extra outcomes (a
    /// Connect block's `NoMatchingError`); `callflow import` writes both.
    public static let commonKeys = ["description", "ignore", "external", "branches"]

    /// The keys of each kind that are neither its kind key nor an outcome (docs/language.md).
    /// `callback` is required of a queue node when its queue offers callbacks; the reference
    /// pass decides that.
    static let keysBesidesOutcomes: [TableNodeKind: [String]] = [
        .menu: ["options", "timeout", "retries"],
        .collect: ["digits", "into", "timeout", "retries"],
        .lookup: ["timeout", "sets", "with"],
        .send: ["with"],
        .queue: ["priority", "skills", "max_wait", "announce"],
        .voicemail: ["greeting", "max_length", "transcribe"],
        .callback: ["number"],
    ]

    /// One shape per kind, in `TableNodeKind` order.
    public static let all: [NodeShape] = NodeKindDescription.all.map { NodeShape($0, otherKeys: keysBesidesOutcomes[$0.kind] ?? []) }

    public static let kindNames = all.map(\.kind)

    static let kindSet = KeySet(kindNames)

    public static func named(_ kind: String) -> NodeShape? {
        kindSet.index(of: KeySignature(kind), text: { kind }).map { all[$0] }
    }

    /// The shape whose kind key has `signature` and, when it is longer than eight bytes, `text`.
    static func named(signature: KeySignature, text: () -> String) -> NodeShape? {
        kindSet.index(of: signature, text: text).map { all[$0] }
    }
}
