/// The expressions of a flow (switch `if`, rule `when`): parsed and type-checked once every
/// definition is known. Findings are `expression` errors at the offending token's exact place in
/// the file; a condition that passes keeps its checked tree (`ExpressionSource.parsed`).
extension FlowDecoder {
    func resolveExpressions(in flow: inout Flow) {
        let file = sources.first { $0.path == flow.file }
        let outside = ExpressionEnvironment(flow: flow, queueVariablesBound: false)
        var inQueue = outside
        inQueue.queueVariablesBound = true

        // The flow's fields are constants: the checked rules and nodes make a new flow. The old
        // one lets go of its arrays first, so they are changed in place, not copied.
        var escalations = flow.escalations
        var nodes = flow.nodes
        flow = flow.checked(escalations: [], nodes: [])
        for index in escalations.indices {
            guard let condition = escalations[index].condition else { continue }
            let environment = escalations[index].trigger.value == .queue ? inQueue : outside
            escalations[index].condition = resolve(condition, in: environment, file: file)
        }
        for index in nodes.indices {
            // An opaque decision's conditions are a platform's text: kept, not parsed.
            guard case .switch(var cases) = nodes[index].kind, nodes[index].external == nil else { continue }
            for position in cases.indices {
                cases[position].condition = resolve(cases[position].condition, in: outside, file: file)
            }
            nodes[index] = nodes[index].replacing(kind: .switch(cases))
        }
        flow = flow.checked(escalations: escalations, nodes: nodes)
    }

    private func resolve(_ source: ExpressionSource, in environment: ExpressionEnvironment, file: SourceFile?) -> ExpressionSource {
        var source = source
        // Re-reading the scalar's source costs a little: only for a condition with errors.
        var positions: ExpressionPositions {
            ExpressionPositions(source, file: file ?? sources.first { $0.path == source.range.file })
        }
        switch ExpressionParser.parse(source.text) {
        case .failure(let error):
            bag.report(.expression, error.message, at: positions.range(of: error.range))
        case .success(let expression):
            var environment = environment
            let variables = expression.variables
            // A variable or schedule whose definition had errors was reported there; reading it
            // here is not a second mistake.
            for name in variables where environment.variables[name] == nil
                && resources.isDeclared("context variable", name) {
                environment.unchecked.insert(name)
            }
            for name in expression.schedules where !environment.schedules.contains(name)
                && resources.isDeclared("schedule", name) {
                environment.schedules.append(name)
            }
            switch ExpressionTypeChecker.check(expression, in: environment, variables: variables) {
            case .failure(let failure):
                let positions = positions
                for error in failure.errors {
                    bag.report(.expression, error.message, at: positions.range(of: error.range))
                }
            case .success(let typed):
                source.parsed = typed
            }
        }
        return source
    }
}
