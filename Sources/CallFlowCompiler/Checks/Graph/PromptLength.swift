/// How long a prompt plays, as `slow-path-to-human` counts it, in words at its speaking rate:
/// the slowest language's; a recording by its declared `duration` (its transcript's words when it
/// declares none); a placeholder at its longest spoken form.
extension SlowPathToHuman {
    static func words(_ prompt: Prompt, in flow: Flow) -> Int {
        if prompt.isPlainText { return words(prompt.value) }
        var most = 0
        for variant in prompt.variants {
            let count: Int
            if variant.isRecording, let duration = variant.duration {
                // Seconds to words at the same rate: ceil(tenths / tenthsPerWord).
                count = (duration.value.seconds * 10 + tenthsPerWord - 1) / tenthsPerWord
            } else {
                var total = 0
                for segment in variant.segments {
                    switch segment {
                    case .text(let text): total += words(text)
                    case .placeholder(let name, _): total += longestWords(of: name, in: flow)
                    }
                }
                count = variant.segments.isEmpty ? words(variant.text.text) : total
            }
            most = max(most, count)
        }
        return most
    }

    /// A placeholder's longest spoken form in words: a duration "cerca de 99 minutos" (4), a
    /// number or bool 1, an enum its longest value, a `format: digits` string 10 digits, another
    /// string 3 words.
    static func longestWords(of name: String, in flow: Flow) -> Int {
        let variable = flow.variable(named: name)
        let type = variable?.type ?? ContextVariable.builtIns.first { $0.name == name }?.type ?? .string
        switch type {
        case .duration: return 4
        case .number, .bool: return 1
        case .enumeration(let values): return values.map { words($0) }.max() ?? 1
        case .string: return variable?.format?.value == "digits" ? 10 : 3
        }
    }
}
