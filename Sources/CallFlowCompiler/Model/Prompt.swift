/// What a caller hears where a prompt is taken (`say`, `menu`, `collect`, `hangup`'s goodbye, an
/// option's `say`; docs/language.md, "Prompts"): text spoken in the call's language, a mapping by
/// language, or a recording with its transcript, any of them with caller data (`{pet.name}`).
///
/// `value` and `range` read like the `Located<String>` a prompt used to be: the default
/// language's text (a recording's transcript), placeholders as written, so the checks that read
/// a prompt's words read the default language's.
public struct Prompt: Sendable {
    /// The default language's text, or its recording's transcript.
    public var value: String
    /// The whole prompt as written (a scalar or a mapping).
    public var range: SourceRange
    /// One per language written (`{en-US: ..., es-US: ...}`), in the order written; or one whose
    /// `language` is nil, played in every language. Empty for plain text with no placeholders
    /// (the common case, stored with no array at all): `value` in every language.
    public var variants: [PromptVariant]

    public init(value: String, range: SourceRange, variants: [PromptVariant]) {
        self.value = value
        self.range = range
        self.variants = variants
    }

    /// Plain text, the same in every language, with no placeholders.
    public init(_ text: String, at range: SourceRange) {
        self.init(value: text, range: range, variants: [])
    }

    /// Plain text as read from a platform's flow (an importer).
    public init(_ text: Located<String>) {
        self.init(text.value, at: text.range)
    }

    /// Plain text with no placeholders, the same in every language: what a prompt was before
    /// languages, recordings and caller data.
    public var isPlainText: Bool { variants.isEmpty }

    /// What a picture shows: the default language's text, marked when it is a recording.
    public var pictureText: String {
        // The default language's variant is the one `value` was taken from.
        guard variants.first(where: { $0.text.text == value })?.isRecording == true else { return value }
        return "(recording) " + value
    }

    /// The variables its placeholders name, in every language.
    public var placeholderNames: [String] {
        variants.flatMap { $0.segments.compactMap { if case .placeholder(let name, _) = $0 { return name } else { return nil } } }
    }

    /// Every variant: the written ones, or plain text's one.
    public var allVariants: [PromptVariant] {
        variants.isEmpty ? [PromptVariant(language: nil, text: ExpressionSource(text: value, range: range, style: .plain),
                                          play: nil, duration: nil, segments: [])] : variants
    }

    /// The variant played in `language` (nil: the default language): the one written for it, else
    /// the one for every language, else the first.
    public func variant(for language: String?) -> PromptVariant {
        let all = allVariants
        if let language, let match = all.first(where: { $0.language?.value == language }) { return match }
        return all.first { $0.language == nil } ?? all[0]
    }
}

/// A prompt in one language (or in every language): text or a recording.
public struct PromptVariant: Sendable {
    /// The language tag as written under the prompt; nil for a prompt the same in every language.
    public var language: Located<String>?
    /// The text spoken, or the recording's transcript (`text:`), with where it is written.
    public var text: ExpressionSource
    /// A recording's `play:` (an https URL or a path inside the flow's folder).
    public var play: Located<String>?
    /// A recording's declared length (`duration:`).
    public var duration: Located<Duration>?
    /// The text cut into literal runs and placeholders (`{{` already a brace); empty when the
    /// text is all literal and has no doubled brace (then `text.text` is what is spoken).
    public var segments: [PromptSegment]

    public init(language: Located<String>?, text: ExpressionSource, play: Located<String>?, duration: Located<Duration>?,
                segments: [PromptSegment]) {
        self.language = language
        self.text = text
        self.play = play
        self.duration = duration
        self.segments = segments
    }

    public var isRecording: Bool { play != nil }

    public var hasPlaceholders: Bool {
        segments.contains { if case .placeholder = $0 { return true } else { return false } }
    }

    /// The text as a caller hears it with every placeholder read as `fill` does (`{{` as `{`).
    public func spoken(_ fill: (String) -> String) -> String {
        if segments.isEmpty { return text.text }
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let text): out += text
            case .placeholder(let name, _): out += fill(name)
            }
        }
        return out
    }
}

/// A run of a prompt's text: literal words, or a context variable spoken by its type.
public enum PromptSegment: Sendable, Equatable {
    case text(String)
    /// `{name}`; `offsets` are the placeholder's (braces included) in the text's Unicode scalars.
    case placeholder(String, offsets: Range<Int>)
}

/// A phrase list given once for every language, or per language (`human_phrases`, an option's
/// `speech`).
public struct LocalizedPhrases: Sendable {
    /// Where the per-language mapping is written; nil when the list is the same in every language.
    public var range: SourceRange?
    public var byLanguage: [(language: Located<String>, phrases: [Located<String>])]

    public init(range: SourceRange?, byLanguage: [(language: Located<String>, phrases: [Located<String>])]) {
        self.range = range
        self.byLanguage = byLanguage
    }
}
