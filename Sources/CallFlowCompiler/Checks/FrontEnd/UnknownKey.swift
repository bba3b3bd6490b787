extension CheckDescriptor {
    public static let unknownKey = CheckDescriptor(
        id: "unknown-key",
        severity: .error,
        summary: "a key the language does not have (with \"did you mean\")",
        explanation: """
        A misspelt key is not a harmless extra: `no_imput:` on a menu means the menu has no \
        no-input outcome at all, and a silent caller is dropped. Every mapping of a flow accepts \
        only the keys the language defines for it, and any other key is an error that names the \
        closest known key. A key that belongs to another node kind (`next` on a menu) says which \
        kinds take it.
        """,
        failingExample: """
        callflow: 1
        name: typo
        start: hello
        nodes:
          hello:
            say: "Welcome."
            ↓nxet: bye
          bye: {hangup: true}
        """,
        passingExample: """
        callflow: 1
        name: typo-fixed
        start: hello
        nodes:
          hello:
            say: "Welcome."
            next: bye
          bye: {hangup: true}
        """,
        isHard: true)
}
