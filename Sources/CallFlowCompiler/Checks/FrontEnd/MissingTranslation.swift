extension CheckDescriptor {
    public static let missingTranslation = CheckDescriptor(
        id: "missing-translation",
        severity: .error,
        summary: "a prompt or phrase list of a flow with several languages that lacks one of them",
        explanation: """
        A flow with `languages: [en-US, es-US]` speaks to each caller in the call's language \
        (`call.language`). A prompt given as one text, or by language without one of the \
        flow's languages, would greet a Spanish-speaking caller in English (or read English \
        words with a Spanish voice). Every prompt (`say`, `menu`, `collect`, a goodbye, an \
        option's `say`) gives each language, as text or as a recording; a phrase list given by \
        language (`human_phrases`, an option's `speech`) lists each language too. The finding \
        points at the prompt and names the missing languages.
        """,
        failingExample: """
        callflow: 1
        name: bilingual
        languages: [en-US, es-US]
        start: welcome
        nodes:
          welcome:
            say: ↓{en-US: "Thanks for calling."}
            next: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: bilingual
        languages: [en-US, es-US]
        start: welcome
        nodes:
          welcome:
            say: {en-US: "Thanks for calling.", es-US: "Gracias por llamar."}
            next: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """)
}
