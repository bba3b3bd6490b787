import ArgumentParser
import CallFlowCompiler
import CallFlowRuntime
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run scenario tests (files whose top key is `tests`).",
        discussion: """
        Folders are searched for .yaml/.yml files with a top-level `tests` key. Each flow is linted, \
        compiled and loaded from its table bytes, and every scenario runs on the runtime. Exit \
        status: 0 all pass, 1 a scenario fails, 2 a scenario file, flow or table cannot be loaded.
        """
    )

    @Argument(help: "Scenario files or folders.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one scenario file or folder") }
    }

    @Flag(help: "Exit 0 when the paths hold no scenario file (by default that is exit 2: a CI job pointed at the wrong folder must not pass).")
    var allowEmpty = false

    func run() throws {
        let files: [String]
        do {
            files = try ScenarioRunner.find(paths)
        } catch {
            FileHandleOutput.standardError("callflow: error: \(error.description)\n")
            throw Exit.couldNotRun
        }
        if files.isEmpty && !allowEmpty {
            FileHandleOutput.standardError("callflow: error: no scenario file found in \(paths.joined(separator: ", ")) (a scenario file is a .yaml or .yml file with a top-level `tests:` key); --allow-empty accepts that\n")
            throw Exit.couldNotRun
        }
        var passed = 0, failed = 0, unloadable = 0
        var out = ""
        let renderer = TextRenderer(useColor: false)
        for path in files {
            let read = ScenarioFile.read(path: path)
            if !read.diagnostics.isEmpty {
                // The scenario file's own mistakes, every one, as lint prints a flow's.
                var sources: [String: SourceFile] = [:]
                if let source = read.source { sources[source.path] = source }
                for diagnostic in read.diagnostics { out += renderer.render(diagnostic, sources: sources) }
            }
            guard let file = read.file else {
                FileHandleOutput.standardOutput(out)
                out = ""
                FileHandleOutput.standardError("callflow: error: \(path): the scenario file has \(Plural.count(read.diagnostics.count, "error")); fix \(Plural.them(read.diagnostics.count)) first\n")
                unloadable += 1
                continue
            }
            let loaded: LoadedProgram
            do {
                loaded = try ProgramLoader.load(file.flow)
            } catch {
                if let report = error.report { out += renderer.render(report) }
                FileHandleOutput.standardOutput(out)
                out = ""
                FileHandleOutput.standardError("callflow: error: \(path): \(error.description)\n")
                unloadable += 1
                continue
            }
            out += "\(path) (\(file.flow))\n"
            for result in ScenarioRunner.run(file, loaded) {
                if result.passed {
                    passed += 1
                    out += "  pass  \(result.name)\n"
                } else {
                    failed += 1
                    out += "  FAIL  \(result.name)  (\(path):\(result.line))\n"
                    for line in result.details { out += "        \(line)\n" }
                }
            }
        }
        out += "\(Plural.count(passed + failed, "scenario")) in \(Plural.count(files.count, "file")): \(passed) passed, \(failed) failed\n"
        FileHandleOutput.standardOutput(out)
        if unloadable > 0 { throw Exit.couldNotRun }
        if failed > 0 { throw Exit.findings }
    }
}
