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
        does a silent path that comes back to a node it passed. Escalation rules are not counted: \
        a silent caller is assumed not to trigger them. The finding is at the menu or collect, with \
        notes giving the time node by node along the slowest path. Shorten the prompts, lower \
        `retries` or `timeout`, or send `no_input` (or `fallback`) straight to a queue or transfer. \
        The limit is the option `limit` (default 120s).
        """,
        failingExample: """
        callflow: 1
        name: slow
        start: main
        nodes:
          main:
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
        let walk = SilentWalk(graph)
        let counts = walk.noteCounts
        let reported = (0..<graph.count).map { graph.kindClass[$0] == .callerFacing && context.reachable[$0] && walk.time(from: $0) > limit }
        var findings: [Diagnostic] = []
        for node in 0..<graph.count where reported[node] {
            let total = walk.time(from: node)
            let what = "\(graph.nodes[node].kind.name) '\(graph.id(node))'"
            let message = total == infinite
                ? "a silent caller never reaches a human from \(what)"
                : "a silent caller needs \(seconds(total)) to reach a human from \(what) (limit \(seconds(limit)))"
            findings.append(Diagnostic(descriptor, message, at: graph.nodes[node].id.range,
                                       notes: walk.breakdown(from: node, noteCounts: counts, reported: reported)))
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
        var count = 0
        var inWord = false, wordHasLetter = false
        for byte in text.utf8 {
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

    /// The silent caller's walk: the time from every node to a human, memoized.
    struct SilentWalk {
        let graph: FlowGraph
        /// Tenths of a second from each node to a human (`infinite`: never); -1 while unknown.
        private(set) var total: [Int]
        /// The successor on the slowest path, -1 at the end of the walk.
        private(set) var slowest: [Int]

        init(_ graph: FlowGraph) {
            self.graph = graph
            total = [Int](repeating: -1, count: graph.count)
            slowest = [Int](repeating: -1, count: graph.count)
            computeAll()
        }

        func time(from node: Int) -> Int { total[node] }

        /// What the node itself costs a silent caller, in tenths of a second.
        func cost(_ node: Int) -> Int {
            switch graph.nodes[node].kind {
            case .menu(let menu):
                let plays = menu.effectiveRetries + 1
                return plays * (SlowPathToHuman.words(menu.prompt.value) * tenthsPerWord + menu.effectiveTimeout.seconds * 10)
            case .collect(let collect):
                let plays = collect.effectiveRetries + 1
                return plays * (SlowPathToHuman.words(collect.prompt.value) * tenthsPerWord + collect.effectiveTimeout.seconds * 10)
            case .say(let prompt):
                return SlowPathToHuman.words(prompt.value) * tenthsPerWord
            case .lookup(let lookup):
                return lookup.effectiveTimeout.seconds * 10
            default:
                return 0
            }
        }

        /// Where a silent caller can go next. Missing outcomes are `dead-end`'s business.
        func silentSuccessors(_ node: Int) -> [Int] {
            switch graph.nodes[node].kind {
            case .menu, .collect: return graph.edges[node].filter { $0.label == "no_input" }.map(\.target)
            case .say, .set: return graph.edges[node].filter { $0.label == "next" }.map(\.target)
            case .switch, .hours, .lookup: return graph.edges[node].map(\.target)
            case .queue, .transfer, .voicemail, .callback, .hangup: return []
            }
        }

        static func add(_ a: Int, _ b: Int) -> Int {
            a == infinite || b == infinite ? infinite : a + b
        }

        /// Iterative depth-first search, each node and edge once. A successor still on the stack
        /// closes a silent cycle: the caller goes round forever.
        private mutating func computeAll() {
            var state = [UInt8](repeating: 0, count: graph.count) // 0 new, 1 on the stack, 2 done
            var frames: [(node: Int, next: [Int], edge: Int, worst: Int, choice: Int)] = []
            for root in 0..<graph.count where state[root] == 0 {
                state[root] = 1
                frames.append((root, silentSuccessors(root), 0, 0, -1))
                while let top = frames.indices.last {
                    let frame = frames[top]
                    if frame.edge < frame.next.count {
                        let next = frame.next[frame.edge]
                        frames[top].edge += 1
                        switch state[next] {
                        case 0:
                            state[next] = 1
                            frames.append((next, silentSuccessors(next), 0, 0, -1))
                        case 1:
                            if frames[top].worst != infinite { (frames[top].worst, frames[top].choice) = (infinite, next) }
                        default:
                            if total[next] > frames[top].worst || frames[top].choice < 0 {
                                (frames[top].worst, frames[top].choice) = (total[next], next)
                            }
                        }
                        continue
                    }
                    frames.removeLast()
                    let node = frame.node
                    let ends: Int
                    switch graph.kindClass[node] {
                    case .liveHuman, .deferredHuman: ends = 0
                    case .end: ends = infinite
                    default: ends = frame.worst
                    }
                    total[node] = Self.add(cost(node), ends)
                    slowest[node] = frame.choice
                    state[node] = 2
                    if let parent = frames.indices.last {
                        if total[node] > frames[parent].worst || frames[parent].choice < 0 {
                            (frames[parent].worst, frames[parent].choice) = (total[node], node)
                        }
                    }
                }
            }
        }

        /// Nodes on the slowest silent path from each node, counted until it ends or comes
        /// back to a node it passed (the loop's "again" note included): one pass over all nodes.
        var noteCounts: [Int] {
            var notes = [Int](repeating: -1, count: graph.count)
            var state = [UInt8](repeating: 0, count: graph.count) // 0 new, 1 on the path, 2 done
            var position = [Int](repeating: -1, count: graph.count)
            for root in 0..<graph.count where state[root] == 0 {
                var path: [Int] = []
                var node = root
                while node >= 0 && state[node] == 0 {
                    state[node] = 1
                    position[node] = path.count
                    path.append(node)
                    node = slowest[node]
                }
                var onward: Int
                if node >= 0 && state[node] == 1 {
                    // A cycle: each of its nodes passes every node of it, then says "again".
                    let cycle = Array(path[position[node]...])
                    for member in cycle { notes[member] = cycle.count + 1; state[member] = 2 }
                    path.removeLast(cycle.count)
                    onward = cycle.count + 1
                } else {
                    onward = node >= 0 ? notes[node] : 0
                }
                for member in path.reversed() {
                    onward += 1
                    notes[member] = onward
                    state[member] = 2
                }
            }
            return notes
        }

        /// One note per node along the slowest silent path from `start`, at most
        /// `Diagnostic.noteLimit`, then how many more nodes the path has.
        /// A path longer than that stops at the first node with its own finding (`reported`),
        /// which shows the rest: so a ring of menus costs each finding a few notes, not the ring.
        func breakdown(from start: Int, noteCounts: [Int], reported: [Bool]) -> [DiagnosticNote] {
            var notes: [DiagnosticNote] = []
            var visited = Set<Int>()
            var node = start
            let long = noteCounts[start] > Diagnostic.noteLimit + 1
            while node >= 0 {
                if long, node != start, reported[node], !visited.contains(node) {
                    notes.append(DiagnosticNote("then '\(graph.id(node))', whose own finding shows the rest of the path "
                        + "(\(Diagnostic.grouped(noteCounts[start] - notes.count)) more nodes)", at: graph.nodes[node].id.range))
                    break
                }
                if notes.count == Diagnostic.noteLimit {
                    let total = noteCounts[start]
                    if total > Diagnostic.noteLimit + 1 {
                        notes.append(Diagnostic.moreNote(total - Diagnostic.noteLimit, "nodes on this path"))
                        break
                    }
                }
                let id = "'\(graph.id(node))'"
                let range = graph.nodes[node].id.range
                guard visited.insert(node).inserted else {
                    notes.append(DiagnosticNote("\(id) again: the silent caller goes round this loop forever", at: range))
                    break
                }
                let next = slowest[node]
                let onward = next >= 0 ? ", then '\(graph.id(next))'" : ""
                let text: String
                switch graph.nodes[node].kind {
                case .menu(let menu):
                    text = Self.playing(id, words: SlowPathToHuman.words(menu.prompt.value), retries: menu.effectiveRetries,
                                        timeout: menu.effectiveTimeout.seconds) + " (no_input)"
                case .collect(let collect):
                    text = Self.playing(id, words: SlowPathToHuman.words(collect.prompt.value), retries: collect.effectiveRetries,
                                        timeout: collect.effectiveTimeout.seconds) + " (no_input)"
                case .say:
                    text = "\(id) plays its prompt once: \(seconds(cost(node)))"
                case .set:
                    text = "\(id) sets variables: 0 s"
                case .lookup(let lookup):
                    text = "\(id) waits up to its \(lookup.effectiveTimeout.seconds) s timeout and takes its slowest outcome"
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
                node = next
            }
            return notes
        }

        /// "'main' plays its prompt 3 times (24 s) and waits 3 × 5 s: 39 s".
        static func playing(_ id: String, words: Int, retries: Int, timeout: Int) -> String {
            let plays = retries + 1
            let prompt = plays * words * tenthsPerWord
            let times = plays == 1 ? "once" : plays == 2 ? "twice" : "\(plays) times"
            return "\(id) plays its prompt \(times) (\(seconds(prompt))) and waits \(plays) × \(timeout) s: "
                + seconds(prompt + plays * timeout * 10)
        }
    }
}
