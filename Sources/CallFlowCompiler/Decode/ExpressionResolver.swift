import Dispatch

/// The expressions of a flow (switch `if`, rule `when`): parsed and type-checked once every
/// definition is known. Findings are `expression` errors at the offending token's exact place in
/// the file; a condition that passes keeps its checked tree (`ExpressionSource.parsed`).
extension FlowDecoder {
    /// With `threads` above 1 and enough nodes, the nodes' conditions are checked in contiguous
    /// ranges on several threads, each with its own findings, joined in node order: the flow and
    /// the findings are the one-thread run's, in the same order (issue 17, branch par17).
    func resolveExpressions(in flow: inout Flow, threads: Int = 1) {
        let outside = ExpressionEnvironment(flow: flow, queueVariablesBound: false)
        var inQueue = outside
        inQueue.queueVariablesBound = true
        let resolver = ExpressionResolver(resources: resources, sources: sources,
                                          file: sources.first { $0.path == flow.file }, outside: outside)

        // The flow's fields are constants: the checked rules and nodes make a new flow. The old
        // one lets go of its arrays first, so they are changed in place, not copied.
        var escalations = flow.escalations
        var nodes = flow.nodes
        flow = flow.checked(escalations: [], nodes: [])
        for index in escalations.indices {
            guard let condition = escalations[index].condition else { continue }
            let environment = escalations[index].trigger.value == .queue ? inQueue : outside
            escalations[index].condition = resolver.resolve(condition, in: environment, bag: &bag)
        }
        if threads > 1 && nodes.count >= NodeRanges.worthThreads {
            resolver.resolveNodesInRanges(&nodes, bag: &bag)
        } else {
            resolver.resolveNodes(&nodes, in: nodes.indices, bag: &bag)
        }
        flow = flow.checked(escalations: escalations, nodes: nodes)
    }
}

/// What checking a condition reads of the decoder, as a value each thread may hold: the
/// resources declared, the files read, the flow's environment.
struct ExpressionResolver: Sendable {
    let resources: ResourceTable
    let sources: [SourceFile]
    /// The flow's own file, where its conditions are.
    let file: SourceFile?
    /// The environment of a node's condition (no queue variables bound).
    let outside: ExpressionEnvironment

    /// The conditions of `nodes[range]`, checked in place, findings in node order.
    func resolveNodes(_ nodes: inout [FlowNode], in range: Range<Int>, bag: inout DiagnosticBag) {
        for index in range {
            // An opaque decision's conditions are a platform's text: kept, not parsed.
            guard case .switch(var cases) = nodes[index].kind, nodes[index].external == nil else { continue }
            for position in cases.indices {
                cases[position].condition = resolve(cases[position].condition, in: outside, bag: &bag)
            }
            nodes[index] = nodes[index].replacing(kind: .switch(cases))
        }
    }

    /// The same over contiguous ranges of `nodes` on several threads: each range's nodes and
    /// findings are kept in its own slot and joined in range order, so the result is exactly
    /// `resolveNodes(_:in:bag:)`'s over all the nodes.
    func resolveNodesInRanges(_ nodes: inout [FlowNode], bag: inout DiagnosticBag) {
        // Each range's nodes in an array of its own, and `nodes` let go: a range then holds the
        // only reference to its switch nodes, so each one it replaces is freed there, on its
        // thread, not with `nodes` on the calling thread after the join (genflow 60,000: 10,000
        // switch nodes, 7 M instructions).
        let ranges = NodeRanges.ranges(of: nodes.count)
        let inputs = ResultSlots<[FlowNode]>(count: ranges.count)
        for (part, range) in ranges.enumerated() { inputs.store(Array(nodes[range]), at: part) }
        let total = nodes.count
        nodes = []
        let parts = NodeRanges.map(over: total) { part, _ in
            var own = inputs.take(at: part) ?? []
            var ownBag = DiagnosticBag()
            resolveNodes(&own, in: own.indices, bag: &ownBag)
            return (nodes: own, diagnostics: ownBag.diagnostics)
        }
        nodes.reserveCapacity(total)
        for part in parts {
            nodes += part.nodes
            bag.append(contentsOf: part.diagnostics)
        }
    }

    func resolve(_ source: ExpressionSource, in environment: ExpressionEnvironment, bag: inout DiagnosticBag) -> ExpressionSource {
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
