/// The last pass of decoding: every name must name something that exists (`undefined-reference`
/// with "did you mean"), `set` values must fit their variables, a collect's `into` must hold digits
/// (a string or a number), and queue nodes must wire
/// `callback` exactly when their queue offers callbacks.
extension FlowDecoder {
    func resolveReferences(in flow: inout Flow) {
        let queueNames = flow.queues.map(\.name.value)
        let scheduleNames = flow.schedules.map(\.name.value)
        let schedules = Set(scheduleNames)
        let skillNames = flow.skills.map(\.value)
        let queues = Dictionary(flow.queues.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        let variables = Dictionary(flow.context.map { ($0.name.value, $0) }, uniquingKeysWith: { first, _ in first })
        let variableNames = flow.context.map(\.name.value)

        // `candidates` are only computed for an undefined name (for "did you mean").
        func require(_ name: Located<String>, _ what: String, known: Bool, among candidates: @autoclosure () -> [String],
                     hint: @autoclosure () -> String = "") {
            guard !known else { return }
            bag.report(.undefinedReference,
                       "no \(what) is named '\(name.value)'\(Suggestion.hint(for: name.value, in: candidates()))\(hint())",
                       at: name.range)
        }
        // `target`: the name resolved (-1: no node has it); a node that could not be decoded was reported.
        func requireNode(_ name: Located<String>, resolved target: Int) {
            guard target < 0 else { return }
            require(name, "node", known: brokenNodes.contains(name.value), among: flow.nodes.map(\.id.value))
        }
        func requireVariable(_ name: Located<String>, writtenBy writer: String) {
            if ContextVariable.builtIns.contains(where: { $0.name == name.value }) {
                bag.report(.invalidValue, "\(writer) cannot write the built-in variable '\(name.value)'", at: name.range)
                return
            }
            require(name, "context variable", known: variables[name.value] != nil || resources.isDeclared("context variable", name.value), among: variableNames,
                    hint: variables[name.value] == nil && Suggestion.closest(to: name.value, in: variableNames) == nil
                        ? "; declare it under 'context'" : "")
        }

        // Every reference to a node is resolved here, once (issue 10 item 5): the graph and
        // lowering read these indices.
        let startTarget = flow.target(named: flow.start.value)
        requireNode(flow.start, resolved: startTarget)
        var ruleTargets: [Int] = []
        ruleTargets.reserveCapacity(flow.escalations.count)
        for rule in flow.escalations {
            let target = flow.target(named: rule.target.value)
            ruleTargets.append(target)
            requireNode(rule.target, resolved: target)
        }
        for queue in flow.queues {
            for skill in queue.skills {
                require(skill, "skill", known: skillNames.contains(skill.value), among: skillNames,
                        hint: skillNames.contains(skill.value) ? "" : "; declare it under 'skills'")
            }
        }

        var targets = OutcomeTargets(reservingNodes: flow.nodes.count)
        for (index, node) in flow.nodes.enumerated() {
            // `fallback` and defaults share one written target between outcomes: report it once.
            let outcomes = node.outcomes
            targets.append(node, in: flow.nodeIndex)
            // Each outcome is made only when it names no node (`OutcomeList` makes it when read).
            for position in outcomes.indices where targets[index, position] < 0 {
                let outcome = outcomes[position]
                guard !outcomes[..<position].contains(where: { $0.target.range.start == outcome.target.range.start }) else { continue }
                requireNode(outcome.target, resolved: -1)
            }
            switch node.kind {
            case .hours(let schedule) where node.external == nil: // else kept on a platform
                require(schedule, "schedule", known: schedules.contains(schedule.value) || resources.isDeclared("schedule", schedule.value), among: scheduleNames)
            case .queue(let step):
                require(step.queue, "queue", known: queues[step.queue.value] != nil || resources.isDeclared("queue", step.queue.value), among: queueNames)
                for skill in step.skills {
                    require(skill, "skill", known: skillNames.contains(skill.value), among: skillNames)
                }
            case .callback(let step):
                let queue = step.queue
                require(queue, "queue", known: queues[queue.value] != nil || resources.isDeclared("queue", queue.value), among: queueNames)
                if let number = step.number { checkCallbackNumber(number, variables: variables, variableNames: variableNames) }
            case .collect(let collect):
                if let into = collect.into {
                    requireVariable(into, writtenBy: "collect")
                    // The runtime stores the digits as text or as a number (the table compiler refuses anything else).
                    if let variable = variables[into.value], variable.type != .string, variable.type != .number {
                        bag.report(.invalidValue, "collect stores the caller's digits, so 'into' must name a string or number "
                                   + "variable; '\(into.value)' has type \(variable.type)", at: into.range)
                    }
                }
            case .lookup(let lookup):
                for variable in lookup.sets { requireVariable(variable, writtenBy: "lookup") }
                for variable in lookup.with { checkSent(variable, variables: variables, variableNames: variableNames) }
            case .send(let send):
                for variable in send.with { checkSent(variable, variables: variables, variableNames: variableNames) }
            case .set(let assignments):
                for assignment in assignments {
                    if checkSetExtras(assignment, variables: variables, variableNames: variableNames) { continue }
                    requireVariable(assignment.variable, writtenBy: "set")
                    if let variable = variables[assignment.variable.value] {
                        _ = convert(assignment.value, to: variable.type, what: "the value set for '\(variable.name.value)'")
                    }
                }
            default:
                break
            }
        }
        flow = flow.resolving(outcomeTargets: targets, startTarget: startTarget, ruleTargets: ruleTargets)
    }

}
