/// `platform-limit`: what the platform itself stops or refuses: Studio ends an execution when one
/// widget runs 10 times in a row or after 1,000 steps; Amazon Connect takes at most 250 actions per
/// flow and refuses actions its flow type does not allow.
public enum PlatformLimit {
    public static let descriptor = CheckDescriptor(
        id: "platform-limit",
        severity: .error,
        summary: "a Studio or Connect flow that runs into a limit the platform enforces",
        explanation: """
        Hosted platforms enforce limits that no editor shows. Twilio Studio stops an execution, and \
        so drops the call, when the same widget runs 10 times in a row (a gather whose `timeout` \
        goes back to itself drops a caller who stays silent on the tenth time) and after 1,000 \
        steps (a loop of splits, functions and variables that waits for nothing reaches that at \
        once). Amazon Connect refuses a flow of more than 250 actions, and an action its flow type \
        does not allow (`TransferContactToQueue` in a whisper flow, `DequeueContactAndTransferToQueue` \
        outside a customer-queue flow) when the type is known. Retry through another widget (a \
        say-play that explains, then the gather) or cap the retries with a counter; split a long \
        Connect flow with TransferToFlow or modules; move a block to a flow of a type that allows it.
        """,
        failingExample: """
        {
          "initial_state": "Trigger",
          "states": [
            {"name": "Trigger", "type": "trigger",
             "transitions": [{"event": "incomingCall", "next": "menu"}]},
            {"name": "menu", "type": "gather-input-on-call",
             "properties": {"say": "For sales press 1. For support press 2.", "timeout": 5},
             "transitions": [{"event": "keypress", "next": "keys"}, {"event": "timeout", "next": ↓"menu"}]},
            {"name": "keys", "type": "split-based-on",
             "properties": {"input": "{{widgets.menu.Digits}}"},
             "transitions": [
               {"event": "match", "next": "sales",
                "conditions": [{"type": "equal_to", "arguments": ["{{widgets.menu.Digits}}"], "value": "1"}]},
               {"event": "match", "next": "support",
                "conditions": [{"type": "equal_to", "arguments": ["{{widgets.menu.Digits}}"], "value": "2"}]},
               {"event": "noMatch", "next": "sales"}]},
            {"name": "sales", "type": "send-to-flex", "properties": {"workflow": "WW-sales"},
             "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue", "next": "mailbox"},
                             {"event": "callFailure", "next": "mailbox"}]},
            {"name": "support", "type": "send-to-flex", "properties": {"workflow": "WW-support"},
             "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue", "next": "mailbox"},
                             {"event": "callFailure", "next": "mailbox"}]},
            {"name": "mailbox", "type": "record-voicemail", "transitions": [{"event": "recordingComplete"}]}
          ]
        }
        """,
        passingExample: StudioExamples.clean)

    /// Studio's limits, read off the graph: a widget wired to itself, and loops of steps that
    /// wait for nothing (no gather, no say-play).
    static func studio(_ graph: FlowGraph, platformTypes: [String: String]) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (index, node) in graph.nodes.enumerated() {
            // A split folded into its gather's menu sits between the gather and itself.
            let folded = platformTypes[node.id.value]?.hasPrefix("gather-input-on-call +") == true
            for edge in graph.edges[index] where edge.target == index {
                if folded && edge.label != "no_input" && edge.label != "speech" { continue }
                findings.append(Diagnostic(
                    descriptor,
                    "'\(edge.label == "no_input" ? "timeout" : edge.label)' of '\(node.id.value)' runs '\(node.id.value)' again: "
                        + "Studio ends the execution when one widget runs 10 times in a row, dropping the call; "
                        + "retry through another widget or count the retries",
                    at: edge.source))
            }
        }
        // Loops with no step that waits (for the caller or for audio) run 1,000 steps at once.
        let waits: (Int) -> Bool = { index in
            switch graph.nodes[index].kind {
            case .menu, .collect, .say, .queue, .transfer, .voicemail, .callback, .hangup: return true
            default: return false
            }
        }
        let component = GraphSearch.stronglyConnectedComponents(count: graph.count) { graph.successors[$0] }
        var members: [Int: [Int]] = [:]
        for index in 0..<graph.count { members[component[index], default: []].append(index) }
        var reported = Set<Int>()
        for index in 0..<graph.count where !reported.contains(component[index]) {
            let loop = members[component[index]] ?? []
            guard loop.count > 1, !loop.contains(where: waits) else { continue }
            reported.insert(component[index])
            let names = loop.prefix(6).map { "'\(graph.id($0))'" }.joined(separator: ", ")
            findings.append(Diagnostic(
                descriptor,
                "\(names) form a loop that waits for nothing: Studio ends the execution after 1,000 steps, dropping the "
                    + "call; put a gather or a say-play in the loop, or count the rounds",
                at: graph.nodes[loop[0]].id.range))
        }
        return findings
    }
}
