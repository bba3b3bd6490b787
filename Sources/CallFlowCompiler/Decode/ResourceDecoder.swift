/// Context, skills, schedules and queues: the resources a flow file and its include files define.
extension FlowDecoder {
    static let includeFileKeys = ["description", "include", "context", "skills", "schedules", "queues"]

    /// Reads the resource keys of one file (root or include), following its includes.
    /// `chain` lists the files being included, outermost first, to catch cycles.
    func decodeResources(_ fields: Fields, file: String, rootDirectory: String, chain: [String]) {
        if let include = fields["include"] {
            var named: [String: SourceRange] = [:]
            for item in list(include, what: "include") ?? [] {
                if let path = item.scalarText, let first = named[path] {
                    bag.report(.duplicateKey, "include '\(path)' is listed twice; remove one", at: item.range,
                               notes: [DiagnosticNote("first listed here", at: first)])
                    continue
                }
                if let path = item.scalarText { named[path] = item.range }
                loadInclude(item, from: file, rootDirectory: rootDirectory, chain: chain)
            }
        }
        if let context = fields["context"] { decodeContext(context) }
        if let skills = fields["skills"] {
            for skill in identifiers(skills, what: "skills") where resources.claim("skill", skill, bag: &bag) {
                resources.skills.append(skill)
            }
        }
        if let schedules = fields["schedules"], let pairs = mapping(schedules, what: "schedules") {
            for pair in pairs {
                // Claimed before decoding: a schedule with a bad body still exists for references.
                guard let name = identifier(pair.key, what: "a schedule name"),
                      resources.claim("schedule", name, bag: &bag),
                      let schedule = decodeSchedule(name, pair.value) else { continue }
                resources.schedules.append(schedule)
            }
        }
        if let queues = fields["queues"], let pairs = mapping(queues, what: "queues") {
            for pair in pairs {
                guard let name = identifier(pair.key, what: "a queue name"),
                      resources.claim("queue", name, bag: &bag),
                      let queue = decodeQueue(name, pair.value) else { continue }
                resources.queues.append(queue)
            }
        }
    }

    static let typeNames: [String: ValueType] = ["bool": .bool, "number": .number, "string": .string, "duration": .duration]
    /// Type names of other languages, and what to write instead.
    static let typeAliases: [String: String] = [
        "boolean": "bool", "int": "number", "integer": "number", "float": "number", "double": "number",
        "str": "string", "text": "string", "time": "duration", "interval": "duration",
    ]

    /// " (did you mean 'bool'?)" for a type name that is not one.
    static func typeHint(_ name: String) -> String {
        guard let meant = typeAliases[name.lowercased()] ?? Suggestion.closest(to: name, in: Array(typeNames.keys).sorted()) else { return "" }
        return " (did you mean '\(meant)'?)"
    }

    private func decodeContext(_ node: YAMLNode) {
        guard let pairs = mapping(node, what: "context") else { return }
        for pair in pairs {
            guard let name = variableName(pair.key, what: "a context variable") else { continue }
            if ContextVariable.builtIns.contains(where: { $0.name == name.value }) {
                invalid(pair.key, "'\(name.value)' is a built-in variable; it cannot be declared again")
                continue
            }
            guard resources.claim("context variable", name, bag: &bag),
                  let variable = decodeVariable(name, pair.value) else { continue }
            resources.context.append(variable)
        }
    }

    private func decodeVariable(_ name: Located<String>, _ node: YAMLNode) -> ContextVariable? {
        let owner = "context variable '\(name.value)'"
        if let typeName = node.scalarText {
            guard let type = Self.typeNames[typeName] else {
                invalid(node, "\(owner) has unknown type '\(typeName)'\(Self.typeHint(typeName)); use bool, number, string, duration or {enum: [...]}")
                return nil
            }
            return ContextVariable(name: name, type: type)
        }
        guard let pairs = mapping(node, what: owner) else { return nil }
        let fields = Fields(node, pairs: pairs, allowed: ["type", "enum", "default", "description", "format"], owner: owner, ownerKey: name.range, bag: &bag)
        let type: ValueType
        switch (fields["type"], fields["enum"]) {
        case (let typeNode?, nil):
            guard let typeName = typeNode.scalarText, let named = Self.typeNames[typeName] else {
                let hint = typeNode.scalarText.map(Self.typeHint) ?? ""
                let written = typeNode.scalarText.map { "'\($0)'" } ?? typeNode.kindDescription
                invalid(typeNode, "\(owner) has unknown type \(written)\(hint); use bool, number, string or duration")
                return nil
            }
            type = named
        case (nil, let enumNode?):
            let values = identifiers(enumNode, what: "the values of \(owner)")
            guard !values.isEmpty else {
                invalid(enumNode, "\(owner) needs at least one enum value")
                return nil
            }
            var seen = Set<String>()
            for value in values where !seen.insert(value.value).inserted {
                bag.report(.duplicateKey, "enum value '\(value.value)' is listed twice in \(owner)", at: value.range)
            }
            type = .enumeration(values.map(\.value))
        case (_?, _?):
            invalid(fields.key("enum")!, "\(owner) has both 'type' and 'enum'; an enum is its own type, keep only 'enum'")
            return nil
        case (nil, nil):
            invalid(at: name.range,
                    "\(owner) needs 'type' (bool, number, string, duration) or 'enum: [values]'")
            return nil
        }
        var defaultValue: LiteralValue?
        if let defaultNode = fields["default"], let literal = literal(defaultNode, what: "the default of \(owner)") {
            if type == .string, case .number = literal.value {
                // As the schema has it: a string's default is written as text.
                let written = defaultNode.scalarText ?? ""
                invalid(defaultNode, "the default of \(owner) must be text, not the number \(written); quote it: \"\(written)\"")
            } else {
                defaultValue = convert(literal, to: type, what: "the default of \(owner)")
            }
        }
        let description = fields["description"].flatMap { text($0, what: "description") }?.value
        var variable = ContextVariable(name: name, type: type, defaultValue: defaultValue, description: description)
        variable.format = fields["format"].flatMap { promptFormat($0, of: variable, owner: owner) }
        return variable
    }

    /// A literal as a value of `type`, or an `invalid-value` report that says what was expected.
    func convert(_ literal: Located<LiteralValue>, to type: ValueType, what: @autoclosure () -> String) -> LiteralValue? {
        switch (type, literal.value) {
        case (.bool, .bool), (.number, .number), (.string, .string): return literal.value
        case (.string, .number): return .string(literal.value.description)
        case (.duration, .string(let text)):
            if let duration = Duration(parsing: text) { return .duration(duration) }
        case (.enumeration(let values), .string(let text)):
            if values.contains(text) { return literal.value }
            bag.report(.invalidValue, "\(what()) is '\(text)', which is not one of \(type)\(Suggestion.hint(for: text, in: values))",
                       at: literal.range)
            return nil
        default:
            break
        }
        let name = "\(type)"
        let article = name.first.map { "aeiou".contains($0) } == true ? "an" : "a"
        bag.report(.invalidValue, "\(what()) must be \(article) \(name), not '\(literal.value)'", at: literal.range)
        return nil
    }

    private func decodeQueue(_ name: Located<String>, _ node: YAMLNode) -> QueueDefinition? {
        let owner = "queue '\(name.value)'"
        guard let pairs = mapping(node, what: owner) else { return nil }
        let fields = Fields(node, pairs: pairs, allowed: ["skills", "max_wait", "callback", "announce", "hold_music", "alert", "description"],
                            owner: owner, ownerKey: name.range, bag: &bag)
        let skills = unique(fields["skills"].map { identifiers($0, what: "the skills of \(owner)") } ?? [], in: "the skills of \(owner)")
        let maxWait = requireField(fields, "max_wait", owner: owner).flatMap { duration($0, what: "max_wait", plausibleSeconds: 30...7_200) }
        let callback = fields["callback"].flatMap { boolean($0, what: "callback") } ?? false
        let announced = fields["announce"].map { announceInterval($0, owner: owner) }
        let announce = announced?.every?.value
        if let words = announced?.words { pendingAnnouncements.append((name.value, words)) }
        let holdMusic = fields["hold_music"].flatMap { self.holdMusic($0, owner: owner) }
        var alertDepth: Int?, alertWait: Duration?
        if let alert = fields["alert"], let alertPairs = mapping(alert, what: "alert") {
            let alertFields = Fields(alert, pairs: alertPairs, allowed: ["depth", "wait"], owner: "the alert of \(owner)", bag: &bag)
            alertDepth = alertFields["depth"].flatMap { integer($0, what: "alert depth", in: 1...Int.max) }?.value
            alertWait = alertFields["wait"].flatMap { duration($0, what: "alert wait", plausibleSeconds: 30...7_200) }?.value
            if alertPairs.isEmpty {
                invalid(alert, "alert needs 'depth' (callers waiting) or 'wait' (longest wait), or both")
            }
        }
        let description = fields["description"].flatMap { text($0, what: "description") }?.value
        guard let maxWait else { return nil }
        var queue = QueueDefinition(name: name, skills: skills, maxWait: maxWait.value, offersCallback: callback,
                                    announce: announce, alertDepth: alertDepth, alertWait: alertWait, description: description)
        queue.holdMusic = holdMusic
        return queue
    }
}
