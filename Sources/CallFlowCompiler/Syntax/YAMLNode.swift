/// How a scalar was written; only plain scalars are typed by the YAML 1.2 core schema.
public enum ScalarStyle: Sendable {
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

/// A node of a YAML document, with the range it covers in its file.
///
/// A class, not a struct: trees are built once and only read, and a flow of 60,000 nodes copies
/// nodes into pairs and lists hundreds of thousands of times; a reference copies as one retain.
public final class YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public let content: Content
    public let range: SourceRange
    /// An explicit tag (`!!str`), already resolved to its full form; nil when none was written.
    public let tag: String?
    /// Nodes in this subtree, itself included: what expanding an alias of it costs.
    public let size: Int

    public init(content: Content, range: SourceRange, tag: String? = nil, size: Int = 1) {
        self.content = content
        self.range = range
        self.tag = tag
        self.size = size
    }

    /// True for a plain scalar that the core schema reads as null (`~`, `null`, nothing).
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = content, tag == nil else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var mappingPairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    public var sequenceItems: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The scalar's value under the YAML 1.2 core schema (quoted or `!!str` scalars are strings).
    public var scalarValue: ScalarValue? {
        guard case .scalar(let text, let style) = content else { return nil }
        if style.isQuoted || tag == "tag:yaml.org,2002:str" || tag == "!" { return .string(text) }
        return CoreSchema.resolve(text)
    }

    /// What a user would call this node in a message: "a mapping", "a list", "the string 'yes'".
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, _):
            switch scalarValue {
            case .null?: return "nothing (null)"
            case .bool(let b)?: return "the boolean \(b)"
            case .int?, .float?: return "the number \(text)"
            default: return "the string '\(text)'"
            }
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
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
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
