import Foundation

/// The text of one input file, kept to print source lines under diagnostics.
public final class SourceFile: Sendable {
    /// The path as the user named it (relative paths stay relative), used in every message.
    public let path: String
    public let bytes: [UInt8]
    /// Byte offset where each line starts, in 32 bits (issue 17: as `[Int]`, 2 MiB of a 7.4 MiB
    /// file's 230,000 lines for as long as the compilation lives; now 1 MiB). Counting the lines
    /// first to reserve exactly cost a second pass over the bytes (70 M instructions on that
    /// file) for 0.1 MiB. Offsets past 4 GiB, which no file under the input limit reaches, are
    /// clamped rather than wrapped.
    private let lineStarts: [UInt32]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        var starts: [UInt32] = [0]
        // Line feeds found by `memchr` (a loop over the array's bytes cost 48 M instructions on
        // a 7.4 MiB file, issue 17); 32-bit starts, as files are at most 8 MiB.
        bytes.withUnsafeBufferPointer { buffer in
            var index = Self.lineFeed(in: buffer, from: 0)
            while index < buffer.count {
                starts.append(UInt32(clamping: index + 1))
                index = Self.lineFeed(in: buffer, from: index + 1)
            }
        }
        self.lineStarts = starts
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

    public var lineCount: Int { lineStarts.count }

    /// Line `number` (1-based) without its line break, or nil when out of range.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = Int(lineStarts[number - 1])
        var end = number < lineStarts.count ? Int(lineStarts[number]) : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The bytes of line `number` (1-based) without its line break, or nil when out of range:
    /// no copy, so a finding on a long line costs nothing until its excerpt is cut.
    public func lineBytes(_ number: Int) -> ArraySlice<UInt8>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = Int(lineStarts[number - 1])
        var end = number < lineStarts.count ? Int(lineStarts[number]) : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return bytes[start..<end]
    }

    /// Line and column (1-based, columns in characters) of a byte offset.
    public func position(ofByte offset: Int) -> SourcePosition {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if Int(lineStarts[mid]) <= offset { low = mid } else { high = mid - 1 }
        }
        let start = Int(lineStarts[low])
        let prefix = bytes[start..<min(offset, bytes.count)]
        // Count characters, not bytes: continuation bytes (10xxxxxx) do not start one.
        let column = prefix.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 } + 1
        return SourcePosition(line: low + 1, column: column)
    }
}
