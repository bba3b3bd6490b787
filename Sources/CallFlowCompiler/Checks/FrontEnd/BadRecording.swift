extension CheckDescriptor {
    public static let badRecording = CheckDescriptor(
        id: "bad-recording",
        severity: .error,
        summary: "a recording's `play` that a platform cannot fetch",
        explanation: """
        A recording (`{play: ..., text: transcript}`) is fetched by the telephony platform when \
        it plays: `play` must be an absolute `https://` URL with a host, or a relative path \
        inside the flow's folder (no leading `/`, no `..`, no `C:`, no spaces), which is \
        deployed with the flow. Anything else plays silence, or an error message, to the \
        caller. A plain `http://` URL is a warning: platforms refuse or warn about it, and \
        anyone on the way can change the recording. A queue's `hold_music` is checked the same \
        way.
        """,
        failingExample: """
        callflow: 1
        name: greeting
        start: welcome
        nodes:
          welcome:
            say: {play: ↓"/var/audio/welcome.wav", text: "Thanks for calling."}
            next: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: greeting
        start: welcome
        nodes:
          welcome:
            say: {play: "https://cdn.example.com/welcome.wav", text: "Thanks for calling.", duration: 3s}
            next: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
}
