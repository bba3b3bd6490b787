import CallFlowFuzz
import Foundation
import Testing
@testable import CallFlowCompiler

/// Every input a fuzzing campaign found a crash with (FuzzRegressions/TARGET/*), run through its
/// harness again: each must pass now. scripts/fuzz.sh copies new crashes there.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions")

    static func inputs(_ harness: FuzzHarness) -> [URL] {
        let directory = folder.appendingPathComponent(harness.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test(arguments: FuzzHarness.allCases)
    func regressionInputsPass(harness: FuzzHarness) throws {
        for input in Self.inputs(harness) {
            harness.run([UInt8](try Data(contentsOf: input)))
        }
    }

    /// The seeds the campaign starts from run clean too (the example flows, through lint).
    @Test func exampleFlowsThroughTheHarnesses() throws {
        for path in Examples.flows {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            FuzzHarness.lint.run(bytes)
            FuzzHarness.table.run(try ProgramLoader.load(path).bytes)
        }
        // Platform flows from the shared corpus, read in place.
        let corpus = Examples.root + "/../shared/corpora"
        let platformFiles = (FileManager.default.enumerator(atPath: corpus)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".json") }.sorted().prefix(30)
        for relative in platformFiles {
            FuzzHarness.platform.run([UInt8](try Data(contentsOf: URL(fileURLWithPath: corpus + "/" + relative))))
        }
        FuzzHarness.session.run(Array(repeating: 7, count: 200))
        FuzzHarness.expression.run(Array("n > 1e15 or a and not b".utf8))
        FuzzHarness.expression.run(Array("n == 22222222222222220000000000000000000".utf8))
    }
}
