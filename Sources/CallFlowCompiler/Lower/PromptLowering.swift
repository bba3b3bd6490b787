import CallFlowRuntime

/// The prompt sections (format version 2): the languages and voices, and one prompt record per
/// node that plays one, in table order. A plain-text prompt's variant reuses its node's text, so a
/// flow without languages, recordings or caller data adds no string.
struct PromptLowering {
    private(set) var prompts = TablePrompts()

    init(flow: Flow, slots: VariableSlots, numbering: NodeNumbering, nodes: [TableNode],
         strings: inout TableStrings) throws(TableCompileError) {
        let languageNames = flow.languages.map(\.value)
        if !languageNames.isEmpty {
            guard let slot = slots.slot(of: "call.language") else { throw TableCompileError.noSlot("call.language", placeholder: false) }
            prompts.languageSlot = slot
        }
        for voice in flow.voices where voice.language == nil { prompts.defaultVoice = strings.intern(voice.voice.value) }
        for name in languageNames {
            let voice = flow.voices.first { $0.language?.value == name }.map { strings.intern($0.voice.value) } ?? -1
            prompts.languages.append(TableLanguage(name: strings.intern(name), voice: voice))
        }
        for variable in flow.context where variable.format?.value == "digits" { digits.insert(variable.name.value) }
        prompts.nodePrompts.reserveCapacity(numbering.kept.count)
        for (position, index) in numbering.kept.enumerated() {
            guard let prompt = Self.prompt(of: flow.nodes[index].kind) else {
                prompts.nodePrompts.append(-1)
                continue
            }
            // A voicemail's text is its mailbox: its greeting's text is a string of its own.
            let plain: Int32
            if case .voicemail = flow.nodes[index].kind { plain = strings.intern(prompt.value) } else { plain = nodes[position].text }
            prompts.nodePrompts.append(try add(prompt, plainText: plain, languageNames: languageNames, slots: slots, strings: &strings))
        }
        // Issue 14 item 7: queue announcements, after the node prompts (TableAnnouncements).
        for queue in flow.queues {
            guard let words = queue.announcement else { queueAnnouncements.append(-1); continue }
            queueAnnouncements.append(try add(words, plainText: strings.intern(words.value), languageNames: languageNames, slots: slots,
                                              strings: &strings))
        }
        for (position, index) in numbering.kept.enumerated() {
            guard case .queue(let step) = flow.nodes[index].kind, let words = step.announcement else { continue }
            nodeAnnouncements.append((Int32(position), try add(words, plainText: strings.intern(words.value), languageNames: languageNames,
                                                               slots: slots, strings: &strings)))
        }
    }

    private var digits = Set<String>()
    /// The announcement prompt of each queue (-1: none), and of each queue node that announces its own words.
    private(set) var queueAnnouncements: [Int32] = []
    private(set) var nodeAnnouncements: [(node: Int32, prompt: Int32)] = []

    /// Appends `prompt` (its variants and parts); returns its index. `plainText` is the string of
    /// a plain-text prompt's one variant.
    private mutating func add(_ prompt: Prompt, plainText: Int32, languageNames: [String], slots: VariableSlots,
                              strings: inout TableStrings) throws(TableCompileError) -> Int32 {
        let start = Int32(prompts.variants.count)
        if prompt.isPlainText {
            prompts.variants.append(TablePromptVariant(language: -1, recording: -1, text: plainText, duration: -1,
                                                       partStart: 0, partCount: 0))
        }
        for variant in prompt.variants {
            let language = variant.language.flatMap { languageNames.firstIndex(of: $0.value) }.map(Int32.init) ?? -1
            let recording = variant.play.map { strings.intern($0.value) } ?? -1
            let text = strings.intern(variant.text.text)
            let partStart = Int32(prompts.parts.count)
            for segment in variant.segments {
                switch segment {
                case .text(let literal):
                    prompts.parts.append(TablePromptPart(kind: .text, value: strings.intern(literal)))
                case .placeholder(let name, _):
                    guard let slot = slots.slot(of: name) else { throw TableCompileError.noSlot(name, placeholder: true) }
                    prompts.parts.append(TablePromptPart(kind: .slot, value: slot, format: digits.contains(name) ? TablePromptPart.digits : 0))
                }
            }
            // A text whose only special form was `{{`: its parts are literal runs, kept (the
            // text holds the braces doubled as written).
            prompts.variants.append(TablePromptVariant(
                language: language, recording: recording, text: text, duration: Int32(variant.duration?.value.seconds ?? -1),
                partStart: variant.segments.isEmpty ? 0 : partStart, partCount: Int32(prompts.parts.count) - partStart))
        }
        prompts.prompts.append(TablePrompt(variantStart: start, variantCount: Int32(prompts.variants.count) - start))
        return Int32(prompts.prompts.count - 1)
    }

    /// The prompt a node plays, if any.
    static func prompt(of kind: NodeKind) -> Prompt? {
        switch kind {
        case .say(let prompt): return prompt
        case .menu(let menu): return menu.prompt
        case .collect(let collect): return collect.prompt
        case .hangup(let goodbye): return goodbye.value
        case .voicemail(let voicemail): return voicemail.greeting
        default: return nil
        }
    }
}
