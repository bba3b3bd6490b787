/// Issue 14 item 7: a voicemail's `greeting`, `max_length` and `transcribe`, a callback's
/// `number`, and a queue's (or a queue node's) `announce: {every: 2m, say: ...}` and `hold_music`.
extension FlowDecoder {
    /// `voicemail: box` and its settings.
    func decodeVoicemail(_ box: Located<String>, _ fields: Fields, owner: @autoclosure () -> String) -> Voicemail {
        var voicemail = Voicemail(box: box)
        if let node = fields["greeting"] {
            voicemail.greeting = prompt(node, what: "the greeting of \(owner())")
        }
        if let node = fields["max_length"], let length = duration(node, what: "max_length", plausibleSeconds: 10...600) {
            if Voicemail.maxLengthSeconds.contains(length.value.seconds) {
                voicemail.maxLength = length
            } else {
                invalid(node, "max_length of \(owner()) is \(length.value); a message is recorded for 1s to 4h "
                              + "(Twilio records at most 14400 seconds); write a length in that range, such as 2m")
            }
        }
        if let node = fields["transcribe"], let transcribe = boolean(node, what: "transcribe") {
            voicemail.transcribe = Located(transcribe, at: node.range)
        }
        return voicemail
    }

    /// A queue's or a queue node's `announce`: an interval (`1m`, as before: how often the wait
    /// is announced) or `{every: 2m, say: PROMPT}`. The words are decoded later, once the flow's
    /// languages are known (`decodePendingAnnouncements`); `owner` is what `deliver` receives.
    func announceInterval(_ node: YAMLNode, owner: String) -> (every: Located<Duration>?, words: YAMLNode?) {
        guard let pairs = node.mappingPairs else { return (duration(node, what: "announce"), nil) }
        let fields = Fields(node, pairs: pairs, allowed: ["every", "say"], owner: "the announce of \(owner)", bag: &bag)
        let every = requireField(fields, "every", owner: "the announce of \(owner)")
            .flatMap { duration($0, what: "every", plausibleSeconds: 15...3_600) }
        if let every, every.value.seconds < 1 {
            invalid(at: every.range, "every of the announce of \(owner) is 0s; announce at least every second, such as 2m")
            return (nil, nil)
        }
        return (every, fields["say"])
    }

    /// The words of an announcement: a prompt in which `{queue.wait}` and the other `queue.*`
    /// are bound.
    func announcement(_ node: YAMLNode, owner: String) -> Prompt? {
        prompt(node, what: "the announcement of \(owner)", queueBound: true)
    }

    /// `hold_music: URL`: checked like a recording's `play`.
    func holdMusic(_ node: YAMLNode, owner: String) -> Located<String>? {
        guard let url = text(node, what: "the hold_music of \(owner)", nonEmpty: true) else { return nil }
        checkRecording(url)
        return url
    }

    /// Queues are read with the resources, before the languages: their announcements' words are
    /// decoded here, once the languages and variables are known.
    func decodePendingAnnouncements() {
        for (name, node) in pendingAnnouncements {
            guard let index = resources.queues.firstIndex(where: { $0.name.value == name }) else { continue }
            resources.queues[index].announcement = announcement(node, owner: "queue '\(name)'")
        }
        pendingAnnouncements = []
    }

    /// A callback's `number`: a string variable (declared, or `caller.number`, `call.dialed`).
    func checkCallbackNumber(_ name: Located<String>, variables: [String: ContextVariable], variableNames: [String]) {
        if name.value == "caller.number" || name.value == "call.dialed" { return }
        if let builtIn = ContextVariable.builtIns.first(where: { $0.name == name.value }) {
            bag.report(.invalidValue, "a callback calls a phone number, so 'number' names a string variable; '\(name.value)' is a built-in \(builtIn.type)",
                       at: name.range)
            return
        }
        guard let variable = variables[name.value] else {
            if resources.isDeclared("context variable", name.value) { return }
            bag.report(.undefinedReference, "no context variable is named '\(name.value)'\(Suggestion.hint(for: name.value, in: variableNames + ["caller.number"]))"
                       + (Suggestion.closest(to: name.value, in: variableNames) == nil ? "; declare it under 'context' as a string" : ""),
                       at: name.range)
            return
        }
        if variable.type != .string {
            bag.report(.invalidValue, "a callback calls a phone number, so 'number' names a string variable; '\(name.value)' has type \(variable.type)",
                       at: name.range, notes: [DiagnosticNote("'\(name.value)' is declared here", at: variable.name.range)])
        }
    }
}
