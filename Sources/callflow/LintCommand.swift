import ArgumentParser
import CallFlowCompiler
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check flow files and print every finding.",
        discussion: """
        Directories are searched recursively for .yaml/.yml files with a top-level `callflow:` key; \
        a file named here is always linted. Exit status: 0 no errors (no warnings either with \
        --strict), 1 findings that fail, 2 the command could not run (a path missing or unreadable, \
        no flow found without --allow-empty). With --output, the chosen \
        format is written to the file (whole or not at all) and the text report is printed as well.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
    }

    @Argument(help: "Flow files or directories.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(name: [.short, .long],
            help: "Write the chosen format to this file (replaced whole or not at all) and print the text report.",
            completion: .file())
    var output: String?

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Skip named files that have no top-level `callflow:` key or that the config excludes, as a folder search does (for pre-commit, which names every staged YAML file).")
    var skipNonFlows = false

    @OptionGroup var project: ProjectOptions

    @Flag(help: "For each Twilio Studio or Amazon Connect file named, print how it was read, what is opaque and which checks are skipped and why, instead of linting.")
    var explainImport = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one flow file or directory") }
    }

    @Flag(help: "Exit 0 when the paths hold no flow file (by default that is exit 2: a CI job pointed at the wrong folder must not pass).")
    var allowEmpty = false

    func run() throws {
        if explainImport { return try ImportCommand.explain(paths) }
        let projectConfig = try project.load()
        // Each path on its own: a missing one is reported and the others are still linted.
        var failures: [String] = []
        var files: [String] = []
        for path in paths {
            do {
                files += try FlowFileFinder.find([path], excluding: projectConfig.excludes, namedFilesMustBeFlows: skipNonFlows)
            } catch {
                failures.append(error.description)
            }
        }
        var seen = Set<String>()
        files = files.filter { seen.insert($0).inserted }
        var linter = Linter(config: projectConfig)
        // The process ends once the report is written: the last flows are left to its end.
        linter.leavesLastFlowsToExit = true
        linter.splitsLargeFiles = true
        linter.releasesFileText = true
        let (report, unreadable) = linter.lint(paths: files)
        failures += unreadable
        if failures.isEmpty, report.fileCount == 0, !allowEmpty {
            failures.append("no flow file found in \(paths.joined(separator: ", ")) (a flow is a .yaml or .yml file with a top-level `callflow:` key); --allow-empty accepts that")
        }
        for problem in failures {
            CommandError.printWithoutStopping(problem)
        }
        if let output {
            // The file gets the chosen format; the terminal or CI log still gets the text report.
            var written = true
            do {
                try AtomicFile.write(render(report, failures: failures, colour: false), to: output)
            } catch {
                written = false
                CommandError.printWithoutStopping(error.description)
            }
            FileHandleOutput.standardOutput(TextRenderer(useColor: FileHandleOutput.stdoutWantsColor).render(report))
            if !written { throw CommandError.failuresPrinted }
        } else if format != .text || report.fileCount > 0 || failures.isEmpty {
            // JSON and SARIF are written even when nothing could be checked: a CI step reads them.
            FileHandleOutput.standardOutput(render(report, failures: failures, colour: FileHandleOutput.stdoutWantsColor))
        }
        if !failures.isEmpty { throw CommandError.failuresPrinted }
        if report.errorCount > 0 || (strict && report.warningCount > 0) { throw CommandError.findingsPrinted }
    }

    private func render(_ report: LintReport, failures: [String], colour: Bool) -> String {
        switch format {
        case .text: TextRenderer(useColor: colour).render(report)
        case .json: JSONRenderer().render(report)
        case .sarif: SARIFRenderer(workingDirectory: FileManager.default.currentDirectoryPath).render(report, failures: failures)
        case .github: GitHubRenderer(workingDirectory: FileManager.default.currentDirectoryPath).render(report)
        }
    }
}
