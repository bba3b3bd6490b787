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
            menu: "For sales press 1. For support press 3."
            options: {"1": sales, "2": support}
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
        var findings: [Diagnostic] = []
        for node in graph.nodes {
            guard case .menu(let menu) = node.kind else { continue }
            let words = PromptWords(menu.prompt.value)
            let instructed = words.instructedKeys
            guard !instructed.isEmpty else { continue }
            let optionKeys = Set(menu.options.map(\.key.value))
            for key in instructed where !optionKeys.contains(key) {
                if key == humanKey && answersHumanKey { continue }
                findings.append(Diagnostic(
                    descriptor,
                    "the prompt of menu '\(node.id.value)' says 'press \(key)' but the menu has no option \"\(key)\"; "
                        + "add the option or correct the prompt",
                    at: menu.prompt.range))
            }
            let named = words.mentionedKeys
            for option in menu.options where !named.contains(option.key.value) {
                findings.append(Diagnostic(
                    descriptor,
                    "option \"\(option.key.value)\" of menu '\(node.id.value)' is never named in its prompt; "
                        + "callers cannot find it: add 'press \(option.key.value)' to the prompt or remove the option",
                    at: option.key.range))
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

    init(_ prompt: String) {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        // Unicode scalars, not Characters: every prompt of a flow goes through here, and
        // grapheme breaking costs more than the rest of the check.
        for scalar in prompt.lowercased().unicodeScalars {
            let isWordScalar = scalar.isASCII
                ? (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar {
                current.append(scalar)
                continue
            }
            if !current.isEmpty { tokens.append(String(current)); current = String.UnicodeScalarView() }
            if scalar == "*" || scalar == "#" || scalar == "," || scalar == "/" {
                tokens.append(String(scalar))
            } else if !(scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r"
                        || (!scalar.isASCII && scalar.properties.isWhitespace)) {
                tokens.append(".")
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        self.tokens = tokens
    }

    /// The DTMF key a token stands for: a single digit, `star`/`*`, `pound`/`hash`/`#`.
    static func key(_ token: String) -> String? {
        switch token {
        case "star", "*": return "*"
        case "pound", "hash", "#": return "#"
        default:
            guard token.count == 1, let digit = token.first, digit.isASCII, digit.isNumber else { return nil }
            return token
        }
    }

    static let connectors: Set<String> = ["or", "and", ",", "/"]

    /// Keys named after "press" or "dial", in the order written, each once. "press 1 or 2",
    /// "press 1, 2 or 3" and "press the star key" name every key in them.
    var instructedKeys: [String] {
        var keys: [String] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index] == "press" || tokens[index] == "dial" else {
                index += 1
                continue
            }
            index += 1
            var readKey = false   // this instruction has named a key already
            var expectKey = true  // the next token may be a key
            while index < tokens.count {
                let token = tokens[index]
                if expectKey, let key = Self.key(token) {
                    if !keys.contains(key) { keys.append(key) }
                    readKey = true
                    expectKey = false
                } else if expectKey, !readKey, token == "the" {
                    // "press the star key"
                } else if !expectKey, token == "key" || token == "button" {
                    // "press the star key"
                } else if readKey, Self.connectors.contains(token) {
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
        Set(tokens.compactMap(Self.key))
    }
}
