import CallFlowRuntime
import Crypto
@testable import CallFlowServer
import Foundation
import Testing

/// A session token is good strictly before its expiry second (docs/server.md, "Session tokens"):
/// at that second it is expired, not forged (issue 19: `>` made `>=` changed no test).
@Suite struct TokenExpiryTests {
    @Test func aTokenExpiresAtItsExpirySecond() throws {
        let key = SymmetricKey(data: RunningServer.key)
        let defaults = SlotValues([.bool(false)])
        let state = SessionState.restored(table: 1, phase: .waiting, node: 0, attempts: 0, failures: 0, priority: 0, alerted: false,
                                          time: 0, slots: SlotValues([.bool(true)]))
        let expiry: UInt32 = 1_795_000_000
        let text = SessionToken(state: state, sequence: 1, expiry: expiry).encoded(key: key, callSid: "CA1", defaults: defaults)
        func decode(at seconds: Double) throws(SessionToken.Failure) -> SessionToken {
            try SessionToken.decode(text, key: key, callSid: "CA1", now: Date(timeIntervalSince1970: seconds)) { _ in defaults }
        }
        #expect(try decode(at: Double(expiry) - 0.5).state == state)
        #expect(throws: SessionToken.Failure.expired) { try decode(at: Double(expiry)) }
        #expect(throws: SessionToken.Failure.expired) { try decode(at: Double(expiry) + 1) }
        // A token of another call is forged, whatever its time.
        #expect(throws: SessionToken.Failure.forged) {
            try SessionToken.decode(text, key: key, callSid: "CA2", now: Date(timeIntervalSince1970: 0)) { _ in defaults }
        }
    }
}
