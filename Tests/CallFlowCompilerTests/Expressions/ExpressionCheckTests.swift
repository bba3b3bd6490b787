import Foundation
import Testing
@testable import CallFlowCompiler

extension Expressions {
    /// The front end's `expression` check over whole flows.
    @Suite struct FrontEndCheck {
        static let flow = """
        callflow: 1
        name: test
        timezone: Europe/Berlin
        start: route
        context:
          caller.tier: {enum: [standard, gold, vip]}
          caller.vip: bool
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        queues:
          tech: {max_wait: 10m}
        escalations:
          - name: vip
            at: start
            when: caller.tier == "vip" and open("office")
            goto: desk
          - name: long-wait
            at: queue
            when: queue.wait > 5m and queue.name == "tech"
            goto: desk
          - name: ask
            at: request
            goto: desk
        nodes:
          route:
            switch:
              - if: caller.vip
                goto: desk
            else: line
          line: {queue: tech, overflow: desk}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """

        @Test func checkedTreesAreKeptInTheModel() throws {
            let result = Fixture.decode(Self.flow)
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
            let flow = try #require(result.flow)
            let vip = try #require(flow.escalations[0].condition?.parsed)
            #expect(ExpressionPrinter.print(vip.expression) == #"caller.tier == "vip" and open("office")"#)
            #expect(vip.schedules == ["office"])
            #expect(vip.variableTypes["caller.tier"] == .enumeration(["standard", "gold", "vip"]))
            #expect(flow.escalations[1].condition?.parsed?.variables == ["queue.wait", "queue.name"])
            #expect(flow.escalations[2].condition == nil)
            guard case .switch(let cases) = try #require(flow.node(named: "route")).kind else {
                Issue.record("route is not a switch")
                return
            }
            #expect(cases[0].condition.parsed?.variables == ["caller.vip"])
        }

        @Test func queueWaitOnlyInQueueRules() {
            let moved = Self.flow.replacingOccurrences(of: "at: queue", with: "at: failure")
            let findings = Fixture.decode(moved).diagnostics
            #expect(findings.map(\.check) == ["expression", "expression"], "\(findings.dump)")
            #expect(findings.map(\.range.start) == [at(20, 11), at(20, 31)])
            #expect(findings.first?.message == "'queue.wait' is only set while a call waits in a queue: use it in an escalation rule with 'at: queue'")
            #expect(findings.allSatisfy { $0.severity == .error })
            #expect(Fixture.decode(moved).flow?.escalations[1].condition?.parsed == nil)
        }

        @Test func queueVariablesAreNotBoundInSwitchCases() {
            let text = Self.flow.replacingOccurrences(of: "- if: caller.vip", with: "- if: queue.depth > 3")
            let findings = Fixture.decode(text).diagnostics
            #expect(findings.map(\.check) == ["expression"])
            #expect(findings.first?.range == span(28, 13, 28, 24))
        }

        @Test func undefinedSchedule() {
            let text = Self.flow.replacingOccurrences(of: #"open("office")"#, with: #"open("nope")"#)
            let findings = Fixture.decode(text).diagnostics
            #expect(findings.map(\.message) == ["no schedule is named 'nope'; define it under 'schedules'"])
            #expect(findings.first?.range == span(16, 41, 16, 47))
        }

        @Test func aBrokenDeclarationIsNotReportedAgain() {
            let text = Self.flow.replacingOccurrences(of: "caller.vip: bool", with: "caller.vip: boolean")
            let findings = Fixture.decode(text).diagnostics
            #expect(findings.map(\.check) == ["invalid-value"], "\(findings.dump)")
        }

        @Test func graphChecksWaitForCleanExpressions() {
            let text = Self.flow.replacingOccurrences(of: #""vip" and"#, with: #""vipp" and"#)
            let findings = Linter().lint(SourceFile(path: Fixture.file, text: text)).diagnostics
            #expect(findings.map(\.check) == ["expression"], "\(findings.dump)")
        }

        @Test func ruleWithoutWhen() {
            let text = Self.flow.replacingOccurrences(of: "    when: caller.tier == \"vip\" and open(\"office\")\n", with: "")
            let findings = Fixture.decode(text).diagnostics
            #expect(findings.map(\.check) == ["invalid-value"])
            #expect(findings.first?.message == "escalation rule 'vip' has no 'when'; only 'at: request' rules may leave it out")
        }

        @Test func ignoredAtTheTopOfTheFile() {
            let text = Self.flow.replacingOccurrences(of: "start: route\n", with: "start: route\nignore: [expression]\n")
                .replacingOccurrences(of: "- if: caller.vip", with: "- if: caller.vipp")
            let findings = Linter().lint(SourceFile(path: Fixture.file, text: text)).diagnostics
            #expect(findings.isEmpty, "\(findings.dump)")
        }

        /// The bundled example flows lint clean, their conditions included.
        @Test func exampleFlowsAreClean() throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let paths = ["flows/helpdesk.yaml", "flows/riverside-clinic.yaml", "flows/retail/northwind-retail.yaml"]
                .map { root.appendingPathComponent($0).path }
            let (report, unreadable) = Linter().lint(paths: paths)
            #expect(unreadable.isEmpty)
            #expect(report.diagnostics.isEmpty, "\(report.diagnostics.dump)")
            for path in paths {
                let flow = try #require(try FrontEnd().load(path: path).flow)
                #expect(flow.escalations.allSatisfy { $0.condition == nil || $0.condition?.parsed != nil })
            }
        }
    }
}
