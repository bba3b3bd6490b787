import Foundation
import Synchronization

/// The text of one input file, kept to print source lines under diagnostics.
///
/// `callflow lint` releases the text of a file read from disk once it is decoded
/// (`releaseBytes`, issue 17: 7.4 MiB of a 7.4 MiB file held through every check for one or two
/// source lines); its lines are then read back from the file, while it has the identity it was
/// read with (`FileIdentity`), a window at a time. Text given in memory is always kept.
public final class SourceFile: Sendable {
    /// The path as the user named it (relative paths stay relative), used in every message.
    public let path: String
    /// Byte offset where every `linesPerBlock`th line starts (lines 1, 65, 129, ...), in 32 bits;
    /// a line is found from its block's start with `memchr`. (Issue 17: every line's start as
    /// `[Int]` was 2 MiB of a 7.4 MiB file's 230,000 lines for as long as the compilation lives,
    /// as `[UInt32]` 1 MiB, this index 14 KiB.) Offsets past 4 GiB, which no file under the input
    /// limit reaches, are clamped rather than wrapped.
    private let blockStarts: [UInt32]
    public let lineCount: Int
    static let linesPerBlock = 64
    /// The text's length, also once it is released.
    private let byteCount: Int
    /// The file on disk the text was read from, whole; nil for text given in memory.
    let identity: FileIdentity?
    private let text: Mutex<Text>

    /// The text, or once released what was last read back of it.
    private struct Text {
        var bytes: [UInt8]?
        var window: [UInt8] = []
        var windowOffset = 0
        /// Set by the first read-back that failed: every later one fails too, so a file that
        /// changes while findings are printed does not show some lines and not others.
        var unavailable: TextUnavailable?
        /// The line found last and its bytes with their line break: the findings on one line,
        /// and the next lines, are found without searching the block again (a file with every
        /// node on one line has tens of thousands of findings on it).
        var lastLine: (number: Int, range: Range<Int>)?
    }

    /// Bytes read back at a time from a released file: findings are printed in line order, so
    /// most of them find their line in the window the previous one read.
    static let window = 64 * 1024

    public convenience init(path: String, bytes: [UInt8]) {
        self.init(path: path, bytes: bytes, identity: nil)
    }

    init(path: String, bytes: [UInt8], identity: FileIdentity?) {
        self.path = path
        self.byteCount = bytes.count
        self.identity = identity?.size == bytes.count ? identity : nil
        var starts: [UInt32] = [0]
        var lines = 1
        // Line feeds found by `memchr` (a loop over the array's bytes cost 48 M instructions on
        // a 7.4 MiB file, issue 17); 32-bit starts, as files are at most 8 MiB.
        bytes.withUnsafeBufferPointer { buffer in
            var index = Self.lineFeed(in: buffer, from: 0)
            while index < buffer.count {
                if lines % Self.linesPerBlock == 0 { starts.append(UInt32(clamping: index + 1)) }
                lines += 1
                index = Self.lineFeed(in: buffer, from: index + 1)
            }
        }
        self.blockStarts = starts
        self.lineCount = lines
        self.text = Mutex(Text(bytes: bytes))
    }

    /// The text as read. After `releaseBytes` it is read back whole (empty when the file
    /// changed); only decoding reads it, and a file is released after its decode.
    public var bytes: [UInt8] {
        if let bytes = text.withLock({ $0.bytes }) { return bytes }
        guard let identity, (text.withLock { $0.unavailable }) == nil else { return [] }
        return (try? identity.readBack(path, offset: 0, count: byteCount).get()) ?? []
    }

    /// Drops the text of a file read whole from disk (`SourceReader`); its lines are read back
    /// when asked for. Text given in memory is kept. Returns whether it was released.
    @discardableResult
    func releaseBytes() -> Bool {
        guard identity != nil else { return false }
        text.withLock { $0.bytes = nil }
        return true
    }

    /// False once the text was released.
    var holdsBytes: Bool { text.withLock { $0.bytes != nil } }

    /// Why the lines of a released file could not be read back, once a read-back failed.
    public var textUnavailable: TextUnavailable? {
        text.withLock { $0.unavailable }
    }

    /// The offset of the first line feed at or after `start`, or `bytes.count` when there is none.
    static func lineFeed(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return bytes.count }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    public convenience init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Line `number` (1-based) without its line break, or nil when out of range (or when the
    /// released file's lines cannot be read back: `textUnavailable`).
    public func line(_ number: Int) -> String? {
        lineBytes(number).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of line `number` (1-based) without its line break, or nil when out of range
    /// (or unavailable, as `line`): no copy, so a finding on a long line costs nothing until its
    /// excerpt is cut.
    public func lineBytes(_ number: Int) -> ArraySlice<UInt8>? {
        guard number >= 1, number <= lineCount, let range = lineRange(number), let bytes = slice(range) else { return nil }
        var last = bytes.endIndex
        while last > bytes.startIndex, bytes[last - 1] == UInt8(ascii: "\n") || bytes[last - 1] == UInt8(ascii: "\r") {
            last -= 1
        }
        return bytes[bytes.startIndex..<last]
    }

    /// Line and column (1-based, columns in characters) of a byte offset.
    public func position(ofByte offset: Int) -> SourcePosition {
        var low = 0, high = blockStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(blockStarts[mid]) <= offset { low = mid } else { high = mid - 1 }
        }
        let start = Int(blockStarts[low])
        var line = low * Self.linesPerBlock + 1
        guard let prefix = slice(start..<max(start, min(offset, byteCount))) else { return SourcePosition(line: line, column: 1) }
        // The block's lines before the offset, then its line's characters before it.
        var lineStart = 0
        prefix.withUnsafeBufferPointer { buffer in
            var index = Self.lineFeed(in: buffer, from: 0)
            while index < buffer.count {
                line += 1
                lineStart = index + 1
                index = Self.lineFeed(in: buffer, from: index + 1)
            }
        }
        // Count characters, not bytes: continuation bytes (10xxxxxx) do not start one.
        let column = prefix.dropFirst(lineStart).reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 } + 1
        return SourcePosition(line: line, column: column)
    }

    /// The offsets of line `number` (1-based, in range) with its line break: searched for from
    /// its block's start, or from the line found last when that is an earlier line of the block.
    private func lineRange(_ number: Int) -> Range<Int>? {
        let last = text.withLock { $0.lastLine }
        if let last, last.number == number { return last.range }
        let block = (number - 1) / Self.linesPerBlock
        let blockStart = Int(blockStarts[block])
        let blockEnd = block + 1 < blockStarts.count ? Int(blockStarts[block + 1]) : byteCount
        guard let bytes = slice(blockStart..<blockEnd) else { return nil }
        var line = block * Self.linesPerBlock + 1, start = blockStart
        if let last, last.number < number, last.number >= line {
            line = last.number + 1
            start = last.range.upperBound
        }
        let range = bytes.withUnsafeBufferPointer { buffer -> Range<Int> in
            var index = start - blockStart
            while line < number {
                index = min(Self.lineFeed(in: buffer, from: index) + 1, buffer.count)
                line += 1
            }
            let end = min(Self.lineFeed(in: buffer, from: index) + 1, buffer.count)
            return (blockStart + index) ..< (blockStart + end)
        }
        text.withLock { $0.lastLine = (number, range) }
        return range
    }

    /// The bytes at `range` of the text: from the text while it is held, else from the window
    /// read back last, else from a new window read back from `range`'s start.
    private func slice(_ range: Range<Int>) -> ArraySlice<UInt8>? {
        text.withLock { text -> ArraySlice<UInt8>? in
            if let bytes = text.bytes { return bytes[range] }
            guard text.unavailable == nil, let identity else { return nil }
            // A window read while the file had its identity holds the lines linted.
            let offset = text.windowOffset
            if range.lowerBound >= offset, range.upperBound <= offset + text.window.count {
                return text.window[range.lowerBound - offset ..< range.upperBound - offset]
            }
            let count = min(max(range.count, Self.window), byteCount - range.lowerBound)
            switch identity.readBack(path, offset: range.lowerBound, count: count) {
            case .success(let window):
                text.window = window
                text.windowOffset = range.lowerBound
                return window[0..<range.count]
            case .failure(let reason):
                text.window = []
                text.unavailable = reason
                return nil
            }
        }
    }
}
