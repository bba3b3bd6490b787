import CallFlowRuntime
import Foundation

/// A scenario test file (spec section 12): the flow it tests and its scenarios.
public struct ScenarioFile: Sendable {
    public struct Scenario: Sendable {
        public var name: String
        public var line: Int
        public var at: String
        public var context: [(name: String, text: String)]
        public var events: [SimulatedEvent]
        public var expect: CallEnding
        public var path: [String]?
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

    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Whether `source` is a scenario file: a mapping with a top-level `tests` key.
    public static func isScenarioFile(_ source: SourceFile) -> Bool {
        guard let root = YAMLLoader().load(source).root else { return false }
        return root.pair(forKey: "tests") != nil
    }

    public static func load(path: String) throws(LoadError) -> ScenarioFile {
        let source: SourceFile
        do { source = try SourceReader().read(path) } catch { throw LoadError(description: error.description) }
        let loaded = YAMLLoader().load(source)
        if let problem = loaded.diagnostics.first(where: { $0.severity == .error }) {
            throw LoadError(description: "\(path):\(problem.range.start.line):\(problem.range.start.column): \(problem.message)")
        }
        guard let root = loaded.root, root.mappingPairs != nil else { throw LoadError(description: "\(path): not a mapping with `flow` and `tests`") }
        func fail(_ node: YAMLNode, _ message: String) -> LoadError {
            LoadError(description: "\(path):\(node.range.start.line):\(node.range.start.column): \(message)")
        }
        guard let flowNode = root.pair(forKey: "flow")?.value, let flowText = flowNode.scalarText, !flowText.isEmpty else {
            throw fail(root, "a scenario file needs `flow: FILE`")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let flow = flowText.hasPrefix("/") || folder.isEmpty ? flowText : folder + "/" + flowText
        guard let tests = root.pair(forKey: "tests")?.value.sequenceItems else { throw fail(root, "`tests` must be a list") }
        for pair in root.mappingPairs! {
            guard let key = pair.key.scalarText, ["flow", "tests", "description"].contains(key) else {
                throw fail(pair.key, "unknown key '\(pair.key.scalarText ?? "?")' (a scenario file has flow, tests, description)")
            }
        }
        var scenarios: [Scenario] = []
        for test in tests {
            guard let pairs = test.mappingPairs else { throw fail(test, "a test is a mapping") }
            var name: String?, at: String?, context: [(String, String)] = [], events: [SimulatedEvent] = []
            var expect: CallEnding?, expected: [String]?, along = Along()
            for pair in pairs {
                let value = pair.value
                switch pair.key.scalarText ?? "" {
                case "name": name = value.scalarText
                case "at": at = value.scalarText
                case "description": break
                case "context":
                    guard let items = value.mappingPairs else { throw fail(value, "`context` maps variables to values") }
                    for item in items {
                        guard let key = item.key.scalarText, let text = item.value.scalarText else { throw fail(item.value, "a context value is a scalar") }
                        context.append((key, text))
                    }
                case "events":
                    guard let items = value.sequenceItems else { throw fail(value, "`events` is a list") }
                    for item in items { events.append(try event(item, fail)) }
                case "expect":
                    guard let items = value.mappingPairs, items.count == 1, let kind = items[0].key.scalarText,
                          ["queue", "transfer", "voicemail", "callback", "hangup"].contains(kind), let text = items[0].value.scalarText else {
                        throw fail(value, "`expect` is one of {queue: name}, {transfer: target}, {voicemail: box}, {callback: queue}, {hangup: true}")
                    }
                    expect = CallEnding(kind, text)
                case "alerts":
                    guard let text = value.scalarText, text == "true" || text == "false" else { throw fail(value, "`alerts` is true or false") }
                    along.alerts = text == "true"
                case "priority":
                    guard let text = value.scalarText, let priority = Int(text), (0...100).contains(priority) else {
                        throw fail(value, "`priority` is a whole number from 0 to 100 (the priority of the call's last enqueue)")
                    }
                    along.priority = priority
                case "says":
                    if let text = value.scalarText, !text.isEmpty {
                        along.says = [text]
                    } else if let items = value.sequenceItems, !items.isEmpty {
                        along.says = try items.map { (item: YAMLNode) throws(LoadError) -> String in
                            guard let text = item.scalarText, !text.isEmpty else { throw fail(item, "a `says` entry is a text heard in a prompt") }
                            return text
                        }
                    } else {
                        throw fail(value, "`says` is a text, or a list of texts, heard in the call's prompts")
                    }
                case "path":
                    guard let items = value.sequenceItems else { throw fail(value, "`path` is a list of node ids") }
                    expected = try items.map { (item: YAMLNode) throws(LoadError) -> String in
                        guard let text = item.scalarText else { throw fail(item, "a path entry is a node id") }
                        return text
                    }
                default:
                    throw fail(pair.key, "unknown key '\(pair.key.scalarText ?? "?")' in a test")
                }
            }
            guard let name else { throw fail(test, "a test needs a `name`") }
            guard let at else { throw fail(test, "test '\(name)' needs `at` (local time, YYYY-MM-DDTHH:MM)") }
            guard let expect else { throw fail(test, "test '\(name)' needs `expect`") }
            scenarios.append(Scenario(name: name, line: test.range.start.line, at: at, context: context, events: events,
                                      expect: expect, path: expected, along: along))
        }
        return ScenarioFile(path: path, flow: flow, scenarios: scenarios)
    }

    private static func event(_ node: YAMLNode, _ fail: (YAMLNode, String) -> LoadError) throws(LoadError) -> SimulatedEvent {
        if let text = node.scalarText {
            guard !["found", "not_found", "error"].contains(text) && !text.hasPrefix("speech:") && !text.hasPrefix("wait:"),
                  let event = SimulatedEvent(word: text) else {
                throw fail(node, "unknown event '\(text)' (keys, no_input, overflow, callback, no_answer, busy, failed, or a mapping)")
            }
            return event
        }
        guard let pairs = node.mappingPairs, let first = pairs.first, let key = first.key.scalarText else {
            throw fail(node, "an event is a word or a mapping")
        }
        switch key {
        case "speech":
            guard pairs.count == 1, let text = first.value.scalarText else { throw fail(node, "`{speech: text}`") }
            return SimulatedEvent(.speech(text))
        case "lookup":
            guard let text = first.value.scalarText else { throw fail(node, "`{lookup: found|not_found|error}`") }
            let result: LookupResult
            switch text {
            case "found": result = .found
            case "not_found": result = .notFound
            case "error": result = .error
            default: throw fail(first.value, "a lookup result is found, not_found or error")
            }
            var values: [(name: String, text: String)] = []
            for pair in pairs.dropFirst() {
                guard pair.key.scalarText == "values", result == .found, let items = pair.value.mappingPairs else {
                    throw fail(pair.key, "only a found lookup may carry `values: {variable: value}`")
                }
                for item in items {
                    guard let name = item.key.scalarText, let value = item.value.scalarText else { throw fail(item.value, "a value is a scalar") }
                    values.append((name, value))
                }
            }
            return SimulatedEvent(.lookup(result), values: values)
        case "queue":
            guard pairs.count == 1, let items = first.value.mappingPairs else { throw fail(node, "`{queue: {wait: 5m, depth: 3}}`") }
            var wait = 0, depth = 0
            for item in items {
                guard let name = item.key.scalarText, let text = item.value.scalarText else { throw fail(item.key, "`{wait: 5m, depth: 3}`") }
                switch name {
                case "wait":
                    guard let seconds = RuntimeDuration.seconds(text) else { throw fail(item.value, "a wait is a duration such as 5m") }
                    wait = seconds
                case "depth":
                    guard let n = Int(text), n >= 0 else { throw fail(item.value, "a depth is a whole number") }
                    depth = n
                default: throw fail(item.key, "a queue status has `wait` and `depth`")
                }
            }
            return SimulatedEvent(.queueStatus(wait: wait, depth: depth))
        default:
            throw fail(first.key, "unknown event '\(key)'")
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
