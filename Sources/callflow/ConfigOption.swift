import ArgumentParser
import CallFlowCompiler

/// The options every command that reads flows shares: which project configuration applies.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The project's config file (default: .callflow.yml here or in a folder above).",
            completion: .file(extensions: ["yml", "yaml"]))
    var config: String?

    /// The configuration: the file named by `--config`, else the nearest `.callflow.yml`.
    func load() throws -> ProjectConfig { try ConfigOption.load(config) }
}

/// Loads the project's config for a command: the file named by `--config`, else the nearest
/// `.callflow.yml`. A config with errors stops the command (exit 2) after printing them.
enum ConfigOption {
    static func load(_ path: String?) throws -> ProjectConfig {
        guard let path = path ?? ConfigPaths.find() else { return ProjectConfig() }
        let source: SourceFile
        do {
            source = try SourceReader().read(path)
        } catch {
            throw CommandError.unreadableConfig(error)
        }
        let (config, diagnostics) = ConfigLoader().load(source)
        if !diagnostics.isEmpty {
            FileHandleOutput.standardError(TextRenderer(useColor: false).render(diagnostics.sorted(by: Diagnostic.printOrder),
                                                                                sources: [source.path: source]))
            throw CommandError.invalidConfig(path: path, errors: diagnostics.count)
        }
        return config
    }
}
