import Foundation
import Testing
@testable import CallFlowCompiler

/// `callflow import` keeps what lint finds: the converted YAML of every corpus flow gives the same
/// check ids on the same nodes as the platform file, but for the known classes of `Difference`.
@Suite struct ImportRoundTripTests {
    /// (node id as written in the YAML, check id) for every finding; findings outside any node
    /// count as `(flow)`.
    /// Checks of the platform only (the YAML is no longer a Studio or Connect flow).
    static let platformOnly: Set<String> = ["platform-limit", "unknown-widget"]

    static func findings(_ result: FrontEndResult, ids: [String: String], folded: [(range: SourceRange, node: String)] = []) -> Set<String> {
        var out = Set<String>()
        for diagnostic in result.diagnostics where !platformOnly.contains(diagnostic.check) {
            if let alias = folded.first(where: { $0.range.contains(diagnostic.range) }) {
                out.insert("\(ids[alias.node] ?? alias.node): \(diagnostic.check)")
                continue
            }
            // The outermost node that holds the finding (a JSON step holds the ends of its branches).
            let node = result.flow?.nodes.filter { $0.contains(diagnostic.range) || $0.range.contains(diagnostic.range) }
                .min { ($0.range.start, $0.id.range.start) < ($1.range.start, $1.id.range.start) }
            let name = node.map { ids[$0.id.value] ?? $0.id.value } ?? "(flow)"
            out.insert("\(name): \(diagnostic.check)")
        }
        return out
    }

    /// Why a converted flow may lint differently from its original: the classes docs/importers.md
    /// lists ("Converting"). Every other difference fails the test.
    enum Difference: String, CaseIterable {
        /// The platform file repeats a key (`duplicate-key`); the reader keeps one, the YAML has one.
        case duplicateKey = "duplicate key in the original"
        /// A Studio trigger with no incoming-call transition (`dead-end` on the original only):
        /// the YAML's start is the end it leads to.
        case triggerWithoutCall = "trigger without a call transition"
        /// Connect's `TransferContactToAgent` has no failure branches; callflow's transfer requires
        /// `busy`, `failed`, `no_answer` (`dead-end` on the YAML only).
        case agentTransfer = "TransferContactToAgent"
        /// A flow with no steps: its start names nothing (`undefined-reference` on the original
        /// only); callflow refuses a flow without nodes, so the YAML has one opaque end at its start.
        case noSteps = "flow without steps"
    }

    /// The class of one finding present on one side only, nil when none explains it.
    static func explain(_ finding: String, onlyOriginal: Bool, imported: ImportedFlow, platformNames: [String: String]) -> Difference? {
        guard let colon = finding.range(of: ": ", options: .backwards) else { return nil }
        let node = String(finding[..<colon.lowerBound]), check = String(finding[colon.upperBound...])
        if onlyOriginal, check == "duplicate-key" { return .duplicateKey }
        if onlyOriginal, check == "dead-end",
           imported.diagnostics.contains(where: { $0.check == "dead-end" && $0.message.hasPrefix("the trigger ") }) {
            return .triggerWithoutCall
        }
        if onlyOriginal, check == "undefined-reference", imported.flow?.nodes.isEmpty == true { return .noSteps }
        if !onlyOriginal, check == "dead-end", imported.platformTypes[platformNames[node] ?? node] == "TransferContactToAgent" {
            return .agentTransfer
        }
        return nil
    }

    @Test(.enabled(if: CorpusTests.available)) func convertedFlowsLintLikeTheOriginals() throws {
        var same = 0, lossless = 0, total = 0
        var unexplained: [String] = []
        var classes: [Difference: Int] = [:]
        for entry in try CorpusTests.entries() {
            let path = CorpusTests.corpus.appendingPathComponent(entry.path).path
            let source = try SourceReader().read(path)
            let imported = PlatformImporter.read(source)
            guard imported.flow != nil else { continue }
            var writer = FlowYAMLWriter()
            let written = writer.yaml(imported, source: entry.path)
            let yaml = try #require(written)
            total += 1
            // The end of a step's branch (`step#event`) counts as part of the step.
            var ids = writer.ids
            for (name, _) in writer.ids {
                if let hash = name.lastIndex(of: "#"), let parent = writer.ids[String(name[..<hash])] { ids[name] = parent }
            }
            let yamlIDs = Dictionary(writer.ids.map { ($1, ids[$0] ?? $1) }, uniquingKeysWith: { first, _ in first })
            let platformNames = Dictionary(writer.ids.map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let original = Self.findings(Linter().lint(source), ids: ids, folded: imported.folded)
            let converted = Self.findings(Linter().lint(SourceFile(path: "converted/\(entry.path).yaml", text: yaml)), ids: yamlIDs)
            guard writer.lossless else { continue }
            lossless += 1
            if original == converted {
                same += 1
                continue
            }
            var seen = Set<Difference>(), left: [String] = []
            for (side, onlyOriginal) in [(original.subtracting(converted), true), (converted.subtracting(original), false)] {
                for finding in side.sorted() {
                    if let why = Self.explain(finding, onlyOriginal: onlyOriginal, imported: imported, platformNames: platformNames) {
                        seen.insert(why)
                    } else {
                        left.append((onlyOriginal ? "only original " : "only YAML ") + finding)
                    }
                }
            }
            for why in seen { classes[why, default: 0] += 1 }
            if !left.isEmpty { unexplained.append("\(entry.path): \(left.joined(separator: ", "))") }
        }
        print("import round trip: \(lossless) of \(total) flows converted without loss; \(same) of those give the same findings; "
              + "the others: \(Difference.allCases.map { "\($0.rawValue) \(classes[$0] ?? 0)" }.joined(separator: ", "))")
        #expect(lossless == total, "a conversion lost an outcome")
        #expect(unexplained.isEmpty, "converted flows that lint differently for no known reason:\n\(unexplained.joined(separator: "\n"))")
        // Each known class still occurs (a class that no longer does is to be removed, here and in the docs).
        #expect(Set(classes.keys) == Set(Difference.allCases), "classes seen: \(classes)")
    }
}

extension SourceRange {
    func contains(_ other: SourceRange) -> Bool {
        isInSameFile(as: other) && other.start >= start && other.start < end
    }
}
