import ArgumentParser
import CallFlowCompiler
import CallFlowRuntime
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run scenario tests (files whose top key is `tests`).",
        discussion: """
        Folders are searched for .yaml/.yml files with a top-level `tests` key. Each flow is linted, \
        compiled and loaded from its table bytes, and every scenario runs on the runtime. Exit \
        status: 0 all pass, 1 a scenario fails, 2 a scenario file, flow or table cannot be loaded.
        """
    )

    @Argument(help: "Scenario files or folders.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @Option(help: "Format of the findings (mistakes in scenario files, errors of the flows they test): \(LintCommand.Format.allCases.map(\.rawValue).joined(separator: ", ")). With json, sarif or github and no --output, the findings go to standard output and the test results to standard error.")
    var format: LintCommand.Format = .text

    @Option(name: [.short, .long], help: "Write the findings in the chosen format to this file (whole or not at all); the text report is printed as usual.",
            completion: .file())
    var output: String?

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Exit 0 when the paths hold no scenario file (by default that is exit 2: a CI job pointed at the wrong folder must not pass).")
    var allowEmpty = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one scenario file or folder") }
    }

    func run() throws {
        let projectConfig = try project.load()
        let files: [String]
        do {
            files = try ScenarioRunner.find(paths)
        } catch {
            throw CommandError.scenarioSearch(error)
        }
        if files.isEmpty && !allowEmpty {
            throw CommandError.noScenarioFile(paths: paths)
        }
        var passed = 0, failed = 0, unloadable = 0
        var out = ""
        var failures: [String] = []
        // Every finding, of scenario files and of flows that did not compile, for --format.
        var findings: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        let renderer = TextRenderer(useColor: false)
        for path in files {
            let read = ScenarioFile.read(path: path)
            if let source = read.source { sources[source.path] = source }
            findings += read.diagnostics
            out += renderer.render(read.diagnostics, sources: sources)
            guard let file = read.file else {
                let problem = "\(path): the scenario file has \(Plural.count(read.diagnostics.count, "error")); fix \(Plural.them(read.diagnostics.count)) first"
                failures.append(problem)
                CommandError.printWithoutStopping(problem)
                unloadable += 1
                continue
            }
            let loaded: LoadedProgram
            do {
                loaded = try ProgramLoader.load(file.flow, config: projectConfig)
            } catch {
                if let report = error.report {
                    findings += report.diagnostics
                    sources.merge(report.sources) { first, _ in first }
                    out += renderer.render(report)
                }
                failures.append("\(path): \(error.description)")
                CommandError.printWithoutStopping("\(path): \(error.description)")
                unloadable += 1
                continue
            }
            out += "\(path) (\(file.flow))\n"
            for result in ScenarioRunner.run(file, loaded) {
                if result.passed {
                    passed += 1
                    out += "  pass  \(result.name)\n"
                } else {
                    failed += 1
                    out += "  FAIL  \(result.name)  (\(path):\(result.line))\n"
                    for line in result.details { out += "        \(line)\n" }
                }
            }
        }
        out += "\(Plural.count(passed + failed, "scenario")) in \(Plural.count(files.count, "file")): \(passed) passed, \(failed) failed\n"
        let report = LintReport(diagnostics: Array(Set(findings)).sorted(by: Diagnostic.printOrder), sources: sources, fileCount: files.count)
        let directory = FileManager.default.currentDirectoryPath
        func rendered() -> String {
            switch format {
            case .text: return renderer.render(report)
            case .json: return JSONRenderer().render(report)
            case .sarif: return SARIFRenderer(workingDirectory: directory).render(report, failures: failures)
            case .github: return GitHubRenderer(workingDirectory: directory).render(report)
            }
        }
        if let output {
            do {
                try AtomicFile.write(rendered(), to: output)
            } catch {
                FileHandleOutput.standardOutput(out)
                throw CommandError.unwritable(error)
            }
            FileHandleOutput.standardOutput(out)
        } else if format == .text {
            FileHandleOutput.standardOutput(out)
        } else {
            // The findings are the machine-readable output; people read the results in the log.
            FileHandleOutput.standardError(out)
            FileHandleOutput.standardOutput(rendered())
        }
        if unloadable > 0 { throw CommandError.failuresPrinted }
        if failed > 0 { throw CommandError.findingsPrinted }
    }
}
