extension CheckDescriptor {
    public static let unusedIgnore = CheckDescriptor(
        id: "unused-ignore",
        severity: .warning,
        summary: "an `ignore` entry that silences nothing",
        explanation: """
        An `ignore: [check-id]` that no longer silences anything is a stale promise: the problem \
        it hid was fixed, or it never applied there, and the next real finding of that check will \
        be hidden without anyone having looked at it. Remove the entry. (Ignores of checks that \
        did not run, because the flow has errors or the check is switched off in the project's \
        configuration, are not reported.)
        """,
        failingExample: """
        callflow: 1
        name: stale-ignore
        start: hello
        nodes:
          hello:
            say: "Welcome."
            next: bye
            ignore: [↓dead-end]
          bye: {hangup: true}
        """,
        passingExample: """
        callflow: 1
        name: no-ignore
        start: hello
        nodes:
          hello:
            say: "Welcome."
            next: bye
          bye: {hangup: true}
        """)
}
