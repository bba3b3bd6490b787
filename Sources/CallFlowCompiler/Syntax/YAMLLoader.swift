import CYAML
import Foundation

/// The document of one YAML file and what was found wrong while reading it.
public struct LoadedDocument: Sendable {
    /// The document's root; nil when the file is empty or could not be read at all.
    public var root: YAMLNode?
    public var diagnostics: [Diagnostic]
    /// What became of a streamed reading (`YAMLLoader.load(_:streaming:)`).
    var stream: YAMLStreamOutcome = .notBegun
}

/// Receives the entries of one mapping of the root, by key, while the file is read, so that a
/// flow's `nodes:` (nearly all of a large file) is decoded entry by entry and each entry's records
/// are released at once instead of the whole document being kept until decoding ends (issue 17:
/// the document was 50 MiB of a 60,000-node flow's 119 MiB at the end of decoding).
protocol YAMLEntrySink: AnyObject {
    /// The root as it stands when its streamed key arrives: every pair before it, and the key
    /// itself paired with itself (its value is not read yet, and must not be read). False: read
    /// the file whole instead (nothing was done).
    func begin(root: YAMLNode) -> Bool
    /// One entry of the streamed mapping, complete, in the order written (a repeated key makes
    /// the reading `.inexact`). Its records may be released when the call returns.
    func entry(key: YAMLNode, value: YAMLNode)
}

/// Whether a streamed reading gave what reading the file whole gives.
enum YAMLStreamOutcome: Sendable {
    /// `begin` was not called, or returned false: the document is whole, as without streaming.
    case notBegun
    /// The streamed key was the root's last, its value a mapping without anchor, tag or merge
    /// key, with no more entries than the limit: every entry was passed, once, in order. Its
    /// values are empty mappings in the document (their records released) unless they defined
    /// an anchor or a tag; `root` is nil if reading failed.
    case exact
    /// `begin` was called but the entries passed may differ from the document's (a key after
    /// the streamed one; a merge key, anchor or tag on its mapping; a repeated key; too many
    /// entries): decode again, without streaming.
    case inexact
}

/// Reads YAML with libyaml's event API into a tree in which every node knows its range.
///
/// It is also where hostile input is stopped: nesting depth, alias expansions and node count are
/// bounded while the events arrive, so an alias bomb is refused before it is ever expanded.
public struct YAMLLoader {
    public var limits: InputLimits

    public init(limits: InputLimits = .standard) {
        self.limits = limits
    }

    public func load(_ source: SourceFile) -> LoadedDocument {
        load(source, streaming: nil)
    }

    /// Reads `source`, passing the entries of the root's mapping under `streaming.key` to
    /// `streaming.sink` as they complete (see `YAMLEntrySink`); the result's `stream` says
    /// whether that was exact. At most `maxEntries` entries are passed (past it: `.inexact`).
    /// With `split`, the reading stops at the split if `split.accept` takes the second half read
    /// by another thread; else it reads on, as without it.
    func load(_ source: SourceFile, streaming: (key: String, sink: YAMLEntrySink, maxEntries: Int)?,
              split: NodesSplit? = nil) -> LoadedDocument {
        if source.bytes.count > limits.maxFileBytes {
            let range = SourceRange(file: source.path, line: 1, column: 1)
            let message = "file is \(source.bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes (8 MiB); split the flow with `include`"
            return LoadedDocument(root: nil, diagnostics: [Diagnostic(.inputLimit, message, at: range)])
        }
        if let offset = UTF8Validation.firstInvalidOffset(source.bytes) {
            let position = source.position(ofByte: offset)
            let range = SourceRange(file: source.path, line: position.line, column: position.column)
            let message = "invalid UTF-8 at byte offset \(offset); save the file as UTF-8"
            return LoadedDocument(root: nil, diagnostics: [Diagnostic(.yamlSyntax, message, at: range)])
        }
        var builder = TreeBuilder(file: source.path, limits: limits)
        if let streaming {
            builder.stream = TreeBuilder.StreamTarget(key: streaming.key, sink: streaming.sink, maxEntries: streaming.maxEntries)
            builder.stream?.split = split
            builder.splitLine = split?.line ?? .max
        }
        source.bytes.withUnsafeBufferPointer { buffer in
            builder.run(buffer)
        }
        // Split: the second half's findings come where its events would have been read.
        let secondHalf = builder.stoppedAtSplit ? split?.secondHalfDiagnostics ?? [] : []
        return LoadedDocument(root: builder.finish(), diagnostics: builder.diagnostics + secondHalf + Self.hashKeys(source),
                              stream: builder.streamOutcome)
    }

    /// Reads the second half of a split file (see `NodesSplit`): the line `nodes:`, then `bytes`
    /// (the file's text from the split line on, which is line `lineOffset` + 1 of the file);
    /// positions are the whole file's. The root's `nodes:` entries go to `sink` as they
    /// complete; also returns the nodes and alias expansions counted (for the whole's limits).
    func loadSecondHalf(_ bytes: UnsafeBufferPointer<UInt8>, file: String, lineOffset: Int, sink: YAMLEntrySink)
        -> (document: LoadedDocument, nodes: Int, aliasExpansions: Int) {
        var builder = TreeBuilder(file: file, limits: limits)
        builder.lineOffset = lineOffset
        builder.stream = TreeBuilder.StreamTarget(key: "nodes", sink: sink, maxEntries: limits.maxNodes)
        let line = Array("nodes:\n".utf8)
        line.withUnsafeBufferPointer { builder.run(bytes, after: $0) }
        let document = LoadedDocument(root: builder.finish(), diagnostics: builder.diagnostics, stream: builder.streamOutcome)
        return (document, builder.counts.nodes, builder.counts.aliasExpansions)
    }

    /// `#: goodbye` meant as the `#` key of a menu is a comment in YAML, and the option silently
    /// disappears: every line whose first text is `#:` followed by a value is reported.
    static func hashKeys(_ source: SourceFile) -> [Diagnostic] {
        var found: [Diagnostic] = []
        // Every byte of the file is looked at: line ends are found with `memchr` on the buffer
        // (indexing the array byte by byte cost 80 M instructions on a 7.4 MiB file, issue 17).
        source.bytes.withUnsafeBufferPointer { (bytes: UnsafeBufferPointer<UInt8>) -> Void in
            var lineStart = 0, line = 1
            while lineStart < bytes.count {
                let end = SourceFile.lineFeed(in: bytes, from: lineStart)
                var k = lineStart
                while k < end, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "-") { k += 1 }
                if k + 2 < end, bytes[k] == UInt8(ascii: "#"), bytes[k + 1] == UInt8(ascii: ":"), bytes[k + 2] == UInt8(ascii: " "),
                   bytes[(k + 3)..<end].contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) {
                    let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(k + 3)..<end]), as: UTF8.self)
                        .trimmingCharacters(in: .whitespaces)
                    let range = SourceRange(file: source.path, line: line, column: k - lineStart + 1)
                    found.append(Diagnostic(.yamlSyntax, "'#: \(value)' is a comment in YAML, so this key and its value are lost; quote the key: \"#\": \(value)", at: range))
                }
                lineStart = end + 1
                line += 1
            }
        }
        return found
    }
}

/// Two texts libyaml reads as one, through a read handler (`TreeBuilder.run(_:after:)`).
private final class TwoPieces {
    private let pieces: [UnsafeBufferPointer<UInt8>]
    private var piece = 0, offset = 0

    init(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>) {
        pieces = [first, second]
    }

    static let read: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?) -> Int32 = {
        data, buffer, size, sizeRead in
        guard let data, let buffer, let sizeRead else { return 0 }
        let input = Unmanaged<TwoPieces>.fromOpaque(data).takeUnretainedValue()
        while input.piece < input.pieces.count, input.offset == input.pieces[input.piece].count {
            input.piece += 1
            input.offset = 0
        }
        guard input.piece < input.pieces.count, let base = input.pieces[input.piece].baseAddress else {
            sizeRead.pointee = 0
            return 1
        }
        let count = min(size, input.pieces[input.piece].count - input.offset)
        buffer.update(from: base + input.offset, count: count)
        input.offset += count
        sizeRead.pointee = count
        return 1
    }
}

/// Turns libyaml's events into a `YAMLDocument`. One per file; not shared between threads.
private struct TreeBuilder {
    let file: String
    let limits: InputLimits
    var diagnostics: [Diagnostic] = []

    private var root: Int32?
    private var failed = false
    private var records: [YAMLRecord] = []
    private var textBytes: [UInt8] = []
    private var tags: [Int32: String] = [:]
    private var children: [Int32] = []
    private var keyPositions: [Int32: NameTable] = [:]
    /// Children of the collections still open, innermost last; a mapping's come as key, value.
    private var pending: [Int32] = []
    private var stack: [Frame] = []
    /// Anchored nodes with their subtree sizes (what expanding an alias of them costs).
    private var anchors: [String: (node: Int32, size: Int32)] = [:]
    private var nodeCount = 0
    private var aliasExpansions = 0
    private var documents = 0
    /// Where the latest document after the first starts (`---`).
    private var secondDocument: SourcePosition?
    /// The file's name, made once for the document and the documents a stream is shown.
    private let fileName: FileName
    /// A streamed reading (see `YAMLEntrySink`); nil: the file is read whole.
    var stream: StreamTarget?
    /// Anchors and tags defined so far: an entry that defines one keeps its records.
    private var marksDefined = 0
    /// Added to every line: the second half of a split file starts at this line of the file.
    var lineOffset = 0
    /// Whether the root and the collection at depth 1 are block collections (a split needs both).
    private var blockLevels = (false, false)
    /// A `%YAML` or `%TAG` directive was read (a split is then refused).
    private var directives = false
    /// The split's line (libyaml's, 0-based) while the split is not yet reached, else `.max`.
    var splitLine = Int.max
    /// Reading stopped at the split, the second half's reading taken (see `NodesSplit`).
    private(set) var stoppedAtSplit = false
    var counts: (nodes: Int, aliasExpansions: Int) { (nodeCount, aliasExpansions) }

    /// The state of a streamed reading.
    struct StreamTarget {
        let key: String
        let sink: YAMLEntrySink
        let maxEntries: Int
        /// Where another thread reads the rest of the streamed mapping, if it may.
        var split: NodesSplit?
        var phase: Phase = .waiting
        var entries = 0
        /// Where the current entry's value starts in each array (set when its key completes).
        var valueStart = (records: 0, children: 0, text: 0, marks: 0)

        enum Phase {
            /// The key has not arrived at the root.
            case waiting
            /// `begin` returned true; the key's value has not started.
            case begun
            /// Inside the streamed mapping (the frame at depth 1).
            case entries
            /// The key's value is complete; any later key of the root makes the reading inexact.
            case done
            case declined
            case inexact
        }
    }

    var streamOutcome: YAMLStreamOutcome {
        switch stream?.phase {
        case nil, .waiting?, .declined?: return .notBegun
        case .inexact?: return .inexact
        // `.begun` or `.entries` at the end: reading stopped inside the value (root is nil).
        case .begun?, .entries?, .done?: return .exact
        }
    }

    /// A sequence or mapping whose end event has not arrived yet.
    private struct Frame {
        var isMapping: Bool
        var start: SourcePosition
        var anchor: String?
        var tag: String?
        /// Where this collection's children begin in `pending`.
        var firstPending: Int
        var pendingKey: Int32?
        var merges: [Int32] = []
        /// Past `linearKeys` pairs, duplicates are found once at the end (see `removeDuplicates`).
        var checkAtEnd = false
        var size: Int32 = 1
    }

    init(file: String, limits: InputLimits) {
        self.file = file
        self.limits = limits
        self.fileName = FileName(file)
    }

    /// The root node, or nil when the file is empty or reading stopped at a fatal problem.
    func finish() -> YAMLNode? {
        guard let root, !failed else { return nil }
        let document = YAMLDocument(file: file, records: records, textBytes: textBytes, tags: tags, children: children,
                                    keyPositions: keyPositions, fileName: fileName)
        return YAMLNode(document: document, index: root)
    }

    /// Stops at the first fatal problem (syntax error or a limit) by returning. With `prefix`,
    /// libyaml reads it and then `buffer`, as one text (a split's second half, not copied).
    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, after prefix: UnsafeBufferPointer<UInt8>? = nil) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            fail(.yamlSyntax, "libyaml could not start (out of memory)", at: position(line: 0, column: 0))
            return
        }
        defer { yaml_parser_delete(&parser) }
        let pieces = prefix.map { TwoPieces($0, buffer) }
        if let pieces {
            yaml_parser_set_input(&parser, TwoPieces.read, Unmanaged.passUnretained(pieces).toOpaque())
        } else {
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        }
        defer { withExtendedLifetime(pieces) {} }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        // Room for the densest usual YAML (a node every 6 to 8 bytes), so the arrays are not
        // copied as they grow; pages that stay unused are never touched. A streamed reading
        // keeps little more than the streamed mapping's keys (a 60,000-node flow: 120,000
        // records instead of 700,000): room for a record every 64 bytes, grown if need be
        // (the reserved room was a third of the heap at the end of decoding, issue 17).
        let divisor = stream == nil ? 6 : 64
        records.reserveCapacity(buffer.count / divisor + 16)
        textBytes.reserveCapacity(stream == nil ? buffer.count : buffer.count / 16 + 64)
        children.reserveCapacity(buffer.count / divisor + 16)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                reportSyntaxError(parser, buffer)
                return
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return }
            if splitLine != .max, stopsAtSplit(event) { return }
            if !handle(&event) { return }
        }
    }

    private func position(line: Int, column: Int) -> SourcePosition {
        Self.position(line: line, column: column, lineOffset: lineOffset)
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        position(line: Int(mark.line), column: Int(mark.column))
    }

    /// Static, with the offset passed in: `handle` calling the method above made the compiler
    /// copy the whole builder (313 bytes) on every event, twice for most (issue 17). Inlined: a
    /// call cost as much as the sum, 1.6 million times.
    @inline(__always)
    private static func position(line: Int, column: Int, lineOffset: Int) -> SourcePosition {
        SourcePosition(line: line + 1 + lineOffset, column: column + 1)
    }

    @inline(__always)
    private static func position(_ mark: yaml_mark_t, lineOffset: Int) -> SourcePosition {
        position(line: Int(mark.line), column: Int(mark.column), lineOffset: lineOffset)
    }

    private mutating func fail(_ check: CheckDescriptor, _ message: String, at start: SourcePosition,
                               notes: [DiagnosticNote] = []) {
        let range = SourceRange(file: file, line: start.line, column: start.column)
        diagnostics.append(Diagnostic(check, message, at: range, notes: notes))
        failed = true
    }

    private mutating func reportSyntaxError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        var notes: [DiagnosticNote] = []
        if let context = parser.context.map({ String(cString: $0) }) {
            let at = position(parser.context_mark)
            notes.append(DiagnosticNote(context, at: SourceRange(file: file, line: at.line, column: at.column)))
        }
        var message = problem
        // libyaml names a tab only in some messages ("found character that cannot start any token").
        let index = Int(parser.problem_mark.index)
        if index < buffer.count && buffer[index] == UInt8(ascii: "\t") {
            message = "a tab character here: YAML does not allow tabs for indentation; indent with spaces"
        } else if problem.contains("tab") {
            message += "; indent with spaces, YAML does not allow tabs there"
        } else if let context = parser.context.map({ String(cString: $0) }), context.contains("alias"),
                  Int(parser.context_mark.index) < buffer.count, buffer[Int(parser.context_mark.index)] == UInt8(ascii: "*") {
            // `*: goodbye` or `- *`: a plain `*` starts an alias.
            message += "; a '*' at the start of a key or value begins an alias in YAML: quote it, \"*\""
        } else if problem.contains("found character that cannot start any token"), index < buffer.count,
                  [UInt8(ascii: "@"), UInt8(ascii: "`")].contains(buffer[index]) {
            message += "; a value starting with '\(Character(UnicodeScalar(buffer[index])))' must be quoted"
        } else if problem.contains("mapping values are not allowed") {
            message += "; a value that holds ': ' must be quoted"
        } else if problem.contains("could not find expected ':'") {
            message += "; each key needs ': ' after it"
        }
        fail(.yamlSyntax, message, at: position(parser.problem_mark), notes: notes)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
    }


    /// Handles one event; false when reading must stop.
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        let start = Self.position(event.start_mark, lineOffset: lineOffset)
        if documents > 1 {
            // After the first document only empty ones may follow (a file ending with `---`):
            // a second document is refused when it has content.
            switch event.type {
            case YAML_DOCUMENT_START_EVENT, YAML_DOCUMENT_END_EVENT:
                if event.type == YAML_DOCUMENT_START_EVENT { secondDocument = start }
                return true
            case YAML_SCALAR_EVENT where event.data.scalar.length == 0 && event.data.scalar.tag == nil
                && event.data.scalar.anchor == nil && event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE:
                return true
            default:
                fail(.yamlSyntax, "a second YAML document starts here; a flow file holds one document", at: secondDocument ?? start)
                return false
            }
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                secondDocument = start
                return true
            }
            return true
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let bytes = UnsafeBufferPointer(start: data.value, count: Int(data.length))
            let offset = textBytes.count
            textBytes.append(contentsOf: bytes)
            let signature = KeySignature(bytes: bytes)
            let style: ScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let end = Self.position(event.end_mark, lineOffset: lineOffset)
            let tag = Self.string(data.tag)
            records.append(YAMLRecord(
                kind: .scalar, style: style, startLine: Int32(start.line), startColumn: Int32(start.column),
                endLine: Int32(end.line), endColumn: Int32(end.column), payload: Int32(offset), count: Int32(signature.length),
                prefix: signature.prefix, hasTag: tag != nil))
            if let tag { tags[Int32(records.count - 1)] = tag; marksDefined += 1 }
            guard count(nodes: 1, at: start) else { return false }
            return complete(Int32(records.count - 1), size: 1, anchor: Self.string(data.anchor))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count >= limits.maxDepth {
                fail(.inputLimit, "nesting deeper than \(limits.maxDepth) levels; flatten the structure", at: start)
                return false
            }
            let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
            let tag = Self.string(isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag)
            stack.append(Frame(isMapping: isMapping, start: start, anchor: anchor, tag: tag, firstPending: pending.count))
            if stream?.phase == .begun, stack.count == 2, isMapping {
                // The streamed key's value: its entries are passed as they complete, unless an
                // alias could copy the whole mapping or a tag retype it.
                stream?.phase = anchor == nil && tag == nil ? .entries : .inexact
            }
            return count(nodes: 1, at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let pairsBefore = pending.count
            let positions = frame.checkAtEnd ? removeDuplicates(frame) : nil
            if stack.count == 1, stream?.phase == .entries, pending.count != pairsBefore {
                // A repeated key: reading whole drops it, but its entry was passed.
                stream?.phase = .inexact
            }
            if frame.isMapping { applyMerges(frame) }
            let first = children.count
            children.append(contentsOf: pending[frame.firstPending...])
            pending.removeSubrange(frame.firstPending...)
            let end = Self.position(event.end_mark, lineOffset: lineOffset)
            records.append(YAMLRecord(
                kind: frame.isMapping ? .mapping : .sequence, style: .plain,
                startLine: Int32(frame.start.line), startColumn: Int32(frame.start.column),
                endLine: Int32(end.line), endColumn: Int32(end.column),
                payload: Int32(first), count: Int32(children.count - first), prefix: 0, hasTag: frame.tag != nil))
            if let tag = frame.tag { tags[Int32(records.count - 1)] = tag; marksDefined += 1 }
            // Merged pairs have no positions: then the decoder counts for itself. Kept for the
            // root's own values only (the flow's `nodes:`), the one place the decoder asks.
            if let positions, frame.merges.isEmpty, stack.count == 1 { keyPositions[Int32(records.count - 1)] = positions }
            return complete(Int32(records.count - 1), size: frame.size, anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                fail(.yamlSyntax, "alias '*\(name)' names no anchor defined before it; define '&\(name)' first", at: start)
                return false
            }
            aliasExpansions += 1
            if aliasExpansions > limits.maxAliasExpansions {
                fail(.inputLimit, "more than \(limits.maxAliasExpansions) alias expansions; the file looks like an alias bomb", at: start)
                return false
            }
            var record = records[Int(anchored.node)]
            guard count(nodes: Int(anchored.size), at: start) else { return false }
            // The alias stands where it is written: point there, keep the anchored content.
            let end = Self.position(event.end_mark, lineOffset: lineOffset)
            record.startLine = Int32(start.line); record.startColumn = Int32(start.column)
            record.endLine = Int32(end.line); record.endColumn = Int32(end.column)
            records.append(record)
            if let tag = tags[anchored.node] { tags[Int32(records.count - 1)] = tag; marksDefined += 1 }
            return complete(Int32(records.count - 1), size: anchored.size, anchor: nil)
        default:
            return true
        }
    }

    @inline(__always)
    private mutating func count(nodes: Int, at start: SourcePosition) -> Bool {
        nodeCount += nodes
        if nodeCount > limits.maxYAMLNodes {
            fail(.inputLimit, "more than \(limits.maxYAMLNodes) YAML nodes (aliases expanded); split the flow or remove repeated aliases", at: start)
            return false
        }
        return true
    }

    private func text(of node: Int32) -> String? {
        let record = records[Int(node)]
        return record.kind == .scalar ? YAMLDocument.text(textBytes, record) : nil
    }

    /// Adds a finished node to its parent (or makes it the root).
    private mutating func complete(_ node: Int32, size: Int32, anchor: String?) -> Bool {
        if let anchor { anchors[anchor] = (node, size); marksDefined += 1 }
        guard !stack.isEmpty else {
            root = node
            return true
        }
        let top = stack.count - 1
        stack[top].size += size
        guard stack[top].isMapping else {
            pending.append(node)
            return true
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = node
            if stream != nil { streamKeyArrived(node, depth: top) }
            return true
        }
        stack[top].pendingKey = nil
        let keyRecord = records[Int(key)]
        if keyRecord.kind == .scalar, keyRecord.style == .plain, !keyRecord.hasTag,
           keyRecord.count == 2, keyRecord.prefix == UInt64(UInt8(ascii: "<")) * 0x101 {
            // Merged pairs come after the written ones: the entries passed would be out of order.
            if top == 1, stream?.phase == .entries { stream?.phase = .inexact }
            return addMerge(node, into: top)
        }
        addPair(key: key, value: node, into: top)
        if let phase = stream?.phase {
            if top == 1, phase == .entries {
                streamEntry(key: key, value: node)
            } else if top == 0, phase == .begun || phase == .entries {
                stream?.phase = .done
            }
        }
        return true
    }

    // MARK: - Streaming the root's `nodes:` (see `YAMLEntrySink`)

    /// Before `event` is handled: whether reading stops here because the split is taken (see
    /// `NodesSplit` and docs/decisions.md). Asked until the first event at or past the split's
    /// line other than a collection's end; from there on `splitLine` is `.max`.
    private mutating func stopsAtSplit(_ event: yaml_event_t) -> Bool {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            let data = event.data.document_start
            if data.version_directive != nil || data.tag_directives.start != data.tag_directives.end { directives = true }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard stack.count < 2 else { break }
            let block = event.type == YAML_MAPPING_START_EVENT
                ? event.data.mapping_start.style == YAML_BLOCK_MAPPING_STYLE
                : event.data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE
            if stack.isEmpty { blockLevels.0 = block } else { blockLevels.1 = block }
        default:
            break
        }
        // The ends of the entry before the split are read at the split's first character.
        guard Int(event.start_mark.line) >= splitLine, event.type != YAML_MAPPING_END_EVENT,
              event.type != YAML_SEQUENCE_END_EVENT, let split = stream?.split else { return false }
        splitLine = .max
        stream?.split = nil
        // The second half's first key, as a key of the streamed block mapping, at the split.
        guard event.type == YAML_SCALAR_EVENT, Int(event.start_mark.line) == split.line,
              Int(event.start_mark.column) == split.column, !directives, blockLevels == (true, true),
              stream?.phase == .entries, stack.count == 2, stack[0].start.column == 1, stack[1].isMapping,
              stack[1].pendingKey == nil, let entries = stream?.entries else { return false }
        var keys: [String?] = []
        keys.reserveCapacity(entries)
        // The arrays read directly: `text(of:)` copied the whole builder for each key.
        let records = records, textBytes = textBytes, pending = pending
        var index = stack[1].firstPending
        while index < pending.count {
            let record = records[Int(pending[index])]
            keys.append(record.kind == .scalar ? YAMLDocument.text(textBytes, record) : nil)
            index += 2
        }
        stoppedAtSplit = split.accept(NodesSplit.FirstHalf(nodes: nodeCount, aliasExpansions: aliasExpansions,
                                                           entries: entries, keys: keys))
        return stoppedAtSplit
    }

    /// A key of the root (`depth` 0) or of the streamed mapping (1) has completed.
    private mutating func streamKeyArrived(_ key: Int32, depth: Int) {
        guard let phase = stream?.phase else { return }
        if depth == 1, phase == .entries {
            stream?.valueStart = (records.count, children.count, textBytes.count, marksDefined)
        } else if depth == 0, phase == .done {
            // A key after the streamed one: the sink was shown a root without it.
            stream?.phase = .inexact
        } else if depth == 0, phase == .waiting, records[Int(key)].kind == .scalar, text(of: key) == stream?.key {
            beginStream(key: key)
        }
    }

    /// Shows the sink the root as it stands: exact only when the pairs read so far are the ones
    /// the finished root will have before this key (no merge key, no repeated key, no anchor or
    /// tag on the root; a later key is caught when it arrives).
    private mutating func beginStream(key: Int32) {
        let frame = stack[0]
        var usable = frame.merges.isEmpty && frame.anchor == nil && frame.tag == nil
        var keys: Set<String> = [stream?.key ?? ""]
        var index = frame.firstPending
        while usable, index < pending.count {
            if let text = text(of: pending[index]) { usable = keys.insert(text).inserted }
            index += 2
        }
        guard usable, let sink = stream?.sink else {
            stream?.phase = .declined
            return
        }
        // A provisional root record over the pairs so far, and the key paired with itself.
        let firstChild = children.count
        children.append(contentsOf: pending[frame.firstPending...])
        children.append(key)
        children.append(key)
        let keyRecord = records[Int(key)]
        records.append(YAMLRecord(
            kind: .mapping, style: .plain, startLine: Int32(frame.start.line), startColumn: Int32(frame.start.column),
            endLine: keyRecord.endLine, endColumn: keyRecord.endColumn, payload: Int32(firstChild),
            count: Int32(children.count - firstChild), prefix: 0, hasTag: false))
        let root = Int32(records.count - 1)
        let begun = withDocument { sink.begin(root: YAMLNode(document: $0, index: root)) }
        records.removeLast()
        children.removeSubrange(firstChild...)
        stream?.phase = begun ? .begun : .declined
    }

    /// An entry of the streamed mapping has completed: passes it, then releases its value's
    /// records (the key stays, for duplicates and the key positions) unless they defined an
    /// anchor or a tag that a later node could use.
    private mutating func streamEntry(key: Int32, value: Int32) {
        guard var target = stream else { return }
        // Not appended: a repeated key of a small mapping, which reading whole drops.
        guard pending.last == value else {
            stream?.phase = .inexact
            return
        }
        target.entries += 1
        stream?.entries = target.entries
        guard target.entries <= target.maxEntries else {
            stream?.phase = .inexact
            return
        }
        let sink = target.sink
        withDocument { sink.entry(key: YAMLNode(document: $0, index: key), value: YAMLNode(document: $0, index: value)) }
        let start = target.valueStart
        let record = records[Int(value)]
        guard record.kind == .mapping, marksDefined == start.marks, Int(value) == records.count - 1 else { return }
        records.removeLast(records.count - start.records)
        children.removeLast(children.count - start.children)
        textBytes.removeLast(textBytes.count - start.text)
        records.append(record.emptied(childrenAt: Int32(children.count)))
        pending[pending.count - 1] = Int32(records.count - 1)
    }

    /// Calls `body` with a document over the arrays as they stand. Not inlined, so that the
    /// document, which shares the arrays, is gone when it returns: the next append must not copy
    /// them.
    @inline(never)
    private func withDocument<T>(_ body: (YAMLDocument) -> T) -> T {
        body(YAMLDocument(file: file, records: records, textBytes: textBytes, tags: tags, children: children,
                          fileName: fileName))
    }

    /// Mappings up to this many pairs are checked for duplicates as each key arrives; larger
    /// ones (the `nodes:` of a big flow) once at their end, with a table sized for them.
    private static let linearKeys = 8

    private mutating func addPair(key: Int32, value: Int32, into top: Int) {
        let firstPending = stack[top].firstPending
        let pairCount = (pending.count - firstPending) / 2
        if pairCount >= Self.linearKeys {
            stack[top].checkAtEnd = true
        } else if let earlier = Self.earlierKey(like: key, records: records, textBytes: textBytes, pending: pending, from: firstPending) {
            reportDuplicate(key, earlier: earlier, text: text(of: key) ?? "")
            return
        }
        pending.append(key)
        pending.append(value)
    }

    private mutating func reportDuplicate(_ key: Int32, earlier: Int32, text: String) {
        diagnostics.append(Diagnostic(
            .duplicateKey, "key '\(text)' appears twice in this mapping; remove or rename one (YAML would silently keep only one)",
            at: range(of: key),
            notes: [DiagnosticNote("first '\(text)' is here", at: range(of: earlier))]))
    }

    /// Drops every pair whose key came earlier in the mapping, keeping the first, and reports it.
    /// Returns the position of each scalar key among the pairs that remain, which the decoder
    /// reuses (a flow's `nodes:` need not be hashed twice).
    private mutating func removeDuplicates(_ frame: Frame) -> NameTable {
        let pairs = (pending.count - frame.firstPending) / 2
        var position = NameTable(capacity: pairs)
        // The kept keys' texts, by position (a key that is no scalar holds ""; it is never looked at).
        var keys: [String] = []
        keys.reserveCapacity(pairs)
        var write = frame.firstPending
        var read = frame.firstPending
        while read < pending.count {
            let key = pending[read], value = pending[read + 1]
            read += 2
            if let text = text(of: key) {
                // One hash per key; a repeated key keeps its first position.
                if let earlier = position.insert(text, at: keys.count, names: { keys[$0] }) {
                    reportDuplicate(key, earlier: pending[frame.firstPending + 2 * earlier], text: text)
                    continue
                }
                keys.append(text)
            } else {
                keys.append("")
            }
            pending[write] = key
            pending[write + 1] = value
            write += 2
        }
        pending.removeSubrange(write...)
        return position
    }

    private func range(of node: Int32) -> SourceRange {
        let record = records[Int(node)]
        return SourceRange(file: file, start: SourcePosition(line: Int(record.startLine), column: Int(record.startColumn)),
                           end: SourcePosition(line: Int(record.endLine), column: Int(record.endColumn)))
    }

    /// The earlier key of the open mapping (its pairs start at `firstPending`) that equals the
    /// scalar `key`, compared by signature first (see `KeySignature`) and by bytes only for long
    /// keys that match it. Static, with the arrays passed in: a method reading them through
    /// `self` made the compiler copy the whole builder on every pair.
    private static func earlierKey(like key: Int32, records: [YAMLRecord], textBytes: [UInt8], pending: [Int32],
                                   from firstPending: Int) -> Int32? {
        let keyRecord = records[Int(key)]
        guard keyRecord.kind == .scalar else { return nil }
        var index = firstPending
        while index < pending.count {
            let other = records[Int(pending[index])]
            if other.kind == .scalar, other.prefix == keyRecord.prefix, other.count == keyRecord.count,
               other.count <= 8 || YAMLDocument.sameText(textBytes, other, keyRecord) {
                return pending[index]
            }
            index += 2
        }
        return nil
    }

    /// `<<: *base` or `<<: [*a, *b]`: remembered now, applied when the mapping ends so that keys
    /// written in the mapping win wherever they stand.
    private mutating func addMerge(_ value: Int32, into top: Int) -> Bool {
        let record = records[Int(value)]
        var sources: [Int32]
        switch record.kind {
        case .mapping:
            sources = [value]
        case .sequence:
            sources = Array(children[Int(record.payload)..<Int(record.payload + record.count)])
            guard sources.allSatisfy({ records[Int($0)].kind == .mapping }) else { fallthrough }
        default:
            let description = YAMLNode(document: YAMLDocument(file: file, records: records, textBytes: textBytes, tags: tags, children: children, keyPositions: keyPositions),
                                       index: value).kindDescription
            fail(.yamlSyntax, "a merge key '<<' takes a mapping or a list of mappings, not \(description)",
                 at: SourcePosition(line: Int(record.startLine), column: Int(record.startColumn)))
            return false
        }
        stack[top].merges.append(contentsOf: sources)
        return true
    }

    private mutating func applyMerges(_ frame: Frame) {
        guard !frame.merges.isEmpty else { return }
        var present = Set<String>()
        var index = frame.firstPending
        while index < pending.count {
            if let t = text(of: pending[index]) { present.insert(t) }
            index += 2
        }
        for source in frame.merges {
            let record = records[Int(source)]
            var entry = Int(record.payload)
            while entry < Int(record.payload + record.count) {
                let key = children[entry], value = children[entry + 1]
                // Earlier sources win over later ones, explicit keys over all (YAML merge semantics).
                if let t = text(of: key), present.insert(t).inserted {
                    pending.append(key)
                    pending.append(value)
                }
                entry += 2
            }
        }
    }
}
