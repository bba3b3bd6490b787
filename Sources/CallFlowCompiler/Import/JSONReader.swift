/// Reads a platform flow's JSON through the project's YAML loader (JSON is YAML), so every value
/// keeps its line and column. A flow embedded as a JSON string (`"Content": "{\"Version\":...}"`)
/// is loaded from the decoded string and its positions are mapped back into the original file.
struct JSONReader {
    let file: String
    /// For embedded content: the original position of each (line, column) of the decoded text.
    let mapping: EmbeddedPositions?

    init(file: String, mapping: EmbeddedPositions? = nil) {
        self.file = file
        self.mapping = mapping
    }

    func range(_ node: YAMLNode) -> SourceRange {
        let range = node.range
        guard let mapping else { return range }
        return range.with(start: mapping.original(range.start), end: mapping.original(range.end))
    }

    /// A scalar's text and where it is written; nil for a collection or null.
    func text(_ node: YAMLNode?) -> Located<String>? {
        guard let node, let text = node.scalarText, !node.isNull else { return nil }
        return Located(text, at: range(node))
    }

    /// The key of `key` in a mapping, with its range (where findings about a missing value point).
    func key(_ node: YAMLNode, _ key: String) -> YAMLNode? {
        node.pair(forKey: key)?.key
    }
}

extension YAMLNode {
    /// The value of `key` in this mapping (nil when it is no mapping or has no such key).
    func field(_ key: String) -> YAMLNode? {
        pair(forKey: key)?.value
    }

    /// A scalar's text, or nil (null and collections included).
    var string: String? {
        guard !isNull else { return nil }
        return scalarText
    }

    var items: [YAMLNode] {
        guard let items = sequenceItems else { return [] }
        return Array(items)
    }

    var isMapping: Bool { mappingPairs != nil }
}

/// Positions of a JSON string's decoded text in the file it is written in.
struct EmbeddedPositions: Sendable {
    /// Byte offset where each decoded line starts.
    private let lineStarts: [Int]
    /// For each decoded byte (and one past the end), its line and column in the file.
    private let originals: [SourcePosition]

    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F, UInt8(ascii: "b"): 0x08,
        UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    /// Decodes the JSON string token starting at `start` (its opening quote) in `bytes`, whose
    /// first byte is at `startPosition`. Nil when the token is not a well-formed JSON string.
    static func decode(_ bytes: [UInt8], from start: Int, at startPosition: SourcePosition) -> (text: [UInt8], positions: EmbeddedPositions)? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return nil }
        var text: [UInt8] = []
        var originals: [SourcePosition] = []
        var line = startPosition.line, column = startPosition.column + 1
        var index = start + 1
        func advance(_ count: Int) {
            for _ in 0..<count {
                if bytes[index] == UInt8(ascii: "\n") { line += 1; column = 1 }
                else if bytes[index] & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            let here = SourcePosition(line: line, column: column)
            if byte == UInt8(ascii: "\"") {
                originals.append(here)
                var starts = [0]
                for (offset, b) in text.enumerated() where b == UInt8(ascii: "\n") { starts.append(offset + 1) }
                return (text, EmbeddedPositions(lineStarts: starts, originals: originals))
            }
            if byte != UInt8(ascii: "\\") {
                text.append(byte)
                originals.append(here)
                advance(1)
                continue
            }
            guard index + 1 < bytes.count else { return nil }
            let escaped = bytes[index + 1]
            if let value = simpleEscapes[escaped] {
                text.append(value)
                originals.append(here)
                advance(2)
            } else if escaped == UInt8(ascii: "u"), index + 6 <= bytes.count,
                      let scalar = UInt32(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16) {
                let character = Unicode.Scalar(scalar) ?? "?"
                for unit in String(character).utf8 {
                    text.append(unit)
                    originals.append(here)
                }
                advance(6)
            } else {
                return nil
            }
        }
        return nil
    }

    /// The file position of a decoded position.
    func original(_ position: SourcePosition) -> SourcePosition {
        guard !originals.isEmpty else { return position }
        let line = max(1, min(position.line, lineStarts.count))
        // Columns of the decoded text count characters; the decoded text of platform flows is
        // ASCII in its structure, so the byte offset is close enough for any multi-byte prompt.
        let offset = min(lineStarts[line - 1] + max(position.column - 1, 0), originals.count - 1)
        return originals[offset]
    }
}
