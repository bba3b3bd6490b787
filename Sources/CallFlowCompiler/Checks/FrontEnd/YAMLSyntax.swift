extension CheckDescriptor {
    public static let yamlSyntax = CheckDescriptor(
        id: "yaml-syntax",
        severity: .error,
        summary: "YAML that libyaml rejects, or a file that is not UTF-8",
        explanation: """
        The file is not well-formed YAML, so nothing in it can be checked or deployed. The message \
        is libyaml's own, at the position where it stopped reading; the usual causes are a tab used \
        for indentation, a value containing ': ' that is not quoted, or a key that is not indented \
        like its siblings. Fix the YAML at that position.
        """,
        failingExample: """
        callflow: 1
        name: broken
        start: hello
        nodes:
          hello:
            say: "Welcome: press 1
            next: bye
          bye: {hangup: true}↓
        """,
        passingExample: """
        callflow: 1
        name: fixed
        start: hello
        nodes:
          hello:
            say: "Welcome."
            next: bye
          bye: {hangup: true}
        """,
        isHard: true)
}
