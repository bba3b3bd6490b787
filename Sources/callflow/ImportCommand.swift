import ArgumentParser
import CallFlowCompiler
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a Twilio Studio or Amazon Connect flow to callflow YAML.",
        discussion: """
        Reads a Studio definition (raw, REST `definition`, or JSON inside a Terraform template) or an \
        Amazon Connect flow (flow language or legacy export) and writes the callflow YAML of it, whole \
        or not at all. Opaque steps are written with `external:`. Exit status: 0 written, 2 not written.
        """
    )

    @Argument(help: "The platform flow file.", completion: .file())
    var file: String

    @Option(name: [.short, .long], help: "Where to write the YAML (default: standard output).", completion: .file())
    var output: String?

    func run() throws {
        let source: SourceFile
        do {
            source = try SourceReader().read(file)
        } catch {
            throw CommandError.unreadable(error)
        }
        let imported = PlatformImporter.read(source)
        var writer = FlowYAMLWriter()
        guard let yaml = writer.yaml(imported, source: file) else {
            for diagnostic in imported.diagnostics {
                FileHandleOutput.standardError("\(file):\(diagnostic.range.start.line):\(diagnostic.range.start.column): "
                                               + "error: \(diagnostic.message)\n")
            }
            throw CommandError.notConverted(file)
        }
        guard let output else {
            FileHandleOutput.standardOutput(yaml)
            return
        }
        do {
            try AtomicFile.write(yaml, to: output)
        } catch {
            throw CommandError.unwritable(error)
        }
    }

    /// `callflow lint --explain-import FILE...`.
    static func explain(_ paths: [String]) throws {
        var failed = false
        for path in paths {
            do {
                let source = try SourceReader().read(path)
                FileHandleOutput.standardOutput(ImportExplanation.text(PlatformImporter.read(source), path: path))
            } catch {
                CommandError.printWithoutStopping(error.description)
                failed = true
            }
        }
        if failed { throw CommandError.failuresPrinted }
    }
}
