import Foundation
import Testing
@testable import CallFlowCompiler

/// Damaged flows never crash or hang the linter, and every finding points into the file.
@Suite struct HostileInputTests {
    /// SplitMix64: a small deterministic generator, so a failure can be replayed.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let flowFiles = ["riverside-clinic.yaml", "helpdesk.yaml"]

    static func exampleBytes(_ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [UInt8](try Data(contentsOf: root.appendingPathComponent("flows/\(name)")))
    }

    /// One random edit: flip a byte, delete a run, duplicate a run, or insert YAML punctuation.
    static func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        guard !bytes.isEmpty else { return }
        let at = random.below(bytes.count)
        switch random.below(4) {
        case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(40)))
        case 2:
            let run = Array(bytes[at..<min(bytes.count, at + 1 + random.below(80))])
            bytes.insert(contentsOf: run, at: random.below(bytes.count))
        default:
            let pieces: [String] = [": ", "- ", "&a ", "*a", "<<: ", "{", "}", "[", "]", "\"", "'", "\n  ", "\t", "#", "!!str ", "? "]
            bytes.insert(contentsOf: Array(pieces[random.below(pieces.count)].utf8), at: at)
        }
    }

    @Test(arguments: flowFiles)
    func mutatedFlowsAreReportedNeverCrash(name: String) throws {
        let original = try Self.exampleBytes(name)
        var random = SplitMix64(state: UInt64(name.utf8.count) &* 7919)
        for round in 0..<150 {
            var bytes = original
            for _ in 0...random.below(4) { Self.mutate(&bytes, &random) }
            let source = SourceFile(path: "mutated-\(round).yaml", bytes: bytes)
            let result = Linter().lint(source)
            for finding in result.diagnostics where finding.range.file == source.path {
                #expect(finding.range.start.line >= 1 && finding.range.start.line <= source.lineCount + 1,
                        "round \(round): \(finding.check) at line \(finding.range.start.line) of \(source.lineCount)")
                #expect(finding.range.start.column >= 1, "round \(round): \(finding.check) at column \(finding.range.start.column)")
            }
        }
    }
}
