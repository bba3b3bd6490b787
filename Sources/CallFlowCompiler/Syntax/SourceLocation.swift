/// A position in a source file, 1-based as editors show it.
public struct SourcePosition: Hashable, Comparable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
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
