import CallFlowRuntime
import Foundation

/// What a file holds, decided from its first bytes before anything parses it as YAML: a routing
/// table (the magic), something that looks like a table with a damaged magic, the JSON rendition of
/// a table (a `format` key of `"CFLT"`), nothing at all, other binary data, or text (a flow, a
/// scenario file, an include: YAML decides).
public enum FileContent: Equatable, Sendable {
    case table
    case damagedTable
    case jsonTable
    case empty
    case binary
    case text

    public static func of(_ bytes: [UInt8], path: String = "") -> FileContent {
        if bytes.count >= 4, Array(bytes[0..<4]) == TableFormat.magic { return .table }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .empty }
        let head = bytes.prefix(512)
        let isBinary = head.contains(0) || String(validating: head, as: UTF8.self) == nil && !Self.cutInsideCharacter(head)
        if isBinary {
            // A table whose first bytes were damaged: the rest of the header still says table
            // (its version right after the magic), or the file is named as one.
            let versionHolds = bytes.count >= TableFormat.headerSize
                && UInt16(bytes[4]) | UInt16(bytes[5]) << 8 == TableFormat.version
            let magicMostlyHolds = bytes.count >= 4 && zip(bytes.prefix(4), TableFormat.magic).filter { $0 == $1 }.count >= 2
            if versionHolds || magicMostlyHolds || path.hasSuffix(".cft") { return .damagedTable }
            return .binary
        }
        if let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == UInt8(ascii: "{"),
           let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
           object["format"] as? String == "CFLT" {
            return .jsonTable
        }
        return .text
    }

    /// True when `head` is valid UTF-8 but for a character cut at its end (a 512-byte prefix).
    private static func cutInsideCharacter(_ head: ArraySlice<UInt8>) -> Bool {
        for drop in 1...3 where head.count > drop {
            if String(validating: head.dropLast(drop), as: UTF8.self) != nil { return true }
        }
        return false
    }

    /// Why a file of this content is not what a command wanted (nil for a table or text).
    public func refusal(_ path: String) -> String? {
        switch self {
        case .table, .text: return nil
        case .damagedTable:
            return "\(path): not a routing table: the magic is damaged (a table starts with \"CFLT\"); compile the flow again"
        case .jsonTable:
            return "\(path): this is the JSON rendition of a routing table (`callflow compile --json`), which is for reading; run the binary table (`callflow compile` without --json) or the flow"
        case .empty:
            return "\(path): the file is empty: neither a flow nor a routing table"
        case .binary:
            return "\(path): binary data: neither a flow (YAML text) nor a routing table"
        }
    }
}
