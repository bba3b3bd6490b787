import Foundation

/// What a node is, in a record.
enum YAMLKind: UInt8, Sendable {
    case scalar, sequence, mapping
}

/// One node of a document in 32 bytes: positions as 32-bit numbers, text and children by
/// index, and the count, kind and style packed in one word (a 60,000-node flow has some 700,000
/// records, and their memory is touched for the first time on every file).
struct YAMLRecord: Sendable {
    var startLine: Int32
    var startColumn: Int32
    var endLine: Int32
    var endColumn: Int32
    /// A scalar's offset into `textBytes`; a collection's first index into `children`.
    var payload: Int32
    /// Bits 0-25: the count; 26-27: the kind; 28-30: the style; 31: has a tag.
    private var bits: UInt32
    private var prefixLow: UInt32
    private var prefixHigh: UInt32

    private static let countMask: UInt32 = (1 << 26) - 1

    init(kind: YAMLKind, style: ScalarStyle, startLine: Int32, startColumn: Int32, endLine: Int32, endColumn: Int32,
         payload: Int32, count: Int32, prefix: UInt64, hasTag: Bool) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
        self.payload = payload
        // Counts stay far below 2^26: 4,000,000 YAML nodes and 8 MiB scalars at most.
        self.bits = (UInt32(clamping: count) & Self.countMask) | UInt32(kind.rawValue) << 26
            | UInt32(style.code) << 28 | (hasTag ? 1 << 31 : 0)
        self.prefixLow = UInt32(truncatingIfNeeded: prefix)
        self.prefixHigh = UInt32(truncatingIfNeeded: prefix >> 32)
    }

    var kind: YAMLKind { YAMLKind(rawValue: UInt8((bits >> 26) & 3)) ?? .scalar }
    var style: ScalarStyle { ScalarStyle(code: UInt8((bits >> 28) & 7)) }
    /// A collection's number of entries in `children` (a mapping's are key, value, key, value...);
    /// a scalar's length in UTF-8 bytes.
    var count: Int32 { Int32(bits & Self.countMask) }
    /// True when an explicit tag was written (see `YAMLDocument.tags`).
    var hasTag: Bool { bits >> 31 != 0 }
    /// A scalar's first eight bytes (see `KeySignature`).
    var prefix: UInt64 { UInt64(prefixHigh) << 32 | UInt64(prefixLow) }

    /// The same collection with no entries (its children at `payload`): what stays of an entry
    /// decoded while the file was read (`YAMLEntrySink`).
    func emptied(childrenAt payload: Int32) -> YAMLRecord {
        var record = self
        record.payload = payload
        record.bits &= ~Self.countMask
        return record
    }
}

extension ScalarStyle {
    var code: UInt8 {
        switch self {
        case .plain: return 0
        case .singleQuoted: return 1
        case .doubleQuoted: return 2
        case .literal: return 3
        case .folded: return 4
        }
    }

    init(code: UInt8) {
        switch code {
        case 1: self = .singleQuoted
        case 2: self = .doubleQuoted
        case 3: self = .literal
        case 4: self = .folded
        default: self = .plain
        }
    }
}

/// The storage of one YAML document. Built once by the loader, then only read.
public final class YAMLDocument: Sendable {
    let file: String
    let records: [YAMLRecord]
    /// Every scalar's text, one after another; a `String` is made only when asked for.
    let textBytes: [UInt8]
    /// Explicit tags, by record number (tags are rare).
    let tags: [Int32: String]
    let children: [Int32]

    /// The file's name, made once for every range of the document (see `FileName`).
    let fileName: FileName

    /// For large mappings without merge keys: each key's position among the pairs.
    let keyPositions: [Int32: NameTable]

    /// `fileName`: the file's name when the loader made one already (a document decoded while it
    /// is read is seen through several documents, whose ranges share one name).
    init(file: String, records: [YAMLRecord], textBytes: [UInt8], tags: [Int32: String], children: [Int32],
         keyPositions: [Int32: NameTable] = [:], fileName: FileName? = nil) {
        self.keyPositions = keyPositions
        self.file = file
        self.fileName = fileName ?? FileName(file)
        self.records = records
        self.textBytes = textBytes
        self.tags = tags
        self.children = children
    }

    func range(of record: YAMLRecord) -> SourceRange {
        SourceRange(fileName: fileName,
                    start: SourcePosition(line: Int(record.startLine), column: Int(record.startColumn)),
                    end: SourcePosition(line: Int(record.endLine), column: Int(record.endColumn)))
    }

    /// The text of a scalar record.
    func text(of record: YAMLRecord) -> String {
        YAMLDocument.text(textBytes, record)
    }

    static func text(_ bytes: [UInt8], _ record: YAMLRecord) -> String {
        let start = Int(record.payload), end = start + Int(record.count)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The text of a scalar record that is an identifier (`Lexical.isIdentifier`) and, when plain,
    /// not one the core schema types (`null`, `true`, `false`: the only identifiers it does), told
    /// from the bytes before the string is made; nil otherwise. Tagged scalars are the caller's.
    func identifierText(of record: YAMLRecord) -> String? {
        if record.style == .plain {
            let signature = KeySignature(prefix: record.prefix, length: Int(record.count))
            if signature == Self.null || signature == Self.true || signature == Self.false { return nil }
        }
        let start = Int(record.payload), end = start + Int(record.count)
        return textBytes.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[start..<end])
            return Lexical.isIdentifier(bytes: bytes) ? String(decoding: bytes, as: UTF8.self) : nil
        }
    }

    private static let null = KeySignature("null"), `true` = KeySignature("true"), `false` = KeySignature("false")

    /// True when a scalar record's text is exactly `text`, byte for byte.
    func textEquals(_ record: YAMLRecord, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { other in
            other.count == Int(record.count) && textBytes.withUnsafeBufferPointer { bytes in
                other.count == 0 || memcmp(bytes.baseAddress! + Int(record.payload), other.baseAddress!, other.count) == 0
            }
        }
    }

    /// True when two scalar records hold the same bytes.
    static func sameText(_ bytes: [UInt8], _ a: YAMLRecord, _ b: YAMLRecord) -> Bool {
        a.count == b.count && (a.count == 0 || bytes.withUnsafeBufferPointer {
            memcmp($0.baseAddress! + Int(a.payload), $0.baseAddress! + Int(b.payload), Int(a.count)) == 0
        })
    }
}
