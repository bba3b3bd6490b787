/// `missing-human-fallback`: a reachable menu or collect from which no person can be reached.
public enum MissingHumanFallback: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "missing-human-fallback",
        severity: .error,
        summary: "a reachable menu or collect from which no human endpoint is reachable at all",
        explanation: """
        Every caller who reaches a menu or a collect must be able to get to a person somehow: a \
        queue or transfer, or at least a voicemail or callback where someone calls back. When \
        nothing after a menu reaches any of those (no option, no `no_input`/`no_match` outcome, no \
        escalation rule), a caller whose question the menu does not cover can only listen to \
        recordings and hang up. A `request` rule (the caller presses `human_key` or says \
        "agent") or a `failure` rule counts as a way to a person when its condition can hold (a \
        rule that is always false, or shadowed by earlier ones, does not). Wire an option or the failure \
        outcomes to a queue, transfer or voicemail, or add a `request` rule.
        """,
        failingExample: """
        callflow: 1
        name: no-person
        start: main
        nodes:
          ↓main:
            menu: "For opening hours press 1. For our address press 2."
            options: {"1": hours-info, "2": address}
            fallback: bye
          hours-info: {say: "We are open from nine to five.", next: bye}
          address: {say: "We are at 1 Main Street.", next: bye}
          bye: {hangup: "Goodbye."}
        """,
        passingExample: """
        callflow: 1
        name: person-on-request
        start: main
        escalations:
          - name: ask-for-person
            at: request
            goto: desk
        nodes:
          main:
            menu: "For opening hours press 1. For our address press 2."
            options: {"1": hours-info, "2": address}
            fallback: desk
          hours-info: {say: "We are open from nine to five.", next: bye}
          address: {say: "We are at 1 Main Street.", next: bye}
          bye: {hangup: "Goodbye."}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let reachable = context.reachable, reachesHuman = context.reachesHuman
        for (index, node) in graph.nodes.enumerated()
        where graph.kindClass[index] == .callerFacing && reachable[index] && !reachesHuman[index] {
            findings.append(Diagnostic(
                descriptor,
                "no path from \(node.kind.name) '\(node.id.value)' reaches a person: no option, failure "
                    + "outcome or escalation rule leads to a queue, transfer, voicemail or callback",
                at: node.id.range))
        }
        return findings
    }
}
