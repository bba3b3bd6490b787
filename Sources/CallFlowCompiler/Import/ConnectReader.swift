/// One Amazon Connect block, read from either format (flow language or legacy export) into the
/// flow language's terms, so both formats share one mapping.
struct ConnectStep {
    struct Branch {
        /// The error type (`NoMatchingError`) or, for conditions, `Operator operands`.
        var name: String
        var operands: [Located<String>]
        var target: Located<String>?
        var range: SourceRange
    }

    var id: Located<String>
    var type: String
    var typeRange: SourceRange
    var range: SourceRange
    var parameters: [String: Located<String>]
    var next: Located<String>?
    /// Where an unwired `NextAction` would be written (the transitions, else the block).
    var transitionsRange: SourceRange
    var errors: [Branch]
    var conditions: [Branch]

    func error(_ type: String) -> Branch? { errors.first { $0.name == type } }
}

/// Reads an Amazon Connect flow in the flow language (`Version`, `StartAction`, `Actions`).
struct ConnectReader {
    let reader: JSONReader
    let flowType: String?

    func read(_ root: YAMLNode) -> ImportedFlow {
        var steps: [ConnectStep] = []
        let metadata = root.field("Metadata")?.field("ActionMetadata")
        for action in root.field("Actions")?.items ?? [] {
            guard let id = reader.text(action.field("Identifier")) else { continue }
            let typeNode = action.field("Type")
            var parameters: [String: Located<String>] = [:]
            if let pairs = action.field("Parameters")?.mappingPairs {
                for pair in pairs {
                    guard let name = pair.key.scalarText else { continue }
                    if let text = reader.text(pair.value) {
                        parameters[name] = text
                    } else if pair.value.isMapping || pair.value.sequenceItems != nil {
                        parameters[name] = Located("(\(name))", at: reader.range(pair.value))
                    }
                }
            }
            // Readable names of queues, hours and Lambdas live in the metadata.
            if let actionMetadata = metadata?.field(id.value) {
                for (parameter, keys) in [("QueueId", ["queue", "Queue"]), ("HoursOfOperationId", ["Hours", "hours"]),
                                          ("LambdaFunctionARN", ["LambdaFunction"])] {
                    for key in keys {
                        if let name = actionMetadata.field(key)?.field("text")?.string ?? actionMetadata.field(key)?.field("displayName")?.string
                            ?? actionMetadata.field("parameters")?.field(parameter)?.field("displayName")?.string,
                           let range = parameters[parameter]?.range {
                            parameters[parameter + ".name"] = Located(name, at: range)
                        }
                    }
                }
            }
            let transitions = action.field("Transitions")
            var errors: [ConnectStep.Branch] = []
            for error in transitions?.field("Errors")?.items ?? [] {
                errors.append(ConnectStep.Branch(name: error.field("ErrorType")?.string ?? "", operands: [],
                                                 target: reader.text(error.field("NextAction")), range: reader.range(error)))
            }
            var conditions: [ConnectStep.Branch] = []
            for condition in transitions?.field("Conditions")?.items ?? [] {
                let test = condition.field("Condition")
                let operands = test?.field("Operands")?.items.compactMap { reader.text($0) } ?? []
                conditions.append(ConnectStep.Branch(name: test?.field("Operator")?.string ?? "", operands: operands,
                                                     target: reader.text(condition.field("NextAction")), range: reader.range(condition)))
            }
            steps.append(ConnectStep(id: id, type: typeNode?.string ?? "", typeRange: typeNode.map(reader.range) ?? id.range,
                                     range: reader.range(action), parameters: parameters,
                                     next: reader.text(transitions?.field("NextAction")),
                                     transitionsRange: transitions.map(reader.range) ?? reader.range(action),
                                     errors: errors, conditions: conditions))
        }
        let type = flowType ?? root.field("Metadata")?.field("type")?.string
        let start = reader.text(root.field("StartAction")) ?? Located("", at: reader.range(root))
        return ConnectMapper(reader: reader, format: .connectFlowLanguage, flowType: type)
            .map(steps, start: start, actionsRange: root.field("Actions").map(reader.range) ?? reader.range(root))
    }
}

/// Reads a legacy Amazon Connect console export (`modules`, `start`).
struct ConnectLegacyReader {
    let reader: JSONReader
    let flowType: String?

    /// Legacy module types and the flow-language action each one is.
    static let types: [String: String] = [
        "PlayPrompt": "MessageParticipant", "GetUserInput": "GetParticipantInput", "StoreUserInput": "GetParticipantInput",
        "CheckHoursOfOperation": "CheckHoursOfOperation", "CheckAttribute": "Compare", "SetQueue": "UpdateContactTargetQueue",
        "InvokeExternalResource": "InvokeLambdaFunction", "Disconnect": "DisconnectParticipant", "Resume": "EndFlowExecution",
        "Loop": "Loop", "SetAttributes": "UpdateContactAttributes", "SetVoice": "UpdateContactTextToSpeechVoice",
        "SetLoggingBehavior": "UpdateFlowLoggingBehavior", "SetRecordingBehavior": "UpdateContactRecordingBehavior",
    ]

    /// Legacy branch conditions and the flow-language error each one is.
    static let errors: [String: String] = [
        "Error": "NoMatchingError", "Timeout": "InputTimeLimitExceeded", "NoMatch": "NoMatchingCondition",
        "AtCapacity": "QueueAtCapacity", "CallFailure": "CallFailed",
    ]

    func read(_ root: YAMLNode) -> ImportedFlow {
        var steps: [ConnectStep] = []
        for module in root.field("modules")?.items ?? [] {
            guard let id = reader.text(module.field("id")) else { continue }
            let typeNode = module.field("type")
            var type = typeNode?.string ?? ""
            var parameters: [String: Located<String>] = [:]
            for parameter in module.field("parameters")?.items ?? [] {
                guard let name = parameter.field("name")?.string, let value = reader.text(parameter.field("value")) else { continue }
                parameters[name] = value
                if let display = parameter.field("resourceName")?.string { parameters[name + ".name"] = Located(display, at: value.range) }
            }
            if type == "StoreUserInput" { parameters["StoreInput"] = Located("True", at: reader.range(module)) }
            if type == "Transfer" {
                switch module.field("target")?.string {
                case "Queue"?: type = "TransferContactToQueue"
                case "PhoneNumber"?: type = "TransferParticipantToThirdParty"
                case "Flow"?: type = "TransferToFlow"
                default: type = "Transfer"
                }
                if let number = parameters["PhoneNumber"] { parameters["ThirdPartyPhoneNumber"] = number }
            } else if let mapped = Self.types[type] {
                type = mapped
            }
            if let queue = parameters["Queue"] { parameters["QueueId"] = queue; parameters["QueueId.name"] = parameters["Queue.name"] }
            if let arn = parameters["FunctionArn"] { parameters["LambdaFunctionARN"] = arn }
            if let attribute = parameters["Attribute"] { parameters["ComparisonValue"] = attribute }
            var next: Located<String>?
            var errors: [ConnectStep.Branch] = []
            var conditions: [ConnectStep.Branch] = []
            for branch in module.field("branches")?.items ?? [] {
                let condition = branch.field("condition")?.string ?? ""
                let target = reader.text(branch.field("transition"))
                let range = reader.range(branch)
                switch condition {
                case "Success":
                    next = target
                case "Evaluate":
                    let operands = reader.text(branch.field("conditionValue")).map { [$0] } ?? []
                    conditions.append(ConnectStep.Branch(name: branch.field("conditionType")?.string ?? "Equals",
                                                         operands: operands, target: target, range: range))
                case "True", "False":
                    conditions.append(ConnectStep.Branch(name: "Equals", operands: [Located(condition, at: range)],
                                                         target: target, range: range))
                case "Looping", "Complete":
                    conditions.append(ConnectStep.Branch(name: condition == "Looping" ? "ContinueLooping" : "DoneLooping",
                                                         operands: [], target: target, range: range))
                default:
                    errors.append(ConnectStep.Branch(name: Self.errors[condition] ?? condition, operands: [], target: target, range: range))
                }
            }
            let branchesRange = module.field("branches").map(reader.range) ?? reader.range(module)
            steps.append(ConnectStep(id: id, type: type, typeRange: typeNode.map(reader.range) ?? id.range, range: reader.range(module),
                                     parameters: parameters, next: next, transitionsRange: branchesRange,
                                     errors: errors, conditions: conditions))
        }
        let start = reader.text(root.field("start")) ?? Located("", at: reader.range(root))
        let type = flowType ?? root.field("type")?.string
        return ConnectMapper(reader: reader, format: .connectLegacy, flowType: type)
            .map(steps, start: start, actionsRange: root.field("modules").map(reader.range) ?? reader.range(root))
    }
}
