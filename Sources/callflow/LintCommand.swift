import ArgumentParser
import CallFlowCompiler

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check flow files and print every finding.",
        discussion: """
        Directories are searched recursively for .yaml/.yml files with a top-level `callflow:` key; \
        a file named here is always linted. Exit status: 0 no errors (no warnings either with \
        --strict), 1 findings that fail, 2 the command could not run.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Flow files or directories.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "The project's config file (default: .callflow.yml here or in a folder above).",
            completion: .file(extensions: ["yml", "yaml"]))
    var config: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one flow file or directory") }
    }

    func run() throws {
        let projectConfig = try ConfigOption.load(config)
        let files: [String]
        do {
            files = try FlowFileFinder.find(paths, excluding: projectConfig.excludes)
        } catch {
            FileHandleOutput.standardError("callflow: error: \(error.description)\n")
            throw Exit.couldNotRun
        }
        let (report, unreadable) = Linter(config: projectConfig).lint(paths: files)
        for problem in unreadable {
            FileHandleOutput.standardError("callflow: error: \(problem)\n")
        }
        switch format {
        case .text: FileHandleOutput.standardOutput(TextRenderer(useColor: FileHandleOutput.stdoutWantsColor).render(report))
        case .json: FileHandleOutput.standardOutput(JSONRenderer().render(report))
        }
        if !unreadable.isEmpty { throw Exit.couldNotRun }
        if report.errorCount > 0 || (strict && report.warningCount > 0) { throw Exit.findings }
    }
}
