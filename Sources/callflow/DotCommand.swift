import ArgumentParser
import CallFlowCompiler
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct DotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dot",
        abstract: "Draw a flow: Graphviz DOT (or a Mermaid flowchart), with the linter's findings.",
        discussion: """
        One drawn node per flow node, shaped and filled by kind class, plus a "call arrives" node; \
        escalation rules are dashed edges; unreachable nodes are grey; nodes with findings are \
        outlined in red, the findings in their tooltip. A flow the front end rejects (errors in \
        its keys, values or references) is not drawn: its findings are printed on standard error \
        and the exit status is 1. Exit status 2: the command could not run (unreadable flow, \
        unwritable output, no Graphviz for --render).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case dot, mermaid
    }

    enum Render: String, ExpressibleByArgument, CaseIterable {
        case svg, png
    }

    @Argument(help: "The flow file.", completion: .file(extensions: ["yaml", "yml"]))
    var flow: String

    @Option(name: [.short, .long], help: "Write to this file (replaced whole or not at all) instead of standard output.",
            completion: .file())
    var output: String?

    @Option(help: "Picture format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .dot

    @Flag(help: "Leave the linter's findings out of the picture.")
    var noFindings = false

    @Option(help: "Render the DOT with Graphviz's `dot` (which must be on the PATH): \(Render.allCases.map(\.rawValue).joined(separator: ", ")).")
    var render: Render?

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        if render != nil && format != .dot {
            throw ValidationError("--render draws the DOT picture with Graphviz; it does not go with --format \(format.rawValue)")
        }
    }

    func run() throws {
        let projectConfig = try project.load()
        let compilation = Driver(config: projectConfig).run(flow, through: .graphChecks)
        if case .unreadable(let error)? = compilation.failure {
            throw CommandError.unreadable(error)
        }
        // A flow the front end could not build is only partly known: a picture of it would be a
        // guess. Graph findings (dead ends, traps, unreachable menus) are what the picture is for.
        let findings = compilation.diagnostics.diagnostics
        guard compilation.modelComplete, let graph = compilation.graph else {
            let renderer = TextRenderer(useColor: false)
            let errors = findings.filter { $0.severity == .error }
            // A project may have lowered the front end's findings: they still stop the picture.
            let shown = errors.isEmpty ? findings : errors
            FileHandleOutput.standardError(renderer.render(shown.sorted(by: Diagnostic.printOrder), sources: compilation.sourcesByPath))
            throw CommandError.cannotDraw(flow: flow, shown: shown.count, errors: !errors.isEmpty)
        }

        let picture = FlowPicture(graph, findings: findings, showFindings: !noFindings)
        let text = format == .dot ? DotRenderer().render(picture) : MermaidRenderer().render(picture)
        var bytes = Array(text.utf8)
        if let render {
            bytes = try Graphviz.render(bytes, format: render.rawValue)
        }
        if let output {
            do {
                try AtomicFile.write(bytes, to: output)
            } catch {
                throw CommandError.unwritable(error)
            }
        } else {
            FileHandleOutput.standardOutput(bytes)
        }
    }
}

/// Graphviz's `dot`, run as a child process.
enum Graphviz {
    /// `dot` on the PATH, or nil.
    static func executable() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("dot")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
        }
        return nil
    }

    /// `dot -T format` on `input`; its warnings pass through to standard error. Exit 2 when
    /// `dot` is missing or fails.
    static func render(_ input: [UInt8], format: String) throws -> [UInt8] {
        guard let dot = executable() else {
            throw CommandError.graphvizMissing
        }
        // `dot` may stop reading early; its error matters, not a SIGPIPE (ignored since start).
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-T" + format]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        do {
            try process.run()
        } catch {
            throw CommandError.graphvizUnstartable(path: dot.path, reason: error.localizedDescription)
        }
        // Feed the input on another thread so neither pipe can fill up and block the other side.
        let writer = stdin.fileHandleForWriting
        let data = Data(input)
        let feeding = Thread {
            try? writer.write(contentsOf: data)
            try? writer.close()
        }
        feeding.start()
        let rendered = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw CommandError.graphvizFailed(path: dot.path, format: format, status: process.terminationStatus)
        }
        return [UInt8](rendered)
    }
}
