import CallFlowRuntime
import Foundation

/// An event as a scenario or `simulate --events` gives it: the runtime event, and the values a
/// found lookup returns (variable name to text, typed by the table's declarations).
public struct SimulatedEvent: Equatable, Sendable {
    public var event: CallEvent
    public var values: [(name: String, text: String)]

    public init(_ event: CallEvent, values: [(name: String, text: String)] = []) {
        self.event = event
        self.values = values
    }

    public static func == (a: SimulatedEvent, b: SimulatedEvent) -> Bool {
        a.event == b.event && a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.text) == b.values.map(\.text)
    }

    /// One word of `simulate --events` (docs/language.md): keys (`1`, `1234#`), `no_input`,
    /// `speech:TEXT`, `found`, `not_found`, `error`, `wait:5m` or `wait:5m/3`, `overflow`,
    /// `callback`, `no_answer`, `busy`, `failed`.
    public init?(word: String) {
        switch word {
        case "no_input": self.init(.noInput)
        case "found": self.init(.lookup(.found))
        case "not_found": self.init(.lookup(.notFound))
        case "error": self.init(.lookup(.error))
        case "overflow": self.init(.overflow)
        case "callback": self.init(.callback)
        case "no_answer": self.init(.transfer(.noAnswer))
        case "busy": self.init(.transfer(.busy))
        case "failed": self.init(.transfer(.failed))
        default:
            if word.hasPrefix("speech:") {
                self.init(.speech(String(word.dropFirst(7))))
            } else if word.hasPrefix("wait:") {
                let parts = word.dropFirst(5).split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count <= 2, let wait = RuntimeDuration.seconds(String(parts[0])) else { return nil }
                var depth = 0
                if parts.count == 2 {
                    guard let d = Int(parts[1]), d >= 0 else { return nil }
                    depth = d
                }
                self.init(.queueStatus(wait: wait, depth: depth))
            } else if !word.isEmpty, word.utf8.allSatisfy({ RoutingTable.keyIndex($0) >= 0 }) {
                self.init(.digits(word))
            } else {
                return nil
            }
        }
    }

    /// The event words, besides keys and the `speech:` and `wait:` forms.
    public static let words = ["no_input", "found", "not_found", "error", "overflow", "callback", "no_answer", "busy", "failed"]

    /// Every event word, as messages list them.
    public static let grammar = "keys such as 1 or 1234#, no_input, speech:TEXT, found, not_found, error, wait:5m or wait:5m/3, overflow, callback, no_answer, busy, failed"

    /// Why `word` is not an event: a did-you-mean when one is close, and the list of words.
    public static func unknownWordMessage(_ word: String) -> String {
        let candidates = words + ["speech:", "wait:"]
        var hint = Suggestion.hint(for: word, in: candidates)
        if hint.isEmpty, let colon = word.firstIndex(of: ":") {
            hint = Suggestion.hint(for: String(word[...colon]), in: ["speech:", "wait:"])
        }
        if hint.isEmpty, word.hasPrefix("wait:") { return "'\(word)' is not a queue status: write wait:5m or wait:5m/3 (wait, then depth)" }
        return "unknown event '\(word)'\(hint) (events: \(grammar))"
    }

    /// How the event reads in output.
    public var text: String {
        switch event {
        case .digits(let keys): return keys
        case .speech(let words): return "speech:\(words)"
        case .noInput: return "no_input"
        case .lookup(.found): return values.isEmpty ? "found" : "found(" + values.map { "\($0.name)=\($0.text)" }.joined(separator: ",") + ")"
        case .lookup(.notFound): return "not_found"
        case .lookup(.error): return "error"
        case .queueStatus(let wait, let depth): return "wait:\(RuntimeDuration.text(wait))/\(depth)"
        case .overflow: return "overflow"
        case .callback: return "callback"
        case .transfer(.noAnswer): return "no_answer"
        case .transfer(.busy): return "busy"
        case .transfer(.failed): return "failed"
        }
    }
}

extension RuntimeDuration {
    static func text(_ seconds: Int) -> String { Duration(seconds: seconds).description }
}

/// Where a call ends (a scenario's `expect`, docs/language.md): the kind and its value.
public struct CallEnding: Equatable, Sendable, CustomStringConvertible {
    public var kind: String
    public var value: String

    public init(_ kind: String, _ value: String) {
        self.kind = kind
        self.value = value
    }

    public var description: String { "{\(kind): \(kind == "hangup" ? value : "\"\(value)\"")}" }
}

/// One line of a simulation: a node entered (or a prompt replayed), why, and the instruction the
/// platform got there, if any.
public struct SimulationStep: Sendable {
    /// The event that led here; nil for the arrival.
    public var event: String?
    public var node: String
    public var why: String
    public var instruction: String?
    public var replay: Bool
}

public struct SimulationResult: Sendable {
    public var steps: [SimulationStep]
    /// Nodes visited in order (a replay is not a new visit).
    public var path: [String]
    /// Every instruction the platform was given, in order (prompts, enqueues, alerts, ...).
    public var instructions: [Instruction]
    /// Each prompt heard (say, gather, collect, goodbye) as rendered when it played: in the
    /// call's language, caller data filled in, a recording by its transcript.
    public var heard: [String] = []
    /// Where the call is when the events are used up; nil when it waits for input or failed.
    public var ending: CallEnding?
    /// Why the run went wrong, as a value: an event that does not apply, events after the end, a
    /// fault, the call still waiting for input, ...
    public var failure: SimulationProblem?
    /// The failure's message.
    public var problem: String? { failure?.description }
    /// True when the problem is only that the call waits for input the events do not give.
    public var waiting: Bool {
        if case .stillWaiting? = failure { return true }
        return false
    }
}

/// Why a simulated call did not finish as given. Each case's message is built here only.
public enum SimulationProblem: Equatable, Sendable, CustomStringConvertible {
    /// `--context` or a scenario's `context` names a built-in the runtime keeps (the reason is
    /// `CallSimulator.contextProblem`'s).
    case contextRefused(String)
    /// `call.language` given to a flow without languages.
    case noLanguages
    case noContextVariable(String)
    /// A context value that is not of its variable's type (`expected` describes the type).
    case notAContextValue(text: String, variable: String, expected: String)
    case contextNotSet(SessionError)
    /// A lookup's `found` gives a variable the flow does not have, or a value not of its type.
    case noLookupVariable(String)
    case notALookupValue(text: String, variable: String)
    case lookupValueNotSet(variable: String, SessionError)
    /// The session faulted (the runtime's reason).
    case faulted(String)
    case eventsAfterTheEnd(node: String, left: String)
    case eventDoesNotApply(event: String, kind: String, node: String)
    case stillWaiting(kind: String, node: String)

    public var description: String {
        switch self {
        case .contextRefused(let reason): return reason
        case .noLanguages: return "the flow has no languages, so a call cannot be given one; add 'languages: [en-US, ...]' to the flow"
        case .noContextVariable(let name): return "the flow has no context variable '\(name)'"
        case .notAContextValue(let text, let name, let expected): return "'\(text)' is not a value of '\(name)' (\(expected))"
        case .contextNotSet(let error): return error.description
        case .noLookupVariable(let name): return "the flow has no variable '\(name)'"
        case .notALookupValue(let text, let name): return "'\(text)' is not a value of '\(name)'"
        case .lookupValueNotSet(let name, let error): return "lookup value '\(name)': \(error.description)"
        case .faulted(let reason): return "the session faulted: \(reason)"
        case .eventsAfterTheEnd(let node, let left): return "the call was over at '\(node)', but events were left: \(left)"
        case .eventDoesNotApply(let event, let kind, let node): return "event '\(event)' does not apply at \(kind) '\(node)'"
        case .stillWaiting(let kind, let node): return "the call is still waiting at \(kind) '\(node)' for input the events do not give"
        }
    }
}

/// Runs a call through a table exactly as the runtime does (`CallSession`), recording each step.
public enum CallSimulator {
    public static func run(_ program: TableProgram, at time: Date, context: [(name: String, text: String)],
                           events: [SimulatedEvent]) -> SimulationResult {
        let table = program.table
        var session = CallSession(program: program, time: time)
        var recorder = Recorder(table: table)
        func result(_ problem: SimulationProblem?) -> SimulationResult {
            var ending: CallEnding?
            if problem == nil { ending = Self.ending(session) }
            var problem = problem
            if problem == nil, ending == nil {
                let node = session.state.node
                problem = .stillWaiting(kind: table.nodes[Int(node)].kind.name, node: table.name(ofNode: Int(node)))
            }
            var simulation = SimulationResult(steps: recorder.steps, path: recorder.path, instructions: recorder.instructions,
                                              ending: ending, failure: problem)
            simulation.heard = recorder.heard
            return simulation
        }
        for (name, text) in context {
            if let problem = contextProblem(name) { return result(.contextRefused(problem)) }
            guard let slot = program.slot(named: name) else {
                // The call's own numbers are always legitimate, used by the flow or not.
                if Self.givenBuiltIns.contains(name) { continue }
                if name == "call.language" { return result(.noLanguages) }
                return result(.noContextVariable(name))
            }
            guard let value = program.value(text, forSlot: slot) else {
                return result(.notAContextValue(text: text, variable: name, expected: describe(table.variables[slot], table)))
            }
            do { try session.set(slot: slot, value) } catch { return result(.contextNotSet(error)) }
        }
        recorder.event = nil
        var instruction = session.start(tracer: &recorder)
        recorder.attach(instruction, program, rendered: session.render(instruction))
        while instruction.kind == .say {
            instruction = session.resume(tracer: &recorder)
            recorder.attach(instruction, program, rendered: session.render(instruction))
        }
        if instruction.kind == .fault { return result(.faulted(session.fault ?? "")) }
        for (position, item) in events.enumerated() {
            if session.state.phase == .ended {
                let left = events[position...].map(\.text).joined(separator: ", ")
                return result(.eventsAfterTheEnd(node: table.name(ofNode: Int(session.state.node)), left: left))
            }
            for (name, text) in item.values {
                guard let slot = program.slot(named: name) else { return result(.noLookupVariable(name)) }
                guard let value = program.value(text, forSlot: slot) else { return result(.notALookupValue(text: text, variable: name)) }
                do { try session.setLookupValue(slot: slot, value) } catch { return result(.lookupValueNotSet(variable: name, error)) }
            }
            recorder.event = item.text
            instruction = session.handle(item.event, tracer: &recorder)
            if instruction.kind == .ignored {
                let node = Int(session.state.node)
                return result(.eventDoesNotApply(event: item.text, kind: table.nodes[node].kind.name, node: table.name(ofNode: node)))
            }
            recorder.attach(instruction, program, rendered: session.render(instruction))
            while instruction.kind == .say {
                instruction = session.resume(tracer: &recorder)
                recorder.attach(instruction, program, rendered: session.render(instruction))
            }
            if instruction.kind == .fault { return result(.faulted(session.fault ?? "")) }
        }
        return result(nil)
    }

    /// The built-in variables a call starts with, which a simulation or scenario may give.
    public static let givenBuiltIns: Set<String> = ["caller.number", "call.dialed"]

    /// Why `name` cannot be given as context, or nil: the other built-ins are the runtime's to
    /// keep (failures, priority, the queue's name, wait and depth).
    public static func contextProblem(_ name: String) -> String? {
        guard ContextVariable.builtIns.contains(where: { $0.name == name }), !givenBuiltIns.contains(name) else { return nil }
        return "'\(name)' is kept by the runtime as the call goes and cannot be given; of the built-in variables only caller.number and call.dialed can"
    }

    /// Where the session rests: at a queue or transfer it stays; voicemail, callback and hangup
    /// end it; a menu, collect or lookup waits for input (nil).
    static func ending(_ session: CallSession) -> CallEnding? {
        let table = session.program.table
        guard session.state.node >= 0 else { return nil }
        let node = table.nodes[Int(session.state.node)]
        switch node.kind {
        case .queue: return CallEnding("queue", table.strings[Int(table.queues[Int(node.resource)].name)])
        case .transfer: return CallEnding("transfer", table.strings[Int(node.text)])
        case .voicemail: return CallEnding("voicemail", table.strings[Int(node.text)])
        case .callback: return CallEnding("callback", table.strings[Int(table.queues[Int(node.resource)].name)])
        case .hangup: return CallEnding("hangup", "true")
        default: return nil
        }
    }

    static func describe(_ variable: TableVariable, _ table: RoutingTable) -> String {
        guard variable.type == .enumeration else { return variable.type.name }
        let values = (variable.enumStart ..< variable.enumStart + variable.enumCount).map { table.strings[Int(table.enumValues[Int($0)])] }
        return "one of " + values.joined(separator: ", ")
    }

    /// How an instruction reads: `gather "For billing press 1..." (5s)`. A prompt reads as
    /// `rendered` (the session's `render`) when given: in the call's language, caller data filled
    /// in, a recording as `play URL "transcript"`.
    public static func describe(_ instruction: Instruction, _ program: TableProgram, rendered: [PromptPart] = []) -> String {
        let table = program.table
        func text(_ index: Int32) -> String { index >= 0 ? table.strings[Int(index)] : "" }
        func shortened(_ text: String) -> String {
            let t = text.replacingOccurrences(of: "\n", with: " ")
            return "\"" + (t.count > 60 ? String(t.prefix(57)) + "..." : t) + "\""
        }
        func quoted(_ index: Int32) -> String {
            guard !rendered.isEmpty, index == instruction.text else { return shortened(text(index)) }
            return rendered.map { part -> String in
                switch part {
                case .text(let words): return shortened(words)
                case .recording(let url, let transcript): return "play \(url) \(shortened(transcript))"
                }
            }.joined(separator: " + ")
        }
        func queueName(_ index: Int32) -> String { table.strings[Int(table.queues[Int(index)].name)] }
        /// A prompt that is not the instruction's `text` (a greeting, an announcement), as rendered.
        func spoken() -> String {
            rendered.map { part -> String in
                switch part {
                case .text(let words): return shortened(words)
                case .recording(let url, let transcript): return "play \(url) \(shortened(transcript))"
                }
            }.joined(separator: " + ")
        }
        switch instruction.kind {
        case .say: return "say \(quoted(instruction.text))"
        case .gather: return "gather 1 key, \(instruction.timeout)s: \(quoted(instruction.text))"
        case .collect: return "gather \(instruction.minDigits)-\(instruction.maxDigits) digits, \(instruction.timeout)s: \(quoted(instruction.text))"
        case .lookup:
            let inputs = (Int(instruction.inputStart) ..< Int(instruction.inputStart + instruction.inputCount))
                .map { table.strings[Int(table.variables[Int(table.slotLists[$0])].name)] }
            return "look up \(text(instruction.text)) (\(instruction.timeout)s)" + (inputs.isEmpty ? "" : " with \(inputs.joined(separator: ", "))")
        case .enqueue:
            let queue = table.queues[Int(instruction.queue)]
            var skills = (queue.skillStart ..< queue.skillStart + queue.skillCount).map { table.strings[Int(table.skills[Int($0)])] }
            skills += (instruction.skillStart ..< instruction.skillStart + instruction.skillCount).map { table.strings[Int(table.skills[Int($0)])] }
            return "enqueue \(queueName(instruction.queue)) priority \(instruction.priority)" + (skills.isEmpty ? "" : " skills [\(skills.joined(separator: ", "))]")
        case .hold:
            var line = "hold in \(queueName(instruction.queue))"
            if instruction.prompt >= 0 { line += ", announce \(spoken())" }
            if instruction.text >= 0 { line += ", music \(text(instruction.text))" }
            return line
        case .alert: return "alert a supervisor of \(queueName(instruction.queue)) (wait \(RuntimeDuration.text(Int(instruction.wait))), depth \(instruction.depth))"
        case .transfer: return "transfer to \(text(instruction.text))"
        case .voicemail:
            // Issue 14 item 7: the greeting, the longest message and the transcription.
            var line = "voicemail \(text(instruction.text))"
            if instruction.prompt >= 0 { line += " after \(spoken())" }
            guard instruction.timeout != TableVoicemail.defaultMaxLength || instruction.transcribe else { return line }
            return line + " (at most \(RuntimeDuration.text(Int(instruction.timeout)))\(instruction.transcribe ? ", transcribed" : ""))"
        case .callback:
            guard instruction.slot >= 0 else { return "callback from \(queueName(instruction.queue))" }
            return "callback from \(queueName(instruction.queue)) to \(table.strings[Int(table.variables[Int(instruction.slot)].name)])"
        case .hangup: return instruction.text >= 0 ? "hang up after \(quoted(instruction.text))" : "hang up"
        case .ignored: return "ignored"
        case .fault: return "fault"
        case .send:
            let inputs = (Int(instruction.inputStart) ..< Int(instruction.inputStart + instruction.inputCount))
                .map { table.strings[Int(table.variables[Int(table.slotLists[$0])].name)] }
            return "send to \(text(instruction.text))" + (inputs.isEmpty ? "" : " with \(inputs.joined(separator: ", "))")
        }
    }

    /// Records the nodes a session enters, with readable reasons.
    struct Recorder: SessionTracer {
        let table: RoutingTable
        var steps: [SimulationStep] = []
        var path: [String] = []
        var instructions: [Instruction] = []
        var heard: [String] = []
        var event: String?
        var previous: Int32 = -1

        init(table: RoutingTable) {
            self.table = table
        }

        mutating func entered(node: Int32, reason: StepReason) {
            let name = table.name(ofNode: Int(node))
            let replay = reason.kind == .replay
            if !replay { path.append(name) }
            steps.append(SimulationStep(event: event, node: name, why: why(reason, node: node), instruction: nil, replay: replay))
            event = nil
            previous = node
        }

        mutating func attach(_ instruction: Instruction, _ program: TableProgram, rendered: [PromptPart]) {
            guard !steps.isEmpty, instruction.kind != .ignored else { return }
            instructions.append(instruction)
            if !rendered.isEmpty { heard.append(rendered.map(\.spokenText).joined(separator: " ")) }
            if instruction.kind == .hold || instruction.kind == .alert {
                steps.append(SimulationStep(event: event, node: table.name(ofNode: Int(instruction.node)), why: "queue status",
                                            instruction: CallSimulator.describe(instruction, program, rendered: rendered), replay: true))
                event = nil
                return
            }
            guard steps[steps.count - 1].instruction == nil else { return }
            steps[steps.count - 1].instruction = CallSimulator.describe(instruction, program, rendered: rendered)
        }

        func why(_ reason: StepReason, node: Int32) -> String {
            switch reason.kind {
            case .arrival: return "start node (no start rule fired)"
            case .rule:
                let rule = table.rules[Int(reason.index)]
                let trigger = RuleTriggerCode(rawValue: rule.trigger)?.name ?? "?"
                return "rule '\(table.strings[Int(rule.name)])' (at: \(trigger))" + (rule.priority >= 0 ? ", priority \(rule.priority)" : "")
            case .outcome:
                guard previous >= 0 else { return "outcome" }
                let labels = table.nodes[Int(previous)].kind.edgeLabels
                let label = Int(reason.index) < labels.count ? labels[Int(reason.index)] : "?"
                return "'\(table.name(ofNode: Int(previous)))' \(label)"
            case .key: return "option \(String(UnicodeScalar(RoutingTable.keys[Int(reason.index)])))"
            case .phrase: return "option \(String(UnicodeScalar(RoutingTable.keys[Int(reason.index)]))) by phrase"
            case .switchCase: return "'\(previous >= 0 ? table.name(ofNode: Int(previous)) : "?")' case \(reason.index + 1) held"
            case .maxWait: return "waited max_wait: overflow"
            case .replay: return "failure \(reason.index): replay the prompt"
            }
        }
    }
}
