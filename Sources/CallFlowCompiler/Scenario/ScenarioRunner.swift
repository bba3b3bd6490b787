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
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var description: String
        /// The lint findings that stopped a flow from compiling, if that was the reason.
        public var report: LintReport?
    }

    /// Whether `path` looks like a table file (starts with the magic) rather than a flow.
    public static func isTable(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        return Array(head) == TableFormat.magic
    }

    /// Reads a table file, or lints and compiles a flow (refused when it has errors). The table
    /// always goes through its bytes, so what runs is what `compile` would write.
    public static func load(_ path: String, options: TableOptimizations = .all) throws(LoadError) -> LoadedProgram {
        if isTable(path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw LoadError(description: "cannot read \(path)") }
            do {
                let bytes = [UInt8](data)
                return LoadedProgram(program: try TableProgram(bytes: bytes), compilation: nil, bytes: bytes)
            } catch {
                throw LoadError(description: "\(path): \(error.description)")
            }
        }
        let compilation = try compile(path, options: options)
        let bytes = compilation.table.encoded()
        do {
            return LoadedProgram(program: try TableProgram(bytes: bytes), compilation: compilation, bytes: bytes)
        } catch {
            throw LoadError(description: "\(path): the compiled table does not load: \(error.description)")
        }
    }

    /// Lints the flow at `path` (errors refuse it) and compiles it.
    public static func compile(_ path: String, options: TableOptimizations = .all, config: ProjectConfig = ProjectConfig())
        throws(LoadError) -> TableCompilation {
        let source: SourceFile
        do { source = try SourceReader().read(path) } catch { throw LoadError(description: error.description) }
        let result = Linter(config: config).lint(source)
        var sources: [String: SourceFile] = [:]
        for file in result.sources { sources[file.path] = file }
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let flow = result.flow else {
            let report = LintReport(diagnostics: result.diagnostics.sorted(by: Diagnostic.printOrder), sources: sources, fileCount: 1)
            throw LoadError(description: "\(path): the flow has \(errors.count) error\(errors.count == 1 ? "" : "s"); fix them first",
                            report: report)
        }
        do {
            return try TableCompiler.compile(FlowGraph(flow), sourceHash: TableCompiler.sourceHash(result.sources), options: options)
        } catch {
            throw LoadError(description: "\(path): \(error.description)")
        }
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
            guard let time = LocalTime.instant(scenario.at, zone: zone) else {
                return ScenarioResult(name: scenario.name, line: scenario.line, passed: false,
                                      details: ["`at: \(scenario.at)` is not a local time YYYY-MM-DDTHH:MM"])
            }
            let result = CallSimulator.run(loaded.program, at: time, context: scenario.context, events: scenario.events)
            var details: [String] = []
            if let problem = result.problem { details.append(problem) }
            if result.problem == nil, result.ending != scenario.expect {
                details.append("expected: \(scenario.expect)")
                details.append("actual:   \(result.ending.map(\.description) ?? "none")")
            } else if result.problem != nil {
                details.append("expected: \(scenario.expect)")
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
    /// file with a top-level `tests` key, sorted.
    public static func find(_ paths: [String]) throws(ProgramLoader.LoadError) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ProgramLoader.LoadError(description: "no such file or folder: \(path)")
            }
            if !isDirectory.boolValue {
                found.append(path)
                continue
            }
            var files: [String] = []
            if let walker = manager.enumerator(atPath: path) {
                for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                    files.append((path.hasSuffix("/") ? path : path + "/") + relative)
                }
            }
            for file in files.sorted() {
                guard let source = try? SourceReader().read(file) else { continue }
                if ScenarioFile.isScenarioFile(source) { found.append(file) }
            }
        }
        return found
    }
}
