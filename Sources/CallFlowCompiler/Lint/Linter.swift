import Dispatch
import Foundation

/// The result of linting a set of files: findings in print order and the sources they point into.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceFile]
    public var fileCount: Int

    public init(diagnostics: [Diagnostic], sources: [String: SourceFile], fileCount: Int) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.fileCount = fileCount
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}

/// Lints flow files, many at once on all cores: the driver's stages through `graphChecks`.
/// Output order never depends on scheduling: findings are sorted by file, line, column and check id.
public struct Linter: Sendable {
    public var frontEnd: FrontEnd
    public var config: ProjectConfig
    /// Set by a command whose process ends once the report is written (`callflow lint`): when
    /// there are no more files than cores, their compilations are not freed but left to the
    /// process's end (issue 17: freeing a 60,000-node flow node by node cost 3.6% of the whole
    /// lint). With more files each is still freed on its worker as it ends: holding even the last
    /// two of 500 small files raised the peak by 0.3 MiB, for nothing measurable.
    public var leavesLastFlowsToExit = false
    /// Set by `callflow lint`: with at least two cores a file, a large file uses the spare cores: its
    /// `nodes:` is read and decoded on two cores (`NodesSplit`), and its type checking and graph
    /// checks are shared by them (`Driver.threadsPerFile`; issue 17: the lint's wall time). Off
    /// by default: a caller that runs lints side by side has no core to spare.
    public var splitsLargeFiles = false
    /// Set by `callflow lint`: each file's text is released once decoded and the lines findings
    /// show are read back from the file (`Driver.releasesFileText`; issue 17: the lint's peak
    /// memory). Off by default: a caller may change the files it lints before rendering.
    public var releasesFileText = false

    public init(frontEnd: FrontEnd = FrontEnd(), config: ProjectConfig = ProjectConfig()) {
        self.frontEnd = frontEnd
        self.config = config
    }

    var driver: Driver { Driver(config: config, limits: frontEnd.limits) }

    /// Lints one flow held in memory.
    public func lint(_ source: SourceFile) -> FrontEndResult {
        FrontEndResult(driver.run(source, through: .graphChecks))
    }

    /// Why `source` is not a flow at all, told from its content: a routing table (or one with its
    /// magic damaged, or its JSON rendition), binary data, or a scenario file (a top-level
    /// `tests:` key and no `callflow:` key). An empty file is left to the front end, which says
    /// what a flow needs.
    public static func notAFlow(_ source: SourceFile) -> String? {
        let path = source.path
        switch FileContent.of(source.bytes, path: path) {
        case .table: return "\(path): this is a compiled routing table, not a flow; lint the flow it was compiled from, or run it with `callflow simulate \(path)`"
        case .empty, .text: break
        case let other: return other.refusal(path)
        }
        if !FlowFileFinder.hasTopLevelKey("callflow", source.bytes), FlowFileFinder.hasTopLevelKey("tests", source.bytes) {
            return "\(path): this is a scenario file, not a flow; run `callflow test \(path)`"
        }
        return nil
    }

    /// How many threads each of `files` files may use for its own stages: with fewer files than
    /// cores, the spare cores share each file's type checking and graph checks (issue 17).
    static func threadsPerFile(files: Int, cores: Int) -> Int {
        files == 0 ? 1 : max(1, cores / files)
    }

    /// Lints files that exist on disk. A file that cannot be read throws before any work is done
    /// by the caller's choice: this returns the read errors separately.
    public func lint(paths: [String]) -> (report: LintReport, unreadable: [String]) {
        var lintDriver = driver
        lintDriver.refuseNonFlows = true
        // Only the findings and the files are kept: each flow is freed on its worker as soon as
        // its checks are done, not all together at the end on one thread (issue 17).
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let leaves = leavesLastFlowsToExit && paths.count <= cores
        // Also decides the two-core decode (`Driver.splitsLargeFiles`).
        lintDriver.threadsPerFile = splitsLargeFiles ? Self.threadsPerFile(files: paths.count, cores: cores) : 1
        lintDriver.releasesFileText = releasesFileText
        let results = lintDriver.run(paths: paths, through: .graphChecks) { compilation in
            if leaves { ProcessLeftovers.shared.hold(compilation) }
            return compilation.failure.map { Result<FrontEndResult, CompilationError>.failure($0) }
                ?? .success(FrontEndResult(flow: nil, diagnostics: compilation.diagnostics.diagnostics, sources: compilation.sources))
        }
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        var unreadable: [String] = []
        for outcome in results {
            switch outcome {
            case .success(let result):
                diagnostics.append(contentsOf: result.diagnostics)
                for source in result.sources { sources[source.path] = source }
            case .failure(let error):
                unreadable.append(error.description)
            }
        }
        diagnostics = Array(Set(diagnostics)).sorted(by: Diagnostic.printOrder)
        // A file that could not be read was not checked.
        return (LintReport(diagnostics: diagnostics, sources: sources, fileCount: paths.count - unreadable.count), unreadable)
    }
}

/// What a command leaves for its process's end to drop instead of freeing it piece by piece
/// (`Linter.leavesLastFlowsToExit`). Held until the process exits; never read.
final class ProcessLeftovers: @unchecked Sendable {
    static let shared = ProcessLeftovers()
    private let lock = NSLock()
    private var held: [Any] = []

    func hold(_ value: Any) {
        lock.lock()
        held.append(value)
        lock.unlock()
    }
}
