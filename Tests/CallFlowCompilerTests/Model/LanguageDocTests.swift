import Foundation
import Testing
@testable import CallFlowCompiler

/// docs/language.md is the whole language, and the docs stand on their own.
@Suite struct LanguageDocTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func everyKeyAndKindIsDescribed() throws {
        let text = try Self.read("docs/language.md")
        for key in FlowDecoder.topLevelKeys {
            #expect(text.contains("| `\(key)` |"), "top-level key \(key) is not in the table")
        }
        for shape in NodeShape.all {
            #expect(text.contains("| `\(shape.kind)` |"), "node kind \(shape.kind) is not in the table")
            for key in shape.otherKeys + shape.outcomeKeys + NodeShape.commonKeys {
                #expect(text.contains("`\(key)`"), "key \(key) of \(shape.kind) is not described")
            }
        }
        for builtIn in ContextVariable.builtIns {
            #expect(text.contains("| `\(builtIn.name)` |"), "built-in \(builtIn.name) is not described")
        }
        for trigger in RuleTrigger.allCases {
            #expect(text.contains("| `\(trigger.rawValue)` |"), "rule trigger \(trigger.rawValue) is not described")
        }
        for key in ["skills", "max_wait", "callback", "announce", "alert", "weekly", "holidays", "digits", "into", "sets"] {
            #expect(text.contains("`\(key)`"))
        }
        #expect(text.contains("an empty entry (a lone `#`), is no input"))
        #expect(text.contains("(expressions.md)"))
    }

    @Test func theWholeFlowExamplesLintClean() throws {
        let text = try Self.read("docs/language.md")
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        let flows = blocks.filter { $0.hasPrefix("callflow: 1") }
        #expect(!flows.isEmpty)
        for flow in flows {
            let findings = Linter().lint(SourceFile(path: "example.yaml", text: flow)).diagnostics
            #expect(findings.isEmpty, "\(findings.dump)")
        }
    }

    /// No doc points readers at a document outside the repository.
    @Test func docsAreSelfContained() throws {
        let folder = Self.root.appendingPathComponent("docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        for name in names + ["../README.md"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for phrase in ["design section", "the specification", "spec section", "shared specification", "LANGUAGE.md"] {
                #expect(!text.contains(phrase), "\(name) mentions '\(phrase)'")
            }
        }
    }
}
