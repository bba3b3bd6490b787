/// Turns Amazon Connect blocks (either format) into callflow nodes.
struct ConnectMapper {
    let reader: JSONReader
    let format: PlatformFormat
    let flowType: String?

    /// Actions with no voice meaning callflow models (attributes, logging, voice, recording...):
    /// opaque steps, not reported as unknown.
    static let knownOpaque: Set<String> = [
        "UpdateContactAttributes", "UpdateFlowAttributes", "UpdateContactData", "UpdateContactTextToSpeechVoice",
        "UpdateContactRecordingBehavior", "UpdateFlowLoggingBehavior", "UpdateContactEventHooks", "UpdateContactRoutingBehavior",
        "UpdateContactRoutingCriteria", "UpdateContactMediaStreamingBehavior", "UpdateContactCallbackNumber",
        "CreateCallbackContact", "CheckMetricData", "GetMetricData", "ConnectParticipantWithLexBot", "Wait",
        "DistributeByPercentage", "CreateTask", "StartVoiceIdStream", "CheckVoiceId", "SetVoiceId", "UpdateVoiceIdBehavior",
        "CompleteOutboundCall", "GetCustomerProfile", "CreateCustomerProfile", "UpdateCustomerProfile", "TagContact",
        "UnTagContact", "CreateCase", "GetCase", "UpdateCase", "CreateWisdomSession", "ShowView",
        "UpdatePreviousContactParticipantState", "Loop", "Compare",
        // Legacy module types.
        "StartMediaStreaming", "StopMediaStreaming", "SetEventHook", "CheckStaffing", "SetContactFlow", "CheckQueueStatus",
        "UpdateRoutingPriority", "SetCallbackNumber", "CreateCallback", "LoopPrompts", "SetWhisperFlow",
        "SetCustomerQueueFlow", "SetHoldFlow", "SetDisconnectFlow", "SetVoiceId", "SetTaskTemplate",
    ]

    /// Flow types in which an action may run, where the documentation restricts it.
    static let allowedIn: [String: Set<String>] = [
        "TransferContactToQueue": ["contactFlow", "CONTACT_FLOW", "queueTransfer", "QUEUE_TRANSFER", "agentTransfer", "AGENT_TRANSFER"],
        "DequeueContactAndTransferToQueue": ["customerQueue", "CUSTOMER_QUEUE"],
        "CheckHoursOfOperation": ["contactFlow", "CONTACT_FLOW", "queueTransfer", "QUEUE_TRANSFER", "agentTransfer",
                                  "AGENT_TRANSFER", "customerQueue", "CUSTOMER_QUEUE"],
        "GetParticipantInput": ["contactFlow", "CONTACT_FLOW", "queueTransfer", "QUEUE_TRANSFER", "agentTransfer",
                                "AGENT_TRANSFER", "customerQueue", "CUSTOMER_QUEUE"],
    ]

    /// Flow types a caller does not navigate (whispers, holds, queue music): human-path checks
    /// do not apply to them.
    static let nonCallerTypes: Set<String> = [
        "customerQueue", "CUSTOMER_QUEUE", "customerHold", "CUSTOMER_HOLD", "agentHold", "AGENT_HOLD", "customerWhisper",
        "CUSTOMER_WHISPER", "agentWhisper", "AGENT_WHISPER", "outboundWhisper", "OUTBOUND_WHISPER",
    ]

    static let actionLimit = 250

    func map(_ steps: [ConnectStep], start: Located<String>, actionsRange: SourceRange) -> ImportedFlow {
        let builder = ImportBuilder(reader: reader)
        var targetQueue: Located<String>?
        for step in steps {
            let id = step.id.value
            var outcomes: [Outcome] = []
            func wire(_ label: String, _ target: Located<String>?, event: String, at range: SourceRange, orEnd: Bool = true) {
                if let target {
                    outcomes.append(Outcome(label: label, target: target, source: target.range))
                } else if orEnd {
                    let end = builder.endsCall(step: id, event: event, at: range)
                    outcomes.append(Outcome(label: label, target: end, source: range))
                }
            }
            func next(_ label: String = "next") {
                wire(label, step.next, event: "NextAction", at: step.transitionsRange)
            }
            /// An error branch the block requires: unwired, the contact is dropped (`dead-end`).
            func required(_ label: String, _ error: String, _ what: String) {
                if let branch = step.error(error), let target = branch.target {
                    outcomes.append(Outcome(label: label, target: target, source: target.range))
                } else {
                    builder.deadEnd("\(step.type) '\(id)' has no '\(error)' branch: \(what) ends the call here; connect it "
                                    + "to a block", at: step.error(error)?.range ?? step.transitionsRange)
                }
            }
            func optional(_ label: String, _ error: String) {
                if let target = step.error(error)?.target { outcomes.append(Outcome(label: label, target: target, source: target.range)) }
            }
            func prompt() -> Located<String> {
                step.parameters["Text"] ?? step.parameters["SSML"] ?? step.parameters["PromptId.name"] ?? step.parameters["PromptId"]
                    ?? step.parameters["AudioPrompt"] ?? Located("", at: step.typeRange)
            }
            let timeout = step.parameters["InputTimeLimitSeconds"].flatMap { text in
                ImportBuilder.number(text.value, in: ImportBuilder.seconds).map { Located(Duration(seconds: $0), at: text.range) }
            } ?? step.parameters["Timeout"].flatMap { text in
                ImportBuilder.number(text.value, in: ImportBuilder.seconds).map { Located(Duration(seconds: $0), at: text.range) }
            }
            let noRetries = Located(0, at: step.typeRange)

            if let allowed = Self.allowedIn[step.type], let flowType, !allowed.contains(flowType) {
                builder.diagnostics.append(Diagnostic(PlatformLimit.descriptor,
                                                      "\(step.type) is not allowed in a \(flowType) flow: Amazon Connect refuses "
                                                        + "the flow at import (\"Unsupported block type\"); move the block to a "
                                                        + "flow of a type that allows it", at: step.typeRange))
            }
            switch step.type {
            case "GetParticipantInput" where step.parameters["StoreInput"]?.value.lowercased() != "true":
                var options: [MenuOption] = []
                for condition in step.conditions {
                    let target = condition.target ?? builder.endsCall(step: id, event: "condition", at: condition.range)
                    for operand in condition.operands where condition.name == "Equals" {
                        let keys = Lexical.isDTMFKey(operand.value) ? [operand.value] : []
                        for key in keys where !options.contains(where: { $0.key.value == key }) {
                            options.append(MenuOption(key: Located(key, at: operand.range), target: target, label: nil, speech: []))
                            outcomes.append(Outcome(label: key, target: target, source: operand.range))
                        }
                        if keys.isEmpty {
                            outcomes.append(Outcome(label: "input \(operand.value)", target: target, source: operand.range))
                        }
                    }
                }
                required("no_input", "InputTimeLimitExceeded", "a caller who presses nothing")
                required("no_match", "NoMatchingCondition", "a caller who presses another key")
                required("error", "NoMatchingError", "an error")
                let menu = Menu(prompt: Prompt(prompt()), options: options, timeout: timeout, retries: noRetries)
                builder.add(id: step.id, range: step.range, kind: .menu(menu), outcomes: outcomes, platformType: step.type)
            case "GetParticipantInput":
                next()
                if step.error("InputTimeLimitExceeded")?.target != nil {
                    optional("no_input", "InputTimeLimitExceeded")
                } else if let first = outcomes.first {
                    outcomes.append(Outcome(label: "no_input", target: first.target, source: first.source))
                }
                required("error", "NoMatchingError", "an error")
                let max = step.parameters["MaxDigits"].flatMap { ImportBuilder.number($0.value, in: 1...64) }
                let collect = Collect(prompt: Prompt(prompt()), digits: max.map { DigitCount(min: 1, max: $0) }, into: nil,
                                      timeout: timeout, retries: noRetries)
                builder.add(id: step.id, range: step.range, kind: .collect(collect), outcomes: outcomes,
                            external: Located(step.type, at: step.typeRange), platformType: step.type)
            case "MessageParticipant", "MessageParticipantIteratively":
                next()
                optional("error", "NoMatchingError")
                builder.add(id: step.id, range: step.range, kind: .say(Prompt(prompt())), outcomes: outcomes, platformType: step.type)
            case "CheckHoursOfOperation":
                var open: Located<String>?, closed: Located<String>?
                for condition in step.conditions {
                    let value = condition.operands.first?.value.lowercased()
                    let target = condition.target ?? builder.endsCall(step: id, event: "condition", at: condition.range)
                    if value == "true" { open = target } else if value == "false" { closed = target }
                }
                for (label, target, event) in [("open", open, "True"), ("closed", closed, "False")] {
                    if let target {
                        outcomes.append(Outcome(label: label, target: target, source: target.range))
                    } else {
                        builder.deadEnd("CheckHoursOfOperation '\(id)' has no '\(event)' branch: calls \(label == "open" ? "in" : "out of") "
                                        + "hours end here; connect it to a block", at: step.transitionsRange)
                    }
                }
                required("error", "NoMatchingError", "an error")
                let schedule = step.parameters["HoursOfOperationId.name"] ?? step.parameters["HoursOfOperationId"]
                    ?? Located("the queue's hours", at: step.typeRange)
                builder.add(id: step.id, range: step.range, kind: .hours(schedule), outcomes: outcomes,
                            external: Located("hours of operation \(schedule.value)", at: schedule.range), platformType: step.type)
            case "UpdateContactTargetQueue":
                targetQueue = step.parameters["QueueId.name"] ?? step.parameters["QueueId"] ?? step.parameters["AgentId"]
                next()
                required("error", "NoMatchingError", "an error")
                opaque(step, &outcomes, builder, report: false)
            case "TransferContactToQueue", "DequeueContactAndTransferToQueue":
                let queue = step.parameters["QueueId.name"] ?? step.parameters["QueueId"] ?? targetQueue.map { Located($0.value, at: step.typeRange) }
                    ?? Located("target queue", at: step.typeRange)
                if let target = step.error("QueueAtCapacity")?.target {
                    outcomes.append(Outcome(label: "overflow", target: target, source: target.range))
                } else {
                    builder.diagnostics.append(Diagnostic(QueueWithoutOverflow.descriptor,
                        "\(step.type) '\(id)' has no 'QueueAtCapacity' branch: a caller who finds the queue full is "
                            + "dropped; connect it to a block", at: step.error("QueueAtCapacity")?.range ?? step.transitionsRange))
                }
                required("failed", "NoMatchingError", "a failed transfer")
                builder.add(id: step.id, range: step.range, kind: .queue(QueueStep(queue: queue, priority: nil, skills: [])),
                            outcomes: outcomes, platformType: step.type)
            case "TransferParticipantToThirdParty", "Transfer":
                let number = step.parameters["ThirdPartyPhoneNumber"] ?? Located("third party", at: step.typeRange)
                required("busy", "CallFailed", "a failed call")
                if let failed = step.error("CallFailed")?.target { outcomes.append(Outcome(label: "failed", target: failed, source: failed.range)) }
                required("no_answer", "ConnectionTimeLimitExceeded", "an unanswered call")
                required("error", "NoMatchingError", "an error")
                if let after = step.next { outcomes.append(Outcome(label: "next", target: after, source: after.range)) }
                let opaque = Lexical.isE164(number.value) || Lexical.isSIPURI(number.value) ? nil : Located("\(step.type) \(number.value)", at: number.range)
                builder.add(id: step.id, range: step.range, kind: .transfer(number), outcomes: outcomes, external: opaque,
                            platformType: step.type)
            case "TransferContactToAgent":
                optional("failed", "NoMatchingError")
                builder.add(id: step.id, range: step.range, kind: .transfer(Located("agent", at: step.typeRange)),
                            outcomes: outcomes, external: Located(step.type, at: step.typeRange), platformType: step.type)
            case "InvokeLambdaFunction", "InvokeFlowModule":
                next()
                required("error", "NoMatchingError", "a failed call")
                let function = step.parameters["LambdaFunctionARN.name"] ?? step.parameters["LambdaFunctionARN"]
                    ?? step.parameters["FlowModuleId"] ?? Located(step.type, at: step.typeRange)
                let limit = step.parameters["InvocationTimeLimitSeconds"] ?? step.parameters["TimeLimit"]
                let lookup = Lookup(integration: function,
                                    timeout: limit.flatMap { text in
                                        ImportBuilder.number(text.value, in: ImportBuilder.seconds).map { Located(Duration(seconds: $0), at: text.range) }
                                    },
                                    sets: [])
                builder.add(id: step.id, range: step.range, kind: .lookup(lookup), outcomes: outcomes,
                            external: Located("\(step.type) \(function.value)", at: function.range), platformType: step.type)
            case "DisconnectParticipant":
                builder.add(id: step.id, range: step.range, kind: .hangup(Located(nil, at: step.typeRange)), outcomes: [],
                            platformType: step.type)
            case "EndFlowExecution", "EndFlowModuleExecution", "TransferToFlow", "ResumeContact":
                if step.type == "TransferToFlow" { required("error", "NoMatchingError", "a failed transfer") }
                let destination = step.parameters["ContactFlowId.name"] ?? step.parameters["ContactFlowId"]
                let what = destination.map { "\(step.type) \($0.value)" } ?? step.type
                builder.add(id: step.id, range: step.range, kind: .hangup(Located(nil, at: step.typeRange)), outcomes: outcomes,
                            external: Located(what, at: destination?.range ?? step.typeRange), platformType: step.type)
            default:
                if step.next != nil || (step.conditions.isEmpty && step.errors.isEmpty) { next() }
                opaque(step, &outcomes, builder, report: !Self.knownOpaque.contains(step.type))
            }
        }
        if steps.count > Self.actionLimit {
            builder.diagnostics.append(Diagnostic(PlatformLimit.descriptor,
                                                  "this flow has \(steps.count) actions; Amazon Connect allows at most "
                                                    + "\(Self.actionLimit) per flow: split it with TransferToFlow or flow modules",
                                                  at: actionsRange))
        }
        builder.reportUndefinedTargets(what: "action")
        let flow = builder.finish(name: Located(StudioReader.flowName(reader.file), at: start.range), start: start)
        var skipped = Self.skipped
        if let flowType, Self.nonCallerTypes.contains(flowType) {
            for id in ["trap-loop", "missing-human-fallback", "no-human-option", "slow-path-to-human", "failure-hangs-up"] {
                skipped.append(SkippedCheck(id: id, reason: "a \(flowType) flow is not navigated by a caller looking for a person"))
            }
        }
        return ImportedFlow(format: format, flow: flow, diagnostics: builder.diagnostics, skipped: skipped,
                            flowType: flowType, platformTypes: builder.platformTypes)
    }

    /// An action kept opaque, with every branch (errors and conditions) as an outcome.
    private func opaque(_ step: ConnectStep, _ outcomes: inout [Outcome], _ builder: ImportBuilder, report: Bool) {
        if report { builder.unknownType(step.type, at: step.typeRange, platform: "Amazon Connect action") }
        let labelled = Set(outcomes.map(\.source))
        for error in step.errors {
            guard let target = error.target, !labelled.contains(target.range) else { continue }
            // A comparison's no-match branch is its `else`.
            let label = error.name == "NoMatchingCondition" && step.next == nil ? "next" : error.name
            outcomes.append(Outcome(label: label, target: target, source: target.range))
        }
        for condition in step.conditions {
            guard let target = condition.target else { continue }
            let text = ([condition.name] + condition.operands.map(\.value)).joined(separator: " ")
            outcomes.append(Outcome(label: text, target: target, source: target.range))
        }
        let comparison = step.parameters["ComparisonValue"].map { " on \($0.value)" } ?? ""
        let kind = ImportBuilder.opaqueKind(&outcomes)
        if case .switch = kind, step.type == "Compare" || step.type == "CheckAttribute", step.error("NoMatchingCondition")?.target == nil {
            builder.deadEnd("\(step.type) '\(step.id.value)' has no 'NoMatchingCondition' branch: a call that matches no "
                            + "condition ends here; connect it to a block", at: step.transitionsRange)
        }
        builder.add(id: step.id, range: step.range, kind: kind, outcomes: outcomes,
                    external: Located(step.type + comparison, at: step.typeRange), platformType: step.type)
    }

    static let skipped: [SkippedCheck] = [
        SkippedCheck(id: "retries-out-of-range", reason: "Amazon Connect plays a prompt once; retries are Loop blocks, "
                     + "which callflow sees as loops in the graph"),
        SkippedCheck(id: "expression", reason: "Compare conditions are kept as opaque decisions that may take any branch"),
        SkippedCheck(id: "shadowed-case", reason: "conditions are not typed: callflow cannot tell whether one covers another"),
        SkippedCheck(id: "constant-condition", reason: "conditions are not typed: callflow cannot evaluate them"),
        SkippedCheck(id: "schedule-overlap", reason: "hours of operation are kept on the platform, named by ARN or name"),
        SkippedCheck(id: "invalid-schedule", reason: "hours of operation are kept on the platform, named by ARN or name"),
        SkippedCheck(id: "critical-route-gated", reason: "Amazon Connect flows have no escalation rules"),
        SkippedCheck(id: "unused-definition", reason: "queues, hours and attributes are defined outside the flow"),
        SkippedCheck(id: "prompt-keys", reason: "prompts are often recorded audio (PromptId) whose words callflow cannot read"),
    ]
}
