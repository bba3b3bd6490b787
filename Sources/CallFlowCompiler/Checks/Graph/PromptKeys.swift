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
            // Each language's prompt (a recording by its transcript), read with that language's
            // phrasings (KeyPhrasing); a prompt the same in every language, with English ones.
            for variant in menu.prompt.allVariants {
                let language = variant.language?.value
                let phrasing = KeyPhrasing.for(language)
                let text = variant.text.text
                let words = PromptWords(text, phrasing: phrasing)
                let instructed = words.instructedKeys
                guard !instructed.isEmpty else { continue }
                let whose = language.map { "the \($0) prompt" } ?? "the prompt"
                let optionKeys = Set(menu.options.map(\.key.value))
                for key in instructed where !optionKeys.contains(key) {
                    if key == humanKey && answersHumanKey || ruleKeys.contains(key) { continue }
                    // At the word itself inside the prompt (a folded prompt spans lines), as
                    // expressions are; the whole prompt when its source cannot be followed.
                    var range = variant.text.range
                    if let offsets = words.instructedKeyOffsets[key], let file = context.sources.first(where: { $0.path == range.file }) {
                        let source = ExpressionSource(text: text, range: range, style: ScalarStyle.written(at: range, in: file))
                        range = ExpressionPositions(source, file: file).range(of: offsets)
                    }
                    findings.append(Diagnostic(
                        descriptor,
                        "\(whose) of menu '\(node.id.value)' says '\(phrasing.verbs[0]) \(key)' but the menu has no option \"\(key)\"; "
                            + "add the option or correct the prompt",
                        at: range))
                }
                let named = words.mentionedKeys
                for option in menu.options where !named.contains(option.key.value) {
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
    /// Lower-cased tokens: runs of letters and digits, and the single characters `*`, `#`, `,`, `/`.
    /// Other punctuation ends a run and is dropped (a full stop cannot join "press 1. 2 ...").
    let tokens: [String]
    /// Where each token stands in the prompt, in Unicode scalars of the original text.
    let offsets: [Range<Int>]
    /// The words that name keys in the prompt's language.
    let phrasing: KeyPhrasing

    init(_ prompt: String, phrasing: KeyPhrasing = .english) {
        self.phrasing = phrasing
        if let ascii = Self.asciiTokens(prompt) {
            self.tokens = ascii.tokens
            self.offsets = ascii.offsets
            return
        }
        var tokens: [String] = []
        var offsets: [Range<Int>] = []
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
                tokens.append(String(current))
                offsets.append(currentStart..<position)
                current = String.UnicodeScalarView()
            }
            if scalar == "*" || scalar == "#" || scalar == "," || scalar == "/" {
                tokens.append(String(scalar))
                offsets.append(position..<position + 1)
            } else if !(scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
                        || (!scalar.isASCII && scalar.properties.isWhitespace)) {
                tokens.append(".")
                offsets.append(position..<position + 1)
            }
        }
        if !current.isEmpty {
            tokens.append(String(current))
            offsets.append(currentStart..<position)
        }
        self.tokens = tokens
        self.offsets = offsets
    }

    /// The DTMF key a token stands for in the prompt's language.
    /// The tokens of a prompt written in ASCII only, read from its bytes; exactly what the scalar
    /// loop of `init` makes of it (offsets of ASCII scalars are byte offsets), without building
    /// each word scalar by scalar (issue 17: every menu's prompt comes through here). Nil for a
    /// prompt with other characters.
    static func asciiTokens(_ prompt: String) -> (tokens: [String], offsets: [Range<Int>])? {
        var prompt = prompt
        return prompt.withUTF8 { bytes -> (tokens: [String], offsets: [Range<Int>])? in
            var tokens: [String] = []
            var offsets: [Range<Int>] = []
            var word: [UInt8] = []
            var wordStart = 0
            for position in bytes.indices {
                let original = bytes[position]
                guard original < 0x80 else { return nil }
                let byte = original >= UInt8(ascii: "A") && original <= UInt8(ascii: "Z") ? original + 32 : original
                if (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                    if word.isEmpty { wordStart = position }
                    word.append(byte)
                    continue
                }
                if !word.isEmpty {
                    tokens.append(String(decoding: word, as: UTF8.self))
                    offsets.append(wordStart..<position)
                    word.removeAll(keepingCapacity: true)
                }
                switch byte {
                case UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "/"):
                    tokens.append(String(Unicode.Scalar(byte)))
                    offsets.append(position..<position + 1)
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                    break
                default:
                    tokens.append(".")
                    offsets.append(position..<position + 1)
                }
            }
            if !word.isEmpty {
                tokens.append(String(decoding: word, as: UTF8.self))
                offsets.append(wordStart..<bytes.count)
            }
            return (tokens, offsets)
        }
    }

    func key(_ token: String) -> String? {
        Self.key(token) ?? (phrasing.keyWords.isEmpty ? nil : phrasing.keyWords[token])
    }

    /// The DTMF key a token stands for: a single digit, `star`/`*`, `pound`/`hash`/`#`.
    static func key(_ token: String) -> String? {
        switch token {
        case "star", "*": return "*"
        case "pound", "hash", "#": return "#"
        default:
            // One ASCII digit (the only one-character tokens that are ASCII numbers), told by its byte.
            guard token.utf8.count == 1, let digit = token.utf8.first, digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            return token
        }
    }

    static let connectors: Set<String> = ["or", "and", ",", "/"]

    /// Keys named after "press" or "dial", in the order written, each once. "press 1 or 2",
    /// "press 1, 2 or 3" and "press the star key" name every key in them.
    var instructedKeys: [String] {
        instructions.map(\.key)
    }

    /// Where each instructed key is first named (its token), by key.
    var instructedKeyOffsets: [String: Range<Int>] {
        Dictionary(instructions.map { ($0.key, offsets[$0.token]) }, uniquingKeysWith: { first, _ in first })
    }

    /// Keys named after "press" or "dial" with the index of the token naming each, in order.
    private var instructions: [(key: String, token: Int)] {
        var keys: [(key: String, token: Int)] = []
        var index = 0
        while index < tokens.count {
            guard phrasing.verbs.contains(tokens[index]) else {
                index += 1
                continue
            }
            index += 1
            var readKey = false   // this instruction has named a key already
            var expectKey = true  // the next token may be a key
            while index < tokens.count {
                let token = tokens[index]
                if expectKey, let key = key(token) {
                    if !keys.contains(where: { $0.key == key }) { keys.append((key, index)) }
                    readKey = true
                    expectKey = false
                } else if expectKey, !readKey, phrasing.before.contains(token) {
                    // "press the star key", "drücken Sie 1", "appuyez sur la touche 1"
                } else if !expectKey, phrasing.after.contains(token) {
                    // "press the star key"
                } else if readKey, Self.connectors.contains(token) || phrasing.connectors.contains(token) {
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
        Set(tokens.compactMap(key))
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
