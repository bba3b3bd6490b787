/// The prompts of a table (format version 2, docs/table-format.md, "Prompts"): the flow's
/// languages and voices, one record per prompt a node plays, each with a variant per language
/// (text cut into literal runs and placeholders, or a recording and its transcript).
public struct TablePrompts: Equatable, Sendable {
    /// The slot of `call.language` (an enum of the languages), or -1 when the flow names none.
    public var languageSlot: Int32
    /// The voice of a flow without languages, or of every language that names none (string, -1).
    public var defaultVoice: Int32
    public var languages: [TableLanguage]
    public var prompts: [TablePrompt]
    public var variants: [TablePromptVariant]
    public var parts: [TablePromptPart]
    /// The prompt each node plays (say, menu, collect, a hangup's goodbye), by node; -1: none.
    public var nodePrompts: [Int32]

    public init(languageSlot: Int32 = -1, defaultVoice: Int32 = -1, languages: [TableLanguage] = [], prompts: [TablePrompt] = [],
                variants: [TablePromptVariant] = [], parts: [TablePromptPart] = [], nodePrompts: [Int32] = []) {
        self.languageSlot = languageSlot
        self.defaultVoice = defaultVoice
        self.languages = languages
        self.prompts = prompts
        self.variants = variants
        self.parts = parts
        self.nodePrompts = nodePrompts
    }
}

/// A language of the flow: its tag and voice (strings; the voice -1 when none is named).
public struct TableLanguage: Equatable, Sendable {
    public var name: Int32
    public var voice: Int32

    public init(name: Int32, voice: Int32) {
        self.name = name
        self.voice = voice
    }
}

/// A prompt: a run of `variants`.
public struct TablePrompt: Equatable, Sendable {
    public var variantStart: Int32
    public var variantCount: Int32

    public init(variantStart: Int32, variantCount: Int32) {
        self.variantStart = variantStart
        self.variantCount = variantCount
    }
}

/// A prompt in one language (`language` indexes `languages`; -1: every language). `text` is the
/// whole text (placeholders as written) or a recording's transcript; `recording` the URL or path
/// (-1: text to speech); `duration` the recording's declared seconds (-1: none); `parts` the
/// text cut into literal runs and placeholders (none when the text has no placeholder).
public struct TablePromptVariant: Equatable, Sendable {
    public var language: Int32
    public var recording: Int32
    public var text: Int32
    public var duration: Int32
    public var partStart: Int32
    public var partCount: Int32

    public init(language: Int32, recording: Int32, text: Int32, duration: Int32, partStart: Int32, partCount: Int32) {
        self.language = language
        self.recording = recording
        self.text = text
        self.duration = duration
        self.partStart = partStart
        self.partCount = partCount
    }
}

public enum PromptPartKind: Int32, Sendable {
    /// `value` is a string: literal words.
    case text = 0
    /// `value` is a slot, spoken by its type (`format` 1: a string digit by digit).
    case slot = 1
}

public struct TablePromptPart: Equatable, Sendable {
    public var kind: PromptPartKind
    public var value: Int32
    public var format: Int32

    public init(kind: PromptPartKind, value: Int32, format: Int32 = 0) {
        self.kind = kind
        self.value = value
        self.format = format
    }

    /// `format`: speak a string digit by digit.
    public static let digits: Int32 = 1
}

/// What the platform plays for a prompt: text to speak in the call's language, or a recording.
public enum PromptPart: Equatable, Sendable {
    case text(String)
    case recording(url: String, transcript: String)

    /// What a caller hears, as text (a recording's transcript).
    public var spokenText: String {
        switch self {
        case .text(let text): return text
        case .recording(_, let transcript): return transcript
        }
    }
}

extension TablePrompts {
    /// Checks every index against `table` (called by `RoutingTable.validate()`).
    func validate(_ table: RoutingTable) throws(TableError) {
        func string(_ index: Int32, _ what: @autoclosure () -> String, optional: Bool = false) throws(TableError) {
            if optional && index == -1 { return }
            guard index >= 0, Int(index) < table.strings.count else { throw .badReference(record: what(), .string(of: nil), index: Int64(index)) }
        }
        if languageSlot != -1 {
            guard languageSlot >= 0, Int(languageSlot) < table.variables.count,
                  table.variables[Int(languageSlot)].type == .enumeration,
                  Int(table.variables[Int(languageSlot)].enumCount) == languages.count else {
                throw .wrongKind(.languageSlot(languageSlot, languages: languages.count))
            }
        } else if !languages.isEmpty {
            throw .mismatch(.languagesWithoutSlot(languages.count))
        }
        try string(defaultVoice, "the default voice", optional: true)
        for (i, language) in languages.enumerated() {
            try string(language.name, "language \(i)")
            try string(language.voice, "the voice of language \(i)", optional: true)
        }
        for (i, prompt) in prompts.enumerated() {
            guard prompt.variantCount >= 1, prompt.variantStart >= 0,
                  Int(prompt.variantStart) + Int(prompt.variantCount) <= variants.count else {
                throw .outOfRange(.span(record: "prompt \(i)'s variants"))
            }
        }
        for (i, variant) in variants.enumerated() {
            guard variant.language >= -1, Int(variant.language) < languages.count else { throw .badReference(record: "prompt variant \(i)", .language, index: Int64(variant.language)) }
            try string(variant.recording, "prompt variant \(i)'s recording", optional: true)
            try string(variant.text, "prompt variant \(i)'s text")
            guard variant.duration >= -1 else { throw .outOfRange(.duration(promptVariant: i, variant.duration)) }
            guard variant.partStart >= 0, variant.partCount >= 0, Int(variant.partStart) + Int(variant.partCount) <= parts.count,
                  variant.recording == -1 || variant.partCount == 0 else {
                throw .outOfRange(.span(record: "prompt variant \(i)'s parts"))
            }
        }
        for (i, part) in parts.enumerated() {
            switch part.kind {
            case .text:
                try string(part.value, "prompt part \(i)")
                guard part.format == 0 else { throw .unknownCode(record: "prompt part \(i)", field: .format, value: Int64(part.format)) }
            case .slot:
                guard part.value >= 0, Int(part.value) < table.variables.count else { throw .badReference(record: "prompt part \(i)", .slotRead, index: Int64(part.value)) }
                guard part.format == 0 || part.format == TablePromptPart.digits else { throw .unknownCode(record: "prompt part \(i)", field: .format, value: Int64(part.format)) }
            }
        }
        guard nodePrompts.count == table.nodes.count else {
            throw .mismatch(.nodePrompts(nodePrompts.count, nodes: table.nodes.count))
        }
        for (i, prompt) in nodePrompts.enumerated() {
            let kind = table.nodes[i].kind
            let plays = kind == .say || kind == .menu || kind == .collect || (kind == .hangup && table.nodes[i].text != -1)
            // A voicemail's greeting (format version 3) is optional.
            let mayPlay = kind == .voicemail && prompt != -1
            guard plays || mayPlay ? (prompt >= 0 && Int(prompt) < prompts.count) : prompt == -1 else {
                throw .badReference(record: "node \(i) (\(kind.name))", .prompt, index: Int64(prompt))
            }
        }
    }
}
