import Foundation
import Testing
@testable import CallFlowCompiler

/// A SARIF run tells that findings were left out only when some were: a clean run and a run with
/// every finding in it have no `toolExecutionNotifications` (issue 19: `leftOut > 0` made `>= 0`
/// changed no test, and every upload would have said "0 more findings were left out").
@Suite struct SARIFNotificationTests {
    static func invocation(_ report: LintReport) throws -> [String: Any] {
        let log = try SARIFTests.parse(SARIFTests.render(report))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        return try #require((run["invocations"] as? [[String: Any]])?.first)
    }

    @Test func nothingLeftOutNoNotification() throws {
        let clean = SARIFTests.lint([("clean.yaml", "callflow: 1\nname: clean\nstart: bye\nnodes:\n  bye: {hangup: true}\n")])
        #expect(clean.diagnostics.isEmpty)
        #expect(try Self.invocation(clean)["toolExecutionNotifications"] == nil)
        let findings = SARIFTests.lint([("flows/bad.yaml", SARIFTests.badFlow)])
        #expect(!findings.diagnostics.isEmpty)
        #expect(try Self.invocation(findings)["toolExecutionNotifications"] == nil)
    }

    /// A rule's tags say its stage: an importer's check is tagged `callflow` only, not `graph`
    /// (issue 19: `== check.id` made `!=` in the graph test changed no test).
    @Test func anImportersCheckHasNoGraphTag() throws {
        let log = try SARIFTests.parse(SARIFTests.render(SARIFTests.lint([])))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        func tags(_ id: String) -> [String]? {
            (rules.first { $0["id"] as? String == id }?["properties"] as? [String: Any])?["tags"] as? [String]
        }
        let imported = try #require(CheckRegistry.imports.first)
        #expect(tags(imported.id) == ["callflow"])
        #expect(tags("dead-end") == ["callflow", "graph"])
        #expect(tags("unknown-key") == ["callflow", "front-end"])
    }
}
