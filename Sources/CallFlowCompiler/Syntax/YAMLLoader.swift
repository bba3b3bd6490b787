import CYAML

/// The document of one YAML file and what was found wrong while reading it.
public struct LoadedDocument: Sendable {
    /// The document's root; nil when the file is empty or could not be read at all.
    public var root: YAMLNode?
    public var diagnostics: [Diagnostic]
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
        source.bytes.withUnsafeBufferPointer { buffer in
            builder.run(buffer)
        }
        return LoadedDocument(root: builder.root, diagnostics: builder.diagnostics)
    }
}

/// Turns libyaml's events into `YAMLNode`s. One per file; not shared between threads.
private struct TreeBuilder {
    let file: String
    let limits: InputLimits
    var root: YAMLNode?
    var diagnostics: [Diagnostic] = []

    private var stack: [Frame] = []
    private var anchors: [String: YAMLNode] = [:]
    private var nodeCount = 0
    private var aliasExpansions = 0
    private var documents = 0

    /// A sequence or mapping whose end event has not arrived yet.
    private struct Frame {
        var isMapping: Bool
        var start: SourcePosition
        var anchor: String?
        var tag: String?
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var merges: [YAMLNode] = []
        /// Built once a mapping grows past a few keys, so duplicate detection stays linear.
        var keyIndex: [String: Int]?
        var size = 1
    }

    init(file: String, limits: InputLimits) {
        self.file = file
        self.limits = limits
    }

    /// Stops at the first fatal problem (syntax error or a limit) by returning.
    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            fail(.yamlSyntax, "libyaml could not start (out of memory)", at: position(line: 0, column: 0))
            return
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                reportSyntaxError(parser, buffer)
                return
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return }
            if !handle(&event) { return }
        }
    }

    private func position(line: Int, column: Int) -> SourcePosition {
        SourcePosition(line: line + 1, column: column + 1)
    }

    private func position(_ mark: yaml_mark_t) -> SourcePosition {
        position(line: Int(mark.line), column: Int(mark.column))
    }

    private mutating func fail(_ check: CheckDescriptor, _ message: String, at start: SourcePosition,
                               notes: [DiagnosticNote] = []) {
        let range = SourceRange(file: file, line: start.line, column: start.column)
        diagnostics.append(Diagnostic(check, message, at: range, notes: notes))
        root = nil
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
        if problem.contains("tab") || (index < buffer.count && buffer[index] == UInt8(ascii: "\t")) {
            message += "; indent with spaces, YAML does not allow tabs there"
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
        let start = position(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                fail(.yamlSyntax, "a second YAML document starts here; a flow file holds one document", at: start)
                return false
            }
            return true
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)),
                              as: UTF8.self)
            let style: ScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let range = SourceRange(file: file, start: start, end: position(event.end_mark))
            let node = YAMLNode(content: .scalar(text, style), range: range, tag: Self.string(data.tag))
            return complete(node, anchor: Self.string(data.anchor))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count >= limits.maxDepth {
                fail(.inputLimit, "nesting deeper than \(limits.maxDepth) levels; flatten the structure", at: start)
                return false
            }
            let anchor = isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
            let tag = isMapping ? Self.string(event.data.mapping_start.tag) : Self.string(event.data.sequence_start.tag)
            stack.append(Frame(isMapping: isMapping, start: start, anchor: anchor, tag: tag))
            return count(nodes: 1, at: start)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            var frame = stack.removeLast()
            let range = SourceRange(file: file, start: frame.start, end: position(event.end_mark))
            let content: YAMLNode.Content
            if frame.isMapping {
                applyMerges(&frame)
                content = .mapping(frame.pairs)
            } else {
                content = .sequence(frame.items)
            }
            return complete(YAMLNode(content: content, range: range, tag: frame.tag, size: frame.size),
                            anchor: frame.anchor, counted: true)
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
            guard count(nodes: anchored.size, at: start) else { return false }
            // The alias stands where it is written: point there, keep the anchored content.
            let node = YAMLNode(content: anchored.content, range: SourceRange(file: file, start: start, end: position(event.end_mark)),
                                tag: anchored.tag, size: anchored.size)
            return complete(node, anchor: nil, counted: true)
        default:
            return true
        }
    }

    private mutating func count(nodes: Int, at start: SourcePosition) -> Bool {
        nodeCount += nodes
        if nodeCount > limits.maxYAMLNodes {
            fail(.inputLimit, "more than \(limits.maxYAMLNodes) YAML nodes (aliases expanded); split the flow or remove repeated aliases", at: start)
            return false
        }
        return true
    }

    /// Adds a finished node to its parent (or makes it the root).
    private mutating func complete(_ node: YAMLNode, anchor: String?, counted: Bool = false) -> Bool {
        if !counted, !count(nodes: 1, at: node.range.start) { return false }
        if let anchor { anchors[anchor] = node }
        guard !stack.isEmpty else {
            root = node
            return true
        }
        let top = stack.count - 1
        stack[top].size += node.size
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return true
        }
        guard let key = stack[top].pendingKey else {
            stack[top].pendingKey = node
            return true
        }
        stack[top].pendingKey = nil
        if case .scalar("<<", .plain) = key.content, key.tag == nil {
            return addMerge(node, into: top)
        }
        addPair(YAMLPair(key: key, value: node), into: top)
        return true
    }

    private mutating func addPair(_ pair: YAMLPair, into top: Int) {
        guard let text = pair.key.scalarText else {
            stack[top].pairs.append(pair)
            return
        }
        if let first = firstIndex(ofKey: text, in: stack[top]) {
            let earlier = stack[top].pairs[first].key
            diagnostics.append(Diagnostic(
                .duplicateKey, "key '\(text)' appears twice in this mapping; remove or rename one (YAML would silently keep only one)",
                at: pair.key.range,
                notes: [DiagnosticNote("first '\(text)' is here", at: earlier.range)]))
            return
        }
        stack[top].pairs.append(pair)
        let index = stack[top].pairs.count - 1
        if stack[top].keyIndex != nil {
            stack[top].keyIndex![text] = index
        } else if index >= 8 {
            var keyIndex: [String: Int] = [:]
            for (i, p) in stack[top].pairs.enumerated() {
                if let t = p.key.scalarText, keyIndex[t] == nil { keyIndex[t] = i }
            }
            stack[top].keyIndex = keyIndex
        }
    }

    private func firstIndex(ofKey text: String, in frame: Frame) -> Int? {
        if let keyIndex = frame.keyIndex { return keyIndex[text] }
        return frame.pairs.firstIndex { $0.key.scalarText == text }
    }

    /// `<<: *base` or `<<: [*a, *b]`: remembered now, applied when the mapping ends so that keys
    /// written in the mapping win wherever they stand.
    private mutating func addMerge(_ value: YAMLNode, into top: Int) -> Bool {
        let sources: [YAMLNode]
        switch value.content {
        case .mapping: sources = [value]
        case .sequence(let items) where items.allSatisfy({ $0.mappingPairs != nil }): sources = items
        default:
            fail(.yamlSyntax, "a merge key '<<' takes a mapping or a list of mappings, not \(value.kindDescription)", at: value.range.start)
            return false
        }
        stack[top].merges.append(contentsOf: sources)
        return true
    }

    private func applyMerges(_ frame: inout Frame) {
        guard !frame.merges.isEmpty else { return }
        var present = Set(frame.pairs.compactMap { $0.key.scalarText })
        for source in frame.merges {
            for pair in source.mappingPairs ?? [] {
                guard let text = pair.key.scalarText else { continue }
                // Earlier sources win over later ones, explicit keys over all (YAML merge semantics).
                if present.insert(text).inserted { frame.pairs.append(pair) }
            }
        }
    }
}
