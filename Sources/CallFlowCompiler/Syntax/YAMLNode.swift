/// How a scalar was written; only plain scalars are typed by the YAML 1.2 core schema.
public enum ScalarStyle: Sendable {
    /// The style of the scalar written at `range` of `file`, from its first character.
    public static func written(at range: SourceRange, in file: SourceFile) -> ScalarStyle {
        guard let line = file.line(range.start.line) else { return .plain }
        let scalars = Array(line.unicodeScalars)
        let index = range.start.column - 1
        guard index >= 0, index < scalars.count else { return .plain }
        switch scalars[index] {
        case "\"": return .doubleQuoted
        case "'": return .singleQuoted
        case "|": return .literal
        case ">": return .folded
        default: return .plain
        }
    }

    case plain, singleQuoted, doubleQuoted, literal, folded

    public var isQuoted: Bool { self != .plain }
}

/// The type a scalar has under the YAML 1.2 core schema.
public enum ScalarValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}

/// A node of a YAML document: a handle (the document and a record number) that reads the
/// node's kind, text, children and range from the document's flat storage.
///
/// The document stores every node as a fixed-size record in one array and every scalar's text
/// in another, so reading a file allocates per scalar text only, not per node, and freeing a
/// tree is freeing a few arrays (see `YAMLDocument`).
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence(Items)
        case mapping(Pairs)
    }

    let document: YAMLDocument
    let index: Int32

    init(document: YAMLDocument, index: Int32) {
        self.document = document
        self.index = index
    }

    var record: YAMLRecord { document.records[Int(index)] }

    public var content: Content {
        let record = self.record
        switch record.kind {
        case .scalar: return .scalar(document.text(of: record), record.style)
        case .sequence: return .sequence(Items(node: self))
        case .mapping: return .mapping(Pairs(node: self))
        }
    }

    /// Where the node is written, from its first character to just after its last.
    public var range: SourceRange { document.range(of: record) }

    /// An explicit tag (`!!str`), already resolved to its full form; nil when none was written.
    public var tag: String? {
        record.hasTag ? document.tags[index] : nil
    }

    /// Nodes in this subtree, itself included: what expanding an alias of it costs.
    public var size: Int {
        // Counted by walking the subtree (aliases expanded): only benchmarks and tests ask.
        var total = 0
        var stack = [index]
        while let next = stack.popLast() {
            total += 1
            let record = document.records[Int(next)]
            if record.kind != .scalar {
                stack.append(contentsOf: document.children[Int(record.payload)..<Int(record.payload + record.count)])
            }
        }
        return total
    }

    /// True for a plain scalar that the core schema reads as null (`~`, `null`, nothing).
    public var isNull: Bool {
        let record = self.record
        guard record.kind == .scalar, record.style == .plain, !record.hasTag,
              record.count == 0 || record.count == 1 || record.count == 4 else { return false }
        if record.count == 0 { return true }
        return document.textEquals(record, "~") || document.textEquals(record, "null")
            || document.textEquals(record, "Null") || document.textEquals(record, "NULL")
    }

    /// True for a scalar; its text is not made (see `scalarText`).
    var isScalar: Bool { record.kind == .scalar }

    public var isPlainScalar: Bool {
        let record = self.record
        return record.kind == .scalar && record.style == .plain
    }

    public var scalarText: String? {
        let record = self.record
        return record.kind == .scalar ? document.text(of: record) : nil
    }

    /// The text of an untagged scalar that `FlowDecoder.identifier` accepts as it is (see
    /// `YAMLDocument.identifierText(of:)`), checked on its bytes; nil for anything else, which the
    /// general route reads (and reports). Most scalars a flow has are names (issue 17).
    var identifierText: String? {
        let record = self.record
        guard record.kind == .scalar, !record.hasTag else { return nil }
        return document.identifierText(of: record)
    }

    public var scalarStyle: ScalarStyle? {
        let record = self.record
        return record.kind == .scalar ? record.style : nil
    }

    /// The signature of a scalar (see `KeySignature`); nil for a collection.
    public var keySignature: KeySignature? {
        let record = self.record
        guard record.kind == .scalar else { return nil }
        return KeySignature(prefix: record.prefix, length: Int(record.count))
    }

    /// The pair of this mapping whose key is the scalar `key`, read straight from the records.
    public func pair(forKey key: String) -> YAMLPair? {
        pair(forKey: KeySignature(key), text: key)
    }

    /// The same, for a key whose signature is known already.
    public func pair(forKey signature: KeySignature, text key: String) -> YAMLPair? {
        let record = self.record
        guard record.kind == .mapping else { return nil }
        let children = document.children, records = document.records
        var entry = Int(record.payload)
        let end = entry + Int(record.count)
        while entry < end {
            let keyRecord = records[Int(children[entry])]
            if keyRecord.kind == .scalar, keyRecord.prefix == signature.prefix, Int(keyRecord.count) == signature.length,
               signature.isExact || document.textEquals(keyRecord, key) {
                return YAMLPair(key: YAMLNode(document: document, index: children[entry]),
                                value: YAMLNode(document: document, index: children[entry + 1]))
            }
            entry += 2
        }
        return nil
    }

    /// For a large mapping, the position of each key among its pairs, as the loader found them
    /// while checking for duplicates; nil when it did not (small mappings, merge keys).
    public var keyPositions: [String: Int]? {
        guard let table = keyTable, let pairs = mappingPairs else { return nil }
        var positions = [String: Int](minimumCapacity: table.count)
        for position in table.positions { positions[pairs[position].key.scalarText ?? ""] = position }
        return positions
    }

    /// The same positions as the loader keeps them, compared with the mapping's own keys
    /// (`NameTable`): what the decoder takes as the node index.
    var keyTable: NameTable? {
        document.keyPositions[index]
    }

    public var mappingPairs: Pairs? {
        record.kind == .mapping ? Pairs(node: self) : nil
    }

    public var sequenceItems: Items? {
        record.kind == .sequence ? Items(node: self) : nil
    }

    /// The scalar's value under the YAML 1.2 core schema (quoted or `!!str` scalars are strings).
    public var scalarValue: ScalarValue? {
        let record = self.record
        guard record.kind == .scalar else { return nil }
        return scalarValue(text: document.text(of: record))
    }

    /// The same for a scalar whose `scalarText` the caller has already made: typing it does not
    /// make the string a second time (issue 13's speed requirement: names are read this way).
    func scalarValue(text: String) -> ScalarValue {
        let record = self.record
        if record.style.isQuoted { return .string(text) }
        if record.hasTag, let tag = document.tags[index] {
            if tag == "tag:yaml.org,2002:str" || tag == "!" { return .string(text) }
        }
        return CoreSchema.resolve(text)
    }

    /// What a user would call this node in a message: "a mapping", "a list", "the string 'yes'".
    public var kindDescription: String {
        switch record.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            let text = scalarText ?? ""
            switch scalarValue {
            case .null?: return "nothing (null)"
            case .bool(let b)?: return "the boolean \(b)"
            case .int?, .float?: return "the number \(text)"
            default: return "the string '\(text)'"
            }
        }
    }

    /// The items of a sequence, read in place.
    public struct Items: RandomAccessCollection, Sendable {
        let node: YAMLNode
        public var startIndex: Int { 0 }
        public var endIndex: Int { Int(node.record.count) }

        public subscript(position: Int) -> YAMLNode {
            let child = node.document.children[Int(node.record.payload) + position]
            return YAMLNode(document: node.document, index: child)
        }
    }

    /// The key-value pairs of a mapping, in the order written (merged pairs after), read in place.
    public struct Pairs: RandomAccessCollection, Sendable {
        let node: YAMLNode
        public var startIndex: Int { 0 }
        public var endIndex: Int { Int(node.record.count) / 2 }

        public subscript(position: Int) -> YAMLPair {
            let base = Int(node.record.payload) + 2 * position
            let children = node.document.children
            return YAMLPair(key: YAMLNode(document: node.document, index: children[base]),
                            value: YAMLNode(document: node.document, index: children[base + 1]))
        }

        /// The signature of the key of pair `position` (see `KeySignature`), nil when the key is not
        /// a scalar: read from the records without making the pair's nodes, each a reference to
        /// the document counted up and down (issue 17: every key of every node is asked so).
        func keySignature(at position: Int) -> KeySignature? {
            let document = node.document
            let key = document.records[Int(document.children[Int(node.record.payload) + 2 * position])]
            guard key.kind == .scalar else { return nil }
            return KeySignature(prefix: key.prefix, length: Int(key.count))
        }
    }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// The YAML 1.2 core schema for plain scalars: null, bool, int, float; everything else is a string.
/// `yes`, `no`, `on` and `off` are strings here, unlike YAML 1.1.
enum CoreSchema {
    static func resolve(_ text: String) -> ScalarValue {
        // Most scalars are names and prompts: rule them out by their first byte before comparing.
        guard let first = text.utf8.first else { return .null }
        // A digit starts only a number or a string: no null, bool or special float begins so.
        if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
            if let value = integer(text) { return .int(value) }
            if isFloat(text), let value = Double(text) { return .float(value) }
            return .string(text)
        }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            break
        default:
            return .string(text)
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        guard let first = text.utf8.first,
              first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            return .string(text)
        }
        if let value = integer(text) { return .int(value) }
        if isFloat(text), let value = Double(text) { return .float(value) }
        return .string(text)
    }

    private static func integer(_ text: String) -> Int? {
        // Decimal numbers, nearly all a flow has, are read from the bytes: the prefix checks and
        // `Int(text)` below cost some 1,000 instructions a number (issue 17).
        if let value = decimal(text) { return value }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    /// `[-+]?[0-9]{1,18}` as `Int(text)` reads it (18 digits cannot overflow); nil for any other
    /// text, which `integer` then reads the general way.
    static func decimal(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let negative = bytes.first == UInt8(ascii: "-")
            if negative || bytes.first == UInt8(ascii: "+") { index = 1 }
            guard index < bytes.count, bytes.count - index <= 18 else { return nil }
            var value = 0
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                index += 1
            }
            return negative ? -value : value
        }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            var count = 0
            while let b = bytes.first, b >= 48, b <= 57 { bytes = bytes.dropFirst(); count += 1 }
            return count
        }
        if let b = bytes.first, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let whole = digits()
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") { bytes = bytes.dropFirst(); fraction = digits() }
        if whole == 0 && fraction == 0 { return false }
        if let b = bytes.first, b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
