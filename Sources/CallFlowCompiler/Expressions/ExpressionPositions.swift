/// Maps offsets in an expression's text (the decoded YAML scalar, in Unicode scalars) to the
/// exact place in the YAML file, so a finding underlines the offending token itself.
///
/// The scalar's source is decoded again here, recording where each character of the value comes
/// from: in plain scalars one character is one character; in single-quoted ones `''` is one
/// quote; in double-quoted ones an escape (`\"`, `\\`, `\n`, `\x41`, `\u00e9`, `\U0001F600`) is
/// one character written with several; a line break inside a scalar folds into a space (or, after
/// empty lines, into line breaks) and the next line's indentation is dropped; a double-quoted line
/// that ends with `\` joins the next one with nothing between them. Literal (`|`) and folded (`>`)
/// block scalars are read the same way, line by line, with their indentation removed.
///
/// The re-decoded text is compared with the value libyaml gave; should they ever differ (a form
/// this reader does not follow), every offset maps to the whole scalar, which is never wrong.
public struct ExpressionPositions: Sendable {
    public let scalar: SourceRange
    /// The source position of each character of the value, and one more for its end.
    private let positions: [SourcePosition]?
    /// Where the source of each character ends (after `\u00e9`, not after its backslash).
    private let ends: [SourcePosition]?

    public init(_ source: ExpressionSource, file: SourceFile?) {
        scalar = source.range
        guard let file, let decoded = Self.decode(source, file: file),
              decoded.text == Array(source.text.unicodeScalars) else {
            positions = nil
            ends = nil
            return
        }
        positions = decoded.positions
        ends = decoded.ends
    }

    /// True when offsets map to exact places (the scalar's source was followed).
    public var isExact: Bool { positions != nil }

    /// The file range of `offsets`: from the first character's place to just after the last's.
    /// An empty range (the end of the text, a missing token) covers one column.
    public func range(of offsets: Range<Int>) -> SourceRange {
        guard let positions, let ends, !positions.isEmpty else { return scalar }
        let count = positions.count - 1
        let lower = min(max(offsets.lowerBound, 0), count)
        let start = positions[lower]
        var end = SourcePosition(line: start.line, column: start.column + 1)
        let upper = min(offsets.upperBound, count)
        if upper > lower {
            end = ends[upper - 1]
        }
        return SourceRange(file: scalar.file, start: start, end: end)
    }

    // MARK: Re-decoding the scalar's source

    private struct Decoded {
        var text: [Unicode.Scalar] = []
        var positions: [SourcePosition] = []
        var ends: [SourcePosition] = []

        mutating func emit(_ c: Unicode.Scalar, at position: SourcePosition, length: Int = 1) {
            text.append(c)
            positions.append(position)
            ends.append(SourcePosition(line: position.line, column: position.column + length))
        }
    }

    /// One source line of the scalar: its characters and the column of the first.
    private struct Segment {
        var line: Int
        var characters: [Unicode.Scalar]
        var firstColumn: Int

        var isBlank: Bool { characters.allSatisfy { $0 == " " || $0 == "\t" } }

        func position(_ index: Int) -> SourcePosition {
            SourcePosition(line: line, column: firstColumn + index)
        }

        mutating func trimLeading() {
            let drop = characters.prefix { $0 == " " || $0 == "\t" }.count
            characters.removeFirst(drop)
            firstColumn += drop
        }

        mutating func trimTrailing() {
            while let last = characters.last, last == " " || last == "\t" { characters.removeLast() }
        }
    }

    private static func decode(_ source: ExpressionSource, file: SourceFile) -> Decoded? {
        let range = source.range
        guard range.start.line >= 1, range.end.line >= range.start.line else { return nil }
        switch source.style {
        case .plain:
            return flow(segments(range, file: file, startColumn: range.start.column, endColumn: range.end.column),
                        quoted: false, escapes: false)
        case .singleQuoted, .doubleQuoted:
            // Between the quotes: the opening one at the start, the closing one just before the end.
            return flow(segments(range, file: file, startColumn: range.start.column + 1, endColumn: range.end.column - 1),
                        quoted: true, escapes: source.style == .doubleQuoted)
        case .literal, .folded:
            return block(source, file: file)
        }
    }

    /// The scalar's source lines from `startColumn` on its first line to before `endColumn` on its last.
    private static func segments(_ range: SourceRange, file: SourceFile, startColumn: Int, endColumn: Int) -> [Segment]? {
        var result: [Segment] = []
        for number in range.start.line...range.end.line {
            guard let text = file.line(number) else { return nil }
            var characters = Array(text.unicodeScalars)
            var first = 1
            if number == range.end.line {
                guard endColumn - 1 <= characters.count, endColumn >= 1 else { return nil }
                characters = Array(characters[..<(endColumn - 1)])
            }
            if number == range.start.line {
                guard startColumn - 1 <= characters.count else { return nil }
                characters = Array(characters[(startColumn - 1)...])
                first = startColumn
            }
            result.append(Segment(line: number, characters: characters, firstColumn: first))
        }
        return result
    }

    /// Flow scalars (plain, single- and double-quoted): line folding, `''` and escapes.
    private static func flow(_ segments: [Segment]?, quoted: Bool, escapes: Bool) -> Decoded? {
        guard var segments, !segments.isEmpty else { return nil }
        var decoded = Decoded()
        let lastIndex = segments.count - 1
        for index in segments.indices {
            if index > 0 { segments[index].trimLeading() }
            if index < lastIndex || !quoted { segments[index].trimTrailing() }
        }
        var emptyLines = 0
        var joinWithNothing = false
        var breakPosition: SourcePosition?
        for (index, segment) in segments.enumerated() {
            if index > 0, index < lastIndex, segment.characters.isEmpty {
                emptyLines += 1
                continue
            }
            if index > 0, let at = breakPosition {
                if emptyLines > 0 {
                    for _ in 0..<emptyLines { decoded.emit("\n", at: at) }
                } else if !joinWithNothing {
                    decoded.emit(" ", at: at)
                }
            }
            emptyLines = 0
            joinWithNothing = false
            var i = 0
            let chars = segment.characters
            while i < chars.count {
                let c = chars[i]
                if quoted && !escapes && c == "'" {
                    guard i + 1 < chars.count, chars[i + 1] == "'" else { return nil }
                    decoded.emit("'", at: segment.position(i), length: 2)
                    i += 2
                } else if escapes && c == "\\" {
                    if i + 1 == chars.count {
                        // An escaped line break: the next line follows with nothing between.
                        joinWithNothing = true
                        i += 1
                        continue
                    }
                    guard let (value, length) = escape(chars, at: i) else { return nil }
                    decoded.emit(value, at: segment.position(i), length: length)
                    i += length
                } else {
                    decoded.emit(c, at: segment.position(i))
                    i += 1
                }
            }
            breakPosition = segment.position(chars.count)
        }
        decoded.positions.append(segments[lastIndex].position(segments[lastIndex].characters.count))
        return decoded
    }

    /// The value and source length of the escape at `chars[index]` (a backslash).
    private static func escape(_ chars: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar, Int)? {
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "0": "\u{0}", "a": "\u{7}", "b": "\u{8}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{B}", "f": "\u{C}",
            "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
            "L": "\u{2028}", "P": "\u{2029}",
        ]
        let code = chars[index + 1]
        if let value = simple[code] { return (value, 2) }
        let digits = code == "x" ? 2 : code == "u" ? 4 : code == "U" ? 8 : 0
        guard digits > 0, index + 2 + digits <= chars.count else { return nil }
        let hex = String(String.UnicodeScalarView(chars[(index + 2)..<(index + 2 + digits)]))
        guard let number = UInt32(hex, radix: 16), let value = Unicode.Scalar(number) else { return nil }
        return (value, 2 + digits)
    }

    /// Block scalars: the lines after the header, their common indentation removed; literal ones
    /// keep their line breaks, folded ones turn a break between two lines into a space.
    private static func block(_ source: ExpressionSource, file: SourceFile) -> Decoded? {
        let range = source.range
        guard let header = file.line(range.start.line) else { return nil }
        // An explicit indentation indicator (`|2`) is rare in conditions: leave those to the fallback.
        let headerText = header.unicodeScalars.dropFirst(range.start.column - 1).prefix { $0 != " " && $0 != "#" }
        guard !headerText.contains(where: { ("1"..."9").contains($0) }) else { return nil }
        let lastLine = range.end.column == 1 ? range.end.line - 1 : range.end.line
        guard lastLine > range.start.line else { return nil }
        var lines: [Segment] = []
        for number in (range.start.line + 1)...lastLine {
            guard let text = file.line(number) else { return nil }
            lines.append(Segment(line: number, characters: Array(text.unicodeScalars), firstColumn: 1))
        }
        guard let firstContent = lines.first(where: { !$0.isBlank }) else { return nil }
        let indent = firstContent.characters.prefix { $0 == " " }.count
        var decoded = Decoded()
        var pendingBreaks: [SourcePosition] = []
        var previousEnd: SourcePosition?
        var previousMoreIndented = false
        for var line in lines {
            if line.isBlank && line.characters.count <= indent {
                pendingBreaks.append(previousEnd ?? SourcePosition(line: line.line, column: 1))
                continue
            }
            guard line.characters.prefix(indent).allSatisfy({ $0 == " " }) else { return nil }
            line.characters.removeFirst(min(indent, line.characters.count))
            line.firstColumn += indent
            // Folding joins two lines with a space, except around more-indented lines.
            let moreIndented = line.characters.first == " " || line.characters.first == "\t"
            if let previousEnd {
                if source.style == .literal || moreIndented || previousMoreIndented {
                    decoded.emit("\n", at: previousEnd)
                    for at in pendingBreaks { decoded.emit("\n", at: at) }
                } else if pendingBreaks.isEmpty {
                    decoded.emit(" ", at: previousEnd)
                } else {
                    for at in pendingBreaks { decoded.emit("\n", at: at) }
                }
            }
            pendingBreaks = []
            for (i, c) in line.characters.enumerated() { decoded.emit(c, at: line.position(i)) }
            previousEnd = line.position(line.characters.count)
            previousMoreIndented = moreIndented
        }
        guard let previousEnd else { return nil }
        // Chomping: the value may end with line breaks; they belong to the last line.
        var end = previousEnd
        let trailing = source.text.unicodeScalars.reversed().prefix { $0 == "\n" }.count
        for _ in 0..<trailing {
            decoded.emit("\n", at: end)
            end = SourcePosition(line: end.line, column: end.column + 1)
        }
        decoded.positions.append(end)
        return decoded
    }
}
