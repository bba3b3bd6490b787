import Foundation
import Testing
@testable import CallFlowCompiler

/// Lint refuses everything compile refuses: every flow that lints without errors compiles.
@Suite struct LintCompileAgreementTests {
    /// Every flow file of the repository: the example flows and every test fixture.
    static func flowFiles() -> [String] {
        let root = Examples.root
        var paths: [String] = []
        for folder in ["flows", "Tests"] {
            guard let walker = FileManager.default.enumerator(atPath: root + "/" + folder) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                let path = root + "/" + folder + "/" + relative
                guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                      text.split(separator: "\n").contains(where: { $0.hasPrefix("callflow:") }) else { continue }
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    /// Compiles `source` when it lints without errors; returns why compiling failed, if it did.
    static func compileIfClean(_ source: SourceFile) -> (clean: Bool, failure: String?) {
        let result = Linter().lint(source)
        guard !result.diagnostics.contains(where: { $0.severity == .error }), let flow = result.flow else { return (false, nil) }
        do {
            _ = try TableCompiler.compile(FlowGraph(flow), sourceHash: 1)
            return (true, nil)
        } catch {
            return (true, error.description)
        }
    }

    @Test func everyCleanFixtureExampleAndCheckExampleCompiles() throws {
        var sources: [SourceFile] = []
        for path in Self.flowFiles() { sources.append(try SourceReader().read(path)) }
        let files = sources.count
        for descriptor in CheckRegistry.all {
            for (which, text) in [("failing", descriptor.failingExample), ("passing", descriptor.passingExample)] where !text.isEmpty {
                sources.append(SourceFile(path: "\(descriptor.id)-\(which).yaml", text: text))
            }
        }
        var compiled = 0
        // Platform flows (Studio, Connect) are linted but never compiled: `callflow import` first.
        for source in sources where !PlatformImporter.handles(source) {
            let (clean, failure) = Self.compileIfClean(source)
            #expect(failure == nil, "\(source.path) lints without errors but does not compile: \(failure ?? "")")
            if clean { compiled += 1 }
        }
        #expect(files >= 8, "found only \(files) flow files")
        #expect(compiled >= 40, "only \(compiled) sources linted clean")
    }

    /// The table compiler stores a collect's digits as text or as a number: any other `into` is
    /// an `invalid-value` at the variable's name, not a compile failure without a position.
    @Test func collectIntoAnEnumBoolOrDurationIsALintError() throws {
        let text = """
        callflow: 1
        name: p
        start: a
        context:
          caller.tier: {enum: [gold, silver]}
          caller.ok: bool
          wait.d: duration
          account.id: string
          pin: number
        nodes:
          a: {collect: "Enter.", into: caller.tier, next: b, fallback: desk}
          b: {collect: "Enter.", into: caller.ok, next: c, fallback: desk}
          c: {collect: "Enter.", into: wait.d, next: d, fallback: desk}
          d: {collect: "Enter.", into: account.id, next: e, fallback: desk}
          e: {collect: "Enter.", into: pin, next: desk, fallback: desk}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """
        let findings = Linter().lint(SourceFile(path: Fixture.file, text: text)).diagnostics.filter { $0.severity == .error }
        #expect(findings.map(\.check) == ["invalid-value", "invalid-value", "invalid-value"], "\(findings.dump)")
        #expect(findings.map(\.range.start) == [at(11, 32), at(12, 32), at(13, 32)])
        #expect(findings.first?.message == "collect stores the caller's digits, so 'into' must name a string or number variable; "
            + "'caller.tier' has type enum [gold, silver]")
        let fixed = text.replacingOccurrences(of: "into: caller.tier", with: "into: account.id")
            .replacingOccurrences(of: "into: caller.ok", with: "into: pin").replacingOccurrences(of: "into: wait.d", with: "into: pin")
        let (clean, failure) = Self.compileIfClean(SourceFile(path: Fixture.file, text: fixed))
        #expect(clean && failure == nil, "\(failure ?? "not clean")")
    }
}
