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
        } catch let failure as CommandError {
            // The one place a command's failure is printed.
            FileHandleOutput.standardError("callflow: error: \(failure.message)\n")
            exit(failure.status)
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

/// What stops a command, as a value: `Main` prints it once (`callflow: error: ...` on standard
/// error) and exits with its status. Commands never print their own failure.
enum CommandError: Error {
    /// The command could not run (exit status 2).
    case couldNotRun(String)
    /// Findings (already printed) fail the command (exit status 1).
    case findings(String)

    var message: String {
        switch self {
        case .couldNotRun(let message), .findings(let message): return message
        }
    }

    var status: Int32 {
        switch self {
        case .couldNotRun: return 2
        case .findings: return 1
        }
    }
}

/// Exit codes of the command-line contract.
enum Exit {
    static let findings = ExitCode(1)
    static let couldNotRun = ExitCode(2)
}
