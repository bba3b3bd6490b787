import ArgumentParser
import CallFlowCompiler

struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List every check with its default severity."
    )

    @Flag(help: "Print docs/checks.md: every check with its explanation and examples, in Markdown.")
    var markdown = false

    func run() throws {
        if markdown {
            FileHandleOutput.standardOutput(CheckDocs.markdown())
            return
        }
        let width = CheckRegistry.ids.map(\.count).max() ?? 0
        var out = ""
        for check in CheckRegistry.all {
            let id = check.id + String(repeating: " ", count: width - check.id.count)
            let severity = check.severity.rawValue + String(repeating: " ", count: 8 - check.severity.rawValue.count)
            out += "\(id)  \(severity)  \(check.summary)\n"
        }
        FileHandleOutput.standardOutput(out)
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a check: what it finds, why it matters, a failing and a passing example."
    )

    @Argument(help: "A check id, such as dead-end.", completion: .list(CheckRegistry.ids))
    var check: String

    func run() throws {
        guard let descriptor = CheckRegistry.descriptor(check) else {
            throw CommandError.unknownCheck(check)
        }
        FileHandleOutput.standardOutput(CheckExplanation.text(descriptor))
    }
}
