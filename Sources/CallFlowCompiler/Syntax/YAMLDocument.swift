/// What a node is, in a record.
enum YAMLKind: UInt8, Sendable {
    case scalar, sequence, mapping
}

/// One node of a document, fixed-size: positions as 32-bit numbers, text and children by index.
struct YAMLRecord: Sendable {
    var kind: YAMLKind
    var style: ScalarStyle
    var startLine: Int32
    var startColumn: Int32
    var endLine: Int32
    var endColumn: Int32
    /// A scalar's index into `texts`; a collection's first index into `children`.
    var payload: Int32
    /// A collection's number of entries in `children` (a mapping's are key, value, key, value...);
    /// a scalar's length in UTF-8 bytes.
    var count: Int32
    /// A scalar's first eight bytes (see `KeySignature`).
    var prefix: UInt64
    /// Index into `tags`, or -1.
    var tag: Int32
    /// Nodes in the subtree (aliases expanded), itself included.
    var size: Int32
}

/// The storage of one YAML document. Built once by the loader, then only read.
public final class YAMLDocument: Sendable {
    let file: String
    let records: [YAMLRecord]
    let texts: [String]
    let tags: [String]
    let children: [Int32]

    /// The file's number (see `FileNames`), worked out once for every range of the document.
    let fileID: FileID

    /// For large mappings without merge keys: each key's position among the pairs.
    let keyPositions: [Int32: [String: Int]]

    init(file: String, records: [YAMLRecord], texts: [String], tags: [String], children: [Int32],
         keyPositions: [Int32: [String: Int]] = [:]) {
        self.keyPositions = keyPositions
        self.file = file
        self.fileID = FileNames.shared.id(of: file)
        self.records = records
        self.texts = texts
        self.tags = tags
        self.children = children
    }

    func range(of record: YAMLRecord) -> SourceRange {
        SourceRange(fileID: fileID,
                    start: SourcePosition(line: Int(record.startLine), column: Int(record.startColumn)),
                    end: SourcePosition(line: Int(record.endLine), column: Int(record.endColumn)))
    }
}
