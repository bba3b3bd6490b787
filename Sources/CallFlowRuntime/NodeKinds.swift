/// One outcome of a node kind: where a node of that kind can send the call next
/// (docs/node-kinds.md).
public struct NodeOutcomeDescription: Sendable, Equatable {
    /// The outcome's name: the YAML key that wires it, the JSON table's and the pictures' label.
    public let label: String
    /// A flow may leave it unwired (it is then `defaultsTo`'s target, or none).
    public let isOptional: Bool
    /// An optional outcome left unwired goes where this outcome goes (`holiday` where `closed`
    /// goes); nil when it then goes nowhere (the table holds -1).
    public let defaultsTo: String?
    /// Taken when something went wrong: the caller said nothing or what the node does not know,
    /// a lookup failed, a queue overflowed, a person did not answer.
    public let isFailure: Bool
    /// Taken because the caller chose it (entered digits, asked to be called back).
    public let isCallerChoice: Bool
    /// A node's `fallback:` key wires it when the node does not wire it itself.
    public let isCoveredByFallback: Bool

    init(_ label: String, optional: Bool = false, defaultsTo: String? = nil, failure: Bool = false,
         callerChoice: Bool = false, fallback: Bool = false) {
        self.label = label
        self.isOptional = optional
        self.defaultsTo = defaultsTo
        self.isFailure = failure
        self.isCallerChoice = callerChoice
        self.isCoveredByFallback = fallback
    }

    /// The table may hold no target for it (-1): optional with no default.
    public var mayBeUnwiredInTable: Bool { isOptional && defaultsTo == nil }
}

/// The fields of a `TableNode` a kind uses; the others are 0 (`TableNode` lists which kind uses
/// which field for what).
public struct TableNodeFields: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let text = TableNodeFields(rawValue: 1)
    public static let resource = TableNodeFields(rawValue: 2)
    public static let timeout = TableNodeFields(rawValue: 4)
    public static let retries = TableNodeFields(rawValue: 8)
    public static let minDigits = TableNodeFields(rawValue: 16)
    public static let maxDigits = TableNodeFields(rawValue: 32)
    public static let list = TableNodeFields(rawValue: 64)
}

/// Everything the compiler, the table and the runtime know about one node kind, in one place
/// (docs/node-kinds.md): the decoder's shapes, the graph's edges, lowering's edge order, table
/// validation, the executor's edge positions and the JSON and picture labels are derived from it.
public struct NodeKindDescription: Sendable {
    public let kind: TableNodeKind
    /// The kind key as written in a flow (`menu:`), and its name in the JSON table.
    public let name: String
    /// The outcomes in table order: a node's edges are these, then `keyedOutcomes` more.
    public let outcomes: [NodeOutcomeDescription]
    /// Edges after `outcomes`, one per key of `RoutingTable.keys` (a menu's options): caller
    /// choices, each optional (-1 when the key has no option).
    public let keyedOutcomes: Int
    /// The fields of `TableNode` it uses.
    public let fields: TableNodeFields
    /// How long it waits for the caller or the platform when the flow does not say (seconds);
    /// nil for a kind that does not wait with a timeout.
    public let defaultTimeout: Int?
    /// How many times it replays its prompt after a no-input or no-match when the flow does not
    /// say; nil for a kind without retries.
    public let defaultRetries: Int?

    init(_ kind: TableNodeKind, _ name: String, _ outcomes: [NodeOutcomeDescription], keyed: Int = 0,
         fields: TableNodeFields, timeout: Int? = nil, retries: Int? = nil) {
        self.kind = kind
        self.name = name
        self.outcomes = outcomes
        self.keyedOutcomes = keyed
        self.fields = fields
        self.defaultTimeout = timeout
        self.defaultRetries = retries
    }

    /// How many `edges` entries a node of this kind owns.
    public var edgeCount: Int { outcomes.count + keyedOutcomes }

    /// The edge labels in table order (keyed edges are labelled by their key).
    public var edgeLabels: [String] {
        outcomes.map(\.label) + RoutingTable.keys.prefix(keyedOutcomes).map { String(UnicodeScalar($0)) }
    }

    /// The position among the node's edges of the outcome `label`; nil when the kind has none.
    public func position(of label: String) -> Int? {
        outcomes.firstIndex { $0.label == label }
    }

    /// The position of the edge for key `key` (an index into `RoutingTable.keys`).
    @inline(__always)
    public func keyPosition(_ key: Int) -> Int { outcomes.count + key }

    /// Whether the edge at `position` may hold -1 (no target).
    public func edgeMayBeUnwired(_ position: Int) -> Bool {
        position >= outcomes.count || outcomes[position].mayBeUnwiredInTable
    }

    public func outcome(_ label: String) -> NodeOutcomeDescription? {
        outcomes.first { $0.label == label }
    }

    // MARK: The kinds

    private static let noInput = NodeOutcomeDescription("no_input", failure: true, fallback: true)
    private static let noMatch = NodeOutcomeDescription("no_match", failure: true, fallback: true)

    /// Every kind, in `TableNodeKind` order (`all[Int(kind.rawValue)]` is `kind`'s).
    public static let all: [NodeKindDescription] = [
        NodeKindDescription(.say, "say", [.init("next")], fields: [.text]),
        NodeKindDescription(.menu, "menu", [noInput, noMatch], keyed: RoutingTable.keys.count,
                            fields: [.text, .timeout, .retries, .list], timeout: 5, retries: 2),
        NodeKindDescription(.collect, "collect", [.init("next", callerChoice: true), noInput, noMatch],
                            fields: [.text, .resource, .timeout, .retries, .minDigits, .maxDigits], timeout: 5, retries: 2),
        NodeKindDescription(.switch, "switch", [.init("else")], fields: [.list]),
        NodeKindDescription(.hours, "hours", [.init("open"), .init("closed"), .init("holiday", optional: true, defaultsTo: "closed")],
                            fields: [.resource]),
        NodeKindDescription(.lookup, "lookup",
                            [.init("next"), .init("not_found", optional: true, defaultsTo: "next"), .init("error", failure: true)],
                            fields: [.text, .timeout, .list], timeout: 3),
        NodeKindDescription(.set, "set", [.init("next")], fields: [.list]),
        NodeKindDescription(.queue, "queue", [.init("overflow", failure: true), .init("callback", optional: true, callerChoice: true)],
                            fields: [.resource, .timeout, .list]),
        NodeKindDescription(.transfer, "transfer",
                            [.init("no_answer", failure: true, fallback: true), .init("busy", failure: true, fallback: true),
                             .init("failed", failure: true, fallback: true)],
                            fields: [.text]),
        NodeKindDescription(.voicemail, "voicemail", [], fields: [.text]),
        NodeKindDescription(.callback, "callback", [], fields: [.resource]),
        NodeKindDescription(.hangup, "hangup", [], fields: [.text]),
        // Issue 14: posts variables (the list: slots) to integration `text`.
        NodeKindDescription(.send, "send", [.init("next"), .init("error", failure: true)], fields: [.text, .list]),
    ]

    /// The description of the kind named `name` (the YAML kind key).
    public static func named(_ name: String) -> NodeKindDescription? {
        all.first { $0.name == name }
    }
}

extension TableNodeKind {
    /// This kind's description.
    @inline(__always)
    public var descriptor: NodeKindDescription { NodeKindDescription.all[Int(rawValue)] }
}
