/// Nodes: exactly one kind key, that kind's keys, and outcomes resolved (docs/language.md).
extension FlowDecoder {
    static let queueKey = KeySignature("queue")
    static let caseKeys = KeySet(["if", "goto"])
    static let fallbackKey = KeySignature("fallback")
    /// Keys every node is asked for (see `Fields.subscript(_:_:)`).
    static let branchesKey = KeySignature("branches"), descriptionKey = KeySignature("description"),
               ignoreKey = KeySignature("ignore"), externalKey = KeySignature("external")

    /// Whether `text` has a whitespace character; ASCII text is read by its bytes (issue 17: the
    /// characters' grapheme breaking showed in the lint's profile).
    static func hasWhitespace(_ text: String) -> Bool {
        // Read on the contiguous bytes: the UTF-8 view's iterator cost some 30 instructions a
        // byte. nil: the text is not ASCII, and its characters are asked below.
        var text = text
        let asciiAnswer: Bool? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // ASCII whitespace: tab, line feed, vertical tab, form feed, carriage return, space.
            return bytes.contains { ($0 >= 0x09 && $0 <= 0x0D) || $0 == 0x20 }
        }
        return asciiAnswer ?? text.contains(where: \.isWhitespace)
    }

    func decodeNodes(_ node: YAMLNode) -> [FlowNode] {
        guard let pairs = mapping(node, what: "nodes") else { return [] }
        if pairs.isEmpty {
            invalid(node, "a flow needs at least one node under 'nodes'")
        }
        if pairs.count > limits.maxNodes {
            bag.report(.inputLimit, "the flow has \(pairs.count) nodes, over the limit of \(limits.maxNodes); split it into several flows",
                       at: node.range.startOnly)
            // The nodes exist, so references to them must not be reported as undefined as well.
            for pair in pairs { if let id = pair.key.scalarText { brokenNodes.insert(id) } }
            return []
        }
        var nodes: [FlowNode] = []
        if let streamed = streamState.nodes {
            // Decoded while the file was read (`decodeStreaming`): the same entries, in order.
            nodes = streamed
            streamState.nodes = nil
        } else {
            nodes.reserveCapacity(pairs.count)
            for pair in pairs { decodeEntry(key: pair.key, value: pair.value, into: &nodes) }
        }
        // When every node decoded, node i is pair i: the loader's key positions are the index.
        if nodes.count == pairs.count, let positions = node.keyTable {
            nodeIndexFromYAML = positions
        }
        return nodes
    }

    /// One entry of `nodes:`, its id and its node.
    func decodeEntry(key: YAMLNode, value: YAMLNode, into nodes: inout [FlowNode]) {
        guard let id = identifier(key, what: "a node id") else { return }
        if let node = decodeNode(id, value) { nodes.append(node) } else { brokenNodes.insert(id.value) }
    }

    private func decodeNode(_ id: Located<String>, _ node: YAMLNode) -> FlowNode? {
        // Messages name the node; built only when one is needed. The closures capture the name,
        // not `id`: each of the many calls they are passed down would copy a `Located` (its string
        // and its file name retained) through generic code (issue 13's speed requirement).
        let name = id.value
        func owner() -> String { "node '\(name)'" }
        guard let pairs = mapping(node, what: owner()) else { return nil }
        // `callback` is also an outcome of queue nodes: beside `queue` it is that outcome. The keys
        // are read by their signatures, without making each pair's nodes (issue 17).
        let isQueue = pairs.indices.contains { pairs.keySignature(at: $0) == Self.queueKey }
        // The kind's value is kept from this pass (the first pair of its key, as `Fields` finds it).
        var found: (shape: NodeShape, value: YAMLNode)?
        var second: (shape: NodeShape, key: YAMLNode)?
        for position in pairs.indices {
            guard let signature = pairs.keySignature(at: position),
                  let candidate = NodeShape.named(signature: signature, text: { pairs[position].key.scalarText ?? "" }),
                  !(isQueue && candidate.kind == "callback") else { continue }
            if found == nil { found = (candidate, pairs[position].value) } else if second == nil { second = (candidate, pairs[position].key) }
        }
        guard let (shape, value) = found else {
            invalid(at: id.range,
                    "\(owner()) has no kind; give it exactly one of \(NodeShape.kindNames.joined(separator: ", "))")
            return nil
        }
        if let second {
            invalid(second.key, "\(owner()) has two kinds, '\(shape.kind)' and '\(second.shape.kind)'; a node does one thing, so split it into two nodes")
            return nil
        }
        let fields = Fields(node, pairs: pairs, allowed: shape.allowedKeySet, owner: "\(shape.kind) node '\(name)'", ownerKey: id.range, bag: &bag) { key in
            let other = NodeShape.all.filter { $0.outcomeKeys.contains(key) || $0.otherKeys.contains(key) }.map(\.kind)
            guard !other.isEmpty else { return nil }
            let hint = Suggestion.closest(to: key, in: shape.allowedKeys).map { "; did you mean '\($0)'?" } ?? ""
            return hint + " ('\(key)' belongs to \(other.joined(separator: ", ")) nodes; a \(shape.kind) node takes \(shape.outcomeKeys.isEmpty ? "no outcomes" : shape.outcomeKeys.joined(separator: ", ")))"
        }
        // Options and cases first, then the outcome keys: one array, built in place, reserved at
        // the most it can hold (each option or case, each outcome label once, each branch), which
        // is its exact size when every label is wired or defaulted (issue 13's speed, issue 17).
        let branchesNode = fields[Self.branchesKey, "branches"]
        let externalNode = fields[Self.externalKey, "external"]
        var reserved = shape.outcomeLabels.count + (branchesNode?.mappingPairs?.count ?? 0)
        switch shape.kind {
        case "menu": reserved += fields["options"]?.mappingPairs?.count ?? 0
        case "switch": reserved += value.sequenceItems?.count ?? 0
        default: break
        }
        var outcomes: [StoredOutcome] = []
        outcomes.reserveCapacity(reserved)
        // A queue node's queue and its `callback: false`, kept from its case below so that the
        // step is not copied out of `kind` again.
        var queueStep: (queue: String, offersCallback: Bool?)?
        let kind: NodeKind
        switch shape.kind {
        case "say":
            guard let prompt = prompt(value, what: "the prompt of \(owner())") else { return nil }
            kind = .say(prompt)
        case "menu":
            guard let menu = decodeMenu(value, fields, owner: owner(), options: &outcomes) else { return nil }
            kind = .menu(menu)
        case "collect":
            guard let collect = decodeCollect(value, fields, owner: owner()) else { return nil }
            kind = .collect(collect)
        case "switch":
            kind = .switch(decodeSwitch(value, owner: owner(), cases: &outcomes))
        case "hours":
            guard let schedule = identifier(value, what: "the schedule of \(owner())") else { return nil }
            kind = .hours(schedule)
        case "lookup":
            guard let integration = text(value, what: "the integration of \(owner())", nonEmpty: true) else { return nil }
            if Self.hasWhitespace(integration.value) {
                invalid(value, "the integration of \(owner()) is a name without spaces, not '\(integration.value)'")
                return nil
            }
            let timeout = fields["timeout"].flatMap { duration($0, what: "timeout") }
            let sets = unique(fields["sets"].map { variableNames($0, what: "sets") } ?? [], in: "sets")
            var lookup = Lookup(integration: integration, timeout: timeout, sets: sets)
            lookup.with = unique(fields["with"].map { variableNames($0, what: "with") } ?? [], in: "with")
            kind = .lookup(lookup)
        case "send":
            guard let integration = text(value, what: "the integration of \(owner())", nonEmpty: true) else { return nil }
            if Self.hasWhitespace(integration.value) {
                invalid(value, "the integration of \(owner()) is a name without spaces, not '\(integration.value)'")
                return nil
            }
            kind = .send(Send(integration: integration, with: unique(fields["with"].map { variableNames($0, what: "with") } ?? [], in: "with")))
        case "set":
            kind = .set(decodeAssignments(value, owner: owner(), opaque: externalNode != nil))
        case "queue":
            guard let queue = identifier(value, what: "the queue of \(owner())") else { return nil }
            let priority = fields["priority"].flatMap { integer($0, what: "priority", in: 0...100) }
            let skills = unique(fields["skills"].map { identifiers($0, what: "skills") } ?? [], in: "skills")
            var step = QueueStep(queue: queue, priority: priority, skills: skills)
            decodeQueueOverrides(fields, owner: owner(), into: &step)
            queueStep = (queue.value, step.offersCallback?.value)
            kind = .queue(step)
        case "transfer":
            guard let target = text(value, what: "the transfer target of \(owner())") else { return nil }
            // A platform's transfer target (an expression, a template value) is kept as written.
            guard Lexical.isE164(target.value) || Lexical.isSIPURI(target.value) || externalNode != nil else {
                invalid(value, "transfer target '\(target.value)' is neither an E.164 number (+ and 2-15 digits, like +15550100) nor a sip: URI")
                return nil
            }
            kind = .transfer(target)
        case "voicemail":
            guard let box = text(value, what: "the mailbox of \(owner())", nonEmpty: true) else { return nil }
            kind = .voicemail(decodeVoicemail(box, fields, owner: owner()))
        case "callback":
            guard let queue = identifier(value, what: "the queue of \(owner())") else { return nil }
            var step = CallbackStep(queue: queue)
            step.number = fields["number"].flatMap { variableName($0, what: "the number \(owner()) calls") }
            kind = .callback(step)
        default: // hangup
            guard let farewell = decodeHangup(value, owner: owner()) else { return nil }
            kind = .hangup(farewell)
        }
        // A queue node's `callback: false` leaves out the `callback` outcome.
        var missing = resolveOutcomes(shape, fields, into: &outcomes, skipping: queueStep?.offersCallback != nil ? "callback" : nil)
        if let branches = branchesNode { decodeBranches(branches, external: externalNode != nil, into: &outcomes) }
        if let queueStep, let queue = queuesByName[queueStep.queue] {
            // The node's `callback: false` stands for the queue's (`QueueStep.effective`), read
            // without copying the whole queue definition.
            checkCallbackOutcome(outcomes, in: node.document.fileName, &missing, queue: queue,
                                 offers: queueStep.offersCallback ?? queue.offersCallback)
        }
        let description = fields[Self.descriptionKey, "description"].flatMap { text($0, what: "description") }?.value
        let ignore = fields[Self.ignoreKey, "ignore"].map { checkIDs($0) } ?? []
        let external = externalNode.flatMap { text($0, what: "external") }
        // The node keeps its outcomes in storage of exactly their size: the array reserved above
        // is that size unless a label went unwired.
        if outcomes.count < reserved {
            var exact: [StoredOutcome] = []
            exact.reserveCapacity(outcomes.count)
            exact.append(contentsOf: outcomes)
            outcomes = exact
        }
        return FlowNode(id: id, range: node.range, kind: kind, storedOutcomes: outcomes, missingOutcomes: missing,
                        description: description, ignore: ignore, external: external)
    }

    /// `branches: {label: node}` on a platform step (`external`): outcomes the platform adds.
    private func decodeBranches(_ node: YAMLNode, external: Bool, into outcomes: inout [StoredOutcome]) {
        guard external else {
            invalid(node, "'branches' belongs to steps read from a platform flow; give the node 'external' too, or wire its own outcomes")
            return
        }
        guard let pairs = mapping(node, what: "branches") else { return }
        for pair in pairs {
            guard let label = text(pair.key, what: "a branch name"), let target = identifier(pair.value, what: "'\(label.value)'") else { continue }
            outcomes.append(StoredOutcome(label: label.value, target: target, source: pair.key.range))
        }
    }

    /// A queue node wires `callback` exactly when its queue offers callbacks. `file`: the node's.
    func checkCallbackOutcome(_ outcomes: [StoredOutcome], in file: FileName, _ missing: inout [String], queue: QueueDefinition,
                              offers: Bool) {
        let wired = outcomes.first { $0.label == "callback" }
        if offers, wired == nil {
            missing.append("callback")
        } else if !offers, let wired {
            bag.report(.invalidValue,
                       "queue '\(queue.name.value)' offers no callbacks, so 'callback' is never taken; remove it or set 'callback: true' on the queue",
                       at: wired.source(in: file), notes: [DiagnosticNote("queue '\(queue.name.value)' is defined here", at: queue.name.range)])
        }
    }

    /// The node's outcome keys in the shape's order, with `fallback` and defaults applied.
    /// Appends the resolved outcomes to `outcomes`; returns the required ones nothing wires.
    private func resolveOutcomes(_ shape: NodeShape, _ fields: Fields, into outcomes: inout [StoredOutcome], skipping: String? = nil) -> [String] {
        var missing: [String] = []
        let fallbackPair = shape.fallbackCovers.isEmpty ? nil : fields.pair(Self.fallbackKey, "fallback")
        let fallback = fallbackPair.flatMap { identifier($0.value, what: "fallback") }
        for (index, label) in shape.outcomeLabels.enumerated() where label != skipping {
            if let pair = fields.pair(shape.outcomeLabelKeys[index], label) {
                if let target = identifier(pair.value, what: "'\(label)'") {
                    outcomes.append(StoredOutcome(label: label, target: target, source: pair.key.range))
                }
            } else if let fallback, let fallbackPair, shape.fallbackCovers.contains(label) {
                outcomes.append(StoredOutcome(label: label, target: fallback, source: fallbackPair.key.range))
            } else if index < shape.requiredOutcomes.count
                        // A platform's input step (`external` collect) takes any input: no `no_match`.
                        && !(label == "no_match" && shape.kind == "collect" && fields["external"] != nil) {
                missing.append(label)
            }
        }
        // Optional outcomes with a default target (docs/language.md).
        for (label, defaultFrom) in shape.defaultedOutcomes {
            if !outcomes.contains(where: { $0.label == label }), let base = outcomes.first(where: { $0.label == defaultFrom }) {
                outcomes.append(base.relabeled(label))
            }
        }
        return missing
    }

    private func decodeHangup(_ node: YAMLNode, owner: @autoclosure () -> String) -> Located<Prompt?>? {
        if node.mappingPairs != nil {
            guard let goodbye = prompt(node, what: "the goodbye of \(owner())") else { return nil }
            return Located(goodbye, at: node.range)
        }
        switch node.scalarValue {
        case .bool(true)?: return Located(nil, at: node.range)
        case .string(let text)? where node.content.isPlain && ["yes", "y", "on"].contains(text.lowercased()):
            invalid(node, "hangup takes true or a goodbye prompt; '\(text)' is a string in YAML 1.2, write true")
            return nil
        case .string(let text)? where !text.isEmpty:
            guard let goodbye = prompt(node, what: "the goodbye of \(owner())") else { return nil }
            return Located(goodbye, at: node.range)
        default:
            invalid(node, "hangup takes true or a goodbye prompt, not \(node.kindDescription)")
            return nil
        }
    }

    private func decodeAssignments(_ node: YAMLNode, owner: @autoclosure () -> String, opaque: Bool = false) -> [Assignment] {
        guard let pairs = mapping(node, what: "the values \(owner()) sets") else { return [] }
        // An opaque platform step (`external`) sets what the platform sets, which callflow cannot see.
        if pairs.isEmpty && !opaque { invalid(node, "\(owner()) sets nothing; name at least one variable and its value") }
        return pairs.compactMap { pair in
            guard let variable = variableName(pair.key, what: "a variable set by \(owner())") else { return nil }
            if pair.value.mappingPairs != nil { return decodeCopy(pair.value, into: variable) }
            guard let value = literal(pair.value, what: "the value of '\(variable.value)'") else { return nil }
            return Assignment(variable: variable, value: value)
        }
    }

    private func decodeSwitch(_ node: YAMLNode, owner: @autoclosure () -> String, cases outcomes: inout [StoredOutcome]) -> [SwitchCase] {
        // The items read in place, with room for every case (issue 17).
        guard let items = node.sequenceItems else {
            _ = list(node, what: "the cases of \(owner())")
            return []
        }
        if items.isEmpty { invalid(node, "\(owner()) has no cases; give it '- {if: condition, goto: node}' entries") }
        var cases: [SwitchCase] = []
        cases.reserveCapacity(items.count)
        for item in items {
            guard let pairs = mapping(item, what: "a case of \(owner())") else { continue }
            let fields = Fields(item, pairs: pairs, allowed: Self.caseKeys, owner: "a case of \(owner())", bag: &bag)
            guard let condition = requireField(fields, "if", owner: "this case").flatMap({ expression($0, what: "if") }),
                  let target = requireField(fields, "goto", owner: "this case").flatMap({ identifier($0, what: "goto") }) else { continue }
            cases.append(SwitchCase(condition: condition, target: target))
            outcomes.append(StoredOutcome(label: "if " + condition.text, target: target, source: fields.key("if")!.range))
        }
        return cases
    }

    func expression(_ node: YAMLNode, what: @autoclosure () -> String) -> ExpressionSource? {
        guard case .scalar(let text, let style) = node.content, !node.isNull else {
            invalid(node, "\(what()) must be a condition such as caller.tier == \"vip\", not \(node.kindDescription)")
            return nil
        }
        return ExpressionSource(text: text, range: node.range, style: style)
    }
}

extension YAMLNode.Content {
    var isPlain: Bool {
        if case .scalar(_, .plain) = self { return true }
        return false
    }
}
