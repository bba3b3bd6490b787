import Testing
import CallFlowRuntime

/// Issue 10: one description of each node kind. These pin what the table format and the executor
/// derive from it, so an edit to a description that would change the format fails here.
@Suite struct NodeKindsTests {
    @Test func oneDescriptionPerKindInTableOrder() {
        #expect(NodeKindDescription.all.map(\.kind) == TableNodeKind.allCases)
        #expect(Set(NodeKindDescription.all.map(\.name)).count == TableNodeKind.allCases.count)
        for kind in TableNodeKind.allCases {
            #expect(kind.descriptor.kind == kind)
            #expect(NodeKindDescription.named(kind.name)?.kind == kind)
        }
        #expect(NodeKindDescription.named("goto") == nil)
    }

    @Test func edgesAreTheFormatsEdges() {
        let expected: [TableNodeKind: [String]] = [
            .say: ["next"], .set: ["next"], .switch: ["else"],
            .menu: ["no_input", "no_match", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#"],
            .collect: ["next", "no_input", "no_match"], .hours: ["open", "closed", "holiday"],
            .lookup: ["next", "not_found", "error"], .queue: ["overflow", "callback"],
            .transfer: ["no_answer", "busy", "failed"], .voicemail: [], .callback: [], .hangup: [],
            .send: ["next", "error"],
        ]
        for kind in TableNodeKind.allCases {
            #expect(kind.edgeLabels == expected[kind], "\(kind.name)")
            #expect(kind.edgeCount == expected[kind]?.count, "\(kind.name)")
        }
        #expect(TableNodeKind.menu.descriptor.keyPosition(0) == 2)
        #expect(TableNodeKind.menu.descriptor.keyPosition(11) == 13)
    }

    @Test func onlyMenuKeysAndAQueuesCallbackMayBeUnwired() {
        var unwired: [String] = []
        for kind in TableNodeKind.allCases {
            for position in 0..<kind.edgeCount where kind.descriptor.edgeMayBeUnwired(position) {
                unwired.append("\(kind.name).\(kind.edgeLabels[position])")
            }
        }
        #expect(unwired == ["menu.0", "menu.1", "menu.2", "menu.3", "menu.4", "menu.5", "menu.6", "menu.7", "menu.8", "menu.9",
                            "menu.*", "menu.#", "queue.callback"])
        // Optional with a default: never -1 in a table, the default's target instead.
        #expect(TableNodeKind.hours.descriptor.outcome("holiday")?.defaultsTo == "closed")
        #expect(TableNodeKind.lookup.descriptor.outcome("not_found")?.defaultsTo == "next")
    }

    @Test func failuresAndCallerChoices() {
        let all = NodeKindDescription.all.flatMap { kind in kind.outcomes.map { (kind.name + "." + $0.label, $0) } }
        #expect(all.filter { $0.1.isFailure }.map { $0.0 } == ["menu.no_input", "menu.no_match", "collect.no_input", "collect.no_match",
                                                            "lookup.error", "queue.overflow", "transfer.no_answer", "transfer.busy",
                                                            "transfer.failed", "send.error"])
        #expect(all.filter { $0.1.isCallerChoice }.map { $0.0 } == ["collect.next", "queue.callback"])
        #expect(all.filter { $0.1.isCoveredByFallback }.map { $0.0 } == ["menu.no_input", "menu.no_match", "collect.no_input",
                                                                      "collect.no_match", "transfer.no_answer", "transfer.busy",
                                                                      "transfer.failed"])
    }

    @Test func fieldsAreTheFormatsFields() {
        // The bits the format used to spell as numbers (text 1, resource 2, timeout 4, retries 8,
        // digits 16 and 32, list 64).
        let expected: [TableNodeKind: Int] = [.say: 1, .menu: 77, .collect: 63, .switch: 64, .hours: 2, .lookup: 69, .set: 64,
                                              .queue: 70, .transfer: 1, .voicemail: 1, .callback: 2, .hangup: 1, .send: 65]
        for kind in TableNodeKind.allCases {
            #expect(kind.descriptor.fields.rawValue == expected[kind], "\(kind.name)")
        }
    }

    @Test func platformResultsNameOutcomesOfTheirKinds() {
        #expect(LookupResult.allCases.map { TableNodeKind.lookup.descriptor.position(of: $0.outcome) } == [0, 1, 2])
        #expect(TransferResult.allCases.map { TableNodeKind.transfer.descriptor.position(of: $0.outcome) } == [0, 1, 2])
    }
}
