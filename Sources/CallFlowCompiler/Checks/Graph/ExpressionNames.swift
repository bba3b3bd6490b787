/// The names an expression mentions, found by a small scanner: dotted variable names outside
/// string literals, and the schedule named by `open("...")`.
///
/// This is a stopgap for `unused-definition` until the expression parser lands; it is then
/// replaced by a walk over the parsed expression. It does not check syntax: it only reads names,
/// so an expression the parser would reject still counts its names as used (the parser reports
/// it). Keywords (`and`, `or`, `not`, `in`, `true`, `false`) and function names are not variables;
/// number and duration literals (`3`, `2.5`, `1m30s`) are skipped.
struct ExpressionNames: Equatable {
    /// Variable names in the order written, each once: `caller.tier`, `call.failures`.
    var variables: [String] = []
    /// Schedules named by `open("name")`, each once.
    var schedules: [String] = []

    static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false"]

    init(_ text: String) {
        let chars = Array(text.unicodeScalars)
        var index = 0
        var seenVariables = Set<String>(), seenSchedules = Set<String>()

        func isNameStart(_ c: Unicode.Scalar) -> Bool { c.properties.isLowercase || c.properties.isUppercase || c == "_" }
        func isNamePart(_ c: Unicode.Scalar) -> Bool {
            isNameStart(c) || ("0"..."9").contains(c) || c == "-"
        }
        func skipSpaces() {
            while index < chars.count, chars[index].properties.isWhitespace { index += 1 }
        }
        /// Reads a string literal starting at its opening quote; returns its content.
        func readString() -> String {
            var content = ""
            index += 1
            while index < chars.count {
                let c = chars[index]
                index += 1
                if c == "\\", index < chars.count {
                    content.unicodeScalars.append(chars[index])
                    index += 1
                } else if c == "\"" {
                    break
                } else {
                    content.unicodeScalars.append(c)
                }
            }
            return content
        }

        while index < chars.count {
            let c = chars[index]
            if c == "\"" {
                _ = readString()
            } else if ("0"..."9").contains(c) {
                // A number or a duration: digits, letters (units) and a decimal point.
                while index < chars.count, isNamePart(chars[index]) || chars[index] == "." { index += 1 }
            } else if isNameStart(c) {
                var name = ""
                while index < chars.count {
                    let partStart = index
                    while index < chars.count, isNamePart(chars[index]) {
                        name.unicodeScalars.append(chars[index])
                        index += 1
                    }
                    // A dot followed by another name part continues a dotted name.
                    if index + 1 < chars.count, chars[index] == ".", isNameStart(chars[index + 1]), index > partStart {
                        name.append(".")
                        index += 1
                    } else {
                        break
                    }
                }
                let afterName = index
                skipSpaces()
                if index < chars.count, chars[index] == "(" {
                    // A call: the name is a function. `open` names a schedule in a string literal.
                    index += 1
                    skipSpaces()
                    if name == "open", index < chars.count, chars[index] == "\"" {
                        let schedule = readString()
                        if seenSchedules.insert(schedule).inserted { schedules.append(schedule) }
                    }
                } else {
                    index = afterName
                    if !Self.keywords.contains(name), seenVariables.insert(name).inserted { variables.append(name) }
                }
            } else {
                index += 1
            }
        }
    }
}
