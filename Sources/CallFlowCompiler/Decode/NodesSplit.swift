import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        /// Entries of `nodes:` passed so far, and their keys' texts (nil: not a scalar).
        let entries: Int
        let keys: [String?]
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
    /// The main reading stopped at the split and took the second half.
    private(set) var taken = false
    /// Once taken: the position of each scalar key of `nodes:` among its entries, what the loader
    /// gives reading on one thread (`YAMLNode.keyPositions`), and the number of entries.
    private(set) var keyPositions = NameTable(capacity: 0)
    private(set) var entries = 0

    /// The split of `source`, or nil when it is smaller than `threshold` or no split line is
    /// found: a line after the first entry of a `nodes:` key at column 1, from the middle of the
    /// file on, whose first character is at the column of that first entry and may start a key.
    init?(_ source: SourceFile, threshold: Int, limits: InputLimits) {
        guard source.bytes.count >= threshold,
              let found = source.bytes.withUnsafeBufferPointer({ Self.point(in: $0) }) else { return nil }
        (offset, column) = found
        line = source.position(ofByte: offset).line - 1
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
        started = true
        group.enter()
        DispatchQueue.global().async { [self] in
            readSecondHalf()
            group.leave()
        }
    }

    private func readSecondHalf() {
        guard let sink = second?.sink else { return }
        // Line 1 of what it reads is the split line. The file's text is read in place, not copied
        // (a copy was 3.7 MiB of the peak of a 7.4 MiB file).
        let read = source.bytes.withUnsafeBufferPointer { bytes in
            YAMLLoader(limits: limits).loadSecondHalf(UnsafeBufferPointer(rebasing: bytes[offset...]), file: source.path,
                                                      lineOffset: line - 1, sink: sink)
        }
        second?.document = read.document
        second?.nodes = read.nodes
        second?.aliasExpansions = read.aliasExpansions
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
        guard first.keys.count == first.entries else { return false }
        var positions = NameTable(capacity: first.entries + pairs.count)
        // The second half's keys, made once: the table compares a new key with those it holds.
        let secondKeys = pairs.map { $0.key.scalarText }
        let key = { (position: Int) -> String in
            (position < first.entries ? first.keys[position] : secondKeys[position - first.entries]) ?? ""
        }
        for (index, name) in first.keys.enumerated() {
            if let name, positions.insert(name, at: index, names: key) != nil { return false }
        }
        for (index, name) in secondKeys.enumerated() {
            if let name, positions.insert(name, at: first.entries + index, names: key) != nil { return false }
        }
        keyPositions = positions
        entries = first.entries + pairs.count
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

    /// The split line in `bytes`: its offset and first character's column. Nil when there is
    /// none, or when a line break other than `\n` and `\r\n` comes before it (libyaml would count
    /// the lines otherwise).
    static func point(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, column: Int)? {
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
        // A lone `\r`, or NEL, LS or PS (C2 85, E2 80 A8, E2 80 A9), before the split (found with
        // `memchr`: scanning byte by byte was 39 M instructions of a 7 MiB file).
        func any(_ byte: UInt8, _ breaks: (Int) -> Bool) -> Bool {
            guard let base = bytes.baseAddress else { return false }
            var from = 0
            while from < lineStart, let hit = memchr(base + from, Int32(byte), lineStart - from) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if breaks(index) { return true }
                from = index + 1
            }
            return false
        }
        if any(UInt8(ascii: "\r"), { bytes[$0 + 1] != newline }) || any(0xC2, { bytes[$0 + 1] == 0x85 })
            || any(0xE2, { bytes[$0 + 1] == 0x80 && (bytes[$0 + 2] == 0xA8 || bytes[$0 + 2] == 0xA9) }) { return nil }
        return (lineStart, column)
    }
}
