import ArgumentParser
import CallFlowCompiler
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct Main {
    static func main() {
        FileHandleOutput.ignoreBrokenPipeSignal()
        do {
            var command = try CallFlow.parseAsRoot()
            try command.run()
        } catch {
            // The contract says 2 for a command that could not run; argument errors are 64 in
            // ArgumentParser, so they are mapped.
            let code = CallFlow.exitCode(for: error)
            if code == .success {
                // Help, --version, completion scripts: written like every other output, so a
                // full disk is exit 2 and a closed pipe a quiet end.
                let message = CallFlow.fullMessage(for: error)
                if !message.isEmpty { FileHandleOutput.standardOutput(message + "\n") }
                exit(0)
            }
            if code == .validationFailure {
                FileHandleOutput.standardError(CallFlow.fullMessage(for: error) + "\n")
                exit(2)
            }
            CallFlow.exit(withError: error)
        }
    }
}

struct CallFlow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callflow",
        abstract: "Compile, check, test and draw telephone call flows written in YAML.",
        version: CallFlowVersion.current,
        subcommands: [LintCommand.self, ImportCommand.self, CompileCommand.self, SimulateCommand.self, TestCommand.self, ChecksCommand.self,
                      ExplainCommand.self, DotCommand.self, VocabularyCommand.self]
    )
}

/// Exit codes of the command-line contract.
enum Exit {
    static let findings = ExitCode(1)
    static let couldNotRun = ExitCode(2)
}
