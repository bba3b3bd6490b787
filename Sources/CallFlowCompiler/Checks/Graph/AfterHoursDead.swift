/// `after-hours-dead`: a `closed` or `holiday` branch from which no person can be reached.
public enum AfterHoursDead: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "after-hours-dead",
        severity: .warning,
        summary: "a `closed` or `holiday` branch from which no human endpoint (deferred counts) is reachable",
        explanation: """
        Outside business hours nobody may answer live, but a caller should still be able to reach \
        someone later: leave a voicemail, ask for a callback, or be sent to an on-call line or an \
        answering service. A `closed` or `holiday` branch from which no queue, transfer, voicemail \
        or callback is reachable only plays a recording and hangs up (or loops), so every caller \
        outside hours is lost, including the ones with a real problem. Lead the branch to a \
        voicemail, a callback, or a person who answers after hours. A `holiday` branch that is not \
        written takes the `closed` target, so it is reported with `closed`, at the `closed` key.
        """,
        failingExample: """
        callflow: 1
        name: closed-dead
        timezone: America/New_York
        start: office-hours
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        nodes:
          office-hours:
            hours: office
            open: desk
            ↓closed: closed-message
          closed-message: {say: "We are closed. Please call again during office hours.", next: bye}
          bye: {hangup: true}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: closed-voicemail
        timezone: America/New_York
        start: office-hours
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        nodes:
          office-hours:
            hours: office
            open: desk
            closed: closed-message
          closed-message: {say: "We are closed. Please leave a message after the tone.", next: box}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (index, node) in graph.nodes.enumerated() {
            guard case .hours = node.kind else { continue }
            let human = context.reachesHuman
            // Dead branches grouped by the key that wires them (`holiday` defaults to `closed`).
            var groups: [(source: SourceRange, labels: [String], target: Int)] = []
            for edge in graph.edges[index] where (edge.label == "closed" || edge.label == "holiday") && !human[edge.target] {
                if let at = groups.firstIndex(where: { $0.source == edge.source }) {
                    groups[at].labels.append(edge.label)
                } else {
                    groups.append((edge.source, [edge.label], edge.target))
                }
            }
            for group in groups {
                let what: String
                switch group.labels {
                case ["closed", "holiday"]: what = "'closed' (also taken on holidays)"
                default: what = group.labels.map { "'\($0)'" }.joined(separator: " and ")
                }
                findings.append(Diagnostic(
                    descriptor,
                    "\(what) of hours '\(node.id.value)' goes to '\(graph.id(group.target))', from which no "
                        + "person is reachable: no queue, transfer, voicemail or callback",
                    at: group.source))
            }
        }
        return findings
    }
}
