import AsyncHTTPClient
import CallFlowRuntime
import Crypto
import Foundation
import Logging
import NIOCore
import Synchronization

/// A webhook's answer.
public struct Reply: Sendable {
    public var status: Int
    public var body: String
    public var contentType = "text/xml"
}

/// Runs calls: turns webhooks into session events and instructions into TwiML (docs/server.md).
final class CallHandler: Sendable {
    let config: ServerConfiguration
    let library: TableLibrary
    let store: any SessionStore
    let outbox: OutboxDeliverer
    let client: HTTPClient
    let metrics: ServerMetrics
    let logger: Logger
    let key: SymmetricKey
    /// HMAC-SHA256 keyed once with `key`; each token copies it.
    let mac: HMAC<SHA256>

    init(config: ServerConfiguration, library: TableLibrary, store: any SessionStore, outbox: OutboxDeliverer,
         client: HTTPClient, metrics: ServerMetrics, logger: Logger) {
        self.config = config
        self.library = library
        self.store = store
        self.outbox = outbox
        self.client = client
        self.metrics = metrics
        self.logger = logger
        key = SymmetricKey(data: config.sessionKey)
        mac = HMAC<SHA256>(key: key)
    }

    /// One webhook's view of the call.
    struct Call {
        var sid: String
        var params: [String: String]
        var clock: String?
        var sequence: UInt32
        var flow: String
        /// When the webhook's lookup budget runs out (monotonic: a wall-clock step cannot move it).
        let deadline: ContinuousClock.Instant
    }

    // MARK: Entry points

    /// `POST /voice/{flow}`: a call arrives.
    func newCall(flow: String, query: [(String, String)], params: [String: String], clock: String?) async -> Reply {
        var call = Call(sid: params["CallSid"] ?? "", params: params, clock: clock, sequence: 0, flow: flow,
                        deadline: .now + .seconds(config.webhookBudget))
        guard let loaded = library.current(flow) else {
            logger.error("call \(call.sid): no flow '\(flow)' is loaded")
            return fallback(&call, reason: "unknown-flow")
        }
        metrics.callStarted(flow)
        let program = loaded.program
        let time = testTime(clock, loaded) ?? Date()
        var session = CallSession(program: program, time: time)
        let builtIns = Set(Self.builtInSlots(program.table))
        var context = query
        if let from = params["From"] { context.append(("caller.number", from)) }
        if let to = params["To"] { context.append(("call.dialed", to)) }
        for (name, text) in context where name != "s" {
            guard let slot = program.slot(named: name), !builtIns.contains(slot) else {
                if query.contains(where: { $0.0 == name }) { logger.warning("call \(call.sid): '\(name)' is not a context variable of \(flow); ignored") }
                continue
            }
            guard let value = program.value(text, forSlot: slot) else {
                logger.warning("call \(call.sid): '\(text)' is not a value of '\(name)'; ignored")
                continue
            }
            try? session.set(slot: slot, value)
        }
        let first = session.start()
        return await drive(&session, first, &call)
    }

    /// `POST /call/{step}?s=TOKEN`: an event of a call in progress.
    func step(_ step: String, query: [(String, String)], params: [String: String], clock: String?) async -> Reply {
        var call = Call(sid: params["CallSid"] ?? "", params: params, clock: clock, sequence: 0, flow: "?",
                        deadline: .now + .seconds(config.webhookBudget))
        let urlToken = query.first(where: { $0.0 == "s" })?.1 ?? ""
        let now = Date()
        var token: SessionToken
        do {
            token = try decode(urlToken, sid: call.sid, now: now)
        } catch .forged {
            logger.warning("call \(call.sid): a session token that does not verify (403)")
            metrics.fault("forged-token")
            return Reply(status: 403, body: "forbidden\n", contentType: "text/plain")
        } catch {
            logger.warning("call \(call.sid): an expired session token")
            return fallback(&call, reason: "expired-token")
        }
        var stored: StoredSession?
        do {
            stored = try await store.get(call.sid)
        } catch {
            logger.error("call \(call.sid): session store: \(error)")
        }
        if let stored, stored.sequence > token.sequence, let newer = try? decode(stored.token, sid: call.sid, now: now) {
            token = newer
        }
        call.sequence = token.sequence
        guard let loaded = library.version(token.state.table) else {
            logger.error("call \(call.sid): its table \(String(token.state.table, radix: 16)) is not loaded")
            return fallback(&call, reason: "unknown-table")
        }
        call.flow = loaded.name
        var session: CallSession
        do {
            session = try CallSession(program: loaded.program, state: token.state)
        } catch {
            logger.error("call \(call.sid): \(error.description)")
            return fallback(&call, reason: "bad-state")
        }
        if let time = testTime(clock, loaded) { session.setTime(time) } else if clock == nil || !config.testClock { session.setTime(now) }
        let p = params
        switch step {
        case "input":
            let event: CallEvent
            if let digits = p["Digits"], !digits.isEmpty {
                event = .digits(digits)
            } else if let words = p["SpeechResult"], !words.isEmpty {
                event = .speech(words)
            } else {
                event = .noInput
            }
            return await drive(&session, session.handle(event), &call)
        case "dial":
            switch p["DialCallStatus"] ?? "" {
            case "completed", "answered":
                metrics.callEnded(call.flow, "transfer-answered")
                return Reply(status: 200, body: finish { $0.empty("Hangup") })
            case "no-answer": return await drive(&session, session.handle(.transfer(.noAnswer)), &call)
            case "busy": return await drive(&session, session.handle(.transfer(.busy)), &call)
            default: return await drive(&session, session.handle(.transfer(.failed)), &call)
            }
        case "wait":
            return await wait(&session, &call, stored: stored)
        case "offer":
            guard p["Digits"] == "1", session.state.phase == .waiting else { return Reply(status: 200, body: finish { _ in }) }
            let instruction = session.handle(.callback)
            guard instruction.kind != .ignored else { return Reply(status: 200, body: finish { _ in }) }
            return await leave(&session, instruction, &call)
        case "queue":
            switch p["QueueResult"] ?? "" {
            case "leave":
                if let pending = stored?.pending {
                    try? await store.put(call.sid, StoredSession(token: stored!.token, sequence: stored!.sequence), ttl: config.sessionTTL)
                    return Reply(status: 200, body: pending)
                }
                logger.error("call \(call.sid): left its queue with nothing to play next")
                return fallback(&call, reason: "leave-without-continuation")
            case "bridged":
                metrics.callEnded(call.flow, "queue-answered")
                try? await store.remove(call.sid)
                return Reply(status: 200, body: finish { $0.empty("Hangup") })
            case "hangup":
                metrics.callEnded(call.flow, "queue-abandoned")
                try? await store.remove(call.sid)
                return Reply(status: 200, body: finish { $0.empty("Hangup") })
            default:  // queue-full, error, system-error, redirected...
                return await drive(&session, session.handle(.overflow), &call)
            }
        case "record":
            return await recorded(session, &call)
        default:
            return fallback(&call, reason: "unknown-step")
        }
    }

    // MARK: Queue

    /// A `waitUrl` request: a queue status event. Holding: hold TwiML (and an alert delivered);
    /// the session moved on: its next TwiML is kept for the `<Enqueue>` action, and `<Leave/>`.
    private func wait(_ session: inout CallSession, _ call: inout Call, stored: StoredSession?) async -> Reply {
        if stored?.pending != nil { return Reply(status: 200, body: finish { $0.empty("Leave") }) }
        let table = session.program.table
        guard session.state.phase == .waiting, table.nodes[Int(session.state.node)].kind == .queue else {
            return Reply(status: 200, body: finish { $0.empty("Leave") })
        }
        let wait = Int(call.params["QueueTime"] ?? "") ?? 0
        let depth = Int(call.params["CurrentQueueSize"] ?? "") ?? 0
        let alertedBefore = session.state.alerted
        let announcedBefore = session.state.announced
        let instruction = session.handle(.queueStatus(wait: wait, depth: depth))
        metrics.instruction(instruction.kind)
        switch instruction.kind {
        case .hold, .alert:
            if instruction.kind == .alert {
                let queue = table.strings[Int(table.queues[Int(instruction.queue)].name)]
                let item = OutboxItem(kind: .alert, json: ["flow": call.flow, "queue": queue, "call_sid": call.sid,
                                                           "wait": wait, "depth": depth, "time": Self.iso(Date())])
                do { try await outbox.add(item) } catch { logger.error("call \(call.sid): outbox: \(error)") }
            }
            if session.state.alerted != alertedBefore || session.state.announced != announcedBefore {
                let token = makeToken(session, &call)
                try? await store.put(call.sid, StoredSession(token: token, sequence: call.sequence), ttl: config.sessionTTL)
            }
            let queue = table.effectiveQueue(atNode: Int(instruction.node))
            return Reply(status: 200, body: holdTwiML(queue, session, instruction, &call, position: call.params["QueuePosition"]))
        case .ignored:
            return Reply(status: 200, body: finish { $0.empty("Leave") })
        default:
            return await leave(&session, instruction, &call)
        }
    }

    /// The session left the queue at a waitUrl or offer request: its continuation is stored for
    /// the `<Enqueue>` action (`QueueResult=leave`) and the caller leaves the queue.
    private func leave(_ session: inout CallSession, _ instruction: Instruction, _ call: inout Call) async -> Reply {
        let continuation = await drive(&session, instruction, &call)
        let token = makeToken(session, &call)
        do {
            try await store.put(call.sid, StoredSession(token: token, sequence: call.sequence, pending: continuation.body), ttl: config.sessionTTL)
        } catch {
            logger.error("call \(call.sid): session store: \(error); the caller stays queued")
            return Reply(status: 200, body: finish { $0.empty("Pause", [("length", "5")]) })
        }
        return Reply(status: 200, body: finish { $0.empty("Leave") })
    }

    /// Issue 14 item 7: a queue with its own announcement words plays them (in the call's
    /// language, `{queue.wait}` filled) when the session says their interval has come, instead of
    /// the server's holding line; a queue's `hold_music` plays once (`loop="1"`: Twilio asks the
    /// waitUrl again when it ends, which is the next status event).
    private func holdTwiML(_ queue: TableQueue, _ session: CallSession, _ instruction: Instruction, _ call: inout Call,
                           position: String?) -> String {
        let pause = queue.announce > 0 ? min(Int(queue.announce), 120) : 30
        let table = session.program.table
        let (words, _) = table.announcement(atNode: Int(instruction.node))
        return finish { x in
            func hold(_ x: inout TwiML) {
                if instruction.prompt >= 0 {
                    play(&x, session, instruction)
                } else if words < 0 {
                    x.say(Prompts.holding, voice: config.voice, language: config.language)
                }
                if instruction.text >= 0 {
                    x.element("Play", [("loop", "1")], table.strings[Int(instruction.text)])
                } else if let music = config.holdMusicURL {
                    x.element("Play", [], music)
                } else {
                    x.empty("Pause", [("length", "\(pause)")])
                }
            }
            if queue.offersCallback {
                let token = makeToken(session, &call)
                x.open("Gather", [("input", "dtmf"), ("numDigits", "1"), ("timeout", "1"), ("actionOnEmptyResult", "false"),
                                  ("action", url("offer", token)), ("method", "POST")])
                x.say(Prompts.callbackOffer, voice: config.voice, language: config.language)
                hold(&x)
                x.close("Gather")
            } else {
                hold(&x)
            }
        }
    }

    // MARK: Driving a session

    /// An instruction's prompt as the session renders it (the call's language, caller data filled
    /// in): text as `<Say>` in the call's language and voice (the server's when the flow names
    /// none), a recording as `<Play>` (a relative path is resolved by the platform against the
    /// webhook's URL).
    private func play(_ x: inout TwiML, _ session: CallSession, _ instruction: Instruction) {
        let voice = session.voice ?? config.voice, language = session.language ?? config.language
        for part in session.render(instruction) {
            switch part {
            case .text(let words): x.say(words, voice: voice, language: language)
            case .recording(let url, _): x.element("Play", [], url)
            }
        }
    }

    /// Turns instructions into one TwiML response: says are batched, lookups run here, until an
    /// instruction that waits for the caller or ends the call.
    private func drive(_ session: inout CallSession, _ first: Instruction, _ call: inout Call) async -> Reply {
        let program = session.program
        let table = program.table
        func text(_ index: Int32) -> String { index >= 0 ? table.strings[Int(index)] : "" }
        var x = TwiML()
        var instruction = first
        var lookups = 0
        while true {
            metrics.instruction(instruction.kind)
            switch instruction.kind {
            case .say:
                play(&x, session, instruction)
                instruction = session.resume()
                continue
            case .lookup:
                lookups += 1
                guard lookups <= 32, let result = await lookup(&session, instruction, call) else {
                    logger.error("call \(call.sid): the webhook's lookup budget (\(config.webhookBudget) s) ran out")
                    return fallback(&call, reason: "lookup-budget")
                }
                instruction = session.handle(.lookup(result))
                continue
            case .gather, .collect:
                let token = makeToken(session, &call)
                var attributes: [(String, String)]
                if instruction.kind == .gather {
                    let node = table.nodes[Int(instruction.node)]
                    var hints: [String] = []
                    for k in Int(node.listStart) ..< Int(node.listStart + node.listCount) where k < table.speech.count {
                        hints.append(text(table.speech[k].phrase))
                    }
                    hints += table.humanPhrases.map { text($0) }
                    hints += table.requestPhrases.map { text($0) }
                    attributes = [("input", "dtmf speech"), ("numDigits", "1"), ("finishOnKey", "")]
                    if !hints.isEmpty { attributes.append(("hints", hints.joined(separator: ", "))) }
                    attributes += [("speechTimeout", "auto"), ("language", session.language ?? config.language)]
                } else {
                    attributes = [("input", "dtmf"), ("numDigits", "\(instruction.maxDigits)"), ("finishOnKey", "#")]
                }
                attributes += [("timeout", "\(max(1, instruction.timeout))"), ("actionOnEmptyResult", "true"),
                               ("action", url("input", token)), ("method", "POST")]
                x.open("Gather", attributes)
                play(&x, session, instruction)
                x.close("Gather")
            case .enqueue:
                let token = makeToken(session, &call)
                do {
                    try await store.put(call.sid, StoredSession(token: token, sequence: call.sequence), ttl: config.sessionTTL)
                } catch {
                    logger.error("call \(call.sid): session store: \(error)")
                    return fallback(&call, reason: "store")
                }
                let queue = table.queues[Int(instruction.queue)]
                let name = text(queue.name)
                var attributes = [("action", url("queue", token)), ("method", "POST"), ("waitUrl", url("wait", token)), ("waitUrlMethod", "POST")]
                if let workflow = config.taskRouterWorkflow {
                    attributes.insert(("workflowSid", workflow), at: 0)
                    var skills = (queue.skillStart ..< queue.skillStart + queue.skillCount).map { text(table.skills[Int($0)]) }
                    skills += (instruction.skillStart ..< instruction.skillStart + instruction.skillCount).map { text(table.skills[Int($0)]) }
                    let task: [String: Any] = ["queue": name, "skills": skills, "priority": Int(instruction.priority), "flow": call.flow]
                    let json = String(decoding: (try? JSONSerialization.data(withJSONObject: task, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
                    x.open("Enqueue", attributes)
                    x.element("Task", [("priority", "\(instruction.priority)")], json)
                    x.close("Enqueue")
                } else {
                    x.element("Enqueue", attributes, name)
                }
            case .transfer:
                let token = makeToken(session, &call)
                let target = text(instruction.text)
                let attributes = [("action", url("dial", token)), ("method", "POST"), ("timeout", "30"), ("answerOnBridge", "true")]
                if target.lowercased().hasPrefix("sip:") {
                    x.open("Dial", attributes)
                    x.element("Sip", [], target)
                    x.close("Dial")
                } else {
                    x.element("Dial", attributes, target)
                }
            case .voicemail:
                let token = makeToken(session, &call)
                // Issue 14 item 7: the flow's greeting (else the server's), its longest message and transcription.
                if instruction.prompt >= 0 {
                    play(&x, session, instruction)
                } else {
                    x.say(Prompts.voicemail, voice: config.voice, language: config.language)
                }
                var record = [("maxLength", "\(instruction.timeout)"), ("finishOnKey", "#"), ("playBeep", "true")]
                if instruction.transcribe { record.append(("transcribe", "true")) }
                x.empty("Record", record + [("action", url("record", token)), ("method", "POST")])
                x.say(Prompts.noMessage, voice: config.voice, language: config.language)
                x.empty("Hangup")
            case .send:
                // Issue 14: posted through the outbox (delivered with retries); `error` when no
                // integration of that name is configured or the outbox cannot take it. Sends count
                // with lookups against the webhook's budget, so a loop of sends cannot run forever.
                lookups += 1
                guard lookups <= 32 else { return fallback(&call, reason: "lookup-budget") }
                let name = text(instruction.text)
                var inputs: [String: Any] = [:]
                for k in Int(instruction.inputStart) ..< Int(instruction.inputStart + instruction.inputCount) {
                    let slot = Int(table.slotLists[k])
                    switch session.state.slots[slot] {
                    case .bool(let b): inputs[text(table.variables[slot].name)] = b
                    case .number(let n): inputs[text(table.variables[slot].name)] = n
                    case .string(let s): inputs[text(table.variables[slot].name)] = s
                    }
                }
                var result = LookupResult.error
                if config.integrations.lookups[name] != nil {
                    let item = OutboxItem(kind: .send, json: ["integration": name, "flow": call.flow, "call_sid": call.sid,
                                                              "caller": call.params["From"] ?? "", "with": inputs, "time": Self.iso(Date())])
                    do {
                        try await outbox.add(item)
                        result = .found
                    } catch {
                        logger.error("call \(call.sid): send \(name) could not be written to the outbox: \(error)")
                    }
                } else {
                    logger.error("call \(call.sid): no integration '\(name)' is configured; the send is an error")
                }
                instruction = session.handle(.lookup(result))
                continue
            case .callback:
                let queue = text(table.queues[Int(instruction.queue)].name)
                // Issue 14 item 7: the number to call, from the flow's variable, else the caller id.
                var number = call.params["From"] ?? ""
                if instruction.slot >= 0, case .string(let given) = session.state.slots[Int(instruction.slot)], !given.isEmpty { number = given }
                let item = OutboxItem(kind: .callback, json: ["flow": call.flow, "queue": queue, "caller": call.params["From"] ?? "",
                                                              "number": number, "called": call.params["To"] ?? "", "call_sid": call.sid,
                                                              "time": Self.iso(Date())])
                do {
                    try await outbox.add(item)
                } catch {
                    logger.error("call \(call.sid): the callback booking could not be written to the outbox: \(error)")
                    return fallback(&call, reason: "outbox")
                }
                metrics.callEnded(call.flow, "callback")
                try? await store.remove(call.sid)
                x.say(Prompts.callbackBooked, voice: config.voice, language: config.language)
                x.empty("Hangup")
            case .hangup:
                if instruction.text >= 0 { play(&x, session, instruction) }
                metrics.callEnded(call.flow, "hangup")
                x.empty("Hangup")
            case .fault:
                logger.error("call \(call.sid): the session faulted: \(session.fault ?? "")")
                return fallback(&call, reason: "fault")
            case .ignored, .hold, .alert:
                logger.error("call \(call.sid): an event that does not apply at node \(session.state.node)")
                return fallback(&call, reason: "event-does-not-apply")
            }
            break
        }
        let body = x.finished
        guard body.utf8.count <= TwiML.limit else {
            logger.error("call \(call.sid): the TwiML response would exceed 64 kB")
            return fallback(&call, reason: "too-large")
        }
        return Reply(status: 200, body: body)
    }

    /// Runs a lookup against its integration; nil when the webhook's budget is spent.
    private func lookup(_ session: inout CallSession, _ instruction: Instruction, _ call: Call) async -> LookupResult? {
        let program = session.program
        let table = program.table
        let name = table.strings[Int(instruction.text)]
        let remaining = Self.seconds(call.deadline - .now)
        guard remaining > Self.budgetMargin else { return nil }
        guard let endpoint = config.integrations.lookups[name] else {
            logger.error("call \(call.sid): no integration '\(name)' is configured; the lookup is an error")
            metrics.lookup("unconfigured")
            return .error
        }
        var timeout = instruction.timeout > 0 ? Double(instruction.timeout) : 5
        if let t = endpoint.timeout { timeout = min(timeout, t) }
        // When what is left of the budget is the shorter wait, a timeout of this request is the
        // budget running out: decided here, not by reading the clock again when it fires (that
        // raced the timer by a fraction of a millisecond; docs/decisions.md, issue 15).
        let budgetBound = remaining - Self.budgetMargin <= timeout
        timeout = min(timeout, remaining - Self.budgetMargin)
        var context: [String: Any] = [:]
        for (slot, variable) in table.variables.enumerated() {
            switch session.state.slots[slot] {
            case .bool(let b): context[table.strings[Int(variable.name)]] = b
            case .number(let n): context[table.strings[Int(variable.name)]] = n
            case .string(let s): context[table.strings[Int(variable.name)]] = s
            }
        }
        var payload: [String: Any] = ["integration": name, "flow": call.flow,
                                      "call": ["sid": call.sid, "from": call.params["From"] ?? "", "to": call.params["To"] ?? ""],
                                      "context": context]
        // The node's `with` variables (issue 14), by name, beside the whole context.
        if instruction.inputCount > 0 {
            var inputs: [String: Any] = [:]
            for k in Int(instruction.inputStart) ..< Int(instruction.inputStart + instruction.inputCount) {
                let slot = Int(table.slotLists[k])
                inputs[table.strings[Int(table.variables[slot].name)]] = context[table.strings[Int(table.variables[slot].name)]]
            }
            payload["with"] = inputs
        }
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        for (header, value) in endpoint.headers { request.headers.add(name: header, value: value) }
        request.body = .bytes(ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data()))
        let status: UInt
        let body: ByteBuffer
        do {
            // The client's timeout ends when the response's head arrives: the body is read under
            // the same deadline, or a slow body would outlast the webhook's budget.
            let until = ContinuousClock.now + .nanoseconds(Int64(timeout * 1e9))
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout * 1e9)))
            status = response.status.code
            body = try await Self.collect(response, until: until)
        } catch {
            if budgetBound && (error as? HTTPClientError) == .deadlineExceeded { return nil }
            if Self.seconds(call.deadline - .now) <= Self.budgetMargin { return nil }
            logger.warning("call \(call.sid): lookup \(name): \(error)")
            metrics.lookup("error")
            return .error
        }
        if status == 404 {
            metrics.lookup("not-found")
            return .notFound
        }
        guard (200..<300).contains(status), let answer = try? JSONDecoder().decode(LookupAnswer.self, from: Data(buffer: body)) else {
            logger.warning("call \(call.sid): lookup \(name): status \(status) or a body that is not {\"found\": ...}")
            metrics.lookup("error")
            return .error
        }
        guard answer.found else {
            metrics.lookup("not-found")
            return .notFound
        }
        // Only the node's `sets` are applied, each type-checked; one bad value makes it an error.
        let node = table.nodes[Int(session.state.node)]
        let sets = Set(table.slotLists[Int(node.listStart) ..< Int(node.listStart + node.listCount)].map(Int.init))
        var values: [(Int, RuntimeValue)] = []
        for (key, raw) in answer.values ?? [:] {
            guard let slot = program.slot(named: key), sets.contains(slot) else { continue }
            let value: RuntimeValue?
            switch raw {
            case .string(let s): value = program.value(s, forSlot: slot)
            case .number(let n): value = .number(n)
            case .bool(let b): value = .bool(b)
            case .other: value = nil
            }
            guard let value, program.accepts(value, slot: slot) else {
                logger.warning("call \(call.sid): lookup \(name): '\(key)' has a value of the wrong type")
                metrics.lookup("error")
                return .error
            }
            values.append((slot, value))
        }
        for (slot, value) in values { try? session.setLookupValue(slot: slot, value) }
        metrics.lookup("found")
        return .found
    }

    /// A response's body (at most 1 MB), or `HTTPClientError.deadlineExceeded` at `until`.
    private static func collect(_ response: HTTPClientResponse, until: ContinuousClock.Instant) async throws -> ByteBuffer {
        try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await response.body.collect(upTo: 1 << 20) }
            group.addTask {
                try? await Task.sleep(until: until, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let body = first else { throw HTTPClientError.deadlineExceeded }
            return body
        }
    }

    /// The Record action: the recording goes to the voicemail integration through the outbox.
    private func recorded(_ session: CallSession, _ call: inout Call) async -> Reply {
        let table = session.program.table
        let node = table.nodes[Int(max(0, session.state.node))]
        guard node.kind == .voicemail else { return fallback(&call, reason: "event-does-not-apply") }
        let p = call.params
        let item = OutboxItem(kind: .voicemail, json: [
            "flow": call.flow, "mailbox": table.strings[Int(node.text)], "recording_url": p["RecordingUrl"] ?? "",
            "duration": Int(p["RecordingDuration"] ?? "") ?? 0, "caller": p["From"] ?? "", "call_sid": call.sid,
            "time": Self.iso(Date()),
        ])
        do {
            try await outbox.add(item)
        } catch {
            logger.error("call \(call.sid): the voicemail could not be written to the outbox: \(error)")
            return fallback(&call, reason: "outbox")
        }
        metrics.callEnded(call.flow, "voicemail")
        return Reply(status: 200, body: finish {
            $0.say(Prompts.messageTaken, voice: config.voice, language: config.language)
            $0.empty("Hangup")
        })
    }

    // MARK: Helpers

    /// The apology, then the fallback number (or hang up): never silence.
    func fallback(_ call: inout Call, reason: String) -> Reply {
        metrics.fault(reason)
        metrics.callEnded(call.flow, "fallback")
        return Reply(status: 200, body: finish { x in
            if let number = config.fallbackNumber {
                x.say(Prompts.apologyDial, voice: config.voice, language: config.language)
                x.element("Dial", [], number)
            } else {
                x.say(Prompts.apologyHangup, voice: config.voice, language: config.language)
                x.empty("Hangup")
            }
        })
    }

    /// What a webhook keeps of its budget to answer with the fallback TwiML (seconds).
    static let budgetMargin = 0.05

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func finish(_ build: (inout TwiML) -> Void) -> String {
        var x = TwiML()
        build(&x)
        return x.finished
    }

    private func url(_ step: String, _ token: String) -> String { config.base + "/call/" + step + "?s=" + token }

    /// The next token of the call (its sequence one higher).
    private func makeToken(_ session: CallSession, _ call: inout Call) -> String {
        call.sequence &+= 1
        let expiry = UInt32(clamping: Int(Date().timeIntervalSince1970 + config.sessionTTL))
        return SessionToken(state: session.state, sequence: call.sequence, expiry: expiry)
            .encoded(mac: mac, callSid: call.sid, defaults: session.program.defaults)
    }

    private func decode(_ text: String, sid: String, now: Date) throws(SessionToken.Failure) -> SessionToken {
        try SessionToken.decode(text, mac: mac, callSid: sid, now: now) { library.version($0)?.program.defaults }
    }

    /// With `--test-clock`, `X-Callflow-Clock` (local time in the flow's zone) fixes the call's clock.
    private func testTime(_ clock: String?, _ loaded: TableLibrary.Loaded) -> Date? {
        guard config.testClock, let clock else { return nil }
        return LocalClock.cachedInstant(clock, zone: loaded.zone ?? TimeZone(identifier: "UTC")!)
    }

    static func builtInSlots(_ table: RoutingTable) -> [Int] {
        let b = table.builtIns
        return [b.callFailures, b.callPriority, b.queueName, b.queueWait, b.queueDepth].map(Int.init)
    }

    static func iso(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// `YYYY-MM-DDTHH:MM[:SS]` in a zone (as a scenario's `at`), or an instant ending in `Z`.
enum LocalClock {
    static func instant(_ text: String, zone: TimeZone) -> Date? {
        var body = text
        var zone = zone
        if body.hasSuffix("Z") {
            body.removeLast()
            zone = TimeZone(identifier: "UTC")!
        }
        let parts = body.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard day.count == 3, clock.count == 2 || clock.count == 3, let year = day[0], let month = day[1], let dayOfMonth = day[2],
              let hour = clock[0], let minute = clock[1], (1...12).contains(month), (1...31).contains(dayOfMonth),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        let second = clock.count == 3 ? (clock[2] ?? 60) : 0
        guard second < 60 else { return nil }
        return calendar(zone).date(from: DateComponents(year: year, month: month, day: dayOfMonth, hour: hour, minute: minute, second: second))
    }

    /// As `instant(_:zone:)`, remembered: a test or a benchmark sends the same few clock texts
    /// again and again, and reading one through `Calendar` was a fortieth of a new call.
    static func cachedInstant(_ text: String, zone: TimeZone) -> Date? {
        let key = zone.identifier + " " + text
        if let known = instants.withLock({ $0[key] }) { return known }
        guard let date = instant(text, zone: zone) else { return nil }
        instants.withLock { cache in
            if cache.count >= 256 { cache.removeAll(keepingCapacity: true) }
            cache[key] = date
        }
        return date
    }

    private static let instants = Mutex<[String: Date]>([:])

    /// A Gregorian calendar in `zone`, made once per zone (making one was a tenth of a new call).
    static func calendar(_ zone: TimeZone) -> Calendar {
        calendars.withLock { cache in
            if let calendar = cache[zone.identifier] { return calendar }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            if cache.count < 64 { cache[zone.identifier] = calendar }
            return calendar
        }
    }

    private static let calendars = Mutex<[String: Calendar]>([:])
}

/// A lookup integration's answer: `{"found": true, "values": {...}}` or `{"found": false}`.
struct LookupAnswer: Decodable {
    enum Value: Decodable {
        case bool(Bool), number(Double), string(String), other

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let b = try? container.decode(Bool.self) { self = .bool(b) }
            else if let n = try? container.decode(Double.self) { self = .number(n) }
            else if let s = try? container.decode(String.self) { self = .string(s) }
            else { self = .other }
        }
    }

    var found: Bool
    var values: [String: Value]?
}
