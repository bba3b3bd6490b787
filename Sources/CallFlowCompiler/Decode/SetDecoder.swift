/// `set` beyond literals (issue 14): `call.priority: 80` raises the call's priority (never lowers
/// it), and `{from: other.variable}` copies another variable of the same type.
extension FlowDecoder {
    /// A variable a lookup sends (`with`): declared, or a built-in the call always has.
    func checkSent(_ name: Located<String>, variables: [String: ContextVariable], variableNames: [String]) {
        if ["caller.number", "call.dialed", "call.priority", "call.failures"].contains(name.value) || variables[name.value] != nil { return }
        if name.value.hasPrefix("queue."), ContextVariable.builtIns.contains(where: { $0.name == name.value }) {
            bag.report(.invalidValue, "a lookup cannot send '\(name.value)': it has a value only in 'at: queue' rules", at: name.range)
            return
        }
        bag.report(.undefinedReference, "no context variable is named '\(name.value)'\(Suggestion.hint(for: name.value, in: variableNames))",
                   at: name.range)
    }

    /// `name: {from: other.variable}`.
    func decodeCopy(_ node: YAMLNode, into variable: Located<String>) -> Assignment? {
        guard let pairs = mapping(node, what: "the value of '\(variable.value)'") else { return nil }
        let fields = Fields(node, pairs: pairs, allowed: ["from"], owner: "the value of '\(variable.value)'", bag: &bag)
        guard let source = requireField(fields, "from", owner: "the value of '\(variable.value)'")
            .flatMap({ variableName($0, what: "from") }) else { return nil }
        return Assignment(variable: variable, value: Located(.string(""), at: node.range), source: source)
    }

    /// Checks what `set` may do beyond a literal for a declared variable; true when it handled
    /// the assignment (the caller's usual checks are then skipped).
    func checkSetExtras(_ assignment: Assignment, variables: [String: ContextVariable], variableNames: [String]) -> Bool {
        let name = assignment.variable.value
        if name == "call.priority" {
            if let source = assignment.source {
                bag.report(.invalidValue, "set can raise 'call.priority' only to a whole number 0-100, not to the value of "
                           + "'\(source.value)'; write the number", at: source.range)
            } else if case .number(let n) = assignment.value.value, n >= 0, n <= 100, n == n.rounded() {
                // Raises the priority as a queue node's `priority` does; never lowers it.
            } else {
                bag.report(.invalidValue, "set can raise 'call.priority' only to a whole number 0-100, not "
                           + "\(assignment.value.value); it never lowers the priority", at: assignment.value.range)
            }
            return true
        }
        guard let source = assignment.source else { return false }
        if ContextVariable.builtIns.contains(where: { $0.name == name }) {
            bag.report(.invalidValue, "set cannot write the built-in variable '\(name)'", at: assignment.variable.range)
            return true
        }
        let builtIn = ContextVariable.builtIns.first { $0.name == source.value }
        if let builtIn, builtIn.name != "caller.number", builtIn.name != "call.dialed" {
            bag.report(.invalidValue, "set cannot copy '\(source.value)': the runtime keeps it as the call goes; "
                       + "copy a declared variable, caller.number or call.dialed", at: source.range)
            return true
        }
        guard let target = variables[name] else {
            bag.report(.undefinedReference, "no context variable is named '\(name)'\(Suggestion.hint(for: name, in: variableNames))",
                       at: assignment.variable.range)
            return true
        }
        guard let sourceType = builtIn?.type ?? variables[source.value]?.type else {
            bag.report(.undefinedReference, "no context variable is named '\(source.value)'\(Suggestion.hint(for: source.value, in: variableNames))",
                       at: source.range)
            return true
        }
        let fits: Bool
        switch (sourceType, target.type) {
        case (.enumeration(let from), .enumeration(let to)): fits = Set(from).isSubset(of: Set(to))
        default: fits = sourceType == target.type
        }
        if !fits {
            bag.report(.invalidValue, "'\(source.value)' (\(sourceType)) cannot be copied into '\(name)' (\(target.type)); "
                       + "copy a variable of the same type (an enum's values must all be the target's)", at: source.range)
        }
        return true
    }
}
