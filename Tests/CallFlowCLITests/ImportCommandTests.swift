import Foundation
import Testing
@testable import CallFlowCompiler

/// `callflow lint` on platform flows, `lint --explain-import` and `callflow import`.
@Suite struct ImportCommandTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func lintFindsAndPointsIntoTheJSON() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = StudioExamples.clean.replacingOccurrences(of: "{\"event\": \"timeout\", \"next\": \"sales\"}", with: "{\"event\": \"timeout\"}")
        try broken.write(to: directory.appendingPathComponent("studio.json"), atomically: true, encoding: .utf8)
        try "{\"name\": \"not a flow\"}".write(to: directory.appendingPathComponent("package.json"), atomically: true, encoding: .utf8)
        // A folder gives the flow and leaves package.json alone.
        let result = try runCallflow(["lint", "--format", "github", "."], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=studio.json,line=8,col=71,"))
        #expect(result.stdout.contains("has no 'timeout' transition"))
        #expect(!result.stdout.contains("package.json"))
        // Named, a JSON file that is no flow is refused with a clear message.
        let refused = try runCallflow(["lint", "package.json"], in: directory)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("no flow callflow reads"))
    }

    @Test func explainImportListsWhatWasSkipped() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try StudioExamples.clean.write(to: directory.appendingPathComponent("studio.json"), atomically: true, encoding: .utf8)
        let result = try runCallflow(["lint", "--explain-import", "studio.json"], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("studio.json: Twilio Studio flow\n"))
        #expect(result.stdout.contains("checks skipped:\n    retries-out-of-range: "))
    }

    @Test func importWritesYAMLThatLintsTheSame() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try StudioExamples.clean.write(to: directory.appendingPathComponent("studio.json"), atomically: true, encoding: .utf8)
        let result = try runCallflow(["import", "studio.json", "-o", "flow.yaml"], in: directory)
        #expect(result.status == 0)
        let yaml = try String(contentsOf: directory.appendingPathComponent("flow.yaml"), encoding: .utf8)
        #expect(yaml.contains("menu: \"For sales press 1. For support press 2.\""))
        let lint = try runCallflow(["lint", "flow.yaml"], in: directory)
        #expect(lint.stdout == "1 file checked: 0 errors, 0 warnings\n")
        // Not a flow: nothing is written, exit 2.
        try "[1, 2]".write(to: directory.appendingPathComponent("list.json"), atomically: true, encoding: .utf8)
        let refused = try runCallflow(["import", "list.json", "-o", "list.yaml"], in: directory)
        #expect(refused.status == 2)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("list.yaml").path))
    }
}
