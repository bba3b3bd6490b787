import CallFlowRuntime

/// Where a node sends the call for one outcome.
public struct Outcome: Sendable {
    /// `next`, `no_input`, `open`, `overflow`, a DTMF key for menu options, `case N` for switch cases.
    public var label: String
    /// The node named, and where the name is written.
    public var target: Located<String>
    /// The key that wires this outcome: the outcome key itself, or `fallback:` or `closed:` when
    /// the outcome comes from there.
    public var source: SourceRange
}

/// A menu option: a key and where it goes, with an optional label and spoken phrases.
public struct MenuOption: Sendable {
    public var key: Located<String>
    public var target: Located<String>
    public var label: String?
    public var speech: [Located<String>]
    /// The `say` label as a prompt (languages, placeholders); `label` is its default text.
    public var labelPrompt: Prompt? {
        get { extras?.labelPrompt }
        set { extras = OptionExtras.make(newValue, localizedSpeech) }
    }
    /// `speech` given by language; `speech` then holds every language's phrases.
    public var localizedSpeech: LocalizedPhrases? {
        get { extras?.localizedSpeech }
        set { extras = OptionExtras.make(labelPrompt, newValue) }
    }
    /// `critical: true` (issue 14): the option's route must reach a live person at any hour
    /// (`critical-route-gated`).
    public var critical: Bool = false
    /// `labelPrompt` and `localizedSpeech`, out of line: nil for an option with neither (most
    /// options are a key and a target; the two inline were 80 bytes of every option, issue 17).
    private var extras: OptionExtras?

    init(key: Located<String>, target: Located<String>, label: String?, speech: [Located<String>],
         labelPrompt: Prompt? = nil, localizedSpeech: LocalizedPhrases? = nil, critical: Bool = false) {
        self.key = key
        self.target = target
        self.label = label
        self.speech = speech
        self.critical = critical
        self.extras = OptionExtras.make(labelPrompt, localizedSpeech)
    }
}

/// A menu option's rarer values (see `MenuOption.extras`); never changed once made.
private final class OptionExtras: Sendable {
    let labelPrompt: Prompt?
    let localizedSpeech: LocalizedPhrases?

    private init(_ labelPrompt: Prompt?, _ localizedSpeech: LocalizedPhrases?) {
        self.labelPrompt = labelPrompt
        self.localizedSpeech = localizedSpeech
    }

    static func make(_ labelPrompt: Prompt?, _ localizedSpeech: LocalizedPhrases?) -> OptionExtras? {
        labelPrompt == nil && localizedSpeech == nil ? nil : OptionExtras(labelPrompt, localizedSpeech)
    }
}

public struct Menu: Sendable {
    public var prompt: Prompt
    public var options: [MenuOption]
    public var timeout: Located<Duration>?
    public var retries: Located<Int>?

    public var effectiveTimeout: Duration { timeout?.value ?? Duration(seconds: 5) }
    public var effectiveRetries: Int { retries?.value ?? 2 }
}

/// How many digits a `collect` node accepts.
public struct DigitCount: Sendable, Hashable {
    public var min: Int
    public var max: Int
}

public struct Collect: Sendable {
    public var prompt: Prompt
    public var digits: DigitCount?
    public var into: Located<String>?
    public var timeout: Located<Duration>?
    public var retries: Located<Int>?

    public var effectiveTimeout: Duration { timeout?.value ?? Duration(seconds: 5) }
    public var effectiveRetries: Int { retries?.value ?? 2 }
}

public struct SwitchCase: Sendable {
    public var condition: ExpressionSource
    public var target: Located<String>
}

public struct Lookup: Sendable {
    public var integration: Located<String>
    public var timeout: Located<Duration>?
    public var sets: [Located<String>]
    /// The variables sent to the integration with the request (issue 14).
    public var with: [Located<String>] = []

    public var effectiveTimeout: Duration { timeout?.value ?? Duration(seconds: 3) }
}

/// `send: integration` (issue 14): posts variables to an integration without waiting for values.
public struct Send: Sendable {
    public var integration: Located<String>
    /// The variables posted.
    public var with: [Located<String>]
}

public struct Assignment: Sendable {
    public var variable: Located<String>
    /// The literal set; when `source` is given, unused (the `{from: ...}` mapping's position).
    public var value: Located<LiteralValue>
    /// `{from: other.variable}` (issue 14): the value of another variable instead of a literal.
    public var source: Located<String>? = nil
}

public struct QueueStep: Sendable {
    public var queue: Located<String>
    public var priority: Located<Int>?
    public var skills: [Located<String>]
    /// The node's own `max_wait`, `announce` and `callback` for this visit (issue 14); nil: the queue's.
    public var maxWait: Located<Duration>? = nil
    public var announce: Located<Duration>? = nil
    public var offersCallback: Located<Bool>? = nil
    /// The words of the node's `announce: {every: ..., say: ...}` (issue 14 item 7); nil: the queue's.
    public var announcement: Prompt? = nil

    /// The queue's values with this node's overrides applied: what the checks judge.
    public func effective(_ queue: QueueDefinition) -> QueueDefinition {
        var queue = queue
        if let maxWait { queue.maxWait = maxWait.value }
        if let announce { queue.announce = announce.value }
        if let offersCallback { queue.offersCallback = offersCallback.value }
        if let announcement { queue.announcement = announcement }
        return queue
    }
}

/// `voicemail: box` with its greeting, longest message and transcription (issue 14 item 7).
public struct Voicemail: Sendable {
    public var box: Located<String>
    /// Played before the beep; nil: the platform's own words.
    public var greeting: Prompt? = nil
    public var maxLength: Located<Duration>? = nil
    public var transcribe: Located<Bool>? = nil

    public init(box: Located<String>) {
        self.box = box
    }

    /// Two minutes unless written.
    public var effectiveMaxLength: Duration { maxLength?.value ?? Duration(seconds: 120) }
    /// The longest message a platform records (Twilio's `<Record maxLength>` is at most 14,400 s).
    public static let maxLengthSeconds = 1...14_400
}

/// `callback: queue` with the number to call (issue 14 item 7).
public struct CallbackStep: Sendable {
    public var queue: Located<String>
    /// A string variable holding the number to call; nil: the caller id.
    public var number: Located<String>? = nil

    public init(queue: Located<String>) {
        self.queue = queue
    }
}

/// What a node does: exactly one kind key (docs/language.md).
///
/// The kinds whose values are larger than a prompt (48 bytes) are `indirect`, held in a box of
/// their own size: inline, every node was as large as the largest kind (a queue step, 224
/// bytes), a `FlowNode` 392 bytes, 23.5 MiB of a 60,000-node flow's model (issue 17).
public enum NodeKind: Sendable {
    case say(Prompt)
    indirect case menu(Menu)
    indirect case collect(Collect)
    case `switch`([SwitchCase])
    case hours(Located<String>)
    indirect case lookup(Lookup)
    /// Issue 14: posts variables to an integration (`next`, `error`).
    case send(Send)
    case set([Assignment])
    indirect case queue(QueueStep)
    case transfer(Located<String>)
    indirect case voicemail(Voicemail)
    indirect case callback(CallbackStep)
    /// `hangup: true` (no farewell) or a goodbye prompt.
    indirect case hangup(Located<Prompt?>)

    /// The kind as the table numbers it; its description (`NodeKindDescription`) says what it is.
    public var tableKind: TableNodeKind {
        switch self {
        case .say: return .say
        case .menu: return .menu
        case .collect: return .collect
        case .switch: return .switch
        case .hours: return .hours
        case .lookup: return .lookup
        case .send: return .send
        case .set: return .set
        case .queue: return .queue
        case .transfer: return .transfer
        case .voicemail: return .voicemail
        case .callback: return .callback
        case .hangup: return .hangup
        }
    }

    /// The kind key as written in the flow.
    public var name: String { tableKind.name }
}

/// One node of a flow, with its outcomes resolved: `fallback` spread over the outcomes it stands
/// for, defaults applied (`holiday` goes where `closed` goes unless wired), and the required
/// outcomes that nothing wires listed in `missingOutcomes`.
///
/// A class with constant properties: nodes are built once by the decoder and then read by every
/// check many times over; a reference copies as one retain, a struct this size as a memmove and
/// a dozen retains.
public final class FlowNode: Sendable {
    /// The node's id and where it is written, made when read from `idText`, its positions and
    /// the node's file (issue 17: a file reference less in every node).
    public var id: Located<String> {
        rare?.id ?? Located(idText, at: SourceRange(fileName: range.fileName, start: idStart, end: idEnd))
    }
    private let idText: String
    /// The id's text without its range (the node index compares it).
    var idName: String { rare?.id?.value ?? idText }
    private let idStart: SourcePosition
    private let idEnd: SourcePosition
    /// The node's whole value (its mapping).
    public let range: SourceRange
    public let kind: NodeKind
    /// The node's outcomes, each made when read from `storedOutcomes` and the node's file.
    public var outcomes: OutcomeList {
        OutcomeList(file: range.fileName, stored: storedOutcomes, general: rare?.outcomes)
    }
    /// The outcomes without their file (`OutcomeList`); empty when `rare` keeps them whole.
    private let storedOutcomes: [StoredOutcome]
    /// The required outcomes nothing wires (an error: few nodes have any).
    public var missingOutcomes: [String] { rare?.missingOutcomes ?? [] }
    public var description: String? { rare?.description }
    public var ignore: [Located<String>] { rare?.ignore ?? [] }
    /// Set on a node read from a platform flow (Twilio Studio, Amazon Connect) whose meaning
    /// callflow cannot see: the platform step as written. A `switch` so marked is an opaque
    /// decision (its conditions are the platform's text, any branch may be taken); a `hangup` so
    /// marked is an opaque end (the call leaves this flow: another flow, a subflow's end), not a
    /// hang-up; an `hours` so marked names a schedule kept on the platform.
    public var external: Located<String>? { rare?.external }

    /// What few nodes have, kept out of line: nil when the node has none of it (issue 17: the
    /// three inline were 64 bytes of every node, 3.7 MiB of a 60,000-node flow; missing outcomes
    /// were 8 more).
    private let rare: Rare?

    private final class Rare: Sendable {
        let description: String?
        let ignore: [Located<String>]
        let external: Located<String>?
        let missingOutcomes: [String]
        /// The id whole, when it is written in another file than the node (none the decoder
        /// makes); nil when `idText` and its positions hold it.
        let id: Located<String>?
        /// The outcomes whole, when one of their ranges is in another file than the node's (none
        /// the decoder makes); nil when `storedOutcomes` holds them.
        let outcomes: [Outcome]?

        private init(description: String?, ignore: [Located<String>], external: Located<String>?, missingOutcomes: [String],
                     id: Located<String>?, outcomes: [Outcome]?) {
            self.description = description
            self.ignore = ignore
            self.external = external
            self.missingOutcomes = missingOutcomes
            self.id = id
            self.outcomes = outcomes
        }

        static func make(description: String?, ignore: [Located<String>], external: Located<String>?,
                         missingOutcomes: [String], id: Located<String>?, outcomes: [Outcome]?) -> Rare? {
            description == nil && ignore.isEmpty && external == nil && missingOutcomes.isEmpty && id == nil && outcomes == nil
                ? nil : Rare(description: description, ignore: ignore, external: external, missingOutcomes: missingOutcomes,
                             id: id, outcomes: outcomes)
        }
    }

    public convenience init(id: Located<String>, range: SourceRange, kind: NodeKind, outcomes: [Outcome], missingOutcomes: [String],
                            description: String?, ignore: [Located<String>], external: Located<String>? = nil) {
        // Room for exactly these outcomes: the node keeps them as long as the flow lives.
        var stored: [StoredOutcome] = []
        stored.reserveCapacity(outcomes.count)
        var whole: [Outcome]? = nil
        let file = range.fileName
        for outcome in outcomes {
            guard let item = StoredOutcome(outcome, in: file) else {
                stored = []
                whole = outcomes
                break
            }
            stored.append(item)
        }
        self.init(id: id, range: range, kind: kind, storedOutcomes: stored, wholeOutcomes: whole, missingOutcomes: missingOutcomes,
                  description: description, ignore: ignore, external: external)
    }

    /// A node whose outcomes are already in their compact form, in `range`'s file (how the decoder
    /// makes nodes), or kept `wholeOutcomes` when one of their ranges is in another file.
    init(id: Located<String>, range: SourceRange, kind: NodeKind, storedOutcomes: [StoredOutcome], wholeOutcomes: [Outcome]? = nil,
         missingOutcomes: [String], description: String?, ignore: [Located<String>], external: Located<String>?) {
        self.idText = id.value
        self.idStart = id.range.start
        self.idEnd = id.range.end
        self.range = range
        self.kind = kind
        self.storedOutcomes = storedOutcomes
        self.rare = Rare.make(description: description, ignore: ignore, external: external, missingOutcomes: missingOutcomes,
                              id: id.range.isInSameFile(as: range) ? nil : id, outcomes: wholeOutcomes)
    }

    private init(_ node: FlowNode, kind: NodeKind) {
        idText = node.idText
        idStart = node.idStart
        idEnd = node.idEnd
        range = node.range
        self.kind = kind
        storedOutcomes = node.storedOutcomes
        rare = node.rare
    }

    /// Whether the node keeps its id or outcomes whole (one of their ranges in another file than
    /// the node's), not in the compact form every node the decoder makes has.
    var keepsRangesWhole: Bool { rare?.id != nil || rare?.outcomes != nil }

    /// The same node doing `kind` instead (the decoder's last pass stores checked conditions so).
    public func replacing(kind: NodeKind) -> FlowNode {
        FlowNode(self, kind: kind)
    }

    /// An opaque end (see `external`): the call leaves this flow, it is not hung up.
    public var isOpaqueEnd: Bool {
        if case .hangup = kind { return external != nil }
        return false
    }

    public func outcome(_ label: String) -> Outcome? {
        outcomes.first { $0.label == label }
    }
}
