import Foundation

/// Writes an imported platform flow as callflow YAML (`callflow import`): node ids from the
/// platform's names (made into identifiers), prompts, menu options, queues, transfers; opaque
/// steps are written with `external:` and a comment saying what callflow could not see.
/// Outcomes callflow's language has no key for (a Connect menu's `NoMatchingError`) are written
/// as comments; `lossless` is false when there were any.
public struct FlowYAMLWriter {
    public private(set) var lossless = true
    /// Platform names -> the ids written.
    public private(set) var ids: [String: String] = [:]

    public init() {}

    public mutating func yaml(_ imported: ImportedFlow, source: String) -> String? {
        guard let flow = imported.flow else { return nil }
        assignIDs(flow)
        var out = "# Converted by `callflow import` from \(source) (\(imported.format.displayName)).\n"
        out += "# Steps marked `external` are opaque: callflow cannot see what they decide; any branch may be taken.\n"
        out += "callflow: 1\n"
        out += "name: \(Self.quote(Self.identifier(flow.name.value)))\n"
        out += "start: \(id(flow.start.value))\n"
        // The checks callflow skips on the platform flow stay off here, so both give the same
        // findings; remove entries as the flow is made callflow's own.
        let skipped = imported.skipped.map(\.id).filter { CheckRegistry.descriptor($0) != nil }
        if !skipped.isEmpty {
            out += "# Checks skipped for the platform flow (see `callflow lint --explain-import`):\n"
            out += "ignore: [unused-ignore, \(skipped.joined(separator: ", "))]\n"
        }
        var inputs: [String] = []
        for node in flow.nodes {
            if case .collect = node.kind { inputs.append("input.\(id(node.id.value))") }
        }
        if !inputs.isEmpty {
            out += "context:\n"
            for input in inputs { out += "  \(input): string  # what the caller keyed in\n" }
        }
        // Queues the flow uses, declared so the YAML stands alone; their limits are the platform's.
        var queues: [String] = []
        for node in flow.nodes {
            if case .queue(let step) = node.kind, !queues.contains(Self.identifier(step.queue.value)) {
                queues.append(Self.identifier(step.queue.value))
            }
        }
        if !queues.isEmpty {
            out += "queues:\n"
            for queue in queues { out += "  \(queue): {max_wait: 30m}  # limits are set on the platform\n" }
        }
        out += "nodes:\n"
        if flow.nodes.isEmpty {
            // A platform flow with no steps does nothing: one opaque end where it starts (callflow
            // refuses a flow without nodes).
            out += "  \(id(flow.start.value)):\n"
            out += "    hangup: true\n"
            out += "    external: \(Self.quote("no steps in the original flow"))\n"
        }
        for node in flow.nodes {
            out += write(node, platformType: imported.platformTypes[node.id.value])
        }
        return out
    }

    private mutating func assignIDs(_ flow: Flow) {
        var taken = Set<String>()
        for node in flow.nodes {
            var base = Self.identifier(node.id.value)
            if base.isEmpty { base = "step" }
            var candidate = base, counter = 2
            while taken.contains(candidate) {
                candidate = "\(base)-\(counter)"
                counter += 1
            }
            taken.insert(candidate)
            ids[node.id.value] = candidate
        }
    }

    private func id(_ name: String) -> String { ids[name] ?? Self.identifier(name) }

    /// A prompt as callflow writes it. The platform may play audio or a value it computes, so a
    /// step can have no text; callflow refuses an empty prompt, so the converted flow says so.
    static let noText = "(no text in the original: it plays audio or a computed value)"

    /// The platform's text is literal: its braces (a Liquid `{{flow.data}}`) are doubled, so
    /// callflow reads them as braces, not as caller data (`template`).
    static func prompt(_ text: String) -> String {
        let literal = text.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
        return quote(text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? noText : literal)
    }

    /// `Say Hello` -> `say-hello`, `gather_1#timeout` -> `gather_1-timeout`; a leading digit gets `n`.
    static func identifier(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || scalar == "_" || scalar == "-" {
                out.unicodeScalars.append(scalar)
            } else if !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if let first = out.unicodeScalars.first, !(first >= "a" && first <= "z") { out = "n" + out }
        return out.isEmpty ? "unnamed" : out
    }

    /// A YAML double-quoted scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\x%02X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    private mutating func write(_ node: FlowNode, platformType: String?) -> String {
        var lines: [String] = []
        var used = Set<String>()
        func outcome(_ label: String, as key: String? = nil) {
            guard !used.contains(label), let found = node.outcome(label) else { return }
            lines.append("\(key ?? label): \(id(found.target.value))")
            used.insert(label)
        }
        if let platformType, platformType != "(end of call)" { lines.append("# \(platformType)") }
        switch node.kind {
        case .say(let prompt):
            lines.append("say: \(Self.prompt(prompt.value))")
            outcome("next")
        case .menu(let menu):
            lines.append("menu: \(Self.prompt(menu.prompt.value))")
            if let timeout = menu.timeout { lines.append("timeout: \(timeout.value)") }
            if let retries = menu.retries { lines.append("retries: \(retries.value)") }
            lines.append(menu.options.isEmpty ? "options: {}" : "options:")
            for option in menu.options {
                lines.append("  \(Self.quote(option.key.value)): \(id(option.target.value))")
                used.insert(option.key.value)
            }
            outcome("no_input")
            outcome("no_match")
        case .collect(let collect):
            lines.append("collect: \(Self.prompt(collect.prompt.value))")
            if let digits = collect.digits { lines.append("digits: \(digits.min == digits.max ? "\(digits.min)" : "\(digits.min)-\(digits.max)")") }
            lines.append("into: input.\(id(node.id.value))")
            if let timeout = collect.timeout { lines.append("timeout: \(timeout.value)") }
            if let retries = collect.retries { lines.append("retries: \(retries.value)") }
            outcome("next")
            outcome("no_input")
            outcome("no_match")
        case .switch(let cases):
            lines.append(cases.isEmpty ? "switch: []" : "switch:")
            for (position, item) in cases.enumerated() {
                lines.append("  - if: \(Self.quote(item.condition.text))")
                lines.append("    goto: \(id(item.target.value))")
                used.insert("case \(position + 1)")
            }
            outcome("else")
        case .hours(let schedule):
            lines.append("hours: \(Self.identifier(schedule.value))")
            outcome("open")
            outcome("closed")
        case .lookup(let lookup):
            let integration = lookup.integration.value.isEmpty ? "integration" : lookup.integration.value
            if integration.contains(where: \.isWhitespace) {
                // A name with spaces (a placeholder such as "ENTER LAMBDA HERE"): callflow's names have none.
                lines.append("# the platform's function: \(Self.quote(integration))")
                lines.append("lookup: \(Self.quote(Self.identifier(integration)))")
            } else {
                lines.append("lookup: \(Self.quote(integration))")
            }
            if let timeout = lookup.timeout { lines.append("timeout: \(timeout.value)") }
            outcome("next")
            outcome("error")
        case .send(let send):
            lines.append("send: \(Self.quote(send.integration.value))")
            outcome("next")
            outcome("error")
        case .set:
            lines.append("set: {}")
            outcome("next")
        case .queue(let step):
            lines.append("queue: \(Self.identifier(step.queue.value))")
            if let priority = step.priority { lines.append("priority: \(priority.value)") }
            outcome("overflow")
        case .transfer(let target):
            lines.append("transfer: \(Self.quote(target.value))")
            // One platform branch for every way the call fails (Studio's callCompleted): `fallback`.
            let failures = ["no_answer", "busy", "failed"].compactMap { node.outcome($0) }
            if failures.count == 3, Set(failures.map(\.source)).count == 1, Set(failures.map(\.target.value)).count == 1 {
                lines.append("fallback: \(id(failures[0].target.value))")
                used.formUnion(["no_answer", "busy", "failed"])
            }
            outcome("no_answer")
            outcome("busy")
            outcome("failed")
        case .voicemail(let voicemail):
            lines.append("voicemail: \(Self.identifier(voicemail.box.value))")
        case .callback(let step):
            lines.append("callback: \(Self.identifier(step.queue.value))")
        case .hangup(let prompt):
            lines.append("hangup: " + (prompt.value.map { Self.prompt($0.value) } ?? "true"))
        }
        let extra = node.outcomes.filter { !used.contains($0.label) }
        var external = node.external?.value
        if !extra.isEmpty && external == nil { external = platformType ?? "platform step" }
        if let external { lines.append("external: \(Self.quote(external))") }
        if !extra.isEmpty {
            // Branches callflow's kind has no key for, kept as the platform's extra outcomes.
            lines.append("branches:")
            var written = Set<String>()
            for other in extra where written.insert(other.label).inserted {
                lines.append("  \(Self.quote(other.label)): \(id(other.target.value))")
            }
            if written.count < extra.count { lossless = false }
        }
        var out = "  \(id(node.id.value)):\n"
        for line in lines { out += "    \(line)\n" }
        return out
    }
}
