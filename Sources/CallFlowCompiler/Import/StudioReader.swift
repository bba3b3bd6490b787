import Foundation

/// Reads a Twilio Studio flow definition (`states`, `initial_state`) into callflow's model.
struct StudioReader {
    let reader: JSONReader

    struct Transition {
        var event: String
        var next: Located<String>?
        /// The transition object (where an unwired event points).
        var range: SourceRange
        var conditions: [YAMLNode]
    }

    struct State {
        var name: Located<String>
        var type: String
        var typeRange: SourceRange
        var range: SourceRange
        var properties: YAMLNode?
        var transitions: [Transition]

        func transition(_ event: String) -> Transition? { transitions.first { $0.event == event } }
    }

    /// Widgets with a voice meaning callflow has no kind for, or messaging widgets: opaque, not reported.
    static let knownOpaque: Set<String> = [
        "send-message", "send-and-wait-for-reply", "make-outgoing-call-v2", "make-outgoing-call", "capture-payments",
        "record-call", "fork-stream", "add-twiml-redirect", "connect-virtual-agent", "connect-virtual-agent-v2",
        "run-conversation-relay", "send-to-autopilot", "send-message-v2",
    ]

    static let mapped: Set<String> = [
        "trigger", "gather-input-on-call", "split-based-on", "say-play", "send-to-flex", "enqueue-call", "connect-call-to",
        "record-voicemail", "make-http-request", "run-function", "run-subflow", "set-variables",
    ]

    func read(_ root: YAMLNode) -> ImportedFlow {
        let builder = ImportBuilder(reader: reader)
        var states: [State] = []
        for item in root.field("states")?.items ?? [] {
            guard let name = reader.text(item.field("name")) else {
                builder.diagnostics.append(Diagnostic(.invalidValue, "a state without a 'name'; Studio names every widget",
                                                      at: reader.range(item)))
                continue
            }
            let typeNode = item.field("type")
            var transitions: [Transition] = []
            for transition in item.field("transitions")?.items ?? [] {
                let next = reader.text(transition.field("next")).flatMap { $0.value.isEmpty ? nil : $0 }
                let event = transition.field("event")
                transitions.append(Transition(event: event?.string ?? "", next: next,
                                              range: reader.range(event ?? transition), conditions: transition.field("conditions")?.items ?? []))
            }
            states.append(State(name: name, type: typeNode?.string ?? "", typeRange: typeNode.map(reader.range) ?? name.range,
                                range: reader.range(item), properties: item.field("properties"), transitions: transitions))
        }
        // How many transitions lead to each state: a split is folded into the gather before it
        // only when nothing else leads to it.
        var incoming: [String: Int] = [:]
        for state in states {
            for transition in state.transitions { if let next = transition.next { incoming[next.value, default: 0] += 1 } }
        }
        let byName = Dictionary(states.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        // Decided before any node is made: a split listed before its gather is folded too (it
        // was also made a node of its own, reported unreachable).
        var folded = Set<String>()
        for state in states where state.type == "gather-input-on-call" {
            if let split = foldableSplit(state, byName: byName, incoming: incoming) { folded.insert(split.name.value) }
        }
        var foldedRanges: [(range: SourceRange, node: String)] = []

        var start: Located<String>?
        let initial = reader.text(root.field("initial_state"))
        for state in states {
            if folded.contains(state.name.value) { continue }
            let name = state.name.value
            var outcomes: [Outcome] = []
            func wire(_ label: String, _ transition: Transition?, orEnd: Bool = true) {
                guard let transition else { return }
                if let next = transition.next {
                    outcomes.append(Outcome(label: label, target: next, source: next.range))
                } else if orEnd {
                    let end = builder.endsCall(step: name, event: transition.event, at: transition.range)
                    outcomes.append(Outcome(label: label, target: end, source: transition.range))
                }
            }
            func required(_ label: String, _ event: String, _ what: String) {
                if let transition = state.transition(event), let next = transition.next {
                    outcomes.append(Outcome(label: label, target: next, source: next.range))
                } else {
                    let at = state.transition(event)?.range ?? state.name.range
                    builder.deadEnd("\(state.type) '\(name)' has no '\(event)' transition: \(what) ends the call here; "
                                    + "connect '\(event)' to a widget", at: at)
                }
            }
            let properties = state.properties
            switch state.type {
            case "trigger":
                let call = state.transition("incomingCall")
                let chosen = call?.next != nil ? call : state.transitions.first { $0.next != nil }
                if let next = chosen?.next {
                    start = next
                } else {
                    builder.deadEnd("the trigger '\(name)' has no 'incomingCall' transition: calls to this flow end at "
                                    + "once; connect 'Incoming Call' to a widget", at: call?.range ?? state.name.range)
                    start = builder.endsCall(step: name, event: "incomingCall", at: call?.range ?? state.name.range)
                }
                continue
            case "gather-input-on-call":
                let prompt = self.prompt(state)
                let timeout = properties?.field("timeout").flatMap { node in
                    ImportBuilder.number(node.string, in: ImportBuilder.seconds).map { Located(Duration(seconds: $0), at: reader.range(node)) }
                }
                let loop = properties?.field("loop")
                let retries = Located((ImportBuilder.number(loop?.string, in: 1...100) ?? 1) - 1, at: loop.map(reader.range) ?? state.name.range)
                if let split = foldableSplit(state, byName: byName, incoming: incoming) {
                    foldedRanges.append((split.range, name))
                    var options: [MenuOption] = []
                    for transition in split.transitions where transition.event == "match" {
                        let target = transition.next ?? builder.endsCall(step: split.name.value, event: "match", at: transition.range)
                        for key in Self.keys(transition) {
                            guard !options.contains(where: { $0.key.value == key.value }) else { continue }
                            options.append(MenuOption(key: key, target: target, label: nil, speech: []))
                            outcomes.append(Outcome(label: key.value, target: target, source: key.range))
                        }
                    }
                    let menu = Menu(prompt: Prompt(prompt), options: options, timeout: timeout, retries: retries)
                    if let timeout = state.transition("timeout"), timeout.next?.value == split.name.value {
                        // The timeout leads to the split too: with no digits it takes its noMatch.
                        if let next = split.transition("noMatch")?.next {
                            outcomes.append(Outcome(label: "no_input", target: next, source: timeout.range))
                        } else {
                            builder.deadEnd("the 'timeout' of '\(name)' leads to split-based-on '\(split.name.value)', which has no "
                                            + "'noMatch' transition: a caller who presses nothing is dropped; connect 'No Condition "
                                            + "Matches' to a widget", at: timeout.range)
                        }
                    } else {
                        required("no_input", "timeout", "a caller who presses nothing")
                    }
                    if let noMatch = split.transition("noMatch"), let next = noMatch.next {
                        outcomes.append(Outcome(label: "no_match", target: next, source: next.range))
                    } else {
                        builder.deadEnd("split-based-on '\(split.name.value)' (the keys pressed at '\(name)') has no 'noMatch' "
                                        + "transition: a caller who presses another key is dropped; connect 'No Condition "
                                        + "Matches' to a widget", at: split.transition("noMatch")?.range ?? split.name.range)
                    }
                    if let speech = state.transition("speech"), let next = speech.next, next.value != split.name.value {
                        outcomes.append(Outcome(label: "speech", target: next, source: next.range))
                    }
                    builder.add(id: state.name, range: state.range, kind: .menu(menu), outcomes: outcomes,
                                platformType: "gather-input-on-call + split-based-on '\(split.name.value)'")
                    continue
                }
                let digits = ImportBuilder.number(properties?.field("number_of_digits")?.string, in: 1...64).map { DigitCount(min: $0, max: $0) }
                wire("next", state.transition("keypress"))
                required("no_input", "timeout", "a caller who presses nothing")
                if let speech = state.transition("speech"), let next = speech.next,
                   next.value != state.transition("keypress")?.next?.value {
                    outcomes.append(Outcome(label: "speech", target: next, source: next.range))
                }
                let collect = Collect(prompt: Prompt(prompt), digits: digits, into: nil, timeout: timeout, retries: retries)
                // A gather takes any input: no `no_match` (`external` tells the YAML front end so).
                builder.add(id: state.name, range: state.range, kind: .collect(collect), outcomes: outcomes,
                            external: Located(state.type, at: state.typeRange), platformType: state.type)
            case "split-based-on":
                var cases: [SwitchCase] = []
                for transition in state.transitions where transition.event == "match" {
                    let target = transition.next ?? builder.endsCall(step: name, event: "match", at: transition.range)
                    let text = transition.conditions.map(Self.describe).joined(separator: " and ")
                    let range = transition.conditions.first.map(reader.range) ?? transition.range
                    cases.append(SwitchCase(condition: ExpressionSource(text: text.isEmpty ? "match" : text, range: range,
                                                                        style: .doubleQuoted), target: target))
                    outcomes.append(Outcome(label: "case \(cases.count)", target: target, source: transition.next?.range ?? transition.range))
                }
                if let noMatch = state.transition("noMatch"), let next = noMatch.next {
                    outcomes.append(Outcome(label: "else", target: next, source: next.range))
                } else {
                    builder.deadEnd("split-based-on '\(name)' has no 'noMatch' transition: a call that matches no condition "
                                    + "ends here; connect 'No Condition Matches' to a widget",
                                    at: state.transition("noMatch")?.range ?? state.name.range)
                }
                let input = reader.text(properties?.field("input")) ?? Located(state.type, at: state.typeRange)
                builder.add(id: state.name, range: state.range, kind: .switch(cases), outcomes: outcomes,
                            external: Located("split-based-on " + input.value, at: input.range), platformType: state.type)
            case "say-play":
                wire("next", state.transition("audioComplete") ?? Transition(event: "audioComplete", next: nil, range: state.range, conditions: []))
                builder.add(id: state.name, range: state.range, kind: .say(Prompt(prompt(state))), outcomes: outcomes, platformType: state.type)
            case "send-to-flex", "enqueue-call":
                let queueName = reader.text(properties?.field("queue_name")) ?? reader.text(properties?.field("workflow"))
                    ?? reader.text(properties?.field("workflow_sid")) ?? Located("flex", at: state.typeRange)
                let priority = properties?.field("priority").flatMap { node in
                    ImportBuilder.number(node.string, in: 0...100).map { Located($0, at: reader.range(node)) }
                }
                wire("next", state.transition("callComplete"), orEnd: false)
                if let failed = state.transition("failedToEnqueue"), let next = failed.next {
                    outcomes.append(Outcome(label: "overflow", target: next, source: next.range))
                } else {
                    builder.diagnostics.append(Diagnostic(QueueWithoutOverflow.descriptor,
                        "\(state.type) '\(name)' has no 'failedToEnqueue' transition: a caller the queue cannot take is "
                            + "dropped; connect 'Failed to Enqueue' to a widget", at: state.transition("failedToEnqueue")?.range ?? state.name.range))
                }
                wire("failed", state.transition("callFailure"))
                builder.add(id: state.name, range: state.range, kind: .queue(QueueStep(queue: queueName, priority: priority, skills: [])),
                            outcomes: outcomes, platformType: state.type)
            case "connect-call-to":
                let to = reader.text(properties?.field("to")) ?? Located(properties?.field("noun")?.string ?? "number", at: state.typeRange)
                let completed = state.transition("callCompleted") ?? Transition(event: "callCompleted", next: nil, range: state.range, conditions: [])
                for label in ["no_answer", "busy", "failed"] { wire(label, completed) }
                let opaque = Lexical.isE164(to.value) || Lexical.isSIPURI(to.value) ? nil : Located("connect-call-to \(to.value)", at: to.range)
                builder.add(id: state.name, range: state.range, kind: .transfer(to), outcomes: outcomes, external: opaque,
                            platformType: state.type)
            case "record-voicemail":
                wire("next", state.transition("recordingComplete"), orEnd: false)
                wire("no_audio", state.transition("noAudio"), orEnd: false)
                builder.add(id: state.name, range: state.range, kind: .voicemail(Voicemail(box: Located(name, at: state.typeRange))),
                            outcomes: outcomes, platformType: state.type)
            case "make-http-request", "run-function", "run-subflow":
                let success = state.type == "run-subflow" ? "completed" : "success"
                let failure = state.type == "run-function" ? "fail" : "failed"
                wire("next", state.transition(success) ?? Transition(event: success, next: nil, range: state.range, conditions: []))
                required("error", failure, "a failed request")
                let target = reader.text(properties?.field("url")) ?? reader.text(properties?.field("function_sid"))
                    ?? reader.text(properties?.field("flow_sid")) ?? Located(state.type, at: state.typeRange)
                let lookup = Lookup(integration: target, timeout: Located(Duration(seconds: 10), at: state.typeRange), sets: [])
                builder.add(id: state.name, range: state.range, kind: .lookup(lookup), outcomes: outcomes,
                            external: Located("\(state.type) \(target.value)", at: target.range), platformType: state.type)
            case "set-variables":
                wire("next", state.transition("next") ?? Transition(event: "next", next: nil, range: state.range, conditions: []))
                builder.add(id: state.name, range: state.range, kind: .set([]), outcomes: outcomes,
                            external: Located("set-variables", at: state.typeRange), platformType: state.type)
            default:
                if !Self.knownOpaque.contains(state.type) {
                    builder.unknownType(state.type, at: state.typeRange, platform: "Studio widget")
                }
                for transition in state.transitions { wire(transition.event, transition) }
                let kind = ImportBuilder.opaqueKind(&outcomes)
                builder.add(id: state.name, range: state.range, kind: kind, outcomes: outcomes,
                            external: Located(state.type, at: state.typeRange), platformType: state.type)
            }
        }
        let startName = start ?? initial ?? Located("", at: SourceRange(file: reader.file, line: 1, column: 1))
        builder.reportUndefinedTargets(what: "widget")
        let flow = builder.finish(name: Located(Self.flowName(reader.file), at: startName.range), start: startName)
        return ImportedFlow(format: .twilioStudio, flow: flow, diagnostics: builder.diagnostics,
                            skipped: Self.skipped, flowType: nil, platformTypes: builder.platformTypes, folded: foldedRanges)
    }

    static let skipped: [SkippedCheck] = [
        SkippedCheck(id: "retries-out-of-range", reason: "Studio retries are built as transitions back to the gather (a loop "
                     + "in the graph), and a gather's `loop` only replays its prompt; the retry count is used for timing only"),
        SkippedCheck(id: "expression", reason: "split conditions are Liquid text: kept as opaque decisions that may take any branch"),
        SkippedCheck(id: "shadowed-case", reason: "split conditions are not typed: callflow cannot tell whether one covers another"),
        SkippedCheck(id: "constant-condition", reason: "split conditions are not typed: callflow cannot evaluate them"),
        SkippedCheck(id: "after-hours-dead", reason: "Studio has no hours widget: business hours are a function or HTTP call and a split"),
        SkippedCheck(id: "schedule-overlap", reason: "Studio flows hold no schedules"),
        SkippedCheck(id: "critical-route-gated", reason: "Studio flows have no escalation rules"),
        SkippedCheck(id: "unused-definition", reason: "queues, schedules and variables are defined outside the flow"),
    ]

    /// The prompt a widget says (`say`), else the audio it plays (`play`), else its name.
    func prompt(_ state: State) -> Located<String> {
        reader.text(state.properties?.field("say")).flatMap { $0.value.isEmpty ? nil : $0 }
            ?? reader.text(state.properties?.field("play"))
            ?? Located("", at: state.name.range)
    }

    /// The split right after `gather` when it can become the gather's menu: its only way in is
    /// the gather's keypress (and speech), it splits on the gather's digits, and every condition
    /// is a key or a list of keys.
    func foldableSplit(_ gather: State, byName: [String: State], incoming: [String: Int]) -> State? {
        guard let next = gather.transition("keypress")?.next, let split = byName[next.value], split.type == "split-based-on" else { return nil }
        let fromGather = gather.transitions.filter { $0.next?.value == next.value }.count
        guard incoming[next.value] == fromGather else { return nil }
        let digits = "widgets.\(gather.name.value).Digits"
        let matches = split.transitions.filter { $0.event == "match" }
        guard !matches.isEmpty else { return nil }
        for transition in matches {
            guard transition.conditions.count == 1, let condition = transition.conditions.first else { return nil }
            let arguments = condition.field("arguments")?.items.compactMap(\.string) ?? []
            guard arguments.count == 1, arguments[0].contains(digits), !Self.keys(transition).isEmpty else { return nil }
        }
        return split
    }

    /// The keys a `match` transition takes: `equal_to 1`, `matches_any_of 1,2`.
    static func keys(_ transition: Transition) -> [Located<String>] {
        guard transition.conditions.count == 1, let condition = transition.conditions.first,
              let type = condition.field("type")?.string, let valueNode = condition.field("value"),
              let value = valueNode.scalarText else { return [] }
        let range = valueNode.range
        switch type {
        case "equal_to":
            return Lexical.isDTMFKey(value) ? [Located(value, at: range)] : []
        case "matches_any_of":
            let keys = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return keys.allSatisfy(Lexical.isDTMFKey) ? keys.map { Located($0, at: range) } : []
        default:
            return []
        }
    }

    /// A condition as text: `{{widgets.menu.Digits}} equal_to 1`.
    static func describe(_ condition: YAMLNode) -> String {
        let argument = condition.field("arguments")?.items.compactMap(\.string).joined(separator: ", ") ?? ""
        let type = condition.field("type")?.string ?? "?"
        let value = condition.field("value")?.scalarText ?? ""
        return [argument, type, value].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The flow's name: the file's name without folders and extension.
    static func flowName(_ path: String) -> String {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }
}
