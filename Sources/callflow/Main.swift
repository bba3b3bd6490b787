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
            if failure.hasMessage { CommandError.printWithoutStopping(failure.description) }
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
/// error) and exits with its status. Each case's message is built here, in `description`, and its
/// exit status in `status`; commands never print their own failure, and nothing reads a message
/// to decide anything.
enum CommandError: Error, CustomStringConvertible {
    /// A file named on the command line cannot be read.
    case unreadable(SourceReader.ReadError)
    /// The project's config file cannot be read.
    case unreadableConfig(SourceReader.ReadError)
    /// The project's config file has errors (printed already).
    case invalidConfig(path: String, errors: Int)
    /// A flow or table could not be loaded or compiled (`simulate`, `compile`).
    case program(ProgramLoader.LoadError)
    /// `compile` refused a flow for its findings (printed already).
    case refused(ProgramLoader.LoadError)
    /// A scenario folder or file to search cannot be read.
    case scenarioSearch(ProgramLoader.LoadError)
    /// `test` found no scenario file in the paths it was given.
    case noScenarioFile(paths: [String])
    /// An output file cannot be written.
    case unwritable(AtomicFile.WriteError)
    /// `--context` without `=`.
    case contextNotNameValue(String)
    /// `--context` names a variable that cannot be given (the reason is `CallSimulator.contextProblem`'s).
    case contextRefused(reason: String)
    /// `--events` has a word that is not an event.
    case unknownEvent(String)
    /// `--at` is not a local time.
    case notATime(String)
    /// `explain` of a check that does not exist.
    case unknownCheck(String)
    /// `dot` of a flow the front end could not build (its findings are printed already).
    case cannotDraw(flow: String, shown: Int, errors: Bool)
    /// `--render` without Graphviz.
    case graphvizMissing
    /// Graphviz could not be started, or failed.
    case graphvizUnstartable(path: String, reason: String)
    case graphvizFailed(path: String, format: String, status: Int32)
    /// `import` could not convert the file (the reasons are printed already).
    case notConverted(String)
    /// The command printed its findings (or failed results): only the exit status 1 is left.
    case findingsPrinted
    /// The command printed why some of its inputs could not be used: only the exit status 2 is left.
    case failuresPrinted

    var description: String {
        switch self {
        case .unreadable(let error): return error.description
        case .unreadableConfig(let error): return "config \(error.description)"
        case .invalidConfig(let path, let errors):
            return "the config \(path) has \(Plural.count(errors, "error")); fix \(Plural.them(errors)) first"
        case .program(let error), .refused(let error), .scenarioSearch(let error): return error.description
        case .noScenarioFile(let paths):
            return "no scenario file found in \(paths.joined(separator: ", ")) (a scenario file is a .yaml or .yml file with a top-level `tests:` key); --allow-empty accepts that"
        case .unwritable(let error): return error.description
        case .contextNotNameValue(let item): return "--context takes name=value, not '\(item)'"
        case .contextRefused(let reason): return "--context: \(reason)"
        case .unknownEvent(let word): return "--events: \(SimulatedEvent.unknownWordMessage(word))"
        case .notATime(let text): return "--at '\(text)' is not a time YYYY-MM-DDTHH:MM"
        case .unknownCheck(let name):
            let hint = Suggestion.closest(to: name, in: CheckRegistry.ids).map { "; did you mean '\($0)'?" } ?? ""
            return "no check is named '\(name)'\(hint) (`callflow checks` lists them)"
        case .cannotDraw(let flow, let shown, let errors):
            return "\(flow) has \(Plural.count(shown, errors ? "error" : "finding")); fix \(Plural.them(shown)) (see `callflow lint \(flow)`) and draw it again"
        case .graphvizMissing:
            return "--render needs Graphviz's `dot` on the PATH, and there is none; install Graphviz (Debian and Ubuntu: apt-get install graphviz; macOS: brew install graphviz) or leave out --render and render the DOT elsewhere"
        case .graphvizUnstartable(let path, let reason): return "cannot run \(path): \(reason)"
        case .graphvizFailed(let path, let format, let status): return "\(path) -T\(format) failed (status \(status))"
        case .notConverted(let file): return "\(file) was not converted"
        case .findingsPrinted, .failuresPrinted: return ""
        }
    }

    /// The exit status: 1 when findings explain the failure, 2 when the command could not run.
    var status: Int32 {
        switch self {
        case .refused, .cannotDraw, .findingsPrinted: return 1
        default: return 2
        }
    }

    /// False for the cases whose messages were printed already.
    var hasMessage: Bool {
        switch self {
        case .findingsPrinted, .failuresPrinted: return false
        default: return true
        }
    }

    /// Prints a failure that does not stop the command (one input of several could not be used),
    /// as `Main` prints one that does.
    static func printWithoutStopping(_ message: String) {
        FileHandleOutput.standardError("callflow: error: \(message)\n")
    }
}

