/// `request-key-shadowed`: a menu option that takes a key or phrase a `request` rule answers
/// everywhere else (issue 14).
public enum RequestKeyShadowed: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "request-key-shadowed",
        severity: .warning,
        summary: "a menu option takes a key or phrase that a `request` rule with `keys` or `phrases` answers at every other menu",
        explanation: """
        A `request` rule with `keys: ["9"]` or `phrases: [emergency]` answers that key or phrase at \
        every menu and collect ("press 9 at any time"). A menu's own option for the same key (or \
        with the same phrase in its `speech`) wins over the rule there, so at that menu pressing 9 \
        goes to the option's node, not to the rule's: the caller who learnt "9 at any time" is sent \
        elsewhere. The finding is at the option's key, with a note at the rule. An option that goes \
        where the rule goes is not reported. Give the option another key, or remove it and let \
        the rule answer.
        """,
        failingExample: """
        callflow: 1
        name: vet
        start: main
        escalations:
          - name: emergency
            at: request
            keys: ["9"]
            goto: triage
        nodes:
          main:
            menu: "For appointments press 1. For refills press 9."
            options:
              "1": desk
              ↓"9": refills
            fallback: desk
          refills: {voicemail: refills}
          desk: {transfer: "+15550100", fallback: box}
          triage: {transfer: "+15550199", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: vet
        start: main
        escalations:
          - name: emergency
            at: request
            keys: ["9"]
            goto: triage
        nodes:
          main:
            menu: "For appointments press 1. For refills press 2. For an emergency press 9."
            options:
              "1": desk
              "2": refills
            fallback: desk
          refills: {voicemail: refills}
          desk: {transfer: "+15550100", fallback: box}
          triage: {transfer: "+15550199", fallback: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let flow = graph.flow
        let rules = flow.escalations.filter { $0.trigger.value == .request && !$0.answersHumanRequest }
        guard !rules.isEmpty else { return [] }
        var findings: [Diagnostic] = []
        for node in graph.nodes {
            guard case .menu(let menu) = node.kind else { continue }
            for option in menu.options {
                let phrases = Set(option.speech.map { RequestAnswers.phraseToken($0.value) })
                for rule in rules where rule.target.value != option.target.value {
                    let key = rule.keys.first { $0.value == option.key.value }
                    let phrase = rule.phrases.first { phrases.contains(RequestAnswers.phraseToken($0.value)) }
                    guard let what = key.map({ "key \"\($0.value)\"" }) ?? phrase.map({ "phrase '\($0.value)'" }) else { continue }
                    let at = key != nil ? option.key.range : (option.speech.first { RequestAnswers.phraseToken($0.value) == RequestAnswers.phraseToken(phrase!.value) }?.range ?? option.key.range)
                    let critical = rule.critical ? "critical " : ""
                    findings.append(Diagnostic(
                        descriptor,
                        "option \"\(option.key.value)\" of menu '\(node.id.value)' shadows \(critical)rule '\(rule.name.value)' there: "
                            + "\(what) goes to '\(option.target.value)' at this menu, not to '\(rule.target.value)'; "
                            + "give the option another key or phrase, or remove it",
                        at: at, notes: [DiagnosticNote("rule '\(rule.name.value)' answers \(what) at every other menu and collect",
                                                       at: (key ?? phrase)!.range)]))
                }
            }
        }
        return findings
    }
}
