import CallFlowRuntime
import Crypto
import Foundation

/// A call's `SessionState` as it travels in action URLs (docs/server.md, "Session tokens"):
/// a compact binary body, MAC'd with HMAC-SHA256 under `CALLFLOW_SESSION_KEY` together with the
/// call's `CallSid` (a token of one call does not carry another), base64url without padding.
///
/// Body, version 1: `u8 version=1`, `u32 expiry` (Unix seconds), `u32 sequence` (grows by one per
/// step of the call: the newest of two tokens wins), `u64 table` (the table's source hash), `u8
/// phase`, varints `node+1`, `attempts`, `failures`, `priority`, `u8 alerted`, `f64 time`, varint
/// slot count, then per slot a tag: 0 the table's default, 1 false, 2 true, 3 a whole number
/// (zigzag varint), 4 a number (f64), 5 a string (varint length, UTF-8); then, only when the call
/// announced in its queue visit (issue 14 item 7), varint `announced + 1`. Then 32 bytes of MAC.
/// Integers are little-endian.
public struct SessionToken: Sendable {
    public static let version: UInt8 = 1
    static let macLength = 32

    public var state: SessionState
    public var sequence: UInt32
    public var expiry: UInt32

    public init(state: SessionState, sequence: UInt32, expiry: UInt32) {
        self.state = state
        self.sequence = sequence
        self.expiry = expiry
    }

    public enum Failure: Error, Equatable, Sendable {
        /// Not base64url, truncated, another version, or the MAC does not verify: forged or damaged.
        case forged
        /// It verifies but its time is past.
        case expired
    }

    /// The token's text; `defaults` are the table's default slot values (slots equal to them are
    /// written as one byte).
    public func encoded(key: SymmetricKey, callSid: String, defaults: SlotValues) -> String {
        encoded(mac: HMAC<SHA256>(key: key), callSid: callSid, defaults: defaults)
    }

    /// As `encoded(key:callSid:defaults:)`, with an HMAC already keyed (the server keys it once:
    /// setting up the key was a tenth of a token's cost).
    func encoded(mac prepared: HMAC<SHA256>, callSid: String, defaults: SlotValues) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(96)
        out.append(Self.version)
        Self.put32(&out, expiry)
        Self.put32(&out, sequence)
        Self.put64(&out, state.table)
        out.append(state.phase.rawValue)
        Self.putVarint(&out, UInt64(Int64(state.node) + 1))
        Self.putVarint(&out, UInt64(max(0, state.attempts)))
        Self.putVarint(&out, UInt64(max(0, state.failures)))
        Self.putVarint(&out, UInt64(max(0, state.priority)))
        out.append(state.alerted ? 1 : 0)
        Self.put64(&out, state.time.bitPattern)
        Self.putVarint(&out, UInt64(state.slots.count))
        for slot in 0..<state.slots.count {
            let value = state.slots[slot]
            if slot < defaults.count, defaults[slot] == value {
                out.append(0)
                continue
            }
            switch value {
            case .bool(let b): out.append(b ? 2 : 1)
            case .number(let n):
                if n == n.rounded(), abs(n) < 1e15, !(n == 0 && n.sign == .minus) {
                    out.append(3)
                    let i = Int64(n)
                    Self.putVarint(&out, UInt64(bitPattern: (i << 1) ^ (i >> 63)))
                } else {
                    out.append(4)
                    Self.put64(&out, n.bitPattern)
                }
            case .string(let s):
                out.append(5)
                Self.putVarint(&out, UInt64(s.utf8.count))
                out.append(contentsOf: s.utf8)
            }
        }
        if let announced = state.announced { Self.putVarint(&out, UInt64(max(0, Int64(announced))) + 1) }
        let mac = Self.mac(out, prepared: prepared, callSid: callSid)
        out.append(contentsOf: mac)
        return Base64URL.encode(out)
    }

    /// Reads and verifies a token; `defaults` resolves tag-0 slots of the token's table (found by
    /// `defaultsFor(tableHash)`, nil when the table is not loaded: then the slots stay empty and
    /// the caller refuses the token).
    public static func decode(_ text: String, key: SymmetricKey, callSid: String, now: Date,
                              defaultsFor: (UInt64) -> SlotValues?) throws(Failure) -> SessionToken {
        try decode(text, mac: HMAC<SHA256>(key: key), callSid: callSid, now: now, defaultsFor: defaultsFor)
    }

    /// As `decode(_:key:callSid:now:defaultsFor:)`, with an HMAC already keyed.
    static func decode(_ text: String, mac prepared: HMAC<SHA256>, callSid: String, now: Date,
                       defaultsFor: (UInt64) -> SlotValues?) throws(Failure) -> SessionToken {
        guard let bytes = Base64URL.decode(text), bytes.count > macLength + 1, bytes[0] == version else { throw .forged }
        let body = bytes[0 ..< bytes.count - macLength]
        let expected = mac(Array(body), prepared: prepared, callSid: callSid)
        guard constantTimeEqual(expected, bytes[(bytes.count - macLength)...]) else { throw .forged }
        var reader = Reader(bytes: Array(body), position: 1)
        guard let expiry = reader.u32(), let sequence = reader.u32(), let table = reader.u64(),
              let phaseByte = reader.byte(), let phase = SessionPhase(rawValue: phaseByte),
              let node = reader.varint(), let attempts = reader.varint(), let failures = reader.varint(),
              let priority = reader.varint(), let alerted = reader.byte(), let timeBits = reader.u64(),
              let count = reader.varint(), node <= UInt64(Int32.max), attempts <= UInt64(Int32.max),
              failures <= UInt64(Int32.max), priority <= UInt64(Int32.max), count <= 100_000 else { throw .forged }
        let defaults = defaultsFor(table)
        var values: [RuntimeValue] = []
        values.reserveCapacity(Int(count))
        for slot in 0 ..< Int(count) {
            guard let tag = reader.byte() else { throw .forged }
            switch tag {
            case 0:
                // The table is not loaded (or has fewer slots): the caller refuses the state anyway.
                values.append(defaults.flatMap { slot < $0.count ? $0[slot] : nil } ?? .bool(false))
            case 1: values.append(.bool(false))
            case 2: values.append(.bool(true))
            case 3:
                guard let z = reader.varint() else { throw .forged }
                let i = Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
                values.append(.number(Double(i)))
            case 4:
                guard let bits = reader.u64() else { throw .forged }
                values.append(.number(Double(bitPattern: bits)))
            case 5:
                guard let length = reader.varint(), let utf8 = reader.take(Int(clamping: length)),
                      let s = String(validating: utf8, as: UTF8.self) else { throw .forged }
                values.append(.string(s))
            default: throw .forged
            }
        }
        var announced: Int32?
        if reader.position < body.count + body.startIndex {
            guard let value = reader.varint(), value >= 1, value <= UInt64(Int32.max) else { throw .forged }
            announced = Int32(value - 1)
        }
        guard reader.position == body.count + body.startIndex else { throw .forged }
        var state = SessionState.restored(table: table, phase: phase, node: Int32(Int64(node) - 1), attempts: Int32(attempts),
                                 failures: Int32(failures), priority: Int32(priority), alerted: alerted != 0,
                                 time: Double(bitPattern: timeBits), slots: SlotValues(values))
        state.announced = announced
        guard Double(expiry) > now.timeIntervalSince1970 else { throw .expired }
        return SessionToken(state: state, sequence: sequence, expiry: expiry)
    }

    static func mac(_ body: [UInt8], prepared: HMAC<SHA256>, callSid: String) -> [UInt8] {
        var hmac = prepared
        var message = body
        message.reserveCapacity(body.count + 1 + callSid.utf8.count)
        message.append(0)
        message.append(contentsOf: callSid.utf8)
        hmac.update(data: message)
        return hmac.finalize().withUnsafeBytes { Array($0) }
    }

    static func constantTimeEqual<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    static func put32(_ out: inout [UInt8], _ v: UInt32) { for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) } }
    static func put64(_ out: inout [UInt8], _ v: UInt64) { for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) } }
    static func putVarint(_ out: inout [UInt8], _ v: UInt64) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    struct Reader {
        let bytes: [UInt8]
        var position: Int

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }
        mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
            guard n >= 0, n <= bytes.count - position else { return nil }
            defer { position += n }
            return bytes[position ..< position + n]
        }
        mutating func u32() -> UInt32? {
            guard let s = take(4) else { return nil }
            return s.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * $1.offset) }
        }
        mutating func u64() -> UInt64? {
            guard let s = take(8) else { return nil }
            return s.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
        }
        mutating func varint() -> UInt64? {
            var result: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 7) {
                guard let b = byte() else { return nil }
                result |= UInt64(b & 0x7F) << UInt64(shift)
                if b < 0x80 { return result }
            }
            return nil
        }
    }
}

/// base64url without padding (RFC 4648 section 5): safe in a query string unescaped. Byte-level
/// (Foundation's string replacing cost a tenth of a new-call webhook).
enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        if bytes.count - i == 1 {
            let n = UInt32(bytes[i]) << 16
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
        } else if bytes.count - i == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// nil for a character outside the alphabet, padding, or an impossible length.
    static func decode(_ text: String) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count < 1 << 16, input.count % 4 != 1 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = values[Int(byte)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }
}
