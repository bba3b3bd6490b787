import CallFlowRuntime
import Foundation

/// A flow compiled (after a clean lint) or a table file read, ready to run calls.
public struct LoadedProgram: Sendable {
    public var program: TableProgram
    /// When compiled from a flow here: what the compiler left out (a path check skips those).
    public var compilation: TableCompilation?
    /// The table's bytes, exactly what a deployment would load.
    public var bytes: [UInt8]
}

public enum ProgramLoader {
    /// Why a program could not be loaded, as a value.
    public enum LoadError: Error, CustomStringConvertible, Sendable {
        /// The file (or a path to search) cannot be read.
        case unreadable(SourceReader.ReadError)
        /// The file is neither a flow nor a table (binary data, a scenario file): the message says what.
        case notAProgram(String)
        /// The table file does not load.
        case invalidTable(path: String, reason: String)
        /// The flow did not compile; `report` holds the findings when they are the reason.
        case compilation(CompilationError, report: LintReport?)

        /// The lint findings that stopped a flow from compiling, if that was the reason.
        public var report: LintReport? {
            if case .compilation(_, let report) = self { return report }
            return nil
        }

        public var description: String {
            switch self {
            case .unreadable(let error): return error.description
            case .notAProgram(let message): return message
            case .invalidTable(let path, let reason): return "\(path): \(reason)"
            case .compilation(let error, _): return error.description
            }
        }
    }

    /// Reads a table file, or lints and compiles a flow with the project's `config` (refused when
    /// it has errors). The table always goes through its bytes, so what runs is what `compile`
    /// would write. What the file is comes from its content (the table magic, a JSON table's
    /// `format` key), never its name.
    public static func load(_ path: String, options: TableOptimizations = .all, config: ProjectConfig = ProjectConfig())
        throws(LoadError) -> LoadedProgram {
        let source: SourceFile
        do { source = try SourceReader(limits: InputLimits(maxFileBytes: TableFormat.maxTableBytes)).read(path) } catch {
            throw .unreadable(error)
        }
        let content = FileContent.of(source.bytes, path: path)
        if let refusal = content.refusal(path) { throw .notAProgram(refusal) }
        if content == .table {
            do {
                return LoadedProgram(program: try TableProgram(bytes: source.bytes), compilation: nil, bytes: source.bytes)
            } catch {
                throw .invalidTable(path: path, reason: error.description)
            }
        }
        let compilation = try compiled(path, options: options, config: config)
        return LoadedProgram(program: compilation.program!, compilation: compilation.table, bytes: compilation.tableBytes!)
    }

    /// Lints the flow at `path` (errors refuse it) and compiles it.
    public static func compile(_ path: String, options: TableOptimizations = .all, config: ProjectConfig = ProjectConfig())
        throws(LoadError) -> TableCompilation {
        try compileReporting(path, options: options, config: config).compilation
    }

    /// The same, with the lint report of the flow that compiled (its warnings).
    public static func compileReporting(_ path: String, options: TableOptimizations = .all, config: ProjectConfig = ProjectConfig())
        throws(LoadError) -> (compilation: TableCompilation, report: LintReport) {
        let compilation = try compiled(path, options: options, config: config)
        return (compilation.table!, compilation.report)
    }

    /// The driver's stages through `validate`; a failure as this loader's error.
    static func compiled(_ path: String, options: TableOptimizations, config: ProjectConfig) throws(LoadError) -> Compilation {
        let compilation = Driver(config: config, tableOptions: options).run(path, through: .validate)
        if let failure = compilation.failure {
            throw .compilation(failure, report: failure.isFindings ? compilation.report : nil)
        }
        return compilation
    }
}

/// The result of one scenario.
public struct ScenarioResult: Sendable {
    public var name: String
    public var line: Int
    public var passed: Bool
    /// What went wrong, line by line (expected against actual, the path taken).
    public var details: [String]
}

public enum ScenarioRunner {
    /// Runs every scenario of `file` against `loaded`.
    public static func run(_ file: ScenarioFile, _ loaded: LoadedProgram) -> [ScenarioResult] {
        let table = loaded.program.table
        let zone = table.timeZone >= 0 ? table.strings[Int(table.timeZone)] : nil
        let leftOut = Set((loaded.compilation?.unreachable ?? []) + (loaded.compilation?.threaded ?? []))
        return file.scenarios.map { scenario in
            if scenario.broken {
                return ScenarioResult(name: scenario.name, line: scenario.line, passed: false,
                                      details: ["the test has mistakes (reported above); it was not run"])
            }
            // Without `at`, a flow with no schedules runs at a fixed time (it decides nothing
            // there); a flow with schedules needs one.
            let time: Date
            if let at = scenario.at {
                guard let instant = LocalTime.instant(at, zone: zone) else {
                    return ScenarioResult(name: scenario.name, line: scenario.line, passed: false,
                                          details: ["`at: \(at)` is not a local time YYYY-MM-DDTHH:MM"])
                }
                time = instant
            } else if table.schedules.isEmpty {
                time = Date(timeIntervalSince1970: 1_767_614_400) // 2026-01-05T12:00Z, a Monday noon
            } else {
                return ScenarioResult(name: scenario.name, line: scenario.line, passed: false,
                                      details: ["the flow has schedules, so the time decides the route: give the test `at: YYYY-MM-DDTHH:MM`"])
            }
            let result = CallSimulator.run(loaded.program, at: time, context: scenario.context, events: scenario.events)
            var details: [String] = []
            if let problem = result.problem { details.append(problem) }
            let expect = scenario.expect.map(\.description) ?? "none"
            if result.problem == nil, result.ending != scenario.expect {
                details.append("expected: \(expect)")
                details.append("actual:   \(result.ending.map(\.description) ?? "none")")
            } else if result.problem != nil {
                details.append("expected: \(expect)")
            }
            if result.problem == nil { details += along(scenario.along, result, loaded.program) }
            // Nodes the compiler threaded or dropped did nothing a caller could notice; they are
            // not in the table, so the expected path is compared without them.
            if let expected = scenario.path?.filter({ !leftOut.contains($0) }), expected != result.path {
                details.append("expected path: [\(expected.joined(separator: ", "))]")
            }
            let passed = details.isEmpty
            if !passed { details.append("path taken:    [\(result.path.joined(separator: ", "))]") }
            return ScenarioResult(name: scenario.name, line: scenario.line, passed: passed, details: details)
        }
    }

    /// What the call did on its way that the scenario's `alerts`, `priority` and `says` do not match.
    static func along(_ expected: ScenarioFile.Along, _ result: SimulationResult, _ program: TableProgram) -> [String] {
        let table = program.table
        var details: [String] = []
        if let alerts = expected.alerts {
            let alerted = result.instructions.contains { $0.kind == .alert }
            if alerts != alerted { details.append(alerts ? "expected an alert; none was raised" : "expected no alert; one was raised") }
        }
        if let priority = expected.priority {
            if let enqueue = result.instructions.last(where: { $0.kind == .enqueue }) {
                if Int(enqueue.priority) != priority {
                    details.append("expected priority: \(priority)")
                    details.append("actual priority:   \(enqueue.priority)")
                }
            } else {
                details.append("expected priority \(priority), but the call was never queued")
            }
        }
        let prompts: [String] = result.instructions.compactMap { instruction in
            switch instruction.kind {
            case .say, .gather, .collect, .hangup: return instruction.text >= 0 ? table.strings[Int(instruction.text)] : nil
            default: return nil
            }
        }
        for text in expected.says where !prompts.contains(where: { $0.contains(text) }) {
            details.append("expected to hear \"\(text)\"; no prompt said it")
        }
        return details
    }

    /// Scenario files among `paths`: files named directly, and in folders every `.yaml`/`.yml`
    /// file with a top-level `tests` key, sorted. Hidden folders (`.build`, `.git`) are not
    /// walked, and only regular files count (not a FIFO, not a link to a device).
    public static func find(_ paths: [String]) throws(ProgramLoader.LoadError) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            switch PathKind.of(path) {
            case .missing: throw .unreadable(.missing(path))
            case .loop: throw .unreadable(.symlinkLoop(path))
            case .file, .other:
                found.append(path)
                continue
            case .directory: break
            }
            var files: [String] = []
            if let walker = manager.enumerator(atPath: path) {
                while let relative = walker.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") {
                        walker.skipDescendants()
                        continue
                    }
                    guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
                    files.append((path.hasSuffix("/") ? path : path + "/") + relative)
                }
            }
            for file in files.sorted() where PathKind.of(file) == .file {
                guard let source = try? SourceReader().read(file) else { continue }
                if ScenarioFile.isScenarioFile(source) { found.append(file) }
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }
}
