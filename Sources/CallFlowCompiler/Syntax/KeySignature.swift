/// A cheap stand-in for a short key: its UTF-8 length and first eight bytes. Two keys of at most
/// eight bytes are equal exactly when their signatures are; longer keys with equal signatures
/// still need their bytes compared. Reading a flow looks keys up hundreds of thousands of times,
/// and comparing two integers costs far less than comparing two strings.
public struct KeySignature: Hashable, Sendable {
    public let prefix: UInt64
    public let length: Int

    /// True when equal signatures mean equal keys.
    public var isExact: Bool { length <= 8 }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        var prefix: UInt64 = 0
        for index in 0..<min(bytes.count, 8) {
            prefix |= UInt64(bytes[index]) << (8 * UInt64(index))
        }
        self.prefix = prefix
        self.length = bytes.count
    }

    init(prefix: UInt64, length: Int) {
        self.prefix = prefix
        self.length = length
    }

    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { KeySignature(bytes: $0) }
    }

    /// The key's bit in a filter of 64 (`Fields`' keys present, a `KeySet`'s keys): the top six
    /// bits of its signature's bytes and length, mixed by a multiplication (Fibonacci hashing) so
    /// that keys sharing their first bytes spread out. A clear bit means "not there".
    var filterBit: UInt64 {
        let mixed = (prefix ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15
        return 1 << (mixed >> 58)
    }
}

/// Keys a mapping may have, with their signatures worked out once.
public struct KeySet: Sendable {
    public let names: [String]
    let signatures: [KeySignature]

    /// The keys' `filterBit`s: most keys that are not in the set are turned away without scanning
    /// it (a node's keys asked whether they are a kind, issue 17).
    let filter: UInt64

    public init(_ names: [String]) {
        self.names = names
        self.signatures = names.map(KeySignature.init)
        self.filter = signatures.reduce(0) { $0 | $1.filterBit }
    }

    /// The position of the key written as `text` with signature `signature`, if it is one of these.
    func index(of signature: KeySignature, text: () -> String) -> Int? {
        guard filter & signature.filterBit != 0 else { return nil }
        for index in signatures.indices where signatures[index] == signature {
            if signature.isExact || names[index].sameBytes(text()) { return index }
        }
        return nil
    }
}
