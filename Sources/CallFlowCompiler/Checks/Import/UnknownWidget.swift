/// `unknown-widget`: a Studio widget or Connect action type callflow does not know.
public enum UnknownWidget {
    public static let descriptor = CheckDescriptor(
        id: "unknown-widget",
        severity: .warning,
        summary: "a Twilio Studio widget or Amazon Connect action whose type callflow does not know",
        explanation: """
        callflow reads Twilio Studio and Amazon Connect flows into its own model (see \
        docs/importers.md). A widget or action type it does not know is kept as an opaque step that \
        may take any of its branches, and every unwired branch of it ends the call; the checks still \
        run, but what they say about paths through that step is less sure (a step that always ends \
        the call, or never fails, looks to callflow like one that may). The type is reported once \
        per file, at its first use. Check the spelling of the type, or read docs/importers.md for \
        the types that are mapped.
        """,
        failingExample: """
        {
          "initial_state": "Trigger",
          "states": [
            {"name": "Trigger", "type": "trigger",
             "transitions": [{"event": "incomingCall", "next": "check"}]},
            {"name": "check", "type": ↓"make-coffee",
             "transitions": [{"event": "brewed", "next": "desk"}, {"event": "spilled", "next": "desk"}]},
            {"name": "desk", "type": "connect-call-to", "properties": {"to": "+15550100"},
             "transitions": [{"event": "callCompleted", "next": "mailbox"}]},
            {"name": "mailbox", "type": "record-voicemail", "transitions": [{"event": "recordingComplete"}]}
          ]
        }
        """,
        passingExample: StudioExamples.clean)
}
