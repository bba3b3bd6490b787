extension CheckDescriptor {
    public static let template = CheckDescriptor(
        id: "template",
        severity: .error,
        summary: "a prompt's caller data that names no variable, is not bound there, or does not close",
        explanation: """
        A prompt may speak caller data: `"The refill for {pet.name} is ready."` fills the \
        placeholder from the call's context when the prompt plays. A placeholder that names no \
        context variable (with "did you mean"), `{queue.wait}` or another `queue.*` variable where \
        no queue is bound (they exist only while a call waits in a queue: in a queue's \
        `announce: {every, say}` and nowhere else), an empty `{}`, a brace \
        that does not close, or a `}` that closes nothing would be read out as braces or as \
        nothing at all. The finding points at the placeholder inside the YAML line, quotes and \
        escapes taken into account. Write `{{` and `}}` for literal braces. A recording's \
        transcript holds no placeholders: the recording says the same words on every call.
        """,
        failingExample: """
        callflow: 1
        name: pharmacy
        start: ready
        context:
          pet.name: string
        nodes:
          ready:
            say: "The refill for ↓{pet.nam} is ready."
            next: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: pharmacy
        start: ready
        context:
          pet.name: string
        nodes:
          ready:
            say: "The refill for {pet.name} is ready."
            next: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
}
