/// What a picture of a flow shows, decided once for every picture format (`DotRenderer`,
/// `MermaidRenderer`): one node per flow node, a "call arrives" entry node, a pseudo-node per kind
/// of rule trigger that is not the arrival, the outcome edges (parallel outcomes to one target
/// merged into one edge), the escalation rules as dashed edges, which nodes no path reaches, and
/// which findings belong to which node or rule. Everything is in file order: the same flow gives
/// the same picture.
public struct FlowPicture: Sendable {
    /// How a node is drawn: its kind class, or one of the entry nodes.
    public enum Style: String, Sendable, CaseIterable {
        case callerFacing, decision, action, liveHuman, deferredHuman, end
        /// "call arrives".
        case arrival
        /// Where `request`, `failure` and `queue` rules start.
        case trigger

        public init(_ kind: KindClass) {
            switch kind {
            case .callerFacing: self = .callerFacing
            case .decision: self = .decision
            case .action: self = .action
            case .liveHuman: self = .liveHuman
            case .deferredHuman: self = .deferredHuman
            case .end: self = .end
            }
        }

        /// The legend's words for the style.
        public var legend: [String] {
            switch self {
            case .callerFacing: ["caller-facing", "menu, collect"]
            case .decision: ["decision", "switch, hours, lookup"]
            case .action: ["action", "say, set"]
            case .liveHuman: ["live human", "queue, transfer"]
            case .deferredHuman: ["deferred human", "voicemail, callback"]
            case .end: ["hang-up", "hangup"]
            case .arrival: ["call arrives"]
            case .trigger: ["rule trigger", "request, failure, queue"]
            }
        }

        /// The six kind classes, in legend order.
        public static let kindClasses: [Style] = [.callerFacing, .decision, .action, .liveHuman, .deferredHuman, .end]
    }

    public struct Node: Sendable {
        /// Unique in the picture: a flow node's id, or `@arrives`, `@request`, `@failure`, `@queue`
        /// (flow ids never hold `@`).
        public var id: String
        public var style: Style
        public var label: [String]
        /// The whole text behind the label, then the findings.
        public var tooltip: [String]
        public var unreachable: Bool
        public var findings: [Diagnostic]
    }

    public struct Edge: Sendable {
        public var from: String
        public var to: String
        public var label: [String]
        public var tooltip: [String]
        /// An escalation rule (drawn dashed).
        public var isRule: Bool
        public var findings: [Diagnostic]
        /// A `critical` rule or a `critical` menu option's edge (issue 14): drawn bold.
        public var isCritical: Bool = false
    }

    public var name: String
    public var title: [String]
    public var nodes: [Node]
    public var edges: [Edge]
    public var showsFindings: Bool

    public static let arrivalID = "@arrives"

    public static func triggerID(_ trigger: RuleTrigger) -> String {
        trigger == .start ? arrivalID : "@" + trigger.rawValue
    }

    /// The picture of `graph`. `findings` are the linter's for the flow (any order); with
    /// `showFindings` false they are left out entirely.
    public init(_ graph: FlowGraph, findings: [Diagnostic] = [], showFindings: Bool = true) {
        let flow = graph.flow
        name = flow.name.value
        title = [flow.name.value] + (flow.description.map { [PictureText.shorten($0, limit: 80)] } ?? [])
        showsFindings = showFindings

        // Findings by place: a node (its id key to the end of its value), a rule (its keys), or
        // the flow as a whole (top-level keys, definitions, include files), shown on the arrival.
        var nodeFindings = [[Diagnostic]](repeating: [], count: graph.count)
        var ruleFindings = [[Diagnostic]](repeating: [], count: flow.escalations.count)
        var flowFindings: [Diagnostic] = []
        if showFindings {
            let ruleRegions = flow.escalations.map(Self.region)
            for finding in findings.sorted(by: Diagnostic.printOrder) {
                let start = finding.range.start
                if finding.range.file == flow.file,
                   let node = flow.nodes.firstIndex(where: { $0.id.range.start <= start && start < $0.range.end }) {
                    nodeFindings[node].append(finding)
                } else if finding.range.file == flow.file,
                          let rule = ruleRegions.firstIndex(where: { $0.start <= start && start < $0.end }) {
                    ruleFindings[rule].append(finding)
                } else {
                    flowFindings.append(finding)
                }
            }
        }

        let reached = GraphSearch.reachableFromEntries(graph)
        var nodes: [Node] = []
        var edges: [Edge] = []

        // The arrival, then one trigger node per kind of rule that has rules.
        nodes.append(Node(id: Self.arrivalID, style: .arrival, label: ["call arrives"],
                          tooltip: ["The call arrives at flow '\(flow.name.value)': start rules are tried in the order written, then the start node '\(flow.start.value)'."]
                              + Self.findingLines(flowFindings, file: flow.file),
                          unreachable: false, findings: flowFindings))
        let phrases = flow.effectiveHumanPhrases.map { "\"\($0)\"" }.joined(separator: ", ")
        for trigger in [RuleTrigger.request, .failure, .queue] where flow.escalations.contains(where: { $0.trigger.value == trigger }) {
            let label: [String], tooltip: String
            switch trigger {
            case .request:
                label = ["caller asks for a human", PictureText.shorten("key \(flow.effectiveHumanKey) or \(phrases)")]
                tooltip = "At any menu or collect, the caller presses \(flow.effectiveHumanKey) or says \(phrases) (an option of the menu for the key wins): request rules are tried in the order written."
            case .failure:
                label = ["caller fails at a menu", "no input, no match"]
                tooltip = "At every no-input or no-match at a menu or collect (call.failures counts it): failure rules are tried in the order written, before the prompt replays."
            case .queue:
                label = ["call waits in a queue"]
                tooltip = "Whenever a queue node reports the wait of the call (queue.name, queue.wait, queue.depth): queue rules are tried in the order written."
            case .start:
                continue
            }
            nodes.append(Node(id: Self.triggerID(trigger), style: .trigger, label: label, tooltip: [tooltip],
                              unreachable: false, findings: []))
        }

        for (index, node) in flow.nodes.enumerated() {
            let (detail, whole) = Self.describe(node.kind)
            var label = [node.id.value]
            if let detail { label.append(detail) }
            var tooltip = ["\(node.id.value) (\(node.kind.name))"] + whole
            if let description = node.description { tooltip.append(PictureText.trimmed(description)) }
            if !reached[index] { tooltip.append("unreachable: no path from the call's arrival or any rule reaches it") }
            tooltip += Self.findingLines(nodeFindings[index], file: flow.file)
            nodes.append(Node(id: node.id.value, style: Style(graph.kindClass[index]), label: label, tooltip: tooltip,
                              unreachable: !reached[index], findings: nodeFindings[index]))
        }

        // Arrival to start, then the rules in the order written.
        for entry in graph.entries {
            switch entry.source {
            case .start:
                edges.append(Edge(from: Self.arrivalID, to: graph.id(entry.target), label: ["start"],
                                  tooltip: ["start: \(graph.id(entry.target))"], isRule: false, findings: []))
            case .rule(let index):
                let rule = flow.escalations[index]
                var label = [rule.name.value]
                var tooltip = ["escalation rule '\(rule.name.value)' (at: \(rule.trigger.value.rawValue))"]
                if let condition = rule.condition {
                    label.append(PictureText.shorten("when " + condition.text))
                    tooltip.append("when " + PictureText.oneLine(condition.text))
                }
                if !rule.answersHumanRequest {
                    // Issue 14: the rule's own keys and phrases instead of the human key's.
                    let answers = rule.keys.map { "key \($0.value)" } + rule.phrases.map { "\"\($0.value)\"" }
                    label.append(PictureText.shorten(answers.joined(separator: " or ")))
                    tooltip.append("answers " + answers.joined(separator: ", ") + " (not the human key)")
                }
                var extras: [String] = []
                if let priority = rule.priority { extras.append("priority \(priority.value)") }
                if rule.critical { extras.append("critical") }
                if !extras.isEmpty {
                    label.append(extras.joined(separator: ", "))
                    tooltip.append(extras.joined(separator: ", "))
                }
                tooltip.append("goto \(rule.target.value)")
                if let description = rule.description { tooltip.append(PictureText.trimmed(description)) }
                tooltip += Self.findingLines(ruleFindings[index], file: flow.file)
                edges.append(Edge(from: Self.triggerID(rule.trigger.value), to: graph.id(entry.target), label: label,
                                  tooltip: tooltip, isRule: true, findings: ruleFindings[index], isCritical: rule.critical))
            }
        }

        // Outcomes: one edge per target, its outcomes in the order the node wires them.
        for (index, outgoing) in graph.edges.enumerated() {
            var targets: [Int] = []
            var labels: [Int: [String]] = [:]
            for edge in outgoing {
                if labels[edge.target] == nil { targets.append(edge.target) }
                labels[edge.target, default: []].append(edge.label)
            }
            let from = graph.id(index)
            // Issue 14: a critical option's key is marked on its edge.
            var critical = Set<String>()
            if case .menu(let menu) = flow.nodes[index].kind {
                for option in menu.options where option.critical { critical.insert(option.key.value) }
            }
            for target in targets {
                let names = labels[target] ?? []
                let marked = names.map { critical.contains($0) ? $0 + " (critical)" : $0 }
                edges.append(Edge(from: from, to: graph.id(target),
                                  label: [marked.map { PictureText.shorten($0) }.joined(separator: ", ")],
                                  tooltip: marked.map { "\(from) \(PictureText.oneLine($0)) → \(graph.id(target))" },
                                  isRule: false, findings: [], isCritical: names.contains { critical.contains($0) }))
            }
        }
        self.nodes = nodes
        self.edges = edges
    }

    /// The label line and the whole text of a node's kind key.
    static func describe(_ kind: NodeKind) -> (label: String?, whole: [String]) {
        func text(_ key: String, _ value: String) -> (String?, [String]) {
            (key + ": " + PictureText.shorten(value), [key + ": " + PictureText.trimmed(value)])
        }
        switch kind {
        case .say(let prompt): return text("say", prompt.pictureText)
        case .menu(let menu):
            var (label, whole) = text("menu", menu.prompt.pictureText)
            for option in menu.options {
                whole.append("\(option.key.value): \(option.target.value)" + (option.label.map { " (\($0))" } ?? ""))
            }
            return (label, whole)
        case .collect(let collect):
            var (label, whole) = text("collect", collect.prompt.pictureText)
            if let digits = collect.digits {
                let count = digits.min == digits.max ? "\(digits.min)" : "\(digits.min)-\(digits.max)"
                whole.append("digits \(count)" + (collect.into.map { " into \($0.value)" } ?? ""))
            }
            return (label, whole)
        case .switch: return ("switch", [])
        case .hours(let schedule): return text("hours", schedule.value)
        case .lookup(let lookup):
            var (label, whole) = text("lookup", lookup.integration.value)
            if !lookup.sets.isEmpty { whole.append("sets " + lookup.sets.map(\.value).joined(separator: ", ")) }
            return (label, whole)
        case .send(let send):
            var (label, whole) = text("send", send.integration.value)
            if !send.with.isEmpty { whole.append("with " + send.with.map(\.value).joined(separator: ", ")) }
            return (label, whole)
        case .set(let assignments):
            return text("set", assignments.map { "\($0.variable.value) = \($0.source?.value ?? "\($0.value.value)")" }.joined(separator: ", "))
        case .queue(let step):
            var value = step.queue.value
            if let priority = step.priority { value += " (priority \(priority.value))" }
            var (label, whole) = text("queue", value)
            if !step.skills.isEmpty { whole.append("skills " + step.skills.map(\.value).joined(separator: ", ")) }
            return (label, whole)
        case .transfer(let target): return text("transfer", target.value)
        case .voicemail(let voicemail):
            // Issue 14 item 7: the greeting and the settings, in the tooltip.
            var (label, whole) = text("voicemail", voicemail.box.value)
            if let greeting = voicemail.greeting { whole.append("greeting: " + PictureText.trimmed(greeting.pictureText)) }
            if voicemail.maxLength != nil || voicemail.transcribe != nil {
                whole.append("at most \(voicemail.effectiveMaxLength)" + (voicemail.transcribe?.value == true ? ", transcribed" : ""))
            }
            return (label, whole)
        case .callback(let step):
            var (label, whole) = text("callback", step.queue.value)
            if let number = step.number { whole.append("calls " + number.value) }
            return (label, whole)
        case .hangup(let farewell):
            guard let prompt = farewell.value else { return ("hangup", []) }
            return text("hangup", prompt.pictureText)
        }
    }

    /// The span of a rule's keys as written (a finding about a rule points at one of them).
    static func region(_ rule: EscalationRule) -> (start: SourcePosition, end: SourcePosition) {
        var ranges = [rule.name.range, rule.trigger.range, rule.target.range]
        if let condition = rule.condition { ranges.append(condition.range) }
        if let priority = rule.priority { ranges.append(priority.range) }
        return (ranges.map(\.start).min()!, ranges.map(\.end).max()!)
    }

    /// `error 12:5: message [check]`, with the file when it is not the flow's own.
    static func findingLines(_ findings: [Diagnostic], file: String) -> [String] {
        findings.map { finding in
            let place = (finding.range.file == file ? "" : finding.range.file + ":")
                + "\(finding.range.start.line):\(finding.range.start.column)"
            return "\(finding.severity.rawValue) \(place): \(PictureText.oneLine(finding.message)) [\(finding.check)]"
        }
    }
}
