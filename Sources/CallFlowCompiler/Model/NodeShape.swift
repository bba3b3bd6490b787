/// What each node kind may hold (docs/language.md): its other keys, the outcomes it must wire,
/// the optional ones, and which outcomes `fallback` stands for.
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

    init(kind: String, otherKeys: [String], requiredOutcomes: [String], optionalOutcomes: [String],
         fallbackCovers: [String]) {
        self.kind = kind
        self.otherKeys = otherKeys
        self.requiredOutcomes = requiredOutcomes
        self.optionalOutcomes = optionalOutcomes
        self.fallbackCovers = fallbackCovers
        self.outcomeKeys = requiredOutcomes + optionalOutcomes + (fallbackCovers.isEmpty ? [] : ["fallback"])
        self.allowedKeys = [kind] + otherKeys + outcomeKeys + NodeShape.commonKeys
        self.allowedKeySet = KeySet(allowedKeys)
        self.outcomeLabels = requiredOutcomes + optionalOutcomes
        self.outcomeLabelKeys = outcomeLabels.map(KeySignature.init)
        self.defaultedOutcomes = [("holiday", "closed"), ("not_found", "next")].filter { optionalOutcomes.contains($0.0) }
    }

    /// `external` marks a step read from a platform flow that callflow cannot see into (see
    /// `FlowNode.external`), and `branches` gives such a step the platform's extra outcomes (a
    /// Connect block's `NoMatchingError`); `callflow import` writes both.
    public static let commonKeys = ["description", "ignore", "external", "branches"]

    public static let all: [NodeShape] = [
        NodeShape(kind: "say", otherKeys: [], requiredOutcomes: ["next"], optionalOutcomes: [], fallbackCovers: []),
        NodeShape(kind: "menu", otherKeys: ["options", "timeout", "retries"],
                  requiredOutcomes: ["no_input", "no_match"], optionalOutcomes: [], fallbackCovers: ["no_input", "no_match"]),
        NodeShape(kind: "collect", otherKeys: ["digits", "into", "timeout", "retries"],
                  requiredOutcomes: ["next", "no_input", "no_match"], optionalOutcomes: [], fallbackCovers: ["no_input", "no_match"]),
        NodeShape(kind: "switch", otherKeys: [], requiredOutcomes: ["else"], optionalOutcomes: [], fallbackCovers: []),
        NodeShape(kind: "hours", otherKeys: [], requiredOutcomes: ["open", "closed"], optionalOutcomes: ["holiday"], fallbackCovers: []),
        NodeShape(kind: "lookup", otherKeys: ["timeout", "sets", "with"], requiredOutcomes: ["next", "error"],
                  optionalOutcomes: ["not_found"], fallbackCovers: []),
        // Issue 14: posts `with` variables to an integration; `error` when the platform cannot.
        NodeShape(kind: "send", otherKeys: ["with"], requiredOutcomes: ["next", "error"], optionalOutcomes: [], fallbackCovers: []),
        NodeShape(kind: "set", otherKeys: [], requiredOutcomes: ["next"], optionalOutcomes: [], fallbackCovers: []),
        // `callback` is required when the queue offers callbacks; the reference pass decides that.
        NodeShape(kind: "queue", otherKeys: ["priority", "skills", "max_wait", "announce"], requiredOutcomes: ["overflow"],
                  optionalOutcomes: ["callback"], fallbackCovers: []),
        NodeShape(kind: "transfer", otherKeys: [], requiredOutcomes: ["no_answer", "busy", "failed"],
                  optionalOutcomes: [], fallbackCovers: ["no_answer", "busy", "failed"]),
        NodeShape(kind: "voicemail", otherKeys: [], requiredOutcomes: [], optionalOutcomes: [], fallbackCovers: []),
        NodeShape(kind: "callback", otherKeys: [], requiredOutcomes: [], optionalOutcomes: [], fallbackCovers: []),
        NodeShape(kind: "hangup", otherKeys: [], requiredOutcomes: [], optionalOutcomes: [], fallbackCovers: []),
    ]

    public static let kindNames = all.map(\.kind)

    static let kindSet = KeySet(kindNames)

    public static func named(_ kind: String) -> NodeShape? {
        kindSet.index(of: KeySignature(kind), text: { kind }).map { all[$0] }
    }

    /// The shape whose kind key is `key`, if any, compared by signature.
    static func named(key: YAMLNode) -> NodeShape? {
        guard let signature = key.keySignature else { return nil }
        return kindSet.index(of: signature, text: { key.scalarText ?? "" }).map { all[$0] }
    }
}
