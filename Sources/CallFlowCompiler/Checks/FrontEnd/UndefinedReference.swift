extension CheckDescriptor {
    public static let undefinedReference = CheckDescriptor(
        id: "undefined-reference",
        severity: .error,
        summary: "a node, queue, schedule, skill, variable, include or check id that does not exist (with \"did you mean\")",
        explanation: """
        An outcome that names a node that does not exist sends the caller nowhere. Every name a \
        flow uses must be defined: nodes (in `next`, options, `goto` and every outcome), queues, \
        schedules, skills, context variables (in `into`, `sets` and `set`), include files and the \
        check ids of `ignore`. The message names the closest defined name when there is one. \
        Mailbox and integration names are free text and are not checked.
        """,
        failingExample: """
        callflow: 1
        name: missing-node
        start: hello
        nodes:
          hello:
            say: "Welcome."
            next: ↓goodby
          goodbye: {hangup: true}
        """,
        passingExample: """
        callflow: 1
        name: all-defined
        start: hello
        nodes:
          hello:
            say: "Welcome."
            next: goodbye
          goodbye: {hangup: true}
        """,
        isHard: true)
}
