import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 17 (branches par17, wall18): one file's `typeCheck` over ranges of nodes on several
/// threads, and its graph checks taken from one list by two threads, must give what one thread
/// gives: the same model, the same findings in the same order, the same bytes printed.
@Suite struct ThreadedStagesTests {
    /// A flow of `1 + 10 * copies` nodes with findings of 13 graph checks in each copy, of checks
    /// that read the next steps and of others (trap loops, dead ends, shadowed and constant
    /// conditions, prompt keys, unused queues, unreachable nodes and menus...).
    static func manyFindings(copies: Int) -> String {
        var lines = ["callflow: 1", "name: many", "start: m0", "context:", "  account.balance: number",
                     "  caller.tier: {enum: [standard, gold, vip]}", "queues:", "  used: {max_wait: 5m}"]
        lines += (0..<copies).map { "  spare\($0): {max_wait: 5m}" }
        lines += ["nodes:", "  box: {voicemail: general}"]
        for k in 0..<copies {
            let next = (k + 1) % copies
            lines += [
                "  m\(k):", "    menu: \"For hours press 1. For sales press 3.\"",
                "    options: {\"1\": info\(k), \"2\": route\(k), \"4\": m\(next), \"5\": t\(k), \"6\": line\(k)}",
                "    no_input: m\(k)",
                "  info\(k): {say: \"Open nine to five.\", next: m\(k)}",
                "  route\(k):", "    switch:", "      - if: account.balance >= 50", "        goto: tier\(k)",
                "      - if: account.balance > 100", "        goto: desk\(k)", "    else: desk\(k)",
                "  tier\(k):", "    switch:", "      - if: caller.tier != \"gold\" or caller.tier != \"vip\"",
                "        goto: desk\(k)", "    else: box",
                "  desk\(k): {transfer: \"+15550101\", fallback: box}",
                "  line\(k): {queue: used}",
                "  t\(k):", "    menu: \"For hours press 1. To hear this again press 2.\"",
                "    options: {\"1\": tinfo\(k), \"2\": t\(k)}", "    fallback: t\(k)",
                "  tinfo\(k): {say: \"We are open from nine to five.\", next: t\(k)}",
                "  orphan\(k): {say: \"never\", next: box}",
                "  lost\(k): {menu: \"Press 1\", options: {\"1\": box}, fallback: box}",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A flow of `1 + copies` nodes whose switches' conditions have parse and type errors, some
    /// with several errors, between good ones.
    static func badConditions(copies: Int) -> String {
        let conditions = ["account.balance >", "account.balance > \"x\"", "caller.tier == \"gold\"",
                          "nosuch.var and other.var", "account.balance > 0 and caller.tier in [\"vip\", 3]"]
        var text = "callflow: 1\nname: bad\nstart: s0\ncontext:\n  account.balance: number\n"
            + "  caller.tier: {enum: [standard, gold, vip]}\nnodes:\n  box: {voicemail: general}\n"
        for k in 0..<copies {
            text += "  s\(k):\n    switch:\n      - if: '\(conditions[k % conditions.count])'\n        goto: box\n"
                + "      - if: '\(conditions[(k + 2) % conditions.count])'\n        goto: s\((k + 1) % copies)\n    else: box\n"
        }
        return text
    }

    /// A flow of `1 + 5 * copies` nodes naming nodes, queues, schedules and variables that do not
    /// exist (some close to one that does, for "did you mean"), between good references.
    static func badReferences(copies: Int) -> String {
        var text = "callflow: 1\nname: refs\nstart: n0\ncontext:\n  account.balance: number\n  caller.pin: number\n"
            + "  callback.number: string\nqueues:\n  support: {max_wait: 5m}\n"
            + "schedules:\n  office:\n    weekly: {mon-fri: \"08:00-18:00\"}\nnodes:\n  box: {voicemail: general}\n"
        for k in 0..<copies {
            let next = (k + 1) % copies
            text += "  n\(k): {say: \"Hello.\", next: \(k % 3 == 0 ? "q\(k)" : "missing\(k)")}\n"
                + "  q\(k): {queue: \(k % 2 == 0 ? "support" : "suport"), overflow: h\(k)}\n"
                + "  h\(k): {hours: \(k % 4 == 0 ? "office" : "ofice"), open: c\(k), closed: box}\n"
                + "  c\(k):\n    collect: \"Enter your PIN.\"\n    digits: 4\n    into: \(k % 5 == 0 ? "caller.pin" : "caller.pn")\n"
                + "    next: s\(k)\n    fallback: box\n"
                + "  s\(k): {set: {\(k % 2 == 0 ? "account.balance" : "acount.balance"): 3}, next: n\(next)}\n"
        }
        return text
    }

    /// The example flows, every check's examples, the shared corpora and bench flows (when
    /// ../shared is there), and the flows above, small and large.
    static func sources() throws -> [SourceFile] {
        let paths = Examples.flowsAndSharedYAML()
        var sources = try paths.map { try SourceReader().read($0) }
        for check in CheckRegistry.all {
            sources.append(SourceFile(path: "\(check.id)-fails.yaml", text: check.failingExample))
            sources.append(SourceFile(path: "\(check.id)-passes.yaml", text: check.passingExample))
        }
        sources.append(SourceFile(path: "many.yaml", text: manyFindings(copies: 3)))
        sources.append(SourceFile(path: "bad.yaml", text: badConditions(copies: 12)))
        sources.append(SourceFile(path: "refs.yaml", text: badReferences(copies: 12)))
        sources.append(SourceFile(path: "generated.yaml", text: StreamedDecodeTests.generated(groups: 1_000)))
        return sources
    }

    /// The findings exactly as reported (not sorted), printed as text and as JSON.
    static func printed(_ compilation: Compilation) -> String {
        let diagnostics = compilation.diagnostics.diagnostics
        let report = LintReport(diagnostics: diagnostics, sources: compilation.sourcesByPath, fileCount: 1)
        return TextRenderer(useColor: false).render(report) + JSONRenderer().render(report)
    }

    static func driver(threads: Int) -> Driver {
        var driver = Driver()
        driver.threadsPerFile = threads
        return driver
    }

    /// The graph checks taken from one list by two or three threads, sharing their analyses,
    /// give each check's findings as one thread running every check in registry order does, on
    /// every flow (whatever its size: the route is called here directly).
    @Test func graphChecksOnThreadsAgreeWithOneThread() throws {
        var compared = 0
        for source in try Self.sources() {
            let compilation = Driver().run(source, through: .graph)
            guard let graph = compilation.graph, !compilation.imported else { continue }
            let checks = CheckRegistry.graphChecks
            let one = CheckContext(graph: graph)
            one.sources = compilation.sources
            let serial = checks.map { $0.run(graph, one) }
            let sources = compilation.sources
            for threads in [2, 3] {
                let shared = SharedAnalyses(graph: graph)
                let threaded = GraphChecker.runOnThreads(checks, on: graph, threads: threads) {
                    let context = CheckContext(graph: graph, sharing: shared)
                    context.sources = sources
                    return context
                }
                #expect(threaded == serial, "\(source.path), \(threads) threads")
            }
            compared += 1
        }
        #expect(compared > 60)
    }

    /// Contexts sharing their analyses read the very values a context of its own computes, also
    /// when several threads ask for them at once (each computed once, by whichever asks first).
    @Test func sharedAnalysesAreThoseOfOneContext() throws {
        let source = SourceFile(path: "many.yaml", text: Self.manyFindings(copies: 40))
        let graph = try #require(Driver().run(source, through: .graph).graph)
        let own = CheckContext(graph: graph)
        for _ in 0..<5 {
            let shared = SharedAnalyses(graph: graph)
            let results = ResultSlots<[[Bool]]>(count: 4)
            DispatchQueue.concurrentPerform(iterations: 4) { thread in
                let context = CheckContext(graph: graph, sharing: shared)
                // Threads ask in different orders, so one waits on what another is computing.
                let asked = thread % 2 == 0
                    ? [context.canEnd, context.reachesHuman, context.reachable]
                    : [context.reachable, context.reachesHuman, context.canEnd]
                results.store(thread % 2 == 0 ? asked : asked.reversed(), at: thread)
            }
            for case let result? in results.values {
                #expect(result == [own.canEnd, own.reachesHuman, own.reachable])
            }
            #expect(shared.steps.offsets == own.steps.offsets)
            #expect(shared.nextStepGraph.targets == own.nextStepGraph.targets)
            #expect(shared.conditionSequences.count == own.conditionSequences.count)
        }
        #expect(own.canEnd.contains(false) && own.reachable.contains(false))
    }

    /// The nodes' conditions checked in ranges on several threads give the same nodes (the same
    /// checked trees) and the same findings in the same order as one thread, on every flow.
    @Test func conditionsCheckedInRangesAgreeWithOneThread() throws {
        var findings = 0
        for source in try Self.sources() + [SourceFile(path: "bad-large.yaml", text: Self.badConditions(copies: 300))] {
            let decoded = FrontEndStages.decode(source)
            guard let flow = decoded.decoded.map({ FrontEndStages.resolve($0).decoded }) else { continue }
            let resolver = ExpressionResolver(resources: flow.resources, sources: flow.sources,
                                              file: flow.sources.first { $0.path == flow.flow.file },
                                              outside: ExpressionEnvironment(flow: flow.flow, queueVariablesBound: false))
            var serialNodes = flow.flow.nodes
            var serialBag = DiagnosticBag()
            resolver.resolveNodes(&serialNodes, in: serialNodes.indices, bag: &serialBag)
            var rangedBag = DiagnosticBag()
            var rangedNodes = flow.flow.nodes
            resolver.resolveNodesInRanges(&rangedNodes, bag: &rangedBag)
            #expect(rangedBag.diagnostics == serialBag.diagnostics, "\(source.path)")
            #expect(Self.conditions(rangedNodes) == Self.conditions(serialNodes), "\(source.path)")
            #expect(rangedNodes.map(\.id.value) == serialNodes.map(\.id.value), "\(source.path)")
            findings += serialBag.diagnostics.count
        }
        #expect(findings > 300)
    }

    /// The nodes' references resolved in ranges on several threads give the same targets and the
    /// same findings in the same order as one range over all the nodes, on every flow.
    @Test func referencesResolvedInRangesAgreeWithOneThread() throws {
        var findings = 0
        for source in try Self.sources() + [SourceFile(path: "refs-large.yaml", text: Self.badReferences(copies: 300))] {
            guard let decoded = FrontEndStages.decode(source).decoded else { continue }
            func decoder() -> FlowDecoder {
                let decoder = FlowDecoder(limits: .standard, fileSystem: SourceReader())
                decoder.sources = decoded.sources
                decoder.resources = decoded.resources
                decoder.brokenNodes = decoded.brokenNodes
                return decoder
            }
            let names = DeclaredNames(decoded.flow)
            let serial = decoder(), ranged = decoder()
            var serialTargets = OutcomeTargets(), rangedTargets = OutcomeTargets()
            serial.resolveNodeReferences(decoded.flow.nodes.indices, of: decoded.flow, names: names, into: &serialTargets)
            ranged.resolveNodeReferencesInRanges(of: decoded.flow, names: names, into: &rangedTargets)
            #expect(rangedTargets == serialTargets, "\(source.path)")
            #expect(rangedTargets.count == decoded.flow.nodes.count, "\(source.path)")
            #expect(ranged.bag.diagnostics == serial.bag.diagnostics, "\(source.path)")
            findings += serial.bag.diagnostics.count
        }
        #expect(findings > 1_000)
    }

    /// Each node's conditions: the text, the range and the checked tree (nil where it has errors).
    static func conditions(_ nodes: [FlowNode]) -> [[Condition]] {
        nodes.map { node in
            guard case .switch(let cases) = node.kind else { return [] }
            return cases.map { Condition(text: $0.condition.text, range: $0.condition.range, parsed: $0.condition.parsed) }
        }
    }

    struct Condition: Equatable {
        let text: String
        let range: SourceRange
        let parsed: TypedExpression?
    }

    /// Through the driver, on flows large enough for the threads: the same bytes printed, and the
    /// same findings in the order reported. Repeated, to catch an order that depends on timing.
    @Test func driverOnTwoThreadsPrintsTheSameBytes() throws {
        let flows = [
            SourceFile(path: "many.yaml", text: Self.manyFindings(copies: 210)),
            SourceFile(path: "bad.yaml", text: Self.badConditions(copies: 2_100)),
            SourceFile(path: "refs.yaml", text: Self.badReferences(copies: 500)),
            SourceFile(path: "generated.yaml", text: StreamedDecodeTests.generated(groups: 1_000)),
        ]
        for source in flows {
            let one = Self.driver(threads: 1).run(source, through: .graphChecks)
            #expect(one.diagnostics.diagnostics.count > 1_000 || source.path == "generated.yaml")
            #expect(one.flow!.nodes.count >= GraphChecker.nodesWorthThreads)
            let expected = Self.printed(one)
            for round in 0..<(["many.yaml", "refs.yaml"].contains(source.path) ? 20 : 2) {
                let two = Self.driver(threads: 2).run(source, through: .graphChecks)
                #expect(two.diagnostics.diagnostics == one.diagnostics.diagnostics, "\(source.path) round \(round)")
                #expect(Self.printed(two) == expected, "\(source.path) round \(round)")
                #expect(Self.conditions(two.flow!.nodes) == Self.conditions(one.flow!.nodes))
            }
        }
    }

    /// The many-findings flow has findings of checks that read the next steps and of checks that
    /// do not, so the threads report findings whichever takes which check.
    @Test func manyFindingsFlowReachesBothKindsOfCheck() {
        let found = Set(lint(Self.manyFindings(copies: 3)).map(\.check))
        let readersOfNextSteps: Set<String> = ["trap-loop", "shadowed-case", "constant-condition", "missing-human-fallback"]
        #expect(found.count >= 13, "\(found.sorted())")
        #expect(!found.isDisjoint(with: readersOfNextSteps))
        #expect(!found.subtracting(readersOfNextSteps).isEmpty)
    }

    /// The order the threads take the checks in names graph checks, each once (a renamed check
    /// would silently move to the end of the list; a repeated one would stop the run).
    @Test func costliestFirstNamesGraphChecksOnce() {
        let ids = Set(CheckRegistry.graphChecks.map { $0.descriptor.id })
        #expect(Set(GraphChecker.costliestFirst).isSubset(of: ids))
        #expect(Set(GraphChecker.costliestFirst).count == GraphChecker.costliestFirst.count)
    }

    /// `callflow lint` gives a file the cores left over from the other files: all of them to one
    /// file, one each when there are as many files as cores or more; other callers one.
    @Test func lintSharesSpareCoresAmongItsFiles() {
        #expect(Linter.threadsPerFile(files: 1, cores: 2) == 2)
        #expect(Linter.threadsPerFile(files: 1, cores: 8) == 8)
        #expect(Linter.threadsPerFile(files: 3, cores: 8) == 2)
        #expect(Linter.threadsPerFile(files: 2, cores: 2) == 1)
        #expect(Linter.threadsPerFile(files: 500, cores: 2) == 1)
        #expect(Linter.threadsPerFile(files: 0, cores: 2) == 1)
        #expect(Linter.threadsPerFile(files: 1, cores: 1) == 1)
        #expect(Linter.threadsPerFile(files: 5, cores: 8) == 1)
        #expect(Driver().threadsPerFile == 1)
        #expect(!Linter().splitsLargeFiles)
        // The two-core decode follows the threads a file may use: never one without the other.
        var driver = Driver()
        #expect(!driver.splitsLargeFiles)
        driver.threadsPerFile = 2
        #expect(driver.splitsLargeFiles)
    }
}
