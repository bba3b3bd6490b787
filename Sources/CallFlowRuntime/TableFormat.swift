/// The routing table format shared by the compiler (which writes it) and the executor (which runs
/// it). This module depends on nothing else: no YAML, no compiler code. docs/table-format.md
/// describes the layout.
public enum TableFormat {
    /// The first bytes of every table file: "CFLT".
    public static let magic: [UInt8] = [0x43, 0x46, 0x4C, 0x54]
    /// Bumped whenever the layout changes; a loader refuses any other version (version 2 added
    /// the prompt sections: a version-1 table is refused with "recompile the flow").
    public static let version: UInt16 = 3
    /// The oldest version a loader still reads: version 3 added voicemail settings, callback
    /// numbers and queue announcements (sections 37-39); a version-2 table has none of them.
    public static let oldestReadableVersion: UInt16 = 2
    /// Bytes before the payload: magic, version, header size, source hash, compiler version,
    /// payload length, checksum.
    public static let headerSize = 48
    /// The compiler version field: ASCII, zero-padded.
    public static let compilerVersionBytes = 16
    /// The largest table a loader accepts (bytes).
    public static let maxTableBytes = 256 << 20

    /// The checksum over the payload: FNV-1a 64 over little-endian 64-bit words (the payload is a
    /// whole number of words), each step followed by `h ^= h >> 29` so high bits reach low ones.
    /// Every step is a bijection of the running value, so any damage confined to one word always
    /// changes the result.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let words = bytes.count / 8
        var index = 0
        while index < words {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self))
            hash = (hash ^ word) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
            index &+= 1
        }
        var tail = index * 8
        while tail < bytes.count {
            hash = (hash ^ UInt64(bytes[tail])) &* 0x0000_0100_0000_01B3
            tail += 1
        }
        return hash
    }

    /// FNV-1a 64 of bytes, one byte at a time: the hash of a flow's source in the header.
    public static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
