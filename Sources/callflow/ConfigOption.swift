import ArgumentParser
import CallFlowCompiler

/// Loads the project's config for a command: the file named by `--config`, else the nearest
/// `.callflow.yml`. A config with errors stops the command (exit 2) after printing them.
enum ConfigOption {
    static func load(_ path: String?) throws -> ProjectConfig {
        guard let path = path ?? ConfigPaths.find() else { return ProjectConfig() }
        let source: SourceFile
        do {
            source = try SourceReader().read(path)
        } catch {
            FileHandleOutput.standardError("callflow: error: config \(error.description)\n")
            throw Exit.couldNotRun
        }
        let (config, diagnostics) = ConfigLoader().load(source)
        if !diagnostics.isEmpty {
            let renderer = TextRenderer(useColor: false)
            for diagnostic in diagnostics.sorted(by: Diagnostic.printOrder) {
                FileHandleOutput.standardError(renderer.render(diagnostic, sources: [source.path: source]))
            }
            FileHandleOutput.standardError("callflow: error: the config \(path) has \(Plural.count(diagnostics.count, "error")); fix \(Plural.them(diagnostics.count)) first\n")
            throw Exit.couldNotRun
        }
        return config
    }
}
