import CallFlowRuntime
import Testing
@testable import CallFlowCompiler

/// Every rule `RoutingTable.validate()` enforces, each broken alone in a table compiled from an
/// example flow: the table must be refused, and with that rule's own message. Random damage only
/// asks "refused, or runs without crashing"; values such as a priority of 101 or a human key of 12
/// crash nothing, so only a test per rule notices when the rule is lost.
@Suite struct TableValidationRuleTests {
    /// The compiled example tables, every node kind among them.
    /// The examples, and last the vet hospital (issue 14), whose table has the `send` kind.
    static let tables: [RoutingTable] = (Examples.flows + [Examples.root + "/flows/vet-hospital.yaml"])
        .map { try! ProgramLoader.compile($0).table }

    /// The first table with a node of `kind`, and that node's index.
    static func table(with kind: TableNodeKind, where accept: (RoutingTable, TableNode) -> Bool = { _, _ in true })
        -> (RoutingTable, Int) {
        for table in tables {
            if let index = table.nodes.indices.first(where: { table.nodes[$0].kind == kind && accept(table, table.nodes[$0]) }) {
                return (table, index)
            }
        }
        fatalError("no example table has a \(kind.name) node")
    }

    /// Expects `table` to be refused with a message that contains `message`.
    func refused(_ table: RoutingTable, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try table.validate()
            Issue.record("accepted; expected \"\(message)\"", sourceLocation: sourceLocation)
        } catch {
            #expect(error.message.contains(message), "refused with \"\(error.message)\"", sourceLocation: sourceLocation)
        }
    }

    /// Breaks one node field and expects the node to be refused with `message`.
    func refusedNode(_ kind: TableNodeKind, _ message: String, where accept: (RoutingTable, TableNode) -> Bool = { _, _ in true },
                     sourceLocation: SourceLocation = #_sourceLocation, _ damage: (inout TableNode, RoutingTable) -> Void) {
        var (table, index) = Self.table(with: kind, where: accept)
        damage(&table.nodes[index], table)
        refused(table, message, sourceLocation: sourceLocation)
    }

    @Test func everyExampleTableIsValidAsCompiled() throws {
        for table in Self.tables { try table.validate() }
        let kinds = Set(Self.tables.flatMap { $0.nodes.map(\.kind) })
        #expect(kinds == Set(TableNodeKind.allCases), "the examples lack \(Set(TableNodeKind.allCases).subtracting(kinds))")
    }

    @Test func header() throws {
        var table = Self.tables[0]
        table.compilerVersion = String(repeating: "v", count: TableFormat.compilerVersionBytes + 1)
        refused(table, "compiler version too long")

        table = Self.tables[0]
        table.flowName = Int32(table.strings.count)
        refused(table, "the flow name names string")

        table = Self.tables[0]
        table.timeZone = -2
        refused(table, "the time zone names string")

        table = Self.tables[0]
        table.start = Int32(table.nodes.count)
        refused(table, "the start node")

        for key: Int32 in [-1, 12] {
            table = Self.tables[0]
            table.humanKey = key
            refused(table, "human key \(key) is not a key")
        }

        table = Self.tables[0]
        table.humanPhrases.append(-1)
        refused(table, "a human phrase names string")
    }

    @Test func variablesAndConstants() throws {
        var table = Self.tables[0]
        table.constants.append(.string(Int32(table.strings.count)))
        refused(table, "constant \(table.constants.count - 1) names string")

        table = Self.tables[0]
        table.constants.append(.number(.infinity))
        refused(table, "is not a finite number")

        table = Self.tables[0]
        table.enumValues.append(-1)
        refused(table, "an enum value names string")

        table = Self.tables[0]
        table.variables[0].name = -1
        refused(table, "variable 0 names string")

        let enumTable = try #require(Self.tables.first { $0.variables.contains { $0.type == .enumeration } })
        let enumSlot = try #require(enumTable.variables.firstIndex { $0.type == .enumeration })
        table = enumTable
        table.variables[enumSlot].enumCount = Int32(table.enumValues.count + 1)
        refused(table, "variable \(enumSlot)'s values takes")

        table = enumTable
        table.variables[enumSlot].enumCount = 0
        refused(table, "enum variable \(enumSlot) has no values")

        table = enumTable
        let stringSlot = try #require(table.variables.firstIndex { $0.type == .string })
        table.variables[stringSlot].enumCount = 1
        refused(table, "variable \(stringSlot) is not an enum but has values")

        table = try #require(Self.tables.first { $0.constants.contains { $0.kind == .bool } && $0.variables.contains { $0.type == .number } })
        let boolConstant = try #require(table.constants.firstIndex { $0.kind == .bool })
        let numberSlot = try #require(table.variables.firstIndex { $0.type == .number })
        table.variables[numberSlot].defaultValue = Int32(boolConstant)
        refused(table, "variable \(numberSlot)'s default is not a number constant")

        table.variables[numberSlot].defaultValue = Int32(table.constants.count)
        refused(table, "variable \(numberSlot)'s default")
    }

    @Test func builtInSlots() throws {
        let table = Self.tables[0]
        let stringSlot = Int32(try #require(table.variables.firstIndex { $0.type == .string }))
        let numberSlot = Int32(try #require(table.variables.firstIndex { $0.type == .number }))
        let cases: [(WritableKeyPath<BuiltInSlots, Int32>, Int32, String)] = [
            (\.callFailures, stringSlot, "call.failures"), (\.callPriority, stringSlot, "call.priority"),
            (\.queueName, numberSlot, "queue.name"), (\.queueWait, stringSlot, "queue.wait"),
            (\.queueDepth, Int32(table.variables.count), "queue.depth"),
        ]
        for (path, slot, name) in cases {
            var broken = table
            broken.builtIns[keyPath: path] = slot
            refused(broken, "\(name) is slot \(slot)")
        }
    }

    @Test func schedulesConditionsQueuesAndRules() throws {
        let withSchedule = try #require(Self.tables.first { !$0.schedules.isEmpty })
        var table = withSchedule
        let schedule = table.schedules[0]
        table.schedules[0] = CompiledSchedule(timeZone: "", week: schedule.week, holidays: schedule.holidays)!
        refused(table, "schedule 0 has no time zone")

        let withCondition = try #require(Self.tables.first { !$0.conditions.isEmpty })
        table = withCondition
        table.variables.append(table.variables[Int(table.builtIns.callFailures)])
        refused(table, "condition 0 is for")

        table = Self.tables[0]
        table.skills.append(-1)
        refused(table, "a skill names string")

        let withQueue = try #require(Self.tables.first { !$0.queues.isEmpty })
        table = withQueue
        table.queues[0].name = -1
        refused(table, "queue 0 names string")
        table = withQueue
        table.queues[0].skillCount = Int32(table.skills.count + 1)
        refused(table, "queue 0's skills takes")
        for damage: (inout TableQueue) -> Void in [{ $0.maxWait = -1 }, { $0.announce = -1 }, { $0.alertDepth = -2 }, { $0.alertWait = -2 }] {
            table = withQueue
            damage(&table.queues[0])
            refused(table, "queue 0 has a negative time or threshold")
        }

        let withRules = try #require(Self.tables.first { $0.rules.count >= 2 && $0.rules[0].trigger != $0.rules[$0.rules.count - 1].trigger })
        table = withRules
        table.rules[0].name = -1
        refused(table, "rule 0 names string")
        table = withRules
        table.rules[0].trigger = 9
        refused(table, "rule 0 has trigger 9 out of order")
        table = withRules
        table.rules.swapAt(0, table.rules.count - 1)
        refused(table, "out of order")
        table = withRules
        table.rules[0].condition = Int32(table.conditions.count)
        refused(table, "rule 0 names condition")
        table = withRules
        table.rules[0].condition = -2
        refused(table, "rule 0 names condition")
        table = withRules
        table.rules[0].target = Int32(table.nodes.count)
        refused(table, "rule 0 goes to node")
        for priority: Int32 in [-2, 101] {
            table = withRules
            table.rules[0].priority = priority
            refused(table, "rule 0 has priority \(priority)")
        }
    }

    @Test func nodeEdges() throws {
        var table = Self.tables[0]
        table.nodes[1].name = -1
        refused(table, "node 1 names string")

        table = Self.tables[0]
        table.nodes[1].edgeStart += 1
        refused(table, "node 1's edges start at")

        table = Self.tables[0]
        table.edges.removeLast()
        refused(table, "edges run past the end")

        table = Self.tables[0]
        table.edges.append(0)
        refused(table, "1 edges belong to no node")

        // A required outcome may not be missing; an optional one may (a menu key, a queue's callback).
        var (withSay, say) = Self.table(with: .say)
        withSay.edges[Int(withSay.nodes[say].edgeStart)] = -1
        refused(withSay, "node \(say)'s outcome 0 goes to node -1")
        (withSay, say) = Self.table(with: .say)
        withSay.edges[Int(withSay.nodes[say].edgeStart)] = Int32(withSay.nodes.count)
        refused(withSay, "node \(say)'s outcome 0 goes to node \(withSay.nodes.count)")

        var (withMenu, menu) = Self.table(with: .menu)
        withMenu.edges[Int(withMenu.nodes[menu].edgeStart) + 1] = -1
        refused(withMenu, "node \(menu)'s outcome 1 goes to node -1")
    }

    @Test func nodeFields() throws {
        refusedNode(.say, "names string") { node, table in node.text = Int32(table.strings.count) }
        refusedNode(.say, "has a field its kind does not use") { node, _ in node.timeout = 5 }
        refusedNode(.hangup, "has a field its kind does not use") { node, _ in node.listCount = 1 }

        refusedNode(.menu, "'s timeout or retries") { node, _ in node.timeout = -1 }
        refusedNode(.menu, "'s timeout or retries") { node, _ in node.retries = RoutingTable.maxRetries + 1 }
        refusedNode(.menu, "'s phrases takes") { node, table in node.listCount = Int32(table.speech.count + 1) }

        var (withPhrase, menu) = Self.table(with: .menu) { _, node in node.listCount > 0 }
        withPhrase.speech[Int(withPhrase.nodes[menu].listStart)].key = 12
        refused(withPhrase, "has a phrase for key 12, which has no option")
        (withPhrase, menu) = Self.table(with: .menu) { _, node in node.listCount > 0 }
        let phrase = withPhrase.speech[Int(withPhrase.nodes[menu].listStart)]
        withPhrase.edges[Int(withPhrase.nodes[menu].edgeStart) + 2 + Int(phrase.key)] = -1
        refused(withPhrase, "has a phrase for key \(phrase.key), which has no option")
        (withPhrase, menu) = Self.table(with: .menu) { _, node in node.listCount > 0 }
        withPhrase.speech[Int(withPhrase.nodes[menu].listStart)].phrase = -1
        refused(withPhrase, "node \(menu) names string -1")

        refusedNode(.collect, "'s `into` is slot") { node, table in node.resource = Int32(table.variables.count) }
        refusedNode(.collect, "collects into a variable that is not a string or a number") { node, table in
            node.resource = Int32(table.variables.firstIndex { $0.type == .enumeration || $0.type == .bool } ?? table.variables.count)
        }
        refusedNode(.collect, "'s timeout, retries or digits") { node, _ in node.timeout = -1 }
        refusedNode(.collect, "'s timeout, retries or digits") { node, _ in node.retries = -1 }
        refusedNode(.collect, "'s timeout, retries or digits") { node, _ in node.minDigits = 0 }
        refusedNode(.collect, "'s timeout, retries or digits") { node, _ in node.minDigits = node.maxDigits + 1 }
        refusedNode(.collect, "'s timeout, retries or digits") { node, _ in
            node.maxDigits = RoutingTable.maxDigits + 1
        }

        refusedNode(.switch, "'s cases takes") { node, table in node.listCount = Int32(table.cases.count + 1) }
        var (withSwitch, index) = Self.table(with: .switch) { _, node in node.listCount > 0 }
        withSwitch.cases[Int(withSwitch.nodes[index].listStart)].condition = Int32(withSwitch.conditions.count)
        refused(withSwitch, "has a case with condition")
        (withSwitch, index) = Self.table(with: .switch) { _, node in node.listCount > 0 }
        withSwitch.cases[Int(withSwitch.nodes[index].listStart)].target = -1
        refused(withSwitch, "has a case with condition")

        refusedNode(.hours, "names schedule") { node, table in node.resource = Int32(table.schedules.count) }

        refusedNode(.lookup, "'s timeout") { node, _ in node.timeout = -1 }
        refusedNode(.lookup, "'s slots takes") { node, table in node.listCount = Int32(table.slotLists.count + 1) }
        var (withLookup, lookup) = Self.table(with: .lookup) { _, node in node.listCount > 0 }
        withLookup.slotLists[Int(withLookup.nodes[lookup].listStart)] = Int32(withLookup.variables.count)
        refused(withLookup, "may set slot \(withLookup.variables.count)")

        refusedNode(.set, "'s assignments takes") { node, table in node.listCount = Int32(table.assignments.count + 1) }
        var (withSet, set) = Self.table(with: .set)
        // A negative constant copies slot `-constant - 1` (issue 14): one past the slots is refused.
        withSet.assignments[Int(withSet.nodes[set].listStart)].constant = -Int32(withSet.variables.count) - 1
        refused(withSet, "copies slot \(withSet.variables.count), which does not exist")
        (withSet, set) = Self.table(with: .set)
        let assignment = withSet.assignments[Int(withSet.nodes[set].listStart)]
        let otherKind = try #require(withSet.constants.firstIndex { $0.kind != withSet.constants[Int(assignment.constant)].kind })
        withSet.assignments[Int(withSet.nodes[set].listStart)].constant = Int32(otherKind)
        refused(withSet, "which is not a")

        refusedNode(.queue, "names queue") { node, table in node.resource = Int32(table.queues.count) }
        for priority: Int32 in [-2, 101] {
            refusedNode(.queue, "has priority \(priority)") { node, _ in node.timeout = priority }
        }
        refusedNode(.queue, "'s skills takes") { node, table in node.listCount = Int32(table.skills.count + 1) }

        refusedNode(.transfer, "names string") { node, _ in node.text = -1 }
        refusedNode(.voicemail, "names string") { node, _ in node.text = -1 }
        refusedNode(.callback, "names queue") { node, table in node.resource = Int32(table.queues.count) }
        refusedNode(.hangup, "names string") { node, _ in node.text = -2 }
    }

    /// The edges of each range are valid: a rule's bound moved by one refuses a table it must load.
    @Test func boundaryValuesAreAccepted() throws {
        var (table, lookup) = Self.table(with: .lookup)
        table.nodes[lookup].timeout = 0
        try table.validate()
        for priority: Int32 in [-1, 0, 100] {
            var (withQueue, queue) = Self.table(with: .queue)
            withQueue.nodes[queue].timeout = priority
            try withQueue.validate()
        }
        var (withCollect, collect) = Self.table(with: .collect)
        withCollect.nodes[collect].minDigits = 1
        withCollect.nodes[collect].maxDigits = 1
        try withCollect.validate()
        withCollect.nodes[collect].maxDigits = RoutingTable.maxDigits
        withCollect.nodes[collect].retries = RoutingTable.maxRetries
        try withCollect.validate()
        for key: Int32 in [0, 11] {
            var withKey = Self.tables[0]
            withKey.humanKey = key
            try withKey.validate()
        }
    }
}
