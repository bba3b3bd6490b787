/// Splits an expression into tokens (the lexical rules of grammar/expression.ebnf).
///
/// - strings: `"..."` with `\"` and `\\` as the only escapes;
/// - numbers: `12`, `2.5`, `-3` (a minus sign directly before a digit);
/// - durations: digits followed by units in the order h, m, s (`5m`, `1m30s`, `1h`);
/// - names: identifiers (`[a-z][a-z0-9_-]*`, upper case read too so a message can name it)
///   joined by dots; `and or not in true false` are keywords;
/// - operators `== != < <= > >=` and the punctuation `( ) [ ] ,`; spaces, tabs and line breaks
///   separate tokens.
public struct ExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    public init(_ text: String) {
        scalars = Self.scalars(of: text)
    }

    /// The text's Unicode scalars. An ASCII text's are its bytes, widened without decoding
    /// UTF-8 (the scalar view is walked once to count and once to copy).
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? bytes.map { Unicode.Scalar($0) } : nil
        } ?? Array(text.unicodeScalars)
    }

    /// Every token, ending with `.end`; or the first lexical error.
    public static func tokenize(_ text: String) -> Result<[ExpressionToken], ExpressionError> {
        var lexer = ExpressionLexer(text)
        var tokens: [ExpressionToken] = []
        // Room for a usual condition's tokens (`a == "x" and b > 3` has 8), so the array is not
        // regrown and copied three or four times per condition.
        tokens.reserveCapacity(16)
        do throws(ExpressionError) {
            while true {
                let token = try lexer.next()
                tokens.append(token)
                if token.kind == .end { return .success(tokens) }
            }
        } catch {
            return .failure(error)
        }
    }

    /// The text of some scalars, encoded straight into the string's storage (a scalar view
    /// appended one by one cost a third of lexing, issue 17).
    static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        // The exact size, so a name of up to 15 bytes is made in place, without an allocation.
        var size = 0
        for scalar in slice { size += UTF8.width(scalar) }
        return String(unsafeUninitializedCapacity: size) { buffer in
            var count = 0
            for scalar in slice {
                if scalar.value < 0x80 {
                    buffer[count] = UInt8(truncatingIfNeeded: scalar.value)
                    count += 1
                } else {
                    UTF8.encode(scalar) { unit in
                        buffer[count] = unit
                        count += 1
                    }
                }
            }
            return count
        }
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
    static func isNameStart(_ c: Unicode.Scalar?) -> Bool {
        c.map { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" } ?? false
    }
    static func isNamePart(_ c: Unicode.Scalar?) -> Bool { isNameStart(c) || isDigit(c) || c == "-" }

    public mutating func next() throws(ExpressionError) -> ExpressionToken {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { index += 1 }
        let start = index
        guard let c = peek() else { return ExpressionToken(.end, index..<index) }
        func single(_ kind: ExpressionToken.Kind) -> ExpressionToken {
            index += 1
            return ExpressionToken(kind, start..<index)
        }
        switch c {
        case "(": return single(.leftParen)
        case ")": return single(.rightParen)
        case "[": return single(.leftBracket)
        case "]": return single(.rightBracket)
        case ",": return single(.comma)
        case "\"": return try string()
        case "=", "!", "<", ">":
            let two = peek(1) == "="
            if c == "=" && !two {
                throw ExpressionError(.assignmentOperator, at: start..<start + 1)
            }
            if c == "!" && !two {
                throw ExpressionError(.bangOperator, at: start..<start + 1)
            }
            index += two ? 2 : 1
            // Told from its two characters, not looked up by a string made of them.
            let op: ExpressionToken.Operator
            switch c {
            case "=": op = .equal
            case "!": op = .notEqual
            case "<": op = two ? .lessOrEqual : .less
            default: op = two ? .greaterOrEqual : .greater
            }
            return ExpressionToken(.operator(op), start..<index)
        case "'":
            throw ExpressionError(.singleQuotes, at: start..<start + 1)
        default:
            if Self.isDigit(c) || (c == "-" && Self.isDigit(peek(1))) { return try numberOrDuration() }
            if Self.isNameStart(c) { return name() }
            if c == "+", Self.isDigit(peek(1)) {
                // A phone number such as +15125550100 is a string.
                var end = index + 1
                while end < scalars.count, Self.isDigit(scalars[end]) { end += 1 }
                let number = Self.string(scalars[start..<end])
                throw ExpressionError(.unquotedPhoneNumber(number), at: start..<end)
            }
            throw ExpressionError(.unexpectedCharacter(Character(c)), at: start..<start + 1)
        }
    }

    private mutating func string() throws(ExpressionError) -> ExpressionToken {
        let start = index
        index += 1
        // A literal without escapes (nearly every one) is made from its scalars in one go; one
        // with escapes, or unclosed, is read scalar by scalar below.
        var end = index
        while end < scalars.count, scalars[end] != "\"", scalars[end] != "\\" { end += 1 }
        if end < scalars.count, scalars[end] == "\"" {
            let value = Self.string(scalars[index..<end])
            index = end + 1
            return ExpressionToken(.string(value), start..<index)
        }
        var value = String.UnicodeScalarView()
        while let c = peek() {
            if c == "\"" {
                index += 1
                return ExpressionToken(.string(String(value)), start..<index)
            }
            if c == "\\" {
                guard let escaped = peek(1), escaped == "\"" || escaped == "\\" else {
                    let end = peek(1) == nil ? index + 1 : index + 2
                    throw ExpressionError(.unknownEscape, at: index..<end)
                }
                value.append(escaped)
                index += 2
            } else {
                value.append(c)
                index += 1
            }
        }
        throw ExpressionError(.unclosedString, at: start..<index)
    }

    private mutating func numberOrDuration() throws(ExpressionError) -> ExpressionToken {
        let start = index
        if peek() == "-" { index += 1 }
        while Self.isDigit(peek()) { index += 1 }
        var isDuration = false
        if peek() == ".", Self.isDigit(peek(1)) {
            index += 1
            while Self.isDigit(peek()) { index += 1 }
        } else if let c = peek(), c == "h" || c == "m" || c == "s" {
            isDuration = true
        }
        // A word glued to a number (`5x`, `1m30`, `2.5m`) is one malformed literal, not two tokens.
        while Self.isNamePart(peek()) || (isDuration && peek() == ".") { index += 1 }
        let text = Self.string(scalars[start..<index])
        if isDuration {
            if !text.hasPrefix("-"), let duration = Duration(parsing: text) {
                return ExpressionToken(.duration(duration), start..<index)
            }
            throw ExpressionError(.notADuration(text), at: start..<index)
        }
        guard let value = Double(text), value.isFinite,
              text.unicodeScalars.allSatisfy({ Self.isDigit($0) || $0 == "." || $0 == "-" }) else {
            throw ExpressionError(.notANumber(text), at: start..<index)
        }
        return ExpressionToken(.number(value), start..<index)
    }

    private mutating func name() -> ExpressionToken {
        let start = index
        while true {
            while Self.isNamePart(peek()) { index += 1 }
            // A dot continues the name only when another identifier follows it.
            if peek() == ".", Self.isNameStart(peek(1)) { index += 1 } else { break }
        }
        let text = Self.string(scalars[start..<index])
        // Keywords are two to five letters: a longer name is not compared with each of them.
        if index - start <= 5, let keyword = ExpressionToken.Keyword(rawValue: text) {
            return ExpressionToken(.keyword(keyword), start..<index)
        }
        return ExpressionToken(.name(text), start..<index)
    }
}
