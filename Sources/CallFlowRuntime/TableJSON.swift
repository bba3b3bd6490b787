import Foundation

/// The JSON rendition of a table (docs/table-format.md), for people and other languages: the same
/// content as the binary file with every string written out, node targets as node indices (and
/// `null` for a missing option), schedules and conditions in their own JSON forms. Keys are
/// sorted, so the same table always gives the same text.
extension RoutingTable {
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(JSONTable(self)) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

private struct JSONTable: Encodable {
    let table: RoutingTable

    init(_ table: RoutingTable) {
        self.table = table
    }

    enum Keys: String, CodingKey {
        case format, formatVersion = "format_version", compilerVersion = "compiler_version", sourceHash = "source_hash"
        case checksum, name, timeZone = "time_zone", start, humanKey = "human_key", humanPhrases = "human_phrases"
        case variables, schedules, conditions, queues, rules, nodes
        case languages, voice, prompts
    }

    func text(_ index: Int32) -> String? { index >= 0 ? table.strings[Int(index)] : nil }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode("CFLT", forKey: .format)
        try c.encode(Int(TableFormat.version), forKey: .formatVersion)
        try c.encode(table.compilerVersion, forKey: .compilerVersion)
        try c.encode(String(format: "%016llx", table.sourceHash), forKey: .sourceHash)
        try c.encode(text(table.flowName), forKey: .name)
        try c.encodeIfPresent(text(table.timeZone), forKey: .timeZone)
        try c.encode(table.start, forKey: .start)
        try c.encode(String(UnicodeScalar(RoutingTable.keys[Int(table.humanKey)])), forKey: .humanKey)
        try c.encode(table.humanPhrases.map { table.strings[Int($0)] }, forKey: .humanPhrases)
        try c.encode(table.variables.enumerated().map { slot, v in JSONVariable(slot: slot, variable: v, table: table) }, forKey: .variables)
        try c.encode(table.schedules, forKey: .schedules)
        try c.encode(table.conditions, forKey: .conditions)
        try c.encode(table.queues.enumerated().map { JSONQueue(index: $0, queue: $1, table: table) }, forKey: .queues)
        try c.encode(table.rules.enumerated().map { JSONRule(index: $0, rule: $1, table: table) }, forKey: .rules)
        try c.encode(table.nodes.enumerated().map { index, node in JSONNode(index: index, node: node, table: table) }, forKey: .nodes)
        // Prompts, written only when they say more than the nodes' texts (languages, voices,
        // recordings, caller data), so a flow without them reads as it did.
        let prompts = table.prompts
        if !prompts.languages.isEmpty {
            try c.encode(prompts.languages.map { language in
                [table.strings[Int(language.name)], language.voice >= 0 ? table.strings[Int(language.voice)] : nil]
            }, forKey: .languages)
        }
        try c.encodeIfPresent(text(prompts.defaultVoice), forKey: .voice)
        if !prompts.languages.isEmpty || prompts.variants.contains(where: { $0.language >= 0 || $0.recording >= 0 || $0.partCount > 0 }) {
            try c.encode(prompts.nodePrompts.enumerated().filter { $0.element >= 0 }.map { node, prompt in
                JSONPrompt(node: node, prompt: prompts.prompts[Int(prompt)], table: table)
            }, forKey: .prompts)
        }
    }
}

private struct JSONPrompt: Encodable {
    let node: Int
    let prompt: TablePrompt
    let table: RoutingTable

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        let p = table.prompts
        try c.encode(node, forKey: DynamicKey("node"))
        var list = c.nestedUnkeyedContainer(forKey: DynamicKey("variants"))
        for k in Int(prompt.variantStart) ..< Int(prompt.variantStart + prompt.variantCount) {
            let v = p.variants[k]
            var item = list.nestedContainer(keyedBy: DynamicKey.self)
            if v.language >= 0 { try item.encode(table.strings[Int(p.languages[Int(v.language)].name)], forKey: DynamicKey("language")) }
            try item.encode(table.strings[Int(v.text)], forKey: DynamicKey("text"))
            if v.recording >= 0 { try item.encode(table.strings[Int(v.recording)], forKey: DynamicKey("play")) }
            if v.duration >= 0 { try item.encode(v.duration, forKey: DynamicKey("duration")) }
            if v.partCount > 0 {
                try item.encode((Int(v.partStart) ..< Int(v.partStart + v.partCount)).map { index -> String in
                    let part = p.parts[index]
                    switch part.kind {
                    case .text: return table.strings[Int(part.value)]
                    case .slot: return "{" + table.strings[Int(table.variables[Int(part.value)].name)] + (part.format == TablePromptPart.digits ? ":digits" : "") + "}"
                    }
                }, forKey: DynamicKey("parts"))
            }
        }
    }
}

private func constantJSON(_ constant: TableConstant, _ table: RoutingTable, into container: inout KeyedEncodingContainer<DynamicKey>, key: String) throws {
    switch constant {
    case .bool(let b): try container.encode(b, forKey: DynamicKey(key))
    case .number(let n): try container.encode(n, forKey: DynamicKey(key))
    case .string(let s): try container.encode(table.strings[Int(s)], forKey: DynamicKey(key))
    }
}

private struct DynamicKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ text: String) { stringValue = text }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct JSONVariable: Encodable {
    let slot: Int
    let variable: TableVariable
    let table: RoutingTable

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        try c.encode(slot, forKey: DynamicKey("slot"))
        try c.encode(table.strings[Int(variable.name)], forKey: DynamicKey("name"))
        try c.encode(variable.type.name, forKey: DynamicKey("type"))
        if variable.type == .enumeration {
            let values = (variable.enumStart ..< variable.enumStart + variable.enumCount).map { table.strings[Int(table.enumValues[Int($0)])] }
            try c.encode(values, forKey: DynamicKey("values"))
        }
        try constantJSON(table.constants[Int(variable.defaultValue)], table, into: &c, key: "default")
    }
}

private struct JSONQueue: Encodable {
    let index: Int
    let queue: TableQueue
    let table: RoutingTable

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        try c.encode(table.strings[Int(queue.name)], forKey: DynamicKey("name"))
        try c.encode((queue.skillStart ..< queue.skillStart + queue.skillCount).map { table.strings[Int(table.skills[Int($0)])] },
                     forKey: DynamicKey("skills"))
        try c.encode(queue.maxWait, forKey: DynamicKey("max_wait"))
        try c.encode(queue.offersCallback, forKey: DynamicKey("callback"))
        if queue.announce > 0 { try c.encode(queue.announce, forKey: DynamicKey("announce")) }
        if queue.alertDepth >= 0 { try c.encode(queue.alertDepth, forKey: DynamicKey("alert_depth")) }
        if queue.alertWait >= 0 { try c.encode(queue.alertWait, forKey: DynamicKey("alert_wait")) }
        // Format version 3: the announcement's words (the default language's) and the hold music.
        if let media = table.announcements.first(where: { $0.node == -1 && $0.queue == Int32(index) }) {
            if media.prompt >= 0 { try c.encode(table.promptText(media.prompt), forKey: DynamicKey("announcement")) }
            if media.holdMusic >= 0 { try c.encode(table.strings[Int(media.holdMusic)], forKey: DynamicKey("hold_music")) }
        }
    }
}

private struct JSONRule: Encodable {
    let index: Int
    let rule: TableRule
    let table: RoutingTable

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        try c.encode(table.strings[Int(rule.name)], forKey: DynamicKey("name"))
        try c.encode(RuleTriggerCode(rawValue: rule.trigger)?.name ?? "?", forKey: DynamicKey("at"))
        if rule.condition >= 0 { try c.encode(rule.condition, forKey: DynamicKey("condition")) }
        try c.encode(rule.target, forKey: DynamicKey("goto"))
        if rule.priority >= 0 { try c.encode(rule.priority, forKey: DynamicKey("priority")) }
        if rule.critical { try c.encode(true, forKey: DynamicKey("critical")) }
        if let answers = table.requestAnswers.first(where: { $0.rule == Int32(index) }) {
            try c.encode((0..<12).filter { answers.keys & (1 << Int32($0)) != 0 }.map { String(UnicodeScalar(RoutingTable.keys[$0])) },
                         forKey: DynamicKey("keys"))
            try c.encode(table.requestPhrases[Int(answers.phraseStart) ..< Int(answers.phraseStart + answers.phraseCount)]
                .map { table.strings[Int($0)] }, forKey: DynamicKey("phrases"))
        }
    }
}

private struct JSONNode: Encodable {
    let index: Int
    let node: TableNode
    let table: RoutingTable

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: DynamicKey.self)
        func put(_ key: String, _ value: some Encodable) throws { try c.encode(value, forKey: DynamicKey(key)) }
        func text(_ i: Int32) -> String { table.strings[Int(i)] }
        try put("index", index)
        try put("id", text(node.name))
        try put("kind", node.kind.name)
        let list = Int(node.listStart) ..< Int(node.listStart + node.listCount)
        switch node.kind {
        case .say, .transfer, .voicemail: try put(node.kind == .say ? "prompt" : node.kind == .transfer ? "target" : "mailbox", text(node.text))
            if node.kind == .voicemail {
                // Format version 3: the greeting (the default language's text) and the settings.
                let greeting = table.prompts.nodePrompts[index]
                if greeting >= 0 { try put("greeting", table.promptText(greeting)) }
                if let settings = table.voicemails.first(where: { $0.node == Int32(index) }) {
                    try put("max_length", settings.maxLength)
                    try put("transcribe", settings.transcribe == 1)
                }
            }
        case .menu:
            try put("prompt", text(node.text))
            try put("timeout", node.timeout)
            try put("retries", node.retries)
            let kind = node.kind.descriptor
            let jump = (0..<kind.keyedOutcomes).map { table.edges[Int(node.edgeStart) + kind.keyPosition($0)] }
            try put("options", jump.map { $0 >= 0 ? Optional($0) : nil })
            try put("speech", list.map { [text(table.speech[$0].phrase), String(UnicodeScalar(RoutingTable.keys[Int(table.speech[$0].key)]))] })
        case .collect:
            try put("prompt", text(node.text))
            try put("into", text(table.variables[Int(node.resource)].name))
            try put("digits", [node.minDigits, node.maxDigits])
            try put("timeout", node.timeout)
            try put("retries", node.retries)
        case .switch:
            try put("cases", list.map { [table.cases[$0].condition, table.cases[$0].target] })
        case .hours:
            try put("schedule", node.resource)
        case .lookup:
            try put("integration", text(node.text))
            try put("timeout", node.timeout)
            try put("sets", list.map { text(table.variables[Int(table.slotLists[$0])].name) })
            if let inputs = table.lookupInputs.first(where: { $0.node == Int32(index) }) {
                try put("with", (Int(inputs.slotStart) ..< Int(inputs.slotStart + inputs.slotCount)).map {
                    text(table.variables[Int(table.slotLists[$0])].name)
                })
            }
        case .send:
            try put("integration", text(node.text))
            try put("with", list.map { text(table.variables[Int(table.slotLists[$0])].name) })
        case .set:
            var values = c.nestedContainer(keyedBy: DynamicKey.self, forKey: DynamicKey("set"))
            for k in list {
                let a = table.assignments[k]
                let name = text(table.variables[Int(a.slot)].name)
                if a.constant < 0 {
                    try values.encode(["from": text(table.variables[Int(-a.constant - 1)].name)], forKey: DynamicKey(name))
                } else {
                    try constantJSON(table.constants[Int(a.constant)], table, into: &values, key: name)
                }
            }
        case .queue:
            try put("queue", text(table.queues[Int(node.resource)].name))
            if node.timeout >= 0 { try put("priority", node.timeout) }
            try put("skills", list.map { text(table.skills[$0]) })
            if let override = table.queueOverrides.first(where: { $0.node == Int32(index) }) {
                if override.maxWait >= 0 { try put("max_wait", override.maxWait) }
                if override.announce >= 0 { try put("announce", override.announce) }
                if override.callback >= 0 { try put("callback", override.callback == 1) }
            }
            if let own = table.announcements.first(where: { $0.node == Int32(index) }) { try put("announcement", table.promptText(own.prompt)) }
        case .callback:
            try put("queue", text(table.queues[Int(node.resource)].name))
            if let number = table.callbackNumbers.first(where: { $0.node == Int32(index) }) { try put("number", text(table.variables[Int(number.slot)].name)) }
        case .hangup:
            if node.text >= 0 { try put("prompt", text(node.text)) }
        }
        // The outcomes by label (a menu's keyed edges are its `options` above).
        var outcomes = c.nestedContainer(keyedBy: DynamicKey.self, forKey: DynamicKey("outcomes"))
        for (position, outcome) in node.kind.descriptor.outcomes.enumerated() {
            let target = table.edges[Int(node.edgeStart) + position]
            if target >= 0 { try outcomes.encode(target, forKey: DynamicKey(outcome.label)) }
        }
    }
}
