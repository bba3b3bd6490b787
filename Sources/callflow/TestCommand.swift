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

    func run() throws {
        let files: [String]
        do {
            files = try ScenarioRunner.find(paths)
        } catch {
            FileHandleOutput.standardError("callflow: error: \(error.description)\n")
            throw Exit.couldNotRun
        }
        var passed = 0, failed = 0, unloadable = 0
        var out = ""
        for path in files {
            let file: ScenarioFile
            let loaded: LoadedProgram
            do {
                file = try ScenarioFile.load(path: path)
            } catch {
                FileHandleOutput.standardError("callflow: error: \(error.description)\n")
                unloadable += 1
                continue
            }
            do {
                loaded = try ProgramLoader.load(file.flow)
            } catch {
                if let report = error.report { out += TextRenderer(useColor: false).render(report) }
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
        out += "\(passed + failed) scenario\(passed + failed == 1 ? "" : "s") in \(files.count) file\(files.count == 1 ? "" : "s"): \(passed) passed, \(failed) failed\n"
        FileHandleOutput.standardOutput(out)
        if unloadable > 0 { throw Exit.couldNotRun }
        if failed > 0 { throw Exit.findings }
    }
}
