extension CheckDescriptor {
    public static let expression = CheckDescriptor(
        id: "expression",
        severity: .error,
        summary: "a condition that does not parse or does not type-check",
        explanation: """
        Conditions (a switch case's `if`, an escalation rule's `when`) decide where a call goes, \
        so a mistake in one sends callers the wrong way without a sound. Every condition is \
        parsed and its types are checked before the flow runs: an unknown variable (with "did \
        you mean"), an enum compared with a value it cannot take (`caller.tier == "vipp"`), a \
        string compared with a number, `<` or `>` on a bool, a duration compared with a plain \
        number (`queue.wait > 5` instead of `5m`), `queue.name`, `queue.wait` or `queue.depth` \
        outside an `at: queue` rule, an unknown function or a wrong number of arguments, \
        `open("...")` naming a schedule that does not exist, and a condition that is not true or \
        false as a whole. The finding points at the offending token inside the YAML line, \
        quotes and escapes taken into account. docs/expressions.md has the grammar and the types.
        """,
        failingExample: """
        callflow: 1
        name: vip-typo
        start: route
        context:
          caller.tier: {enum: [standard, gold, vip]}
        nodes:
          route:
            switch:
              - if: caller.tier == ↓"vipp"
                goto: vip-line
            else: desk
          vip-line: {transfer: "+15550100", fallback: desk}
          desk: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: vip-routing
        start: route
        context:
          caller.tier: {enum: [standard, gold, vip]}
        nodes:
          route:
            switch:
              - if: caller.tier == "vip"
                goto: vip-line
            else: desk
          vip-line: {transfer: "+15550100", fallback: desk}
          desk: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)
}
