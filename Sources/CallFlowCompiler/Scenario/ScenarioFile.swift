import CallFlowRuntime
import Foundation

/// A scenario test file: the flow it tests and its scenarios (the form is in
/// grammar/scenario.schema.json and docs/language.md).
///
/// A scenario file goes through the same diagnostics as a flow: every mistake is a finding with
/// its file, line and column (did-you-mean for a misspelt key or event), all reported at once. A
/// mistake inside one test fails that test only; a mistake in the file's own keys (no `flow`,
/// `tests` not a list) stops the file.
public struct ScenarioFile: Sendable {
    public struct Scenario: Sendable {
        public var name: String
        public var line: Int
        /// Local time of the call; nil when the test gives none (only a flow without schedules
        /// can run such a test: there the time decides nothing).
        public var at: String?
        public var context: [(name: String, text: String)]
        public var events: [SimulatedEvent]
        public var expect: CallEnding?
        public var path: [String]?
        /// True when the test has mistakes of its own (reported as findings): it fails unrun.
        public var broken = false
        /// What must happen on the way, besides where the call ends.
        public var along = Along()
    }

    /// Expectations on the instructions a call gives on its way (`alerts`, `priority`, `says`).
    public struct Along: Sendable, Equatable {
        /// Whether a supervisor alert must (true) or must not (false) be raised.
        public var alerts: Bool?
        /// The priority the call's last enqueue carries.
        public var priority: Int?
        /// Texts each heard as part of some prompt (a say, a menu or collect prompt, a goodbye).
        public var says: [String] = []

        public init(alerts: Bool? = nil, priority: Int? = nil, says: [String] = []) {
            self.alerts = alerts
            self.priority = priority
            self.says = says
        }
    }

    public var path: String
    /// The flow's path, resolved against the scenario file's folder.
    public var flow: String
    public var scenarios: [Scenario]

    /// Why a scenario file cannot be run: its findings, as values (the message shows the first).
    public enum LoadError: Error, CustomStringConvertible, Sendable {
        case unrunnable(path: String, findings: [Diagnostic])

        public var description: String {
            switch self {
            case .unrunnable(let path, let findings):
                guard let first = findings.first else { return "\(path): cannot be read" }
                return "\(first.range.file):\(first.range.start.line):\(first.range.start.column): \(first.message)"
            }
        }
    }

    /// What reading a scenario file gave: the file (nil when it cannot be run at all) and every
    /// finding, sorted.
    public struct Loaded: Sendable {
        public var file: ScenarioFile?
        public var diagnostics: [Diagnostic]
        public var source: SourceFile?
    }

    static let topKeys = ["flow", "tests", "description"]
    static let testKeys = ["name", "description", "at", "context", "events", "expect", "path", "alerts", "priority", "says", "language"]
    static let endings = ["queue", "transfer", "voicemail", "callback", "hangup"]

    /// Whether `source` is a scenario file: a mapping with a top-level `tests` key.
    public static func isScenarioFile(_ source: SourceFile) -> Bool {
        guard let root = YAMLLoader().load(source).root else { return false }
        return root.pair(forKey: "tests") != nil
    }

    /// Reads a scenario file; a file that cannot be run throws with its findings in the message.
    public static func load(path: String) throws(LoadError) -> ScenarioFile {
        let loaded = read(path: path)
        if let file = loaded.file { return file }
        throw .unrunnable(path: path, findings: loaded.diagnostics)
    }

    /// Reads the scenario file at `path`, collecting every finding.
    public static func read(path: String) -> Loaded {
        let source: SourceFile
        do { source = try SourceReader().read(path) } catch {
            return Loaded(file: nil, diagnostics: [Diagnostic(.inputLimit, error.description, at: SourceRange(file: path, line: 1, column: 1))])
        }
        return parse(source)
    }

    /// Reads a scenario file held in memory, collecting every finding.
    public static func parse(_ source: SourceFile) -> Loaded {
        let path = source.path
        let loaded = YAMLLoader().load(source)
        var diagnostics = loaded.diagnostics
        if diagnostics.contains(where: { $0.severity == .error }) { return Loaded(file: nil, diagnostics: diagnostics.sorted(by: Diagnostic.printOrder), source: source) }
        guard let root = loaded.root, let topPairs = root.mappingPairs else {
            diagnostics.append(Diagnostic(.invalidValue, "a scenario file is a mapping with `flow: FILE` and `tests: [...]`",
                                          at: loaded.root?.range ?? SourceRange(file: path, line: 1, column: 1)))
            return Loaded(file: nil, diagnostics: diagnostics, source: source)
        }
        func invalid(_ node: YAMLNode, _ message: String) {
            diagnostics.append(Diagnostic(.invalidValue, message, at: node.range))
        }
        func unknownKey(_ key: YAMLNode, _ candidates: [String], _ place: String) {
            let text = key.scalarText ?? "?"
            diagnostics.append(Diagnostic(.unknownKey, "unknown key '\(text)' \(place)\(Suggestion.hint(for: text, in: candidates)) (keys: \(candidates.joined(separator: ", ")))",
                                          at: key.range))
        }
        var fileUsable = true
        for pair in topPairs where !topKeys.contains(pair.key.scalarText ?? "") {
            unknownKey(pair.key, topKeys, "in a scenario file")
        }
        var flow = ""
        if let flowNode = root.pair(forKey: "flow")?.value, let flowText = flowNode.scalarText, !flowText.isEmpty {
            let folder = (path as NSString).deletingLastPathComponent
            flow = flowText.hasPrefix("/") || folder.isEmpty ? flowText : folder + "/" + flowText
        } else {
            invalid(root.pair(forKey: "flow")?.value ?? topPairs.first?.key ?? root, "a scenario file needs `flow: FILE`, the flow it tests")
            fileUsable = false
        }
        var scenarios: [Scenario] = []
        if let tests = root.pair(forKey: "tests")?.value.sequenceItems, tests.isEmpty {
            invalid(root.pair(forKey: "tests")!.value, "`tests` is empty: a scenario file has at least one test")
            fileUsable = false
        } else if let tests = root.pair(forKey: "tests")?.value.sequenceItems {
            for test in tests {
                var problems = 0
                func problem(_ node: YAMLNode, _ message: String) {
                    invalid(node, message)
                    problems += 1
                }
                guard let pairs = test.mappingPairs else {
                    problem(test, "a test is a mapping with `name`, `events` and `expect`")
                    scenarios.append(Scenario(name: "test at line \(test.range.start.line)", line: test.range.start.line, at: nil,
                                              context: [], events: [], expect: nil, path: nil, broken: true))
                    continue
                }
                var name: String?, at: String?, context: [(String, String)] = [], events: [SimulatedEvent] = []
                var expect: CallEnding?, expected: [String]?, along = Along()
                for pair in pairs {
                    let value = pair.value
                    switch pair.key.scalarText ?? "" {
                    case "name":
                        if let text = value.scalarText, !text.isEmpty { name = text } else { problem(value, "a test's `name` is text") }
                    case "at":
                        if let text = value.scalarText, LocalTime.instant(text, zone: nil) != nil { at = text } else {
                            problem(value, "`at` is a local time YYYY-MM-DDTHH:MM, such as 2026-11-24T10:00")
                        }
                    case "description": break
                    case "language":
                        // The call's language: `call.language`, checked against the flow's languages when it runs.
                        if let text = value.scalarText, !text.isEmpty { context.append(("call.language", text)) } else {
                            problem(value, "`language` is one of the flow's languages, such as es-US")
                        }
                    case "context":
                        guard let items = value.mappingPairs else { problem(value, "`context` maps variables to values"); continue }
                        for item in items {
                            guard let key = item.key.scalarText, let text = item.value.scalarText else { problem(item.value, "a context value is a scalar"); continue }
                            if let refusal = CallSimulator.contextProblem(key) { problem(item.key, refusal); continue }
                            context.append((key, text))
                        }
                    case "events":
                        guard let items = value.sequenceItems else { problem(value, "`events` is a list"); continue }
                        for item in items {
                            switch event(item) {
                            case .success(let parsed): events.append(parsed)
                            case .failure(let failure): problem(failure.node, failure.message)
                            }
                        }
                    case "expect":
                        guard let items = value.mappingPairs, items.count == 1, let kind = items[0].key.scalarText,
                              endings.contains(kind), let text = items[0].value.scalarText else {
                            var hint = ""
                            if let kind = value.mappingPairs?.first?.key.scalarText { hint = Suggestion.hint(for: kind, in: endings) }
                            problem(value, "`expect` is one of {queue: name}, {transfer: target}, {voicemail: box}, {callback: queue}, {hangup: true}\(hint)")
                            continue
                        }
                        expect = CallEnding(kind, text)
                    case "alerts":
                        guard let text = value.scalarText, text == "true" || text == "false" else { problem(value, "`alerts` is true or false"); continue }
                        along.alerts = text == "true"
                    case "priority":
                        guard let text = value.scalarText, let priority = Int(text), (0...100).contains(priority) else {
                            problem(value, "`priority` is a whole number from 0 to 100 (the priority of the call's last enqueue)")
                            continue
                        }
                        along.priority = priority
                    case "says":
                        let items = value.scalarText.map { _ in [value] } ?? value.sequenceItems.map(Array.init) ?? []
                        let texts = items.compactMap { $0.scalarText }.filter { !$0.isEmpty }
                        guard !texts.isEmpty, texts.count == items.count else {
                            problem(value, "`says` is a text, or a list of texts, heard in the call's prompts")
                            continue
                        }
                        along.says = texts
                    case "path":
                        guard let items = value.sequenceItems else { problem(value, "`path` is a list of node ids"); continue }
                        var ids: [String] = []
                        for item in items {
                            if let text = item.scalarText { ids.append(text) } else { problem(item, "a path entry is a node id") }
                        }
                        expected = ids
                    default:
                        unknownKey(pair.key, testKeys, "in a test")
                        problems += 1
                    }
                }
                if name == nil, test.pair(forKey: "name") == nil { problem(test, "a test needs a `name`") }
                if expect == nil, test.pair(forKey: "expect") == nil { problem(test, "test '\(name ?? "?")' needs `expect`, where the call ends") }
                scenarios.append(Scenario(name: name ?? "test at line \(test.range.start.line)", line: test.range.start.line, at: at,
                                          context: context, events: events, expect: expect, path: expected, broken: problems > 0,
                                          along: along))
            }
        } else {
            invalid(root.pair(forKey: "tests")?.value ?? root, "`tests` is a list of tests")
            fileUsable = false
        }
        let sorted = Array(Set(diagnostics)).sorted(by: Diagnostic.printOrder)
        return Loaded(file: fileUsable ? ScenarioFile(path: path, flow: flow, scenarios: scenarios) : nil, diagnostics: sorted, source: source)
    }

    /// Why an event of a scenario was refused, and the node the finding points at.
    struct EventFailure: Error {
        var node: YAMLNode
        var problem: EventProblem

        var message: String { problem.message }
    }

    /// What is wrong with an event (issue 10, item 7): the finding's text is built from the case.
    enum EventProblem: Equatable {
        case unknownWord(String)
        case notAnEvent
        case speechShape
        case lookupShape
        case lookupResult(String)
        case valuesOnlyWhenFound
        case valueNotScalar
        case queueShape
        case queueStatusShape
        case waitNotDuration
        case depthNotWhole
        case queueStatusKey(String)
        case unknownMappingEvent(String)

        var message: String {
            switch self {
            case .unknownWord(let text): return SimulatedEvent.unknownWordMessage(text)
            case .notAnEvent:
                return "an event is a word (\(SimulatedEvent.grammar)) or a mapping ({speech: text}, {lookup: found, values: {...}}, {queue: {wait: 5m, depth: 3}})"
            case .speechShape: return "`{speech: text}`"
            case .lookupShape: return "`{lookup: found|not_found|error}`"
            case .lookupResult(let text):
                return "a lookup result is found, not_found or error\(Suggestion.hint(for: text, in: ["found", "not_found", "error"]))"
            case .valuesOnlyWhenFound: return "only a found lookup may carry `values: {variable: value}`"
            case .valueNotScalar: return "a value is a scalar"
            case .queueShape: return "`{queue: {wait: 5m, depth: 3}}`"
            case .queueStatusShape: return "`{wait: 5m, depth: 3}`"
            case .waitNotDuration: return "a wait is a duration such as 5m"
            case .depthNotWhole: return "a depth is a whole number"
            case .queueStatusKey(let name): return "a queue status has `wait` and `depth`\(Suggestion.hint(for: name, in: ["wait", "depth"]))"
            case .unknownMappingEvent(let key):
                return "unknown event '\(key)'\(Suggestion.hint(for: key, in: ["speech", "lookup", "queue"])) (a mapping event is {speech: text}, {lookup: found, values: {...}} or {queue: {wait: 5m, depth: 3}})"
            }
        }
    }

    /// One event of a scenario: any word `simulate --events` takes (one grammar for both), or a
    /// mapping that carries more: `{speech: text}`, `{lookup: found, values: {...}}`,
    /// `{queue: {wait: 5m, depth: 3}}`.
    static func event(_ node: YAMLNode) -> Result<SimulatedEvent, EventFailure> {
        func fail(_ node: YAMLNode, _ problem: EventProblem) -> Result<SimulatedEvent, EventFailure> {
            .failure(EventFailure(node: node, problem: problem))
        }
        if let text = node.scalarText {
            guard let event = SimulatedEvent(word: text) else { return fail(node, .unknownWord(text)) }
            return .success(event)
        }
        guard let pairs = node.mappingPairs, let first = pairs.first, let key = first.key.scalarText else {
            return fail(node, .notAnEvent)
        }
        switch key {
        case "speech":
            guard pairs.count == 1, let text = first.value.scalarText else { return fail(node, .speechShape) }
            return .success(SimulatedEvent(.speech(text)))
        case "lookup":
            guard let text = first.value.scalarText else { return fail(node, .lookupShape) }
            let result: LookupResult
            switch text {
            case "found": result = .found
            case "not_found": result = .notFound
            case "error": result = .error
            default: return fail(first.value, .lookupResult(text))
            }
            var values: [(name: String, text: String)] = []
            for pair in pairs.dropFirst() {
                guard pair.key.scalarText == "values", result == .found, let items = pair.value.mappingPairs else {
                    return fail(pair.key, .valuesOnlyWhenFound)
                }
                for item in items {
                    guard let name = item.key.scalarText, let value = item.value.scalarText else { return fail(item.value, .valueNotScalar) }
                    values.append((name, value))
                }
            }
            return .success(SimulatedEvent(.lookup(result), values: values))
        case "queue":
            guard pairs.count == 1, let items = first.value.mappingPairs else { return fail(node, .queueShape) }
            var wait = 0, depth = 0
            for item in items {
                guard let name = item.key.scalarText, let text = item.value.scalarText else { return fail(item.key, .queueStatusShape) }
                switch name {
                case "wait":
                    guard let seconds = RuntimeDuration.seconds(text) else { return fail(item.value, .waitNotDuration) }
                    wait = seconds
                case "depth":
                    guard let n = Int(text), n >= 0 else { return fail(item.value, .depthNotWhole) }
                    depth = n
                default: return fail(item.key, .queueStatusKey(name))
                }
            }
            return .success(SimulatedEvent(.queueStatus(wait: wait, depth: depth)))
        default:
            return fail(first.key, .unknownMappingEvent(key))
        }
    }
}

/// Local wall time in a zone to an instant: `YYYY-MM-DDTHH:MM` (or `:SS`), or an instant with `Z`.
public enum LocalTime {
    public static func instant(_ text: String, zone: String?) -> Date? {
        var body = text
        var identifier = zone ?? "UTC"
        if body.hasSuffix("Z") {
            body.removeLast()
            identifier = "UTC"
        }
        let parts = body.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = LocalDate(parsing: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(clock[0]), let minute = Int(clock[1]), hour < 24, minute < 60 else { return nil }
        let second = clock.count == 3 ? Int(clock[2]) ?? 60 : 0
        guard second < 60, let timeZone = TimeZone(identifier: identifier) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        return calendar.date(from: components)
    }
}
