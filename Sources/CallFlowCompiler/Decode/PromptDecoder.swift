import Foundation

/// What the decoder knows about prompts once the top of the flow is read: its languages, voices,
/// and the variables a placeholder may name (docs/language.md, "Languages and prompts").
struct PromptSettings {
    /// `languages:` in order; the first is the default. Empty: the flow has one, unnamed, language.
    var languages: [Located<String>] = []
    var languagesKey: SourceRange?
    var voices: [(language: Located<String>?, voice: Located<String>)] = []
    /// Context variables (declared and built in) with their types and `format:`.
    var variables: [String: ValueType] = [:]
    var digits: Set<String> = []

    var languageNames: [String] { languages.map(\.value) }
}

/// Languages, voices and prompts. `prompt(_:what:)` is the one decoder of "a prompt is taken
/// here"; the node decoders call it for `say`, `menu`, `collect`, `hangup` and an option's `say`.
extension FlowDecoder {
    static let recordingKeys = KeySet(["play", "text", "duration"])

    /// `languages:` and `voice:` at the top; `call.language` becomes a context variable (an enum of
    /// the languages, the first its default). Called once every context variable is known.
    func decodeLanguages(_ fields: Fields) {
        if let node = fields["languages"], let items = list(node, what: "languages") {
            var seen = Set<String>()
            for item in items {
                guard let tag = text(item, what: "a language", nonEmpty: true) else { continue }
                guard Lexical.isLanguageTag(tag.value) else {
                    invalid(item, "'\(tag.value)' is not a language tag; write a BCP 47 tag such as en-US, es-US or fr-CA")
                    continue
                }
                guard seen.insert(tag.value).inserted else {
                    bag.report(.duplicateKey, "language '\(tag.value)' is listed twice", at: item.range)
                    continue
                }
                prompting.languages.append(tag)
            }
            if items.isEmpty { invalid(node, "languages lists no language; name at least one, such as [en-US]") }
            prompting.languagesKey = fields.key("languages")?.range
            if let first = prompting.languages.first, let key = fields.key("languages") {
                if resources.context.contains(where: { $0.name.value == "call.language" }) {
                    let declared = resources.context.first { $0.name.value == "call.language" }!
                    invalid(at: declared.name.range, "'call.language' is built in when the flow has 'languages'; remove this declaration",
                            notes: [DiagnosticNote("the languages are listed here", at: key.range)])
                } else {
                    resources.context.append(ContextVariable(
                        name: Located("call.language", at: key.range), type: .enumeration(prompting.languageNames),
                        defaultValue: .string(first.value), description: "the call's language (built in)"))
                }
            }
        }
        if let node = fields["voice"] { decodeVoices(node) }
        for variable in resources.context where prompting.variables[variable.name.value] == nil {
            prompting.variables[variable.name.value] = variable.type
        }
        for builtIn in ContextVariable.builtIns { prompting.variables[builtIn.name] = builtIn.type }
    }

    private func decodeVoices(_ node: YAMLNode) {
        if node.scalarText != nil {
            if let voice = text(node, what: "voice", nonEmpty: true) { prompting.voices = [(nil, voice)] }
            return
        }
        guard let pairs = node.mappingPairs else {
            invalid(node, "voice is a voice name for every language, or a mapping by language ({en-US: Polly.Joanna-Neural}), not \(node.kindDescription)")
            return
        }
        for pair in pairs {
            guard let language = knownLanguage(pair.key, what: "voice"),
                  let voice = text(pair.value, what: "the voice of \(language.value)", nonEmpty: true) else { continue }
            prompting.voices.append((language, voice))
        }
    }

    /// A language tag written as a key of a mapping by language: one of the flow's `languages`.
    private func knownLanguage(_ key: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        guard let tag = key.scalarText else {
            invalid(key, "a key of \(what()) must be a language tag, not \(key.kindDescription)")
            return nil
        }
        guard !prompting.languages.isEmpty else {
            invalid(key, "\(what()) is given by language, but the flow has no 'languages'; add 'languages: [\(tag), ...]' at the top")
            return nil
        }
        guard prompting.languageNames.contains(tag) else {
            invalid(key, "'\(tag)' is not one of the flow's languages (\(prompting.languageNames.joined(separator: ", ")))\(Suggestion.hint(for: tag, in: prompting.languageNames))",
                    notes: prompting.languagesKey.map { [DiagnosticNote("the languages are listed here", at: $0)] } ?? [])
            return nil
        }
        return Located(tag, at: key.range)
    }

    /// A prompt is taken here: text, a mapping by language, or a recording, with placeholders
    /// checked against the context (`queue.*` only when `queueBound`).
    func prompt(_ node: YAMLNode, what: @autoclosure () -> String, queueBound: Bool = false) -> Prompt? {
        if node.mappingPairs == nil {
            guard let text = text(node, what: what(), nonEmpty: true) else { return nil }
            // Text without a brace has no placeholder to parse or check: it is plain text, as
            // `textVariant` would find at some cost (issue 13's speed requirement, issue 17).
            if !PromptTemplate.hasBrace(text.value) {
                if prompting.languages.count > 1 { missingTranslation(in: node, what: what(), given: []) }
                return Prompt(text.value, at: text.range)
            }
            guard let variant = textVariant(text, node, language: nil, queueBound: queueBound) else { return nil }
            if prompting.languages.count > 1 { missingTranslation(in: node, what: what(), given: []) }
            if variant.segments.isEmpty { return Prompt(text.value, at: text.range) }
            return Prompt(value: text.value, range: node.range, variants: [variant])
        }
        let pairs = node.mappingPairs!
        if pairs.contains(where: { ["play", "text", "duration"].contains($0.key.scalarText ?? "") }) {
            guard let variant = recording(node, language: nil, what: what()) else { return nil }
            if prompting.languages.count > 1 { missingTranslation(in: node, what: what(), given: []) }
            return Prompt(value: variant.text.text, range: node.range, variants: [variant])
        }
        var variants: [PromptVariant] = []
        var broken = false
        for pair in pairs {
            guard let language = knownLanguage(pair.key, what: what()) else { broken = true; continue }
            let variant: PromptVariant?
            if pair.value.mappingPairs != nil {
                variant = recording(pair.value, language: language, what: "the \(language.value) \(what())")
            } else if let text = text(pair.value, what: "the \(language.value) \(what())", nonEmpty: true) {
                variant = textVariant(text, pair.value, language: language, queueBound: queueBound)
            } else {
                variant = nil
            }
            if let variant { variants.append(variant) } else { broken = true }
        }
        if pairs.isEmpty {
            invalid(node, "\(what()) is an empty mapping; give the text of each language, such as {en-US: \"Hello.\"}")
            return nil
        }
        guard !broken else { return nil }
        missingTranslation(in: node, what: what(), given: variants.compactMap { $0.language?.value })
        let main = prompting.languages.first.flatMap { first in variants.first { $0.language?.value == first.value } } ?? variants[0]
        return Prompt(value: main.text.text, range: node.range, variants: variants)
    }

    /// `{play: ..., text: ..., duration: ...}`.
    private func recording(_ node: YAMLNode, language: Located<String>?, what: @autoclosure () -> String) -> PromptVariant? {
        guard let pairs = mapping(node, what: what()) else { return nil }
        let fields = Fields(node, pairs: pairs, allowed: Self.recordingKeys, owner: "the recording of \(what())", bag: &bag)
        guard let play = requireField(fields, "play", owner: "the recording of \(what())").flatMap({ text($0, what: "play", nonEmpty: true) }) else {
            return nil
        }
        guard let textNode = fields["text"] else {
            invalid(at: node.range.startOnly, "the recording of \(what()) has no 'text'; give its transcript (the checks read it and `simulate` prints it)")
            return nil
        }
        guard let transcript = text(textNode, what: "the transcript of \(what())", nonEmpty: true) else { return nil }
        checkRecording(play)
        let length = fields["duration"].flatMap { self.duration($0, what: "duration", plausibleSeconds: 1...3600) }
        guard var variant = textVariant(transcript, textNode, language: language, queueBound: false) else { return nil }
        if variant.hasPlaceholders {
            bag.report(.template, "a recording's transcript holds no caller data: the recording says the same words on every call; remove the placeholder, or speak this part as text",
                       at: transcript.range)
            return nil
        }
        variant.play = play
        variant.duration = length
        return variant
    }

    /// `bad-recording`: an absolute https URL or a relative path that stays in the flow's folder.
    func checkRecording(_ play: Located<String>) {
        let value = play.value
        let lower = value.lowercased()
        if lower.hasPrefix("https://") {
            let rest = value.dropFirst("https://".count)
            if rest.isEmpty || rest.hasPrefix("/") || value.contains(where: \.isWhitespace) {
                bag.report(.badRecording, "'\(value)' is not a URL a platform can fetch: it names no host or holds a space; write https://host/path",
                           at: play.range)
            }
            return
        }
        if lower.hasPrefix("http://") {
            bag.report(Diagnostic(check: CheckDescriptor.badRecording.id, severity: .warning,
                                  message: "'\(value)' is fetched over plain http://, which platforms refuse or warn about and anyone on the way can change; use https://",
                                  range: play.range))
            return
        }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        if value.contains("://") || value.hasPrefix("/") || value.hasPrefix("~") || value.contains("\\")
            || (value.count >= 2 && value.dropFirst().first == ":") || parts.contains("..") || value.contains(where: \.isWhitespace) {
            bag.report(.badRecording, "'\(value)' is neither an absolute https:// URL nor a path inside the flow's folder (relative, without '..'); a platform could not fetch it",
                       at: play.range)
        }
    }

    /// A text (or transcript) with its placeholders parsed and checked.
    private func textVariant(_ text: Located<String>, _ node: YAMLNode, language: Located<String>?, queueBound: Bool) -> PromptVariant? {
        var style = ScalarStyle.plain
        if case .scalar(_, let written) = node.content { style = written }
        let source = ExpressionSource(text: text.value, range: text.range, style: style)
        let parsed = PromptTemplate.parse(text.value)
        var problems = parsed.errors
        for segment in parsed.segments {
            guard case .placeholder(let name, let offsets) = segment else { continue }
            if prompting.variables[name] == nil {
                if resources.isDeclared("context variable", name) { continue }
                let hint = Suggestion.hint(for: name, in: prompting.variables.keys.sorted())
                problems.append(("unknown variable '\(name)' in {\(name)}\(hint); declare it under 'context', or write '{{' for a literal brace", offsets))
            } else if name.hasPrefix("queue."), !queueBound {
                problems.append(("'{\(name)}' is known only while the call waits in a queue (queue announcements); no queue is bound here", offsets))
            }
        }
        if !problems.isEmpty {
            let positions = ExpressionPositions(source, file: sources.first { $0.path == text.range.file })
            for (message, offsets) in problems { bag.report(.template, message, at: positions.range(of: offsets)) }
            return nil
        }
        return PromptVariant(language: language, text: source, play: nil, duration: nil, segments: parsed.segments)
    }

    private func missingTranslation(in node: YAMLNode, what: @autoclosure () -> String, given: [String]) {
        let missing = prompting.languageNames.filter { !given.contains($0) }
        guard !missing.isEmpty, prompting.languages.count > 1 else { return }
        let message = given.isEmpty
            ? "\(what()) is one text, but the flow speaks \(prompting.languageNames.joined(separator: " and ")); give it by language, such as {\(prompting.languageNames.map { "\($0): ..." }.joined(separator: ", "))}"
            : "\(what()) has no \(missing.joined(separator: ", ")) text; a caller in that language would hear another language; add \(missing.map { "'\($0):'" }.joined(separator: ", "))"
        bag.report(.missingTranslation, message, at: node.range,
                   notes: prompting.languagesKey.map { [DiagnosticNote("the flow's languages are listed here", at: $0)] } ?? [])
    }

    /// A phrase list (`human_phrases`, an option's `speech`): a list for every language, or a
    /// mapping by language of lists. Returns every phrase (a caller may use any) and the mapping.
    func phrases(_ node: YAMLNode, what: @autoclosure () -> String) -> (all: [Located<String>], localized: LocalizedPhrases?) {
        guard let pairs = node.mappingPairs else { return (texts(node, what: what(), nonEmpty: true), nil) }
        var all: [Located<String>] = []
        var byLanguage: [(language: Located<String>, phrases: [Located<String>])] = []
        for pair in pairs {
            guard let language = knownLanguage(pair.key, what: what()) else { continue }
            let list = texts(pair.value, what: "the \(language.value) \(what())", nonEmpty: true)
            all += list
            byLanguage.append((language, list))
        }
        missingTranslation(in: node, what: what(), given: byLanguage.map(\.language.value))
        return (all, LocalizedPhrases(range: node.range, byLanguage: byLanguage))
    }
}

/// Cuts a prompt's text into literal runs and `{variable}` placeholders; `{{` and `}}` are
/// literal braces.
enum PromptTemplate {
    /// Whether `text` has a `{` or a `}`: without one it is all literal. Read from the UTF-8
    /// buffer (the generic `utf8.contains` cost a fifth of a prompt's decoding) with the C
    /// library's `memchr`, which reads it a vector at a time (issue 13's speed requirement).
    static func hasBrace(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, Int32(UInt8(ascii: "{")), bytes.count) != nil
                || memchr(start, Int32(UInt8(ascii: "}")), bytes.count) != nil
        }
    }

    static func parse(_ text: String) -> (segments: [PromptSegment], errors: [(String, Range<Int>)]) {
        guard hasBrace(text) else { return ([], []) }
        let scalars = Array(text.unicodeScalars)
        var segments: [PromptSegment] = []
        var errors: [(String, Range<Int>)] = []
        var literal = String.UnicodeScalarView()
        var i = 0
        func flush() {
            if !literal.isEmpty { segments.append(.text(String(literal))) }
            literal = String.UnicodeScalarView()
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "{" {
                if i + 1 < scalars.count, scalars[i + 1] == "{" { literal.append("{"); i += 2; continue }
                guard let close = scalars[(i + 1)...].firstIndex(where: { $0 == "}" || $0 == "{" }), scalars[close] == "}" else {
                    errors.append(("a placeholder opened here does not close; write '}' after the variable's name, or '{{' for a literal brace", i ..< i + 1))
                    i += 1
                    continue
                }
                let name = String(String.UnicodeScalarView(scalars[(i + 1) ..< close]))
                if name.isEmpty {
                    errors.append(("an empty placeholder '{}'; name a variable, such as {caller.number}, or write '{{' and '}}' for literal braces", i ..< close + 1))
                } else if !Lexical.isVariableName(name) {
                    errors.append(("'{\(name)}' does not name a variable (identifiers joined by dots, such as {pet.name}); write '{{' for a literal brace", i ..< close + 1))
                } else {
                    flush()
                    segments.append(.placeholder(name, offsets: i ..< close + 1))
                }
                i = close + 1
            } else if c == "}" {
                if i + 1 < scalars.count, scalars[i + 1] == "}" { literal.append("}"); i += 2; continue }
                errors.append(("a '}' that closes no placeholder; write '}}' for a literal brace", i ..< i + 1))
                i += 1
            } else {
                literal.append(c)
                i += 1
            }
        }
        flush()
        return (segments, errors)
    }
}

extension Lexical {
    /// A BCP 47 tag in its common form: a 2-3 letter language, then subtags of 2-8 letters or
    /// digits (`en-US`, `es-419`, `zh-Hant-TW`).
    public static func isLanguageTag(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

extension FlowDecoder {
    /// A context variable's `format:` (how a prompt speaks it): `digits`, for a string.
    func promptFormat(_ node: YAMLNode, of variable: ContextVariable, owner: @autoclosure () -> String) -> Located<String>? {
        guard let format = text(node, what: "format") else { return nil }
        guard format.value == "digits" else {
            invalid(node, "\(owner()) has format '\(format.value)'; the one format is 'digits' (a string spoken digit by digit in prompts)")
            return nil
        }
        guard variable.type == .string else {
            invalid(node, "format 'digits' speaks a string digit by digit; \(owner()) is a \(variable.type), which prompts speak by its type")
            return nil
        }
        return format
    }
}
