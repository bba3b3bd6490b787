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
    case badState(String)

    public var description: String {
        switch self {
        case .unknownVariable(let name): return "the flow has no variable '\(name)'"
        case .badValue(let slot): return "the value does not fit the type of slot \(slot)"
        case .notAtLookup: return "lookup values can only be given at a lookup"
        case .notSetByLookup(let slot): return "this lookup may not set slot \(slot)"
        case .badState(let why): return "cannot resume the session: \(why)"
        }
    }
}
