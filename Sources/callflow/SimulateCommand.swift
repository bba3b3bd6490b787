import ArgumentParser
import CallFlowCompiler
import CallFlowRuntime
import Foundation

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run one call through a flow or a compiled table and print each step.",
        discussion: """
        A flow is linted and compiled first; a table runs exactly as the runtime runs it. Events \
        (comma-separated): keys (1, 1234#), no_input, speech:TEXT, found, not_found, error, \
        wait:5m or wait:5m/3 (queue wait and depth), overflow, callback, no_answer, busy, failed; \
        scenario files take the same words. --context sets declared variables, caller.number and \
        call.dialed. \
        Exit status: 0 the call ran, 1 it could not finish as given (an event that does not apply, \
        events after the end, a fault, the call still waiting for input), 2 the flow or table could \
        not be loaded.
        """
    )

    @Argument(help: "A flow file or a compiled table.", completion: .file())
    var path: String

    @Option(help: "Local time of the call in the flow's zone, YYYY-MM-DDTHH:MM (default: now).")
    var at: String?

    @Option(parsing: .singleValue, help: "A context value, name=value (repeatable).")
    var context: [String] = []

    @Option(help: "The call's language (one of the flow's `languages`; the same as --context call.language=TAG).")
    var language: String?

    @Option(help: "Events, separated by commas.")
    var events: String?

    @Flag(help: "Print the steps as JSON.")
    var json = false

    @OptionGroup var project: ProjectOptions

    func run() throws {
        var parsedContext: [(name: String, text: String)] = []
        for item in context {
            guard let equals = item.firstIndex(of: "=") else {
                throw CommandError.contextNotNameValue(item)
            }
            let name = String(item[..<equals])
            if let problem = CallSimulator.contextProblem(name) {
                throw CommandError.contextRefused(reason: problem)
            }
            parsedContext.append((name, String(item[item.index(after: equals)...])))
        }
        if let language { parsedContext.append(("call.language", language)) }
        var parsedEvents: [SimulatedEvent] = []
        for word in (events ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
            guard let event = SimulatedEvent(word: word) else {
                throw CommandError.unknownEvent(word)
            }
            parsedEvents.append(event)
        }
        let projectConfig = try project.load()
        let loaded: LoadedProgram
        do {
            loaded = try ProgramLoader.load(path, config: projectConfig)
        } catch {
            if let report = error.report { FileHandleOutput.standardOutput(TextRenderer(useColor: false).render(report)) }
            throw CommandError.program(error)
        }
        let table = loaded.program.table
        let zone = table.timeZone >= 0 ? table.strings[Int(table.timeZone)] : nil
        let time: Date
        if let at {
            guard let instant = LocalTime.instant(at, zone: zone) else {
                throw CommandError.notATime(at)
            }
            time = instant
        } else {
            time = Date()
        }
        let result = CallSimulator.run(loaded.program, at: time, context: parsedContext, events: parsedEvents)
        if json {
            FileHandleOutput.standardOutput(Self.json(result))
        } else {
            var out = ""
            for step in result.steps {
                if let event = step.event { out += "event \(event)\n" }
                let node = step.replay ? "  (\(step.node))" : "  \(step.node)"
                out += node.padding(toLength: max(24, node.count + 2), withPad: " ", startingAt: 0)
                out += (step.instruction ?? "-") + "\n"
                out += "      why: \(step.why)\n"
            }
            if let ending = result.ending { out += "ends at \(ending)\n" }
            if let problem = result.problem { out += "problem: \(problem)\n" }
            FileHandleOutput.standardOutput(out)
        }
        // Still waiting for input is a call that did not finish as given, like any other problem.
        if result.problem != nil { throw CommandError.findingsPrinted }
    }

    static func json(_ result: SimulationResult) -> String {
        struct Step: Encodable {
            var event: String?
            var node: String
            var instruction: String?
            var why: String
            var replay: Bool
        }
        struct Out: Encodable {
            var steps: [Step]
            var path: [String]
            var ending: [String: String]?
            var problem: String?
        }
        let out = Out(steps: result.steps.map { Step(event: $0.event, node: $0.node, instruction: $0.instruction, why: $0.why, replay: $0.replay) },
                      path: result.path, ending: result.ending.map { [$0.kind: $0.value] }, problem: result.problem)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(out)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
    }
}
