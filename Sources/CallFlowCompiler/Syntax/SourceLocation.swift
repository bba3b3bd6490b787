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

/// A span of a source file: where a key, value or whole mapping starts and ends.
/// `end` is exclusive (the position just after the last character).
public struct SourceRange: Hashable, Sendable {
    public var file: String
    public var start: SourcePosition
    public var end: SourcePosition

    public init(file: String, start: SourcePosition, end: SourcePosition) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// A range that covers one position only (a caret without underline).
    public init(file: String, line: Int, column: Int) {
        self.init(file: file, start: SourcePosition(line: line, column: column),
                  end: SourcePosition(line: line, column: column + 1))
    }

    /// The range that starts `offset` characters after this one's start, for `length` characters,
    /// on the same line: a token inside a scalar.
    public func subrange(columnOffset offset: Int, length: Int) -> SourceRange {
        let start = SourcePosition(line: self.start.line, column: self.start.column + offset)
        return SourceRange(file: file, start: start,
                           end: SourcePosition(line: start.line, column: start.column + max(length, 1)))
    }
}
