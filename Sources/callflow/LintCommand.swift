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
        --strict), 1 findings that fail, 2 the command could not run. With --output, the chosen \
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

    @Option(help: "The project's config file (default: .callflow.yml here or in a folder above).",
            completion: .file(extensions: ["yml", "yaml"]))
    var config: String?

    @Flag(help: "For each Twilio Studio or Amazon Connect file named, print how it was read, what is opaque and which checks are skipped and why, instead of linting.")
    var explainImport = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one flow file or directory") }
    }

    func run() throws {
        if explainImport { return try ImportCommand.explain(paths) }
        let projectConfig = try ConfigOption.load(config)
        let files: [String]
        do {
            files = try FlowFileFinder.find(paths, excluding: projectConfig.excludes, namedFilesMustBeFlows: skipNonFlows)
        } catch {
            FileHandleOutput.standardError("callflow: error: \(error.description)\n")
            throw Exit.couldNotRun
        }
        let (report, unreadable) = Linter(config: projectConfig).lint(paths: files)
        for problem in unreadable {
            FileHandleOutput.standardError("callflow: error: \(problem)\n")
        }
        if let output {
            // The file gets the chosen format; the terminal or CI log still gets the text report.
            var written = true
            do {
                try AtomicFile.write(render(report, colour: false), to: output)
            } catch {
                written = false
                FileHandleOutput.standardError("callflow: error: \(error.description)\n")
            }
            FileHandleOutput.standardOutput(TextRenderer(useColor: FileHandleOutput.stdoutWantsColor).render(report))
            if !written { throw Exit.couldNotRun }
        } else {
            FileHandleOutput.standardOutput(render(report, colour: FileHandleOutput.stdoutWantsColor))
        }
        if !unreadable.isEmpty { throw Exit.couldNotRun }
        if report.errorCount > 0 || (strict && report.warningCount > 0) { throw Exit.findings }
    }

    private func render(_ report: LintReport, colour: Bool) -> String {
        switch format {
        case .text: TextRenderer(useColor: colour).render(report)
        case .json: JSONRenderer().render(report)
        case .sarif: SARIFRenderer(workingDirectory: FileManager.default.currentDirectoryPath).render(report)
        case .github: GitHubRenderer(workingDirectory: FileManager.default.currentDirectoryPath).render(report)
        }
    }
}
