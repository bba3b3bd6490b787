extension CheckDescriptor {
    public static let invalidValue = CheckDescriptor(
        id: "invalid-value",
        severity: .error,
        summary: "wrong type, bad duration/time/date/identifier/number, missing required key",
        explanation: """
        A value the runtime cannot use would fail on a live call, so it fails here instead: a \
        timeout of `5` (seconds? minutes?) instead of `5s`, `critical: yes` (a string in YAML 1.2; \
        write `true`), a transfer to `555-0100` instead of an E.164 number such as `+15550100`, a \
        node with two kinds or none, a menu without `options`. The message says what was expected \
        and what was found.
        """,
        failingExample: """
        callflow: 1
        name: bad-values
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            timeout: ↓5
            fallback: sales
          sales: {transfer: ↓"555-0100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: sales}
        """,
        passingExample: """
        callflow: 1
        name: good-values
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            timeout: 5s
            fallback: sales
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: sales}
        """,
        isHard: true)
}
