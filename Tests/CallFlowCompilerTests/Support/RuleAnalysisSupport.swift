@testable import CallFlowCompiler

/// Flows for the rule-analysis tests: a switch `route` over the given cases, or escalation rules,
/// with the context every test reads.
enum RuleFlow {
    static let header = """
    callflow: 1
    name: t
    timezone: Europe/Berlin
    start: route
    context:
      caller.tier: {enum: [standard, gold, vip]}
      caller.emergency: bool
      caller.language: string
      account.balance: number
      account.age: duration
    schedules:
      office:
        weekly: {mon-fri: "08:00-18:00"}
    queues:
      support: {max_wait: 20m}
      billing: {max_wait: 20m}

    """

    static let targets = """
      desk: {transfer: "+15550101", fallback: box}
      box: {voicemail: general}
      line: {queue: support, overflow: box}
      billing-line: {queue: billing, overflow: box}
    """

    /// A flow whose start node is a switch with `cases` (each `if` in single quotes), all going
    /// to `desk`.
    static func switchFlow(_ cases: [String]) -> String {
        var text = header + "nodes:\n  route:\n    switch:\n"
        for condition in cases {
            text += "      - if: '\(condition)'\n        goto: desk\n"
        }
        return text + "    else: line\n" + targets + "\n"
    }

    /// The line of the `if` of case `index` (from 0) in `switchFlow`.
    static func caseLine(_ index: Int) -> Int { 20 + 2 * index }

    /// A flow with escalation rules `(name, at, when)` (when nil: left out), all going to `desk`;
    /// rule `index` (from 0) has its name on line `ruleLine(index)`.
    static func rulesFlow(_ rules: [(String, String, String?)]) -> String {
        var text = header + "escalations:\n"
        for (name, at, when) in rules {
            text += "  - name: \(name)\n    at: \(at)\n"
            if let when { text += "    when: '\(when)'\n" }
            text += "    goto: desk\n"
        }
        return text + "nodes:\n  route: {say: \"Hello.\", next: line}\n" + targets + "\n"
    }

    /// The line of rule `index`'s name in `rulesFlow` when every rule before it has a `when`.
    static func ruleLine(_ index: Int) -> Int { 18 + 4 * index }
}
