import Foundation

/// A table's prompts prepared once: language names and voices as strings, and the parts of every
/// variant without placeholders already made, so rendering those allocates nothing.
struct PromptProgram: Sendable {
    let prompts: TablePrompts
    let languageNames: [String]
    let voices: [String?]
    let defaultVoice: String?
    /// The parts of each variant that has no placeholder; empty for one that has.
    let fixedParts: [[PromptPart]]

    init(_ table: RoutingTable) {
        let p = table.prompts
        prompts = p
        languageNames = p.languages.map { table.strings[Int($0.name)] }
        defaultVoice = p.defaultVoice >= 0 ? table.strings[Int(p.defaultVoice)] : nil
        let fallback = defaultVoice
        voices = p.languages.map { $0.voice >= 0 ? table.strings[Int($0.voice)] : fallback }
        fixedParts = p.variants.map { v in
            guard v.partCount == 0 else { return [] }
            let text = table.strings[Int(v.text)]
            return [v.recording >= 0 ? .recording(url: table.strings[Int(v.recording)], transcript: text) : .text(text)]
        }
    }

    /// The variant of `prompt` for language index `language` (-1: none): the one written for it,
    /// else the one for every language, else the first (the default language's).
    func variant(_ prompt: Int, language: Int) -> Int {
        let record = prompts.prompts[prompt]
        let range = Int(record.variantStart) ..< Int(record.variantStart + record.variantCount)
        var every = -1
        for k in range {
            let l = Int(prompts.variants[k].language)
            if l == language && language >= 0 { return k }
            if l == -1 && every < 0 { every = k }
        }
        return every >= 0 ? every : range.lowerBound
    }
}

extension CallSession {
    /// The call's language (`call.language`), or nil when the flow names none.
    public var language: String? {
        let slot = Int(program.promptProgram.prompts.languageSlot)
        guard slot >= 0, case .string(let tag) = state.slots[slot] else { return nil }
        return tag
    }

    /// The voice of the call's language (the platform's voice name), or nil when the flow names none.
    public var voice: String? {
        let p = program.promptProgram
        guard let index = languageIndex, index >= 0 else { return p.defaultVoice }
        return p.voices[index]
    }

    private var languageIndex: Int? {
        guard let tag = language else { return nil }
        return program.promptProgram.languageNames.firstIndex(of: tag)
    }

    /// The prompt an instruction points at, in the call's language with its caller data filled;
    /// empty when the instruction plays none.
    public func render(_ instruction: Instruction) -> [PromptPart] {
        instruction.prompt >= 0 ? render(prompt: instruction.prompt) : []
    }

    /// Prompt `prompt` (an index of `table.prompts.prompts`) in the call's language, placeholders
    /// spoken by type: a duration in words ("about 5 minutes"), a number as a number, a string as
    /// written (digit by digit for `format: digits`). A prompt without placeholders is returned
    /// as stored: no allocation.
    public func render(prompt: Int32) -> [PromptPart] {
        let p = program.promptProgram
        guard prompt >= 0, Int(prompt) < p.prompts.prompts.count else { return [] }
        let k = p.variant(Int(prompt), language: languageIndex ?? -1)
        let variant = p.prompts.variants[k]
        if variant.partCount == 0 { return p.fixedParts[k] }
        let strings = program.strings
        var text = ""
        for index in Int(variant.partStart) ..< Int(variant.partStart + variant.partCount) {
            let part = p.prompts.parts[index]
            switch part.kind {
            case .text: text += strings[Int(part.value)]
            case .slot:
                let type = program.variables[Int(part.value)].type
                text += PromptSpeech.speak(state.slots[Int(part.value)], type: type, digits: part.format == TablePromptPart.digits,
                                           language: language)
            }
        }
        return [.text(text)]
    }
}

/// How a value is spoken inside a prompt, by its type.
public enum PromptSpeech {
    /// Words for "about N minutes" / "less than a minute" by language (the tag's first subtag);
    /// English when the language is not listed.
    static let durationWords: [String: (about: String, minute: String, minutes: String, lessThanOne: String, second: String, seconds: String)] = [
        "en": ("about", "minute", "minutes", "less than a minute", "second", "seconds"),
        "es": ("unos", "minuto", "minutos", "menos de un minuto", "segundo", "segundos"),
        "fr": ("environ", "minute", "minutes", "moins d'une minute", "seconde", "secondes"),
        "de": ("etwa", "Minute", "Minuten", "weniger als eine Minute", "Sekunde", "Sekunden"),
        "it": ("circa", "minuto", "minuti", "meno di un minuto", "secondo", "secondi"),
        "pt": ("cerca de", "minuto", "minutos", "menos de um minuto", "segundo", "segundos"),
    ]

    public static func speak(_ value: RuntimeValue, type: VariableTypeCode, digits: Bool, language: String?) -> String {
        switch value {
        case .bool(let b): return b ? "yes" : "no"
        case .number(let n):
            if type == .duration { return duration(Int(n), language: language) }
            return number(n)
        case .string(let s):
            guard digits else { return s }
            return s.filter { !$0.isWhitespace }.map(String.init).joined(separator: " ")
        }
    }

    /// A whole number without ".0"; others with up to two decimals.
    static func number(_ n: Double) -> String {
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return String(format: "%.2f", n).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    }

    /// "about 5 minutes": whole minutes, rounded to the nearest; under a minute "less than a minute".
    static func duration(_ seconds: Int, language: String?) -> String {
        let base = language.map { String($0.split(separator: "-").first ?? "") } ?? "en"
        let w = durationWords[base] ?? durationWords["en"]!
        if seconds < 60 { return w.lessThanOne }
        let minutes = (seconds + 30) / 60
        return "\(w.about) \(minutes) \(minutes == 1 ? w.minute : w.minutes)"
    }
}
