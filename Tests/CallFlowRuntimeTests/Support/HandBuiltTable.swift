import CallFlowRuntime

/// A routing table written by hand, without the compiler (this target may not depend on it):
/// edges are placed by the kinds' own descriptions (`NodeKindDescription`), so the table stays
/// valid when a kind gains an outcome. The flow it stands for:
///
///     start: greeting            # human_key 0, one `failure` rule: after two failures, `desk`
///     greeting: {say: "Welcome.", next: main}
///     main: {menu: "For sales press 1.", options: {"1": desk}, retries: 1,
///            no_input: box, no_match: box}
///     desk: {transfer: "+15550100", no_answer: box, busy: box, failed: bye}
///     box: {voicemail: general}
///     bye: {hangup: "Goodbye."}
enum HandBuiltTable {
    static let greeting: Int32 = 0, main: Int32 = 1, desk: Int32 = 2, box: Int32 = 3, bye: Int32 = 4

    static func table() -> RoutingTable {
        var strings = StringTable()
        func s(_ text: String) -> Int32 { strings.append(text) }
        let flowName = s("hand-built")
        // The built-in slots every table has, in the compiler's order; their defaults are constants.
        let variables = [
            TableVariable(name: s("call.failures"), type: .number, defaultValue: 0),
            TableVariable(name: s("call.priority"), type: .number, defaultValue: 0),
            TableVariable(name: s("queue.name"), type: .string, defaultValue: 1),
            TableVariable(name: s("queue.wait"), type: .number, defaultValue: 0),
            TableVariable(name: s("queue.depth"), type: .number, defaultValue: 0),
        ]
        let constants: [TableConstant] = [.number(0), .string(s(""))]
        let builtIns = BuiltInSlots(callFailures: 0, callPriority: 1, queueName: 2, queueWait: 3, queueDepth: 4)

        var nodes: [TableNode] = []
        var edges: [Int32] = []
        var prompts = TablePrompts()
        /// Appends a node whose outcomes go to `targets` by label (keys of a menu by their key).
        func node(_ kind: TableNodeKind, _ name: String, text: String?, timeout: Int32 = 0, retries: Int32 = 0,
                  _ targets: [String: Int32]) {
            let description = kind.descriptor
            let textIndex = text.map(s) ?? (kind == .hangup ? -1 : 0)
            nodes.append(TableNode(kind: kind, name: s(name), text: textIndex, timeout: timeout, retries: retries,
                                   edgeStart: Int32(edges.count)))
            for position in 0..<description.edgeCount {
                edges.append(targets[description.edgeLabels[position]] ?? -1)
            }
            let plays = kind == .say || kind == .menu || kind == .collect || (kind == .hangup && textIndex != -1)
            if plays {
                prompts.prompts.append(TablePrompt(variantStart: Int32(prompts.variants.count), variantCount: 1))
                prompts.variants.append(TablePromptVariant(language: -1, recording: -1, text: textIndex, duration: -1,
                                                           partStart: 0, partCount: 0))
                prompts.nodePrompts.append(Int32(prompts.prompts.count - 1))
            } else {
                prompts.nodePrompts.append(-1)
            }
        }
        node(.say, "greeting", text: "Welcome.", ["next": main])
        node(.menu, "main", text: "For sales press 1.", timeout: 5, retries: 1, ["no_input": box, "no_match": box, "1": desk])
        node(.transfer, "desk", text: "+15550100", ["no_answer": box, "busy": box, "failed": bye])
        node(.voicemail, "box", text: "general", [:])
        node(.hangup, "bye", text: "Goodbye.", [:])

        var table = RoutingTable(
            compilerVersion: "hand", sourceHash: 0x0123_4567_89AB_CDEF, strings: strings, flowName: flowName, timeZone: -1,
            start: greeting, humanKey: 0, humanPhrases: [], builtIns: builtIns, variables: variables, enumValues: [],
            constants: constants, schedules: [], conditions: [], queues: [], skills: [], rules: [], nodes: nodes, edges: edges,
            cases: [], slotLists: [], assignments: [], speech: [])
        table.prompts = prompts
        return table
    }

    static func program() throws -> TableProgram {
        try TableProgram(table())
    }
}
