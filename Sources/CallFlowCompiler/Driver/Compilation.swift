import CallFlowRuntime

/// Everything one compilation of one flow knows, filled in stage by stage (`Stage`): the files
/// read and their file table, the flow model, its graph, the analyses the graph checks share, the
/// routing table, and one diagnostics engine. Stages read what earlier ones wrote; nothing else
/// (no global state) holds a compilation's data.
public struct Compilation {
    /// The flow file as the user named it.
    public let path: String
    /// The flow file first, then each include in the order read.
    public internal(set) var sources: [SourceFile] = []
    /// The file table: each file read (and each include named) to its absolute path with symbolic
    /// links resolved, worked out when the files are read so no check touches the file system.
    public internal(set) var canonicalPaths: [String: String] = [:]
    public internal(set) var flow: Flow?
    /// The flow between the front end's stages (`decode` to `typeCheck`), with what decoding
    /// learnt that `resolve` and `typeCheck` need; nil once the model is built.
    var decoded: DecodedFlow?
    /// How many findings the front end's stages reported, before `ignore:` and the config: any
    /// one means a part of the model could not be built.
    var frontEndFindings = 0
    /// True for a Twilio Studio or Amazon Connect flow (read and checked by Import/).
    public internal(set) var imported = false
    /// True once the front end built the whole model; the later stages run only then.
    public internal(set) var modelComplete = false
    public internal(set) var graph: FlowGraph?
    /// The analyses graph checks share (reachability, next steps), computed on demand once.
    public internal(set) var analyses: CheckContext?
    public internal(set) var table: TableCompilation?
    /// The table's bytes, exactly what `compile` writes and a deployment loads, and the program
    /// loaded back from them.
    public internal(set) var tableBytes: [UInt8]?
    public internal(set) var program: TableProgram?
    public internal(set) var diagnostics: DiagnosticEngine
    /// Why the compilation stopped before the stage it was asked to reach, if it did.
    public internal(set) var failure: CompilationError?
    /// The last stage that ran to its end.
    public internal(set) var reached: Stage?
    /// Seconds each stage took, in stage order.
    public internal(set) var times: [(stage: Stage, seconds: Double)] = []

    init(path: String, config: ProjectConfig) {
        self.path = path
        self.diagnostics = DiagnosticEngine(config: config)
    }

    /// The files read, by path, for renderers.
    public var sourcesByPath: [String: SourceFile] {
        Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The findings in print order, as a report of this one file.
    public var report: LintReport {
        LintReport(diagnostics: diagnostics.diagnostics.sorted(by: Diagnostic.printOrder), sources: sourcesByPath,
                   fileCount: 1)
    }

    /// The absolute path of `path` with symbolic links resolved, from the file table (`path` itself
    /// for a file not read).
    public func canonicalPath(_ path: String) -> String { canonicalPaths[path] ?? path }
}
