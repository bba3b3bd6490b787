import Foundation
import Logging
import PostgresNIO

/// Sessions and the outbox in PostgreSQL (`--store postgres://USER@HOST:PORT/DB`, password from
/// `PGPASSWORD`): what replicas behind a load balancer share. Tables are created on start.
///
/// ```sql
/// CREATE TABLE IF NOT EXISTS callflow_sessions (call_sid text PRIMARY KEY, token text NOT NULL,
///     sequence bigint NOT NULL, pending text, expires double precision NOT NULL);
/// CREATE TABLE IF NOT EXISTS callflow_outbox (id text PRIMARY KEY, kind text NOT NULL, body text NOT NULL,
///     created double precision NOT NULL, lease double precision NOT NULL DEFAULT 0);
/// ```
/// An outbox item is leased for 30 s by the replica delivering it, so two replicas do not post it
/// at once; a replica that dies leaves the lease to run out and another delivers it.
public final class PostgresStore: SessionStore, OutboxStore {
    public let client: PostgresClient
    let logger: Logger

    /// Why `--store` was refused.
    public enum URLError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Not `postgres://USER@HOST:PORT/DB`.
        case notAPostgresURL(String)

        public var description: String {
            switch self {
            case .notAPostgresURL(let url): return "--store \(url): expected postgres://USER@HOST:PORT/DB"
            }
        }
    }

    /// `url`: `postgres://USER@HOST:PORT/DB` (a password in the URL is used too, but belongs in PGPASSWORD).
    public init(url: String, password: String?, logger: Logger) throws {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, let user = components.user else {
            throw URLError.notAPostgresURL(url)
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: user,
                                                         password: components.password ?? password,
                                                         database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.maximumConnections = 16
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    /// Creates the tables (the client must be running).
    public func prepare() async throws {
        try await client.query("""
            CREATE TABLE IF NOT EXISTS callflow_sessions (call_sid text PRIMARY KEY, token text NOT NULL,
                sequence bigint NOT NULL, pending text, expires double precision NOT NULL)
            """)
        try await client.query("""
            CREATE TABLE IF NOT EXISTS callflow_outbox (id text PRIMARY KEY, kind text NOT NULL, body text NOT NULL,
                created double precision NOT NULL, lease double precision NOT NULL DEFAULT 0)
            """)
    }

    // MARK: Sessions

    public func get(_ callSid: String) async throws -> StoredSession? {
        let now = Date().timeIntervalSince1970
        let rows = try await client.query("SELECT token, sequence, pending FROM callflow_sessions WHERE call_sid = \(callSid) AND expires > \(now)")
        for try await (token, sequence, pending) in rows.decode((String, Int64, String?).self) {
            return StoredSession(token: token, sequence: UInt32(clamping: sequence), pending: pending)
        }
        return nil
    }

    public func put(_ callSid: String, _ session: StoredSession, ttl: TimeInterval) async throws {
        let now = Date().timeIntervalSince1970
        let expires = now + ttl
        let sequence = Int64(session.sequence)
        try await client.query("""
            INSERT INTO callflow_sessions (call_sid, token, sequence, pending, expires)
            VALUES (\(callSid), \(session.token), \(sequence), \(session.pending), \(expires))
            ON CONFLICT (call_sid) DO UPDATE SET token = EXCLUDED.token, sequence = EXCLUDED.sequence,
                pending = EXCLUDED.pending, expires = EXCLUDED.expires
            WHERE callflow_sessions.sequence <= EXCLUDED.sequence OR callflow_sessions.expires < \(now)
            """)
        if Int.random(in: 0..<256) == 0 { _ = try? await client.query("DELETE FROM callflow_sessions WHERE expires < \(now)") }
    }

    public func remove(_ callSid: String) async throws {
        try await client.query("DELETE FROM callflow_sessions WHERE call_sid = \(callSid)")
    }

    // MARK: Outbox

    public func add(_ item: OutboxItem) async throws {
        let body = String(decoding: item.body, as: UTF8.self)
        let now = Date().timeIntervalSince1970
        try await client.query("""
            INSERT INTO callflow_outbox (id, kind, body, created) VALUES (\(item.id), \(item.kind.rawValue), \(body), \(now))
            ON CONFLICT (id) DO NOTHING
            """)
    }

    public func pending() async throws -> [OutboxItem] {
        let now = Date().timeIntervalSince1970
        let until = now + 30
        let rows = try await client.query("""
            UPDATE callflow_outbox SET lease = \(until) WHERE id IN (
                SELECT id FROM callflow_outbox WHERE lease < \(now) ORDER BY created LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, body, created
            """)
        var items: [(Double, OutboxItem)] = []
        for try await (id, kind, body, created) in rows.decode((String, String, String, Double).self) {
            guard let kind = OutboxItem.Kind(rawValue: kind) else { continue }
            items.append((created, OutboxItem(id: id, kind: kind, body: Array(body.utf8))))
        }
        return items.sorted { $0.0 < $1.0 }.map(\.1)
    }

    public func count() async throws -> Int {
        let rows = try await client.query("SELECT count(*) FROM callflow_outbox")
        for try await n in rows.decode(Int64.self) { return Int(n) }
        return 0
    }

    public func release(id: String) async throws {
        try await client.query("UPDATE callflow_outbox SET lease = 0 WHERE id = \(id)")
    }

    public func remove(id: String) async throws {
        try await client.query("DELETE FROM callflow_outbox WHERE id = \(id)")
    }
}
