/// `slow-path-to-human`: a caller who says and presses nothing waits too long for a person.
public enum SlowPathToHuman: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "slow-path-to-human",
        severity: .warning,
        summary: "a silent caller needs longer than a limit (default 120 s) to reach a human from a menu or collect",
        explanation: """
        Some callers cannot use the keypad or the speech recognizer: a rotary or hands-free phone, \
        a hearing or speech impairment, a caller in distress, a bad line. The flow must still get \
        them to a person, and soon. This check walks the flow as a caller who presses nothing and \
        says nothing, from every reachable menu and collect, and adds up the time: a menu or collect \
        plays its prompt `retries + 1` times at 2.5 words a second and waits its `timeout` after \
        each play, then takes `no_input`; a `say` plays its prompt once and takes `next`; a `set` \
        costs nothing; at `hours`, `switch` and `lookup` nodes the slowest outcome counts, and a \
        lookup also costs its `timeout`; a queue, transfer, voicemail or callback ends the walk (a \
        person is reached, so queue waits are not counted); a hangup never reaches a person, nor \
        does a silent path that comes back to a node it passed. Every silence counts in \
        `call.failures` (the walk counts them exactly, from any count the caller arrives with) and \
        `failure` rules are tried at each: where one of them must hold (`call.failures >= 3` on the \
        third silence), the walk goes where the rule sends the caller; a rule that only may hold \
        (it depends on who calls) is not counted on. The finding is at the menu or collect, with \
        notes giving the time node by node along the slowest path. Shorten the prompts, lower \
        `retries` or `timeout`, or send `no_input` (or `fallback`) straight to a queue or transfer. \
        The limit is the option `limit` (default 120s).
        """,
        failingExample: """
        callflow: 1
        name: slow
        start: main
        nodes:
          ↓main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            timeout: 30s
            retries: 5
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: quick
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        options: [CheckOption("limit", default: .duration(Duration(seconds: 120)),
                              help: "the longest a silent caller may take from a menu or collect to a human")])

    /// Times are kept in tenths of a second: a word takes 0.4 s, so every sum is exact.
    static let tenthsPerWord = 4
    static let infinite = Int.max

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let limit = context.duration("limit", of: descriptor).seconds * 10
        var walk = SilentWalk(context.steps)
        // Each reported node's slowest state first, so a long path can stop at a state whose own
        // finding shows the rest (a ring of menus costs each finding a few notes, not the ring).
        var reported: [(node: Int, total: Int, root: Int)] = []
        for node in 0..<graph.count where graph.kindClass[node] == .callerFacing && context.reachable[node] {
            let (total, root) = walk.worst(from: node)
            if total > limit { reported.append((node, total, root)) }
        }
        let reportedStates = Set(reported.map(\.root))
        var findings: [Diagnostic] = []
        for (node, total, root) in reported {
            let what = "\(graph.nodes[node].kind.name) '\(graph.id(node))'"
            let message = total == infinite
                ? "a silent caller never reaches a human from \(what)"
                : "a silent caller needs \(seconds(total)) to reach a human from \(what) (limit \(seconds(limit)))"
            findings.append(Diagnostic(descriptor, message, at: graph.nodes[node].id.range,
                                       notes: walk.breakdown(from: root, reported: reportedStates)))
        }
        return findings
    }

    /// `168 s`, `24.4 s`.
    static func seconds(_ tenths: Int) -> String {
        tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }

    /// Words of a prompt: runs between white space that hold a letter or digit. Counted on the
    /// UTF-8 bytes (any non-ASCII byte counts as a letter): every prompt of a flow goes through here.
    static func words(_ text: String) -> Int {
        // On the string's own bytes: iterating `utf8` cost five times as much (issue 17).
        var text = text
        return text.withUTF8 { words(bytes: $0) }
    }

    private static func words(bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false, wordHasLetter = false
        for byte in bytes {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace {
                if inWord && wordHasLetter { count += 1 }
                inWord = false
                wordHasLetter = false
                continue
            }
            inWord = true
            if byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) {
                wordHasLetter = true
            }
        }
        return inWord && wordHasLetter ? count + 1 : count
    }

    /// The silent caller's walk over states (node, `call.failures` so far), the count told
    /// apart up to `RuleFiring.failureCountCap` (above it every count behaves alike): the time from
    /// every state to a human, memoized, each state and move handled once.
    struct SilentWalk {
        let steps: NextSteps
        var graph: FlowGraph { steps.graph }
        /// Counts per node: 1 when no failure rule exists (the count changes nothing).
        let counts: Int
        /// Tenths of a second from each state to a human (`infinite`: never); -1 while unknown.
        private var total: [Int]
        /// The move taken on the slowest path (-1 at the end of the walk). This and `noteCounts`
        /// are 32-bit: a move's position and a count of states fit, and the check runs beside
        /// others at the lint's memory peak (issue 17).
        private var slowest: [Int32]
        /// Notes the slowest path from each state gives in full (-1 until asked).
        private var noteCounts: [Int32]
        /// Where each failure rule stands in the order its rules are tried.
        private let rulePosition: [Int: Int]

        /// One way on for a silent caller: the next state, what it costs here, and how.
        struct Move {
            var next: Int
            var cost: Int
            /// Silences at a menu or collect before leaving (0 elsewhere).
            var silences: Int
            /// The failure rule that fires, if the move is one.
            var rule: Int?
        }

        init(_ steps: NextSteps) {
            self.steps = steps
            counts = steps.firing.failuresAt.isEmpty ? 1 : steps.firing.failureCountCap + 1
            total = [Int](repeating: -1, count: steps.count * counts)
            slowest = [Int32](repeating: -1, count: steps.count * counts)
            noteCounts = [Int32](repeating: -1, count: steps.count * counts)
            var positions: [Int: Int] = [:]
            for (position, rule) in (steps.firing.rules[.failure] ?? []).enumerated() { positions[rule] = position }
            rulePosition = positions
        }

        /// The slowest time from `node` over every count the caller can arrive with, and the
        /// state it is reached from.
        mutating func worst(from node: Int) -> (time: Int, state: Int) {
            var best = (time: -1, state: node * counts)
            for failures in 0..<counts {
                let state = node * counts + failures
                let time = self.time(state)
                if time > best.time { best = (time, state) }
            }
            return best
        }

        /// What one play of a menu's or collect's prompt and its wait cost, in tenths of a second.
        func playCost(_ node: Int) -> (cost: Int, retries: Int)? {
            switch graph.nodes[node].kind {
            case .menu(let menu):
                return (SlowPathToHuman.words(menu.prompt, in: graph.flow) * tenthsPerWord + menu.effectiveTimeout.seconds * 10, menu.effectiveRetries)
            case .collect(let collect):
                return (SlowPathToHuman.words(collect.prompt, in: graph.flow) * tenthsPerWord + collect.effectiveTimeout.seconds * 10,
                        collect.effectiveRetries)
            default:
                return nil
            }
        }

        /// What the node itself costs a silent caller who passes it (not a menu or collect).
        func cost(_ node: Int) -> Int {
            switch graph.nodes[node].kind {
            case .say(let prompt): return SlowPathToHuman.words(prompt, in: graph.flow) * tenthsPerWord
            case .lookup(let lookup): return lookup.effectiveTimeout.seconds * 10
            default: return 0
            }
        }

        /// Where a silent caller can go from `state`. At a menu or collect each silence is
        /// counted and the failure rules are tried with that count: when one must hold, the
        /// caller goes where the ones that can fire send it; after the last play, `no_input`.
        /// Missing outcomes are `dead-end`'s business.
        func moves(_ state: Int) -> [Move] {
            let node = state / counts, failures = state % counts
            let list = steps[node]
            if let (play, retries) = playCost(node) {
                let plays = retries + 1
                // Counts past the cap behave as the cap does: a rule that did not have to fire by
                // then never has to (and `retries` may be huge).
                for silence in 1...min(plays, steps.firing.failureCountCap + 1) where !steps.firing.failuresAt.isEmpty {
                    let count = failures + silence
                    guard let holding = steps.firing.failure(at: count), holding.mustHoldOne else { continue }
                    let next = min(count, counts - 1)
                    return list.compactMap { step in
                        guard step.cause == .rule, let rule = step.rule, let position = rulePosition[rule],
                              holding.canWin[position] else { return nil }
                        return Move(next: step.target * counts + next, cost: silence * play, silences: silence, rule: rule)
                    }
                }
                let next = min(failures + plays, counts - 1)
                return list.compactMap { step in
                    steps.isOutcome(step, "no_input")
                        ? Move(next: step.target * counts + next, cost: plays * play, silences: plays) : nil
                }
            }
            switch graph.kindClass[node] {
            case .liveHuman, .deferredHuman, .end: return []
            default:
                let here = cost(node)
                return list.filter(\.isUnchosen).map { Move(next: $0.target * counts + failures, cost: here, silences: 0) }
            }
        }

        static func add(_ a: Int, _ b: Int) -> Int {
            a == infinite || b == infinite ? infinite : a + b
        }

        /// The time from `root` to a human: an iterative depth-first search over states not yet
        /// known. A state still on the stack closes a silent cycle: the caller goes round forever.
        mutating func time(_ root: Int) -> Int {
            if total[root] >= 0 { return total[root] }
            var onStack = Set<Int>()
            var frames: [(state: Int, moves: [Move], move: Int, worst: Int, choice: Int)] = []
            onStack.insert(root)
            frames.append((root, moves(root), 0, 0, -1))
            while let top = frames.indices.last {
                let frame = frames[top]
                if frame.move < frame.moves.count {
                    let move = frame.moves[frame.move]
                    frames[top].move += 1
                    let through: Int
                    if total[move.next] >= 0 {
                        through = Self.add(move.cost, total[move.next])
                    } else if onStack.contains(move.next) {
                        through = infinite
                    } else {
                        onStack.insert(move.next)
                        frames.append((move.next, moves(move.next), 0, 0, -1))
                        continue
                    }
                    if through > frames[top].worst || frames[top].choice < 0 {
                        (frames[top].worst, frames[top].choice) = (through, frame.move)
                    }
                    continue
                }
                frames.removeLast()
                let state = frame.state
                let node = state / counts
                switch graph.kindClass[node] {
                case .liveHuman, .deferredHuman: total[state] = 0
                case .end: total[state] = infinite
                default: total[state] = frame.choice < 0 ? infinite : frame.worst
                }
                slowest[state] = Int32(frame.choice)
                onStack.remove(state)
                if let parent = frames.indices.last {
                    let move = frames[parent].moves[frames[parent].move - 1]
                    let through = Self.add(move.cost, total[state])
                    if through > frames[parent].worst || frames[parent].choice < 0 {
                        (frames[parent].worst, frames[parent].choice) = (through, frames[parent].move - 1)
                    }
                }
            }
            return total[root]
        }

        /// The state a silent caller goes to from `state` on the slowest path (-1: none).
        func next(_ state: Int) -> Int {
            let choice = Int(slowest[state])
            return choice >= 0 ? moves(state)[choice].next : -1
        }

        /// How many notes the slowest path from `start` gives in full: one per state until it
        /// ends, or until it comes back to a state it passed (the "again" note counted). Walks
        /// each state once however many findings ask, so a ring of menus stays linear.
        mutating func noteCount(from start: Int) -> Int {
            if noteCounts[start] >= 0 { return Int(noteCounts[start]) }
            var path: [Int] = [], position: [Int: Int] = [:]
            var state = start
            while state >= 0 && noteCounts[state] < 0 && position[state] == nil {
                position[state] = path.count
                path.append(state)
                state = next(state)
            }
            var onward: Int
            if state >= 0, let first = position[state] {
                // A cycle: each of its states passes every state of it, then says "again".
                let cycle = path[first...]
                for member in cycle { noteCounts[member] = Int32(cycle.count + 1) }
                onward = cycle.count + 1
                path.removeLast(cycle.count)
            } else {
                onward = state >= 0 ? Int(noteCounts[state]) : 0
            }
            for member in path.reversed() {
                onward += 1
                noteCounts[member] = Int32(onward)
            }
            return Int(noteCounts[start])
        }

        /// One note per node along the slowest silent path from `start` (a state), at most
        /// `Diagnostic.noteLimit`: a longer path stops at the first state with a finding of its
        /// own (`reported`), which shows the rest, or else says how many nodes are left.
        mutating func breakdown(from start: Int, reported: Set<Int>) -> [DiagnosticNote] {
            var notes: [DiagnosticNote] = []
            var visited = Set<Int>()
            var state = start
            let full = noteCount(from: start)
            let long = full > Diagnostic.noteLimit + 1
            while state >= 0 {
                let node = state / counts
                if long, state != start, reported.contains(state), !visited.contains(state) {
                    notes.append(DiagnosticNote("then '\(graph.id(node))', whose own finding shows the rest of the path "
                        + "(\(Diagnostic.grouped(full - notes.count)) more nodes)", at: graph.nodes[node].id.range))
                    break
                }
                if long, notes.count == Diagnostic.noteLimit {
                    notes.append(Diagnostic.moreNote(full - Diagnostic.noteLimit, "nodes on this path"))
                    break
                }
                let id = "'\(graph.id(node))'"
                let range = graph.nodes[node].id.range
                guard visited.insert(state).inserted else {
                    notes.append(DiagnosticNote("\(id) again: the silent caller goes round this loop forever", at: range))
                    break
                }
                let choice = Int(slowest[state])
                let move = choice >= 0 ? moves(state)[choice] : nil
                let onward = move.map { ", then '\(graph.id($0.next / counts))'" } ?? ""
                let text: String
                switch graph.nodes[node].kind {
                case .menu(let menu):
                    text = Self.playing(id, words: SlowPathToHuman.words(menu.prompt, in: graph.flow), plays: move?.silences ?? menu.effectiveRetries + 1,
                                        timeout: menu.effectiveTimeout.seconds) + reason(move, failures: state % counts)
                case .collect(let collect):
                    text = Self.playing(id, words: SlowPathToHuman.words(collect.prompt, in: graph.flow),
                                        plays: move?.silences ?? collect.effectiveRetries + 1,
                                        timeout: collect.effectiveTimeout.seconds) + reason(move, failures: state % counts)
                case .say:
                    text = "\(id) plays its prompt once: \(seconds(cost(node)))"
                case .set:
                    text = "\(id) sets variables: 0 s"
                case .lookup(let lookup):
                    text = "\(id) waits up to its \(lookup.effectiveTimeout.seconds) s timeout and takes its slowest outcome"
                case .send:
                    text = "\(id) posts its variables: 0 s"
                case .switch, .hours:
                    text = "\(id) takes its slowest outcome: 0 s"
                case .queue, .transfer:
                    text = "\(id) reaches a live human"
                case .voicemail, .callback:
                    text = "\(id) reaches a deferred human"
                case .hangup:
                    text = "\(id) hangs up: no human is reached"
                }
                notes.append(DiagnosticNote(text + onward, at: range))
                state = move?.next ?? -1
            }
            return notes
        }

        /// How a menu or collect is left: ` (no_input)`, or the rule that fires and on which silence.
        private func reason(_ move: Move?, failures: Int) -> String {
            guard let move, let rule = move.rule else { return " (no_input)" }
            let count = failures + move.silences
            let atCount = count >= counts - 1 && counts > 1 && failures > 0 ? "\(count) or more" : "\(count)"
            return "; rule '\(graph.flow.escalations[rule].name.value)' fires at call.failures = \(atCount)"
        }

        /// "'main' plays its prompt 3 times (24 s) and waits 3 × 5 s: 39 s".
        static func playing(_ id: String, words: Int, plays: Int, timeout: Int) -> String {
            let prompt = plays * words * tenthsPerWord
            let times = plays == 1 ? "once" : plays == 2 ? "twice" : "\(plays) times"
            return "\(id) plays its prompt \(times) (\(seconds(prompt))) and waits \(plays) × \(timeout) s: "
                + seconds(prompt + plays * timeout * 10)
        }
    }
}
