import ArgumentParser
import CallFlowCompiler

/// `callflow vocabulary`: the language's words as the decoder knows them, as JSON, for
/// grammar/sync-schema-enums.py, which writes the JSON Schemas' enumerations from it.
struct VocabularyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocabulary",
        abstract: "Print the language's check ids, keys, node kinds, built-ins and event words as JSON.",
        shouldDisplay: false
    )

    func run() throws {
        FileHandleOutput.standardOutput(Vocabulary.json())
    }
}
