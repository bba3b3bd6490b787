extension CheckDescriptor {
    public static let duplicateKey = CheckDescriptor(
        id: "duplicate-key",
        severity: .error,
        summary: "a key twice in one mapping, or a name defined twice across a flow and its includes",
        explanation: """
        YAML parsers silently keep only one of two equal keys, so a second `main-menu:` node or a \
        second `"1":` option quietly replaces the first and callers get a flow nobody reviewed. \
        callflow refuses it and points at both places. The same holds for a queue, schedule, skill \
        or context variable defined both in a flow and in one of its includes. Rename or remove one.
        """,
        failingExample: """
        callflow: 1
        name: twice
        start: hello
        nodes:
          hello:
            say: "Welcome."
            next: bye
          ↓hello:
            say: "Hello again."
            next: bye
          bye: {hangup: true}
        """,
        passingExample: """
        callflow: 1
        name: once
        start: hello
        nodes:
          hello:
            say: "Welcome."
            next: bye
          bye: {hangup: true}
        """,
        isHard: true)
}
