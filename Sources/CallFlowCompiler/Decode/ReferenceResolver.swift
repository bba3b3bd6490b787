/// The last pass of decoding: every name must name something that exists (`undefined-reference`
/// with "did you mean"), `set` values must fit their variables, a collect's `into` must hold digits
/// (a string or a number), and queue nodes must wire
/// `callback` exactly when their queue offers callbacks.
extension FlowDecoder {
    /// With `threads` above 1 and enough nodes, the nodes' references are resolved in contiguous
    /// ranges on several threads, each with its own findings and targets, joined in node order:
    /// the flow and the findings are the one-thread run's, in the same order (issue 17, wall18).
    func resolveReferences(in flow: inout Flow, threads: Int = 1) {
        let names = DeclaredNames(flow)

        // Every reference to a node is resolved here, once (issue 10 item 5): the graph and
        // lowering read these indices.
        let startTarget = flow.target(named: flow.start.value)
        requireNode(flow.start, resolved: startTarget, in: flow)
        var ruleTargets: [Int] = []
        ruleTargets.reserveCapacity(flow.escalations.count)
        for rule in flow.escalations {
            let target = flow.target(named: rule.target.value)
            ruleTargets.append(target)
            requireNode(rule.target, resolved: target, in: flow)
        }
        for queue in flow.queues {
            for skill in queue.skills {
                require(skill, "skill", known: names.skills.contains(skill.value), among: names.skills,
                        hint: names.skills.contains(skill.value) ? "" : "; declare it under 'skills'")
            }
        }

        var targets = OutcomeTargets(reservingNodes: flow.nodes.count)
        if threads > 1 && flow.nodes.count >= NodeRanges.worthThreads {
            resolveNodeReferencesInRanges(of: flow, names: names, into: &targets)
        } else {
            resolveNodeReferences(flow.nodes.indices, of: flow, names: names, into: &targets)
        }
        flow = flow.resolving(outcomeTargets: targets, startTarget: startTarget, ruleTargets: ruleTargets)
    }

    /// `resolveNodeReferences` over contiguous ranges of the nodes on several threads, each range
    /// on a decoder of its own (the same resources and broken nodes, its own findings); targets
    /// and findings joined in range order, so exactly what one range over all the nodes gives.
    func resolveNodeReferencesInRanges(of flow: Flow, names: DeclaredNames, into targets: inout OutcomeTargets) {
        let (limits, fileSystem, resources, brokenNodes) = (limits, fileSystem, resources, brokenNodes)
        let parts = NodeRanges.map(over: flow.nodes.count) { _, range in
            let decoder = FlowDecoder(limits: limits, fileSystem: fileSystem)
            decoder.resources = resources
            decoder.brokenNodes = brokenNodes
            var own = OutcomeTargets(reservingNodes: range.count)
            decoder.resolveNodeReferences(range, of: flow, names: names, into: &own)
            return (targets: own, diagnostics: decoder.bag.diagnostics)
        }
        for part in parts {
            targets.append(contentsOf: part.targets)
            bag.append(contentsOf: part.diagnostics)
        }
    }

    /// The references of `flow.nodes[range]`: their outcomes' targets appended to `targets`
    /// (which holds those of the nodes before the range, or none when the range is resolved apart),
    /// every other name checked.
    func resolveNodeReferences(_ range: Range<Int>, of flow: Flow, names: DeclaredNames, into targets: inout OutcomeTargets) {
        let first = targets.count
        for index in range {
            let node = flow.nodes[index]
            // `fallback` and defaults share one written target between outcomes: report it once.
            let outcomes = node.outcomes
            targets.append(node, in: flow.nodeIndex)
            // Each outcome is made only when it names no node (`OutcomeList` makes it when read).
            for position in outcomes.indices where targets[first + index - range.lowerBound, position] < 0 {
                let outcome = outcomes[position]
                guard !outcomes[..<position].contains(where: { $0.target.range.start == outcome.target.range.start }) else { continue }
                requireNode(outcome.target, resolved: -1, in: flow)
            }
            switch node.kind {
            case .hours(let schedule) where node.external == nil: // else kept on a platform
                require(schedule, "schedule", known: names.scheduleSet.contains(schedule.value) || resources.isDeclared("schedule", schedule.value), among: names.schedules)
            case .queue(let step):
                require(step.queue, "queue", known: names.queuesByName[step.queue.value] != nil || resources.isDeclared("queue", step.queue.value), among: names.queues)
                for skill in step.skills {
                    require(skill, "skill", known: names.skills.contains(skill.value), among: names.skills)
                }
            case .callback(let step):
                let queue = step.queue
                require(queue, "queue", known: names.queuesByName[queue.value] != nil || resources.isDeclared("queue", queue.value), among: names.queues)
                if let number = step.number { checkCallbackNumber(number, variables: names.variables, variableNames: names.variableNames) }
            case .collect(let collect):
                if let into = collect.into {
                    requireVariable(into, writtenBy: "collect", names: names)
                    // The runtime stores the digits as text or as a number (the table compiler refuses anything else).
                    if let variable = names.variables[into.value], variable.type != .string, variable.type != .number {
                        bag.report(.invalidValue, "collect stores the caller's digits, so 'into' must name a string or number "
                                   + "variable; '\(into.value)' has type \(variable.type)", at: into.range)
                    }
                }
            case .lookup(let lookup):
                for variable in lookup.sets { requireVariable(variable, writtenBy: "lookup", names: names) }
                for variable in lookup.with { checkSent(variable, variables: names.variables, variableNames: names.variableNames) }
            case .send(let send):
                for variable in send.with { checkSent(variable, variables: names.variables, variableNames: names.variableNames) }
            case .set(let assignments):
                for assignment in assignments {
                    if checkSetExtras(assignment, variables: names.variables, variableNames: names.variableNames) { continue }
                    requireVariable(assignment.variable, writtenBy: "set", names: names)
                    if let variable = names.variables[assignment.variable.value] {
                        _ = convert(assignment.value, to: variable.type, what: "the value set for '\(variable.name.value)'")
                    }
                }
            default:
                break
            }
        }
    }

    /// `candidates` are only computed for an undefined name (for "did you mean").
    private func require(_ name: Located<String>, _ what: String, known: Bool, among candidates: @autoclosure () -> [String],
                         hint: @autoclosure () -> String = "") {
        guard !known else { return }
        bag.report(.undefinedReference,
                   "no \(what) is named '\(name.value)'\(Suggestion.hint(for: name.value, in: candidates()))\(hint())",
                   at: name.range)
    }

    /// `target`: the name resolved (-1: no node has it); a node that could not be decoded was reported.
    private func requireNode(_ name: Located<String>, resolved target: Int, in flow: Flow) {
        guard target < 0 else { return }
        require(name, "node", known: brokenNodes.contains(name.value), among: flow.nodes.map(\.id.value))
    }

    private func requireVariable(_ name: Located<String>, writtenBy writer: String, names: DeclaredNames) {
        if ContextVariable.builtIns.contains(where: { $0.name == name.value }) {
            bag.report(.invalidValue, "\(writer) cannot write the built-in variable '\(name.value)'", at: name.range)
            return
        }
        require(name, "context variable", known: names.variables[name.value] != nil || resources.isDeclared("context variable", name.value),
                among: names.variableNames,
                hint: names.variables[name.value] == nil && Suggestion.closest(to: name.value, in: names.variableNames) == nil
                    ? "; declare it under 'context'" : "")
    }
}

/// The names a flow declares, looked up while its references are resolved (made once, read by
/// every range of nodes).
struct DeclaredNames: Sendable {
    let queues: [String]
    let schedules: [String]
    let scheduleSet: Set<String>
    let skills: [String]
    let queuesByName: [String: QueueDefinition]
    let variables: [String: ContextVariable]
    let variableNames: [String]

    init(_ flow: Flow) {
        queues = flow.queues.map(\.name.value)
        schedules = flow.schedules.map(\.name.value)
        scheduleSet = Set(schedules)
        skills = flow.skills.map(\.value)
        queuesByName = Dictionary(flow.queues.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        variables = Dictionary(flow.context.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        variableNames = flow.context.map(\.name.value)
    }
}
