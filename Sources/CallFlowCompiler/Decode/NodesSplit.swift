import Dispatch

/// One large file's `nodes:` read and decoded on two cores (issue 17, branch split17).
///
/// The file is cut at an entry of `nodes:` near its middle. Once the head is decoded (the
/// streaming decoder's `begin`), another thread reads the text from the split line on with its
/// own libyaml parser, behind a `nodes:` line so that its parser is in the state the whole file's
/// is at that line, and decodes its entries with a decoder made from the head's state. The main
/// thread reads and decodes up to the split, and there takes the second half only when it gives
/// exactly what reading on gives (`accept`, and docs/decisions.md "Issue 17: one file's `nodes:`
/// on two cores"); otherwise it reads on itself, as without a split.
final class NodesSplit: @unchecked Sendable {
    /// Files from this size are split when the driver allows it (`Driver.splitsLargeFiles`).
    static let threshold = 256 << 10

    /// The main reading's state at the split.
    struct FirstHalf {
        /// YAML nodes and alias expansions counted so far (the limits are the whole file's).
        let nodes: Int
        let aliasExpansions: Int
        /// Entries of `nodes:` passed so far, and their keys' texts.
        let entries: Int
        let keys: [String]
    }

    /// libyaml's line (0-based) and column of the second half's first key.
    let line: Int
    let column: Int
    /// Where the split line starts in the file.
    private let offset: Int
    private let source: SourceFile
    private let limits: InputLimits
    private let group = DispatchGroup()
    private var started = false
    /// Written by the second thread before it leaves `group`; read after waiting for it.
    private var second: (decoder: FlowDecoder, sink: HalfSink, document: LoadedDocument?, nodes: Int, aliasExpansions: Int)?
    private var bytes: [UInt8] = []
    /// The main reading stopped at the split and took the second half.
    private(set) var taken = false

    /// The split of `source`, or nil when it is smaller than `threshold` or no split line is
    /// found: a line after the first entry of a `nodes:` key at column 1, from the middle of the
    /// file on, whose first character is at the column of that first entry and may start a key.
    init?(_ source: SourceFile, threshold: Int, limits: InputLimits) {
        guard source.bytes.count >= threshold,
              let found = source.bytes.withUnsafeBufferPointer({ Self.point(in: $0) }) else { return nil }
        (offset, line, column) = found
        self.source = source
        self.limits = limits
    }

    /// Starts reading the second half on another thread, with a decoder in `head`'s state.
    func start(from head: FlowDecoder) {
        let decoder = FlowDecoder(limits: limits, fileSystem: SourceReader(limits: limits))
        decoder.sources = head.sources
        decoder.resources = head.resources
        decoder.prompting = head.prompting
        decoder.queuesByName = head.queuesByName
        second = (decoder, HalfSink(decoder), nil, 0, 0)
        bytes = Array("nodes:\n".utf8)
        bytes.reserveCapacity(bytes.count + source.bytes.count - offset)
        bytes.append(contentsOf: source.bytes[offset...])
        started = true
        group.enter()
        DispatchQueue.global().async { [self] in
            readSecondHalf()
            group.leave()
        }
    }

    private func readSecondHalf() {
        guard let sink = second?.sink else { return }
        // Line 1 of `bytes` is the split line.
        let read = YAMLLoader(limits: limits).loadSecondHalf(bytes, file: source.path, lineOffset: line - 1, sink: sink)
        second?.document = read.document
        second?.nodes = read.nodes
        second?.aliasExpansions = read.aliasExpansions
        bytes = []
    }

    /// Waits for the second thread, if one was started.
    func join() {
        if started { group.wait() }
    }

    /// The main reading reached the split as the split expects; whether it stops there: only when
    /// the second half read without any fatal finding, as one document whose root is `nodes:`
    /// alone, streamed exactly, and with the first half within every limit of the whole file and
    /// no key of `nodes:` written twice.
    func accept(_ first: FirstHalf) -> Bool {
        guard started else { return false }
        join()
        guard let second, let root = second.document?.root, second.document?.stream == .exact,
              root.mappingPairs?.count == 1, let pairs = root.pair(forKey: "nodes")?.value.mappingPairs,
              first.entries + pairs.count <= limits.maxNodes,
              first.nodes + second.nodes <= limits.maxYAMLNodes,
              first.aliasExpansions + second.aliasExpansions <= limits.maxAliasExpansions else { return false }
        var keys = Set<String>(minimumCapacity: first.keys.count + pairs.count)
        for key in first.keys where !keys.insert(key).inserted { return false }
        for pair in pairs {
            if let key = pair.key.scalarText, !keys.insert(key).inserted { return false }
        }
        taken = true
        return true
    }

    /// The second half's loader findings, its decoder's findings, nodes and broken nodes (once taken).
    var secondHalfDiagnostics: [Diagnostic] { second?.document?.diagnostics ?? [] }
    var secondHalf: (diagnostics: [Diagnostic], nodes: [FlowNode], brokenNodes: Set<String>) {
        guard let second else { return ([], [], []) }
        return (second.decoder.bag.diagnostics, second.sink.nodes, second.decoder.brokenNodes)
    }

    /// Decodes the second half's entries as they complete.
    final class HalfSink: YAMLEntrySink {
        let decoder: FlowDecoder
        var nodes: [FlowNode] = []

        init(_ decoder: FlowDecoder) {
            self.decoder = decoder
        }

        func begin(root: YAMLNode) -> Bool { true }

        func entry(key: YAMLNode, value: YAMLNode) {
            decoder.decodeEntry(key: key, value: value, into: &nodes)
        }
    }

    /// The split line in `bytes`: its offset, line (0-based) and first character's column. Nil
    /// when there is none, or when a line break other than `\n` and `\r\n` comes before it (libyaml
    /// would count the lines otherwise).
    static func point(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, line: Int, column: Int)? {
        let newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        func nextLine(_ from: Int) -> Int {
            var index = from
            while index < bytes.count, bytes[index] != newline { index += 1 }
            return index + 1
        }
        func indentation(_ start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] == space { index += 1 }
            return index - start
        }
        func startsKey(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        // `nodes:` at the start of a line.
        let key = Array("nodes:".utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            let after = lineStart + key.count
            if after < bytes.count, bytes[lineStart..<after].elementsEqual(key),
               bytes[after] == space || bytes[after] == newline || bytes[after] == UInt8(ascii: "\r") { break }
            lineStart = nextLine(lineStart)
        }
        guard lineStart < bytes.count else { return nil }
        // Its first entry: the first line with text that is not a comment.
        var column = 0
        repeat {
            lineStart = nextLine(lineStart)
            guard lineStart < bytes.count else { return nil }
            column = indentation(lineStart)
        } while lineStart + column >= bytes.count
            || [newline, UInt8(ascii: "\r"), UInt8(ascii: "#")].contains(bytes[lineStart + column])
        guard column > 0, startsKey(bytes[lineStart + column]) else { return nil }
        // From the middle on (after the first entry), the first line with a key at that column.
        lineStart = nextLine(max(lineStart, bytes.count / 2 - 1))
        while lineStart < bytes.count {
            let first = lineStart + indentation(lineStart)
            if first - lineStart == column, first < bytes.count, startsKey(bytes[first]) { break }
            lineStart = nextLine(lineStart)
        }
        guard lineStart < bytes.count else { return nil }
        var line = 0
        var index = 0
        while index < lineStart {
            switch bytes[index] {
            case newline: line += 1
            case UInt8(ascii: "\r") where bytes[index + 1] != newline: return nil
            case 0xC2 where bytes[index + 1] == 0x85: return nil
            case 0xE2 where bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): return nil
            default: break
            }
            index += 1
        }
        return (lineStart, line, column)
    }
}
