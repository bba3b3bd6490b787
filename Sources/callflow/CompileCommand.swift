import ArgumentParser
import CallFlowCompiler
import CallFlowRuntime
import Foundation

struct CompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a flow into a routing table (binary, or JSON with --json).",
        discussion: """
        The flow is linted first; a flow with errors is refused (exit 1) and its findings printed. The \
        table is written whole or not at all. Exit status 2: the flow could not be read or the table \
        not written.
        """
    )

    @Argument(help: "The flow file.", completion: .file(extensions: ["yaml", "yml"]))
    var flow: String

    @Option(name: [.short, .customLong("output")], help: "The table file to write.", completion: .file())
    var output: String

    @Flag(help: "Write the JSON rendition instead of the binary table.")
    var json = false

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let projectConfig = try project.load()
        let compilation: TableCompilation
        do {
            let compiled = try ProgramLoader.compileReporting(flow, config: projectConfig)
            compilation = compiled.compilation
            // Warnings do not stop a table, but they are shown (on standard error: standard
            // output may be the table itself, `-o /dev/stdout`).
            if !compiled.report.diagnostics.isEmpty {
                FileHandleOutput.standardError(TextRenderer(useColor: false).render(compiled.report))
            }
        } catch {
            if let report = error.report {
                FileHandleOutput.standardOutput(TextRenderer(useColor: FileHandleOutput.stdoutWantsColor).render(report))
                throw CommandError.refused(error)
            }
            throw CommandError.program(error)
        }
        do {
            if json {
                try AtomicFile.write(compilation.table.json(), to: output)
            } else {
                try AtomicFile.write(compilation.table.encoded(), to: output)
            }
        } catch {
            throw CommandError.unwritable(error)
        }
        let table = compilation.table
        var summary = "\(output): \(table.nodes.count) nodes"
        if !compilation.unreachable.isEmpty { summary += ", \(compilation.unreachable.count) unreachable left out" }
        if !compilation.threaded.isEmpty { summary += ", \(compilation.threaded.count) threaded through" }
        FileHandleOutput.standardError(summary + "\n")
    }
}
