import Foundation

/// Where a session is.
public enum SessionPhase: UInt8, Codable, Sendable {
    /// Created; `start()` not called yet.
    case new
    /// A `say` was returned; `resume()` goes on.
    case playing
    /// Waiting at a node for an event.
    case waiting
    case ended
    case faulted
}

/// Everything a replica needs to carry a call on: small, `Codable`.
public struct SessionState: Codable, Equatable, Sendable {
    /// The table the state belongs to (its source hash).
    public var table: UInt64
    public var phase: SessionPhase
    public var node: Int32
    /// Failures at the current visit of a menu or collect.
    public var attempts: Int32
    public var failures: Int32
    public var priority: Int32
    /// A supervisor was alerted during the current queue visit.
    public var alerted: Bool
    /// The call's clock: seconds since 1970 (schedules are evaluated at this instant).
    public var time: Double
    public var slots: SlotValues
    /// Nodes entered since the last event from the caller or the platform (`start()` and
    /// `handle(_:)` begin a new count, `resume()` goes on with it); absent in a state saved before
    /// it was kept, which counts as 0.
    public var entered: Int32?
    /// The queue wait (seconds) at the last announcement of the current queue visit (issue 14
    /// item 7); absent before the first, and in a state saved before it was kept.
    public var announced: Int32?
}

public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownVariable(String)
    case badValue(slot: Int)
    case notAtLookup
    case notSetByLookup(slot: Int)
    /// A saved state that cannot be resumed, and why.
    case badState(StateProblem)

    /// Why a saved state cannot be resumed (`CallSession.validate`).
    public enum StateProblem: Equatable, Sendable {
        case otherTable
        case slotCount(Int)
        case slotType(Int)
        case time(Double)
        case negativeCounters
        case priority(Int32)
        case announced(Int32)
        case entered(Int32, bound: Int)
        case newCallAtNode(Int32)
        case node(Int32)
        case phase(SessionPhase, at: TableNodeKind)
        case attempts(Int32, allowed: Int32)

        var message: String {
            switch self {
            case .otherTable: return "it belongs to another table"
            case .slotCount(let count): return "it has \(count) slots"
            case .slotType(let slot): return "slot \(slot) holds a value of the wrong type"
            case .time(let time): return "its time \(time) is not within years 1-9999"
            case .negativeCounters: return "counters out of range"
            case .priority(let priority): return "priority \(priority) is not 0-100"
            case .announced(let wait): return "announced at a wait of \(wait) s"
            case .entered(let entered, let bound): return "\(entered) nodes entered since the last event (at most \(bound))"
            case .newCallAtNode(let node): return "a new call at node \(node)"
            case .node(let node): return "node \(node)"
            case .phase(let phase, let kind): return "phase \(phase) at a \(kind) node"
            case .attempts(let attempts, let most): return "\(attempts) attempts at a node that allows \(most)"
            }
        }
    }

    public var description: String {
        switch self {
        case .unknownVariable(let name): return "the flow has no variable '\(name)'"
        case .badValue(let slot): return "the value does not fit the type of slot \(slot)"
        case .notAtLookup: return "lookup values can only be given at a lookup"
        case .notSetByLookup(let slot): return "this lookup may not set slot \(slot)"
        case .badState(let why): return "cannot resume the session: \(why.message)"
        }
    }
}
