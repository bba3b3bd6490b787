/// A position in a source file, 1-based as editors show it.
///
/// Stored as 32-bit numbers: every key, value and outcome of a flow carries ranges, and a flow of
/// 60,000 nodes holds millions of them (a line or column past 4 billion is refused long before,
/// by the 8 MiB file limit).
public struct SourcePosition: Hashable, Comparable, Sendable {
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.storedLine, a.storedColumn) < (b.storedLine, b.storedColumn)
    }
}

/// The path of one file read, as the user named it: made once per file when it is read
/// (`YAMLDocument`) and shared by every range in that file. It belongs to the compilation that
/// read the file and goes with it: there is no process-wide table of files (issue 10), and
/// reading a range's path takes no lock.
final class FileName: Sendable {
    let path: String

    init(_ path: String) {
        self.path = path
    }
}

/// A span of a source file: where a key, value or whole mapping starts and ends.
/// `end` is exclusive (the position just after the last character).
///
/// The file is kept as a reference to its `FileName`: every key, value and outcome of a flow has
/// a range, and a path string in each would cost memory and a string's reference count on every
/// copy. Two ranges are equal when their positions are and their files have the same path.
public struct SourceRange: Hashable, Sendable {
    let fileName: FileName
    public var start: SourcePosition
    public var end: SourcePosition

    /// The file's path as the user named it.
    public var file: String { fileName.path }

    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.init(fileName: FileName(file), start: start, end: end)
    }

    init(fileName: FileName, start: SourcePosition, end: SourcePosition) {
        self.fileName = fileName
        self.start = start
        self.end = end
    }

    public static func == (a: SourceRange, b: SourceRange) -> Bool {
        a.start == b.start && a.end == b.end && a.isInSameFile(as: b)
    }

    /// The positions only: equal ranges have equal positions, and ranges of two files rarely share them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
    }

    /// A range that covers one position only (a caret without underline).
    public init(file: String, line: Int, column: Int) {
        self.init(file: file, start: SourcePosition(line: line, column: column),
                  end: SourcePosition(line: line, column: column + 1))
    }

    /// True when both ranges are in the same file.
    public func isInSameFile(as other: SourceRange) -> Bool {
        fileName === other.fileName || fileName.path == other.fileName.path
    }

    /// The range that starts `offset` characters after this one's start, for `length` characters,
    /// on the same line: a token inside a scalar.
    public func subrange(columnOffset offset: Int, length: Int) -> SourceRange {
        let start = SourcePosition(line: self.start.line, column: self.start.column + offset)
        return SourceRange(fileName: fileName, start: start,
                           end: SourcePosition(line: start.line, column: start.column + max(length, 1)))
    }

    /// The same file, other positions.
    public func with(start: SourcePosition, end: SourcePosition) -> SourceRange {
        SourceRange(fileName: fileName, start: start, end: end)
    }
}
