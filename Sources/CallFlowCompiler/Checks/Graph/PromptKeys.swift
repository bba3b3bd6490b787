/// `prompt-keys`: a menu prompt and its options that disagree about the keys.
public enum PromptKeys: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "prompt-keys",
        severity: .warning,
        summary: "a menu prompt that says \"press K\" for a key the menu has no option for, or an option the prompt never names",
        explanation: """
        The prompt is the only thing a caller knows about a menu. When it says "press 3" and the \
        menu has no option 3, the caller who follows the instruction gets "invalid choice" and ends \
        up on the failure path; when the menu has an option the prompt never mentions, nobody can \
        find it. The check reads the keys a prompt names after "press" or "dial" (digits, `star` or \
        `*`, `pound`, `hash` or `#`; "press 1 or 2" names both) and runs only when the prompt names \
        at least one key that way. A key named after "press" or "dial" needs an option, except the \
        flow's human key when a `request` rule answers it; an option counts as named when its key \
        appears anywhere in the prompt as a key of its own (so "para español, oprima 9" names 9). \
        Fix the prompt or the options so that they list the same keys.
        """,
        failingExample: """
        callflow: 1
        name: wrong-keys
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press ↓3."
            options: {"1": sales, ↓"2": support}
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: right-keys
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let humanKey = graph.flow.effectiveHumanKey
        let answersHumanKey = graph.hasRequestRule
        // Keys `request` rules answer at every menu (issue 14).
        let ruleKeys = Set(graph.flow.escalations.filter { $0.trigger.value == .request }.flatMap { $0.keys.map(\.value) })
        var findings: [Diagnostic] = []
        for node in graph.nodes {
            guard case .menu(let menu) = node.kind else { continue }
            // The options' keys as a set of the twelve telephone keys (issue 17: every menu comes
            // through here; a `Set<String>` per menu cost more than reading its prompt). An option
            // whose key is not one of them is never named, as before.
            var optionKeys: UInt16 = 0
            for option in menu.options {
                if let index = PromptWords.nameIndex(of: option.key.value) { optionKeys |= 1 << index }
            }
            // Each language's prompt (a recording by its transcript), read with that language's
            // phrasings (KeyPhrasing); a prompt the same in every language, with English ones.
            for variant in menu.prompt.allVariants {
                let language = variant.language?.value
                let phrasing = KeyPhrasing.for(language)
                let text = variant.text.text
                let words = PromptWords(text, phrasing: phrasing)
                let instructions = words.instructions
                guard !instructions.isEmpty else { continue }
                let whose = language.map { "the \($0) prompt" } ?? "the prompt"
                for instruction in instructions where optionKeys & (1 << instruction.key) == 0 {
                    let key = PromptWords.keyNames[Int(instruction.key)]
                    if key == humanKey && answersHumanKey || ruleKeys.contains(key) { continue }
                    // At the word itself inside the prompt (a folded prompt spans lines), as
                    // expressions are; the whole prompt when its source cannot be followed.
                    var range = variant.text.range
                    if let file = context.sources.first(where: { $0.path == range.file }) {
                        let source = ExpressionSource(text: text, range: range, style: ScalarStyle.written(at: range, in: file))
                        range = ExpressionPositions(source, file: file).range(of: words.offsets[instruction.token])
                    }
                    findings.append(Diagnostic(
                        descriptor,
                        "\(whose) of menu '\(node.id.value)' says '\(phrasing.verbs[0]) \(key)' but the menu has no option \"\(key)\"; "
                            + "add the option or correct the prompt",
                        at: range))
                }
                let named = words.mentionedKeyMask
                for option in menu.options {
                    if let index = PromptWords.nameIndex(of: option.key.value), named & (1 << index) != 0 { continue }
                    findings.append(Diagnostic(
                        descriptor,
                        "option \"\(option.key.value)\" of menu '\(node.id.value)' is never named in \(language.map { "its \($0) prompt" } ?? "its prompt"); "
                            + "callers cannot find it: add '\(phrasing.verbs[0]) \(option.key.value)' to the prompt or remove the option",
                        at: option.key.range))
                }
            }
        }
        return findings
    }
}

/// The words of a prompt, as far as keys are concerned.
struct PromptWords {
    /// The tokens' lower-cased UTF-8, one after another (`spans` says where each is): a word is
    /// compared as bytes and made a `String` only when a rare comparison needs one (issue 17:
    /// every menu's prompt comes through here, and a `String` per word cost most of the check).
    private let text: [UInt8]
    private let spans: [Range<Int>]
    /// Where each token stands in the prompt, in Unicode scalars of the original text.
    let offsets: [Range<Int>]
    /// The words that name keys in the prompt's language.
    let phrasing: KeyPhrasing

    init(_ prompt: String, phrasing: KeyPhrasing = .english) {
        self.phrasing = phrasing
        if let ascii = Self.asciiTokens(prompt) {
            text = ascii.text
            spans = ascii.spans
            offsets = ascii.spans
        } else {
            (text, spans, offsets) = Self.scalarTokens(prompt)
        }
    }

    /// Lower-cased tokens: runs of letters and digits, and the single characters `*`, `#`, `,`, `/`.
    /// Other punctuation ends a run and is a token `.` (a full stop cannot join "press 1. 2 ...").
    var tokens: [String] { spans.indices.map(token) }

    func token(_ index: Int) -> String {
        String(decoding: text[spans[index]], as: UTF8.self)
    }

    /// Whether the token at `index` is `word`: as bytes for an ASCII word, as strings otherwise.
    private func token(_ index: Int, is word: KeyPhrasing.Word) -> Bool {
        guard let bytes = word.ascii else { return token(index) == word.text }
        let span = spans[index]
        guard bytes.count == span.count else { return false }
        for offset in 0..<bytes.count where text[span.lowerBound + offset] != bytes[offset] { return false }
        return true
    }

    /// The tokens of any prompt, scalar by scalar.
    static func scalarTokens(_ prompt: String) -> (text: [UInt8], spans: [Range<Int>], offsets: [Range<Int>]) {
        var text: [UInt8] = []
        var spans: [Range<Int>] = []
        var offsets: [Range<Int>] = []
        func add(_ word: String, at range: Range<Int>) {
            spans.append(text.count..<text.count + word.utf8.count)
            text.append(contentsOf: word.utf8)
            offsets.append(range)
        }
        var current = String.UnicodeScalarView()
        var currentStart = 0
        var position = 0
        // Unicode scalars, not Characters: every prompt of a flow goes through here, and
        // grapheme breaking costs more than the rest of the check. Lower-cased scalar by scalar
        // so offsets stay those of the prompt as written.
        for original in prompt.unicodeScalars {
            defer { position += 1 }
            let scalar: Unicode.Scalar
            if original.isASCII {
                scalar = original >= "A" && original <= "Z" ? Unicode.Scalar(original.value + 32)! : original
            } else {
                scalar = original.properties.lowercaseMapping.unicodeScalars.first ?? original
            }
            let isWordScalar = scalar.isASCII
                ? (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar {
                if current.isEmpty { currentStart = position }
                current.append(scalar)
                continue
            }
            if !current.isEmpty {
                add(String(current), at: currentStart..<position)
                current = String.UnicodeScalarView()
            }
            if scalar == "*" || scalar == "#" || scalar == "," || scalar == "/" {
                add(String(scalar), at: position..<position + 1)
            } else if !(scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
                        || (!scalar.isASCII && scalar.properties.isWhitespace)) {
                add(".", at: position..<position + 1)
            }
        }
        if !current.isEmpty {
            add(String(current), at: currentStart..<position)
        }
        return (text, spans, offsets)
    }

    /// The tokens of a prompt written in ASCII only, read from its bytes; exactly what
    /// `scalarTokens` makes of it (offsets of ASCII scalars are byte offsets, so `spans` are the
    /// offsets too): the prompt lower-cased, other punctuation made `.`. Nil for a prompt with
    /// other characters.
    static func asciiTokens(_ prompt: String) -> (text: [UInt8], spans: [Range<Int>])? {
        var prompt = prompt
        return prompt.withUTF8 { bytes -> (text: [UInt8], spans: [Range<Int>])? in
            var text = [UInt8](repeating: 0, count: bytes.count)
            var spans: [Range<Int>] = []
            spans.reserveCapacity(bytes.count / 3 + 1)
            var wordStart = -1 // the start of the word being read, -1 between words
            for position in bytes.indices {
                let original = bytes[position]
                guard original < 0x80 else { return nil }
                let byte = original >= UInt8(ascii: "A") && original <= UInt8(ascii: "Z") ? original + 32 : original
                if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                    text[position] = byte
                    if wordStart < 0 { wordStart = position }
                    continue
                }
                if wordStart >= 0 {
                    spans.append(wordStart..<position)
                    wordStart = -1
                }
                switch byte {
                case UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "/"):
                    text[position] = byte
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    continue
                default:
                    text[position] = UInt8(ascii: ".")
                }
                spans.append(position..<position + 1)
            }
            if wordStart >= 0 { spans.append(wordStart..<bytes.count) }
            return (text, spans)
        }
    }

    /// The twelve telephone keys; a key is named by its index here in the check's sets.
    static let keyNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"]

    /// The index of `key` in `keyNames`: nil for anything else, "star" too (an option's key is
    /// compared with the keys a prompt names as it is written).
    static func nameIndex(of key: String) -> Int? {
        key.utf8.count == 1 ? keyIndex(of: key.utf8) : nil
    }

    /// The index in `keyNames` of the key a token's bytes stand for (`key(_:)`).
    static func keyIndex<Bytes: Collection>(of token: Bytes) -> Int? where Bytes.Element == UInt8 {
        switch token.count {
        case 1:
            let byte = token.first!
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return Int(byte - UInt8(ascii: "0")) }
            if byte == UInt8(ascii: "*") { return 10 }
            if byte == UInt8(ascii: "#") { return 11 }
            return nil
        case 4:
            // Most words of four or five letters are not keys: told by their first letter.
            guard let first = token.first, first == UInt8(ascii: "s") || first == UInt8(ascii: "h") else { return nil }
            if token.elementsEqual("star".utf8) { return 10 }
            if token.elementsEqual("hash".utf8) { return 11 }
            return nil
        case 5:
            return token.first == UInt8(ascii: "p") && token.elementsEqual("pound".utf8) ? 11 : nil
        default:
            return nil
        }
    }

    /// The key the token at `index` stands for in the prompt's language, as an index in `keyNames`.
    func keyIndex(ofToken index: Int) -> Int? {
        if let key = Self.keyIndex(of: text[spans[index]]) { return key }
        guard !phrasing.keyWords.isEmpty, let key = phrasing.keyWords[token(index)] else { return nil }
        return Self.keyIndex(of: key.utf8)
    }

    /// The DTMF key a token stands for in the prompt's language.
    func key(_ token: String) -> String? {
        Self.key(token) ?? (phrasing.keyWords.isEmpty ? nil : phrasing.keyWords[token])
    }

    /// The DTMF key a token stands for: a single digit, `star`/`*`, `pound`/`hash`/`#`.
    static func key(_ token: String) -> String? {
        keyIndex(of: token.utf8).map { keyNames[$0] }
    }

    static let connectors: Set<String> = ["or", "and", ",", "/"]

    /// Keys named after "press" or "dial", in the order written, each once. "press 1 or 2",
    /// "press 1, 2 or 3" and "press the star key" name every key in them.
    var instructedKeys: [String] {
        instructions.map { Self.keyNames[Int($0.key)] }
    }

    /// Keys named after "press" or "dial" (indices in `keyNames`) with the index of the token
    /// first naming each, in order.
    var instructions: [(key: Int, token: Int)] {
        var keys: [(key: Int, token: Int)] = []
        var seen: UInt16 = 0
        var index = 0
        while index < spans.count {
            guard phrasing.verbWords.contains(where: { token(index, is: $0) }) else {
                index += 1
                continue
            }
            index += 1
            var readKey = false   // this instruction has named a key already
            var expectKey = true  // the next token may be a key
            while index < spans.count {
                if expectKey, let key = keyIndex(ofToken: index) {
                    if seen & (1 << key) == 0 {
                        seen |= 1 << key
                        keys.append((key, index))
                    }
                    readKey = true
                    expectKey = false
                    index += 1
                    continue
                }
                if expectKey, !readKey, phrasing.beforeWords.contains(where: { token(index, is: $0) }) {
                    // "press the star key", "drücken Sie 1", "appuyez sur la touche 1"
                } else if !expectKey, phrasing.afterWords.contains(where: { token(index, is: $0) }) {
                    // "press the star key"
                } else if readKey, phrasing.connectorWords.contains(where: { token(index, is: $0) }) {
                    expectKey = true
                } else {
                    break
                }
                index += 1
            }
        }
        return keys
    }

    /// Every key the prompt mentions as a token of its own, wherever it stands.
    var mentionedKeys: Set<String> {
        let mask = mentionedKeyMask
        return Set(Self.keyNames.indices.filter { mask & (1 << $0) != 0 }.map { Self.keyNames[$0] })
    }

    /// The same as a set of indices in `keyNames`.
    var mentionedKeyMask: UInt16 {
        var mask: UInt16 = 0
        for index in spans.indices {
            if let key = keyIndex(ofToken: index) { mask |= 1 << key }
        }
        return mask
    }
}

/// How a language asks a caller to press a key (docs/language.md, "Prompts"): the verbs that
/// name a key after them, words that may stand between the verb and the key, words after it,
/// words joining keys ("1 or 2"), and the names of `*` and `#`. Chosen by the language tag's
/// first subtag; a language not listed, and a prompt without a language, read as English. To
/// add a language, add an entry to `table`.
struct KeyPhrasing: Sendable {
    let verbs: [String]
    let before: Set<String>
    let after: Set<String>
    let connectors: Set<String>
    let keyWords: [String: String]
    /// The same words as a prompt's tokens are compared with them (`Word`); the connectors with
    /// every language's (`PromptWords.connectors`).
    let verbWords: [Word]
    let beforeWords: [Word]
    let afterWords: [Word]
    let connectorWords: [Word]

    /// A word of a phrasing: its bytes when it is ASCII (equal bytes are then equal strings, and
    /// a token is compared without being made a string, issue 17), else the string alone (a
    /// word such as "drücken" may be written decomposed, and strings compare canonically).
    struct Word: Sendable {
        let text: String
        let ascii: [UInt8]?

        init(_ text: String) {
            self.text = text
            ascii = text.utf8.allSatisfy { $0 < 0x80 } ? Array(text.utf8) : nil
        }
    }

    init(verbs: [String], before: Set<String>, after: Set<String>, connectors: Set<String>, keyWords: [String: String]) {
        self.verbs = verbs
        self.before = before
        self.after = after
        self.connectors = connectors
        self.keyWords = keyWords
        verbWords = verbs.map(Word.init)
        beforeWords = before.sorted().map(Word.init)
        afterWords = after.sorted().map(Word.init)
        connectorWords = PromptWords.connectors.union(connectors).sorted().map(Word.init)
    }

    static let english = KeyPhrasing(verbs: ["press", "dial"], before: ["the"], after: ["key", "button"], connectors: [], keyWords: [:])

    static let table: [String: KeyPhrasing] = [
        "en": english,
        "es": KeyPhrasing(verbs: ["oprima", "marque", "presione", "pulse"], before: ["la", "el", "tecla", "número"],
                          after: [], connectors: ["o", "y"], keyWords: ["asterisco": "*", "numeral": "#", "almohadilla": "#"]),
        "fr": KeyPhrasing(verbs: ["appuyez", "tapez", "composez"], before: ["sur", "la", "le", "touche"],
                          after: [], connectors: ["ou", "et"], keyWords: ["étoile": "*", "dièse": "#"]),
        "de": KeyPhrasing(verbs: ["drücken", "wählen", "drücke"], before: ["sie", "die", "taste"],
                          after: [], connectors: ["oder", "und"], keyWords: ["stern": "*", "raute": "#"]),
        "it": KeyPhrasing(verbs: ["premi", "premere", "prema", "digita", "digiti"], before: ["il", "tasto"],
                          after: [], connectors: ["o", "e"], keyWords: ["asterisco": "*", "cancelletto": "#"]),
        "pt": KeyPhrasing(verbs: ["pressione", "digite", "tecle", "aperte", "prima"], before: ["a", "o", "tecla"],
                          after: [], connectors: ["ou", "e"], keyWords: ["asterisco": "*", "cerquilha": "#"]),
    ]

    static func `for`(_ language: String?) -> KeyPhrasing {
        guard let language, let base = language.split(separator: "-").first.map({ $0.lowercased() }) else { return english }
        return table[base] ?? english
    }
}
