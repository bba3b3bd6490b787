import CallFlowRuntime
import Dispatch

/// Runs the compiler's stages (`Stage`) in order on a flow, as far as a command needs: the one
/// place that decides what runs after what. Every command goes through it.
public struct Driver: Sendable {
    public var config: ProjectConfig
    public var limits: InputLimits
    public var tableOptions: TableOptimizations
    /// Refuse, at `load`, a file that is plainly not a flow (a table, a scenario file, binary
    /// data), as `lint` does for the files it is given.
    public var refuseNonFlows: Bool
    /// How many threads one file's stages may use (issue 17, fifth round): 1 unless the caller
    /// has cores to spare for it, as `lint` of few files has. A large flow's work is then split;
    /// its findings and model are the same, in the same order.
    public var threadsPerFile = 1
    /// A large file's `nodes:` is read and decoded on a second core (`NodesSplit`) whenever the
    /// file may use more than one thread (derived, so the two never disagree).
    public var splitsLargeFiles: Bool { threadsPerFile > 1 }
    /// Each file's text read from disk is released once decoded (`SourceFile.releaseBytes`; its
    /// lines are read back for findings): set by `lint`, whose later stages and renderers need
    /// only a few lines. `compile` hashes the text, `test` and the rest keep today's behaviour.
    public var releasesFileText = false

    public init(config: ProjectConfig = ProjectConfig(), limits: InputLimits = .standard,
                tableOptions: TableOptimizations = .all, refuseNonFlows: Bool = false) {
        self.config = config
        self.limits = limits
        self.tableOptions = tableOptions
        self.refuseNonFlows = refuseNonFlows
    }

    /// One named stage: a function of the compilation.
    public struct StageStep: Sendable {
        public let stage: Stage
        let body: @Sendable (Driver, inout Compilation) -> Void
    }

    /// The stages in order, each with what it does.
    public static let stages: [StageStep] = [
        StageStep(stage: .load) { driver, c in driver.load(&c) },
        StageStep(stage: .decode) { driver, c in driver.decode(&c); driver.releaseText(&c) },
        StageStep(stage: .resolve) { driver, c in driver.resolve(&c) },
        StageStep(stage: .typeCheck) { driver, c in driver.typeCheck(&c) },
        StageStep(stage: .graph) { driver, c in driver.buildGraph(&c) },
        StageStep(stage: .graphChecks) { driver, c in driver.graphChecks(&c) },
        StageStep(stage: .lower) { driver, c in driver.lower(&c) },
        StageStep(stage: .validate) { driver, c in driver.validate(&c) },
    ]

    /// Reads the flow at `path` and runs every stage up to and including `last`. A stage that
    /// cannot go on sets `failure` (or leaves `modelComplete` false) and the rest do not run.
    public func run(_ path: String, through last: Stage) -> Compilation {
        run(Compilation(path: path, config: config), through: last)
    }

    /// The same for a flow already in memory (`load` keeps it as it is).
    public func run(_ source: SourceFile, through last: Stage) -> Compilation {
        var compilation = Compilation(path: source.path, config: config)
        compilation.sources = [source]
        return run(compilation, through: last)
    }

    /// Runs each path on its own, on all cores, keeping what `keep` takes of each compilation
    /// (a compilation holds caches that stay on its thread); the results are in the order of `paths`.
    public func run<Kept: Sendable>(paths: [String], through last: Stage, keep: @Sendable (Compilation) -> Kept) -> [Kept] {
        let results = ResultSlots<Kept>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            results.store(keep(run(paths[index], through: last)), at: index)
        }
        return results.values.compactMap { $0 }
    }

    private func run(_ start: Compilation, through last: Stage) -> Compilation {
        var compilation = start
        for step in Self.stages where step.stage <= last {
            guard compilation.failure == nil else { break }
            if step.stage > .typeCheck && !compilation.modelComplete {
                // Later stages would only echo the front end's findings, or guess.
                if last >= .lower {
                    let errors = compilation.diagnostics.errorCount
                    compilation.failure = errors > 0 ? .refused(path: compilation.path, errors: errors) : .incomplete(path: compilation.path)
                }
                break
            }
            let begin = DispatchTime.now().uptimeNanoseconds
            step.body(self, &compilation)
            compilation.times.append((step.stage, Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9))
            if compilation.failure == nil { compilation.reached = step.stage }
        }
        if compilation.reached.map({ $0 >= .decode }) ?? false || compilation.flow != nil {
            compilation.diagnostics.finish(ran: ranChecks(compilation))
        }
        return compilation
    }

    /// Which checks ran on this compilation, for `unused-ignore`: the front end's always, the
    /// graph checks when they ran, none that the project switched off.
    private func ranChecks(_ compilation: Compilation) -> (String) -> Bool {
        let graphChecksRan = compilation.reached.map { $0 >= .graphChecks } ?? false
        let frontEndIDs = Set(CheckRegistry.frontEnd.map(\.id))
        let config = self.config
        return { id in config.isEnabled(id) && (graphChecksRan || frontEndIDs.contains(id)) }
    }

    // MARK: - The stages

    func load(_ c: inout Compilation) {
        if c.sources.isEmpty {
            do {
                c.sources = [try SourceReader(limits: limits).read(c.path)]
            } catch {
                c.failure = .unreadable(error)
                return
            }
        }
        if refuseNonFlows, let refusal = Linter.notAFlow(c.sources[0]) {
            c.failure = .unreadable(.notAFlow(refusal))
        }
    }

    func decode(_ c: inout Compilation) {
        let source = c.sources[0]
        if PlatformImporter.handles(source) {
            // Twilio Studio and Amazon Connect flows are read, checked and limited in one go
            // (Import/); their `resolve` and `typeCheck` have nothing left to do.
            let result = ImportLinter.lint(source, frontEnd: FrontEnd(limits: limits), config: config)
            c.flow = result.flow
            c.sources = result.sources
            c.imported = true
            c.modelComplete = result.flow != nil
            frontEndRead(&c)
            c.diagnostics.report(contentsOf: result.diagnostics)
            return
        }
        let result = FrontEndStages.decode(source, limits: limits, splitAbove: splitsLargeFiles ? NodesSplit.threshold : nil)
        c.decoded = result.decoded
        c.flow = result.decoded?.flow
        c.sources = result.sources
        frontEndRead(&c)
        c.frontEndFindings += result.diagnostics.count
        c.diagnostics.report(contentsOf: result.diagnostics)
    }

    /// After the whole decode (a split's second half joined, every include read), when the
    /// command asks for it (`releasesFileText`).
    func releaseText(_ c: inout Compilation) {
        guard releasesFileText else { return }
        for source in c.sources { source.releaseBytes() }
    }

    /// After `decode` read every file: the flow's `ignore:` entries apply from now on, and the
    /// file table's canonical paths (what confinement and `unused-definition` compare) are
    /// worked out, before any check runs.
    private func frontEndRead(_ c: inout Compilation) {
        guard let flow = c.flow else { return }
        c.diagnostics.suppress(with: flow)
        for path in c.sources.map(\.path) + flow.includes.map(\.resolvedPath) where c.canonicalPaths[path] == nil {
            c.canonicalPaths[path] = IncludePath.canonical(path)
        }
    }

    func resolve(_ c: inout Compilation) {
        guard let decoded = c.decoded.take() else { return }
        c.flow = nil // one copy of the flow while it is changed
        let result = FrontEndStages.resolve(decoded, limits: limits, threads: threadsPerFile)
        c.decoded = result.decoded
        c.flow = result.decoded.flow
        c.frontEndFindings += result.diagnostics.count
        c.diagnostics.report(contentsOf: result.diagnostics)
    }

    func typeCheck(_ c: inout Compilation) {
        guard let decoded = c.decoded.take() else { return }
        c.flow = nil
        // `consume`: the stage then holds the only reference to the nodes, so the switch nodes it
        // replaces are freed where they are replaced (on the ranges' threads), not here after it.
        let result = FrontEndStages.typeCheck(consume decoded, limits: limits, threads: threadsPerFile)
        c.flow = result.flow
        c.frontEndFindings += result.diagnostics.count
        c.diagnostics.report(contentsOf: result.diagnostics)
        // Every front-end finding means a part of the model could not be built.
        c.modelComplete = c.frontEndFindings == 0
    }

    func buildGraph(_ c: inout Compilation) {
        guard let flow = c.flow else { return }
        c.graph = FlowGraph(flow)
    }

    func graphChecks(_ c: inout Compilation) {
        // An imported flow's checks ran while it was read (ImportLinter): they skip what the
        // platform gives too little for and add the platform's limits.
        guard let graph = c.graph, !c.imported else { return }
        let checks = CheckRegistry.graphChecks.filter { config.isEnabled($0.descriptor.id) }
        // The analyses are computed once, whichever thread asks first, and `c.analyses` keeps them.
        let shared = SharedAnalyses(graph: graph)
        let makeContext: @Sendable () -> CheckContext = { [options = config.options, sources = c.sources, canonicalPaths = c.canonicalPaths] in
            let context = CheckContext(graph: graph, options: options, sharing: shared)
            context.sources = sources
            context.canonicalPaths = canonicalPaths
            return context
        }
        let context = makeContext()
        c.analyses = context
        if threadsPerFile > 1 && graph.count >= GraphChecker.nodesWorthThreads {
            // Each thread has a context of its own, sharing the analyses.
            for findings in GraphChecker.runOnThreads(checks, on: graph, threads: threadsPerFile, context: makeContext) {
                c.diagnostics.report(contentsOf: findings)
            }
            return
        }
        for check in checks {
            c.diagnostics.report(contentsOf: check.run(graph, context))
        }
    }

    func lower(_ c: inout Compilation) {
        guard let graph = c.graph else { return }
        let errors = c.diagnostics.errorCount
        guard errors == 0 else {
            c.failure = .refused(path: c.path, errors: errors)
            return
        }
        do {
            c.table = try TableCompiler.compile(graph, sourceHash: TableCompiler.sourceHash(c.sources), options: tableOptions)
        } catch {
            c.failure = .lowering(path: c.path, reason: error.description)
        }
    }

    func validate(_ c: inout Compilation) {
        guard let table = c.table else { return }
        let bytes = table.table.encoded()
        do {
            c.program = try TableProgram(bytes: bytes)
            c.tableBytes = bytes
        } catch {
            c.failure = .invalidTable(path: c.path, reason: error.description)
        }
    }
}
