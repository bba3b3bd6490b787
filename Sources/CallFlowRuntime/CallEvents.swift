import Foundation

/// What the telephony platform reports to a session (spec section 9).
public enum CallEvent: Equatable, Sendable {
    /// Keys pressed: one key at a menu, the digits (optionally ended by `#`) at a collect.
    case digits(String)
    case speech(String)
    case noInput
    case lookup(LookupResult)
    /// The wait of a queued call (seconds) and the queue's depth.
    case queueStatus(wait: Int, depth: Int)
    case overflow
    /// The caller accepted the queue's callback offer.
    case callback
    case transfer(TransferResult)
}

public enum LookupResult: Int32, Sendable, CaseIterable {
    case found = 0, notFound, error

    /// The lookup outcome it takes (`NodeKindDescription`).
    public var outcome: String {
        switch self {
        case .found: return "next"
        case .notFound: return "not_found"
        case .error: return "error"
        }
    }
}

public enum TransferResult: Int32, Sendable, CaseIterable {
    case noAnswer = 0, busy, failed

    /// The transfer outcome it takes (`NodeKindDescription`).
    public var outcome: String {
        switch self {
        case .noAnswer: return "no_answer"
        case .busy: return "busy"
        case .failed: return "failed"
        }
    }
}

public enum InstructionKind: UInt8, Sendable, Codable {
    /// Play `text`, then call `resume()`.
    case say
    /// Play the menu prompt `text` and wait `timeout` seconds for one key or a phrase.
    case gather
    /// Play `text` and gather `minDigits`...`maxDigits` digits (ended by `#` or the timeout).
    case collect
    /// Ask integration `text`, waiting at most `timeout` seconds.
    case lookup
    /// Put the call in queue `queue` with `priority`, the queue's skills and the node's extra ones.
    case enqueue
    /// The call stays in its queue: play the announcement `prompt` when it is not -1 (its
    /// `every` has come), and the hold music `text` (a string, -1: the platform's).
    case hold
    /// Alert a supervisor of queue `queue` (a threshold was reached); the call stays queued.
    case alert
    /// Transfer to `text` (E.164 or SIP URI).
    case transfer
    /// Play the greeting `prompt` (-1: none), then record a message of at most `timeout` seconds
    /// in mailbox `text`, transcribed when `transcribe`; the call is over.
    case voicemail
    /// Book a callback from queue `queue` to the number in slot `slot` (-1: the caller id); the
    /// call is over.
    case callback
    /// Hang up, after the goodbye prompt `text` when it is not -1; the call is over.
    case hangup
    /// The event does not apply here; nothing changed.
    case ignored
    /// The session stopped: a step bound was exceeded or a value did not fit (see `fault`).
    case fault
    /// Issue 14: post the variables `inputStart`/`inputCount` (slots, a range of
    /// `table.slotLists`) to integration `text`, then answer `.lookup(.found)` (posted or queued
    /// for delivery: `next`) or `.lookup(.error)` (`error`).
    case send
}

/// The next instruction for the platform. Text fields are indices into the table's strings
/// (`TableProgram.table.strings`), so making one allocates nothing.
public struct Instruction: Equatable, Sendable {
    public var kind: InstructionKind
    public var node: Int32
    public var text: Int32 = -1
    /// The prompt to play (say, gather, collect, a hangup's goodbye): an index of
    /// `table.prompts.prompts`, rendered by `CallSession.render(_:)`; -1 when none. `text` is
    /// the default language's text, as before prompts had languages.
    public var prompt: Int32 = -1
    public var queue: Int32 = -1
    public var timeout: Int32 = 0
    public var minDigits: Int32 = 0
    public var maxDigits: Int32 = 0
    public var priority: Int32 = 0
    /// Extra skills of a queue node (a range of `table.skills`); the queue's own are in its record.
    public var skillStart: Int32 = 0
    public var skillCount: Int32 = 0
    public var wait: Int32 = 0
    public var depth: Int32 = 0
    /// A lookup's `with` variables (issue 14): slots, a range of `table.slotLists`.
    public var inputStart: Int32 = 0
    public var inputCount: Int32 = 0
    /// A voicemail's `transcribe` (issue 14 item 7).
    public var transcribe: Bool = false
    /// A callback's number: a string slot, or -1 for the caller id (issue 14 item 7).
    public var slot: Int32 = -1

    public init(kind: InstructionKind, node: Int32) {
        self.kind = kind
        self.node = node
    }

    /// False only for `say`: the platform plays it and calls `resume()`.
    public var awaitsEvent: Bool { kind != .say }

    /// The call is over (voicemail, callback, hangup, fault).
    public var endsCall: Bool { kind == .voicemail || kind == .callback || kind == .hangup || kind == .fault }
}

/// Why the session went where it went.
public struct StepReason: Equatable, Sendable {
    public enum Kind: UInt8, Sendable {
        /// The call arrived and no `start` rule fired: the start node.
        case arrival
        /// Rule `index` fired.
        case rule
        /// Outcome edge `index` of the node left.
        case outcome
        /// Menu option `index` (a key index) by key.
        case key
        /// Menu option `index` by a phrase.
        case phrase
        /// Switch case `index` held.
        case switchCase
        /// The wait reached the queue's `max_wait`: its overflow outcome.
        case maxWait
        /// A failure the node replays its prompt after (`index`: the attempt).
        case replay
    }

    public var kind: Kind
    public var index: Int32

    public init(_ kind: Kind, _ index: Int32 = 0) {
        self.kind = kind
        self.index = index
    }
}

/// Receives every node a session enters and every replay. `NoTrace` costs nothing.
public protocol SessionTracer {
    mutating func entered(node: Int32, reason: StepReason)
}

public struct NoTrace: SessionTracer {
    public init() {}
    @inline(__always) public mutating func entered(node: Int32, reason: StepReason) {}
}
