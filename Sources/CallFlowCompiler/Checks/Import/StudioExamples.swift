/// Example flows shared by the import checks' descriptors: Twilio Studio definitions (JSON is YAML,
/// so `callflow explain` and docs/checks.md show them like any example).
enum StudioExamples {
    /// A small Studio IVR that every check passes: a menu of two keys, a queue each, voicemail on failure.
    static let clean = """
        {
          "initial_state": "Trigger",
          "states": [
            {"name": "Trigger", "type": "trigger",
             "transitions": [{"event": "incomingCall", "next": "menu"}]},
            {"name": "menu", "type": "gather-input-on-call",
             "properties": {"say": "For sales press 1. For support press 2.", "timeout": 5, "loop": 2},
             "transitions": [{"event": "keypress", "next": "keys"}, {"event": "timeout", "next": "sales"}]},
            {"name": "keys", "type": "split-based-on",
             "properties": {"input": "{{widgets.menu.Digits}}"},
             "transitions": [
               {"event": "match", "next": "sales",
                "conditions": [{"type": "equal_to", "arguments": ["{{widgets.menu.Digits}}"], "value": "1"}]},
               {"event": "match", "next": "support",
                "conditions": [{"type": "equal_to", "arguments": ["{{widgets.menu.Digits}}"], "value": "2"}]},
               {"event": "noMatch", "next": "sales"}]},
            {"name": "sales", "type": "send-to-flex", "properties": {"workflow": "WW-sales"},
             "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue", "next": "mailbox"},
                             {"event": "callFailure", "next": "mailbox"}]},
            {"name": "support", "type": "send-to-flex", "properties": {"workflow": "WW-support"},
             "transitions": [{"event": "callComplete"}, {"event": "failedToEnqueue", "next": "mailbox"},
                             {"event": "callFailure", "next": "mailbox"}]},
            {"name": "mailbox", "type": "record-voicemail", "transitions": [{"event": "recordingComplete"}]}
          ]
        }
        """
}
