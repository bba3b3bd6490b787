import Foundation
import Synchronization

/// What the server keeps per call beyond the URL: the newest token (an `<Enqueue>`'s action URL
/// is fixed when the call is queued, the decision to leave comes later) and the TwiML a queued
/// call plays when it leaves.
public struct StoredSession: Sendable, Equatable {
    public var token: String
    public var sequence: UInt32
    /// The TwiML the `<Enqueue>` action answers after a `<Leave/>`.
    public var pending: String?

    public init(token: String, sequence: UInt32, pending: String? = nil) {
        self.token = token
        self.sequence = sequence
        self.pending = pending
    }
}

/// Calls' latest sessions by `CallSid`, with a time to live.
public protocol SessionStore: Sendable {
    func get(_ callSid: String) async throws -> StoredSession?
    /// Stores `session` unless a newer one (a higher sequence) is there.
    func put(_ callSid: String, _ session: StoredSession, ttl: TimeInterval) async throws
    func remove(_ callSid: String) async throws
}

/// One instance's store: a dictionary under a mutex, expired entries swept as it grows.
public final class MemorySessionStore: SessionStore {
    private struct Entry {
        var session: StoredSession
        var expires: Date
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    public func get(_ callSid: String) async throws -> StoredSession? {
        let now = Date()
        return entries.withLock { map in
            guard let entry = map[callSid] else { return nil }
            if entry.expires < now {
                map[callSid] = nil
                return nil
            }
            return entry.session
        }
    }

    public func put(_ callSid: String, _ session: StoredSession, ttl: TimeInterval) async throws {
        let now = Date()
        entries.withLock { map in
            if let old = map[callSid], old.expires >= now, old.session.sequence > session.sequence { return }
            map[callSid] = Entry(session: session, expires: now.addingTimeInterval(ttl))
            if map.count > 1024, map.count.isMultiple(of: 1024) { map = map.filter { $0.value.expires >= now } }
        }
    }

    public func remove(_ callSid: String) async throws {
        _ = entries.withLock { $0.removeValue(forKey: callSid) }
    }
}
