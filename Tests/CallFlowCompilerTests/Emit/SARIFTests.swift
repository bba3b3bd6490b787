import Foundation
import Testing
@testable import CallFlowCompiler

/// The SARIF log, read back with Foundation's JSON parser and checked against what SARIF 2.1.0
/// and GitHub code scanning require, types included.
@Suite struct SARIFTests {
    static let workingDirectory = "/work/project"

    /// Three errors, one with a note (the fixture of the CLI tests).
    static let badFlow = """
    callflow: 1
    name: bad
    start: greeting
    nodes:
      greeting:
        say: "Thanks for calling."
        nxet: desk
      desk: {transfer: "555-0100", fallback: mailbox}
      mailbox: {voicemail: general}
      mailbox: {voicemail: sales}

    """

    /// Lints `files` (path to text) held in memory, as `callflow lint` would.
    static func lint(_ files: [(String, String)]) -> LintReport {
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        for (path, text) in files {
            let result = Linter().lint(SourceFile(path: path, text: text))
            diagnostics += result.diagnostics
            for source in result.sources { sources[source.path] = source }
        }
        return LintReport(diagnostics: diagnostics.sorted(by: Diagnostic.printOrder), sources: sources, fileCount: files.count)
    }

    /// A report with errors, a note and warnings: the bad flow and the failing example of every
    /// check whose default is a warning.
    static var mixedReport: LintReport {
        let warnings = CheckRegistry.all.filter { $0.severity == .warning }
        return lint([("flows/bad.yaml", badFlow)] + warnings.map { ("flows/examples/\($0.id).yaml", $0.failingExample) })
    }

    static func parse(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    static func render(_ report: LintReport) -> String {
        SARIFRenderer(workingDirectory: workingDirectory).render(report)
    }

    // MARK: The shape

    @Test func everyRequiredPropertyWithItsType() throws {
        let report = Self.mixedReport
        #expect(report.errorCount == 3)
        #expect(report.warningCount > 0)
        #expect(report.diagnostics.contains { !$0.notes.isEmpty })
        let log = try Self.parse(Self.render(report))
        var shape = SARIFShape()
        shape.check(log)
        #expect(shape.problems.isEmpty, "\(shape.problems.joined(separator: "\n"))")
        #expect(shape.resultCount == report.diagnostics.count)
    }

    @Test func aCleanRunHasEveryRuleAndNoResults() throws {
        let report = Self.lint([("clean.yaml", "callflow: 1\nname: clean\nstart: bye\nnodes:\n  bye: {hangup: true}\n")])
        #expect(report.diagnostics.isEmpty)
        let log = try Self.parse(Self.render(report))
        var shape = SARIFShape()
        shape.check(log)
        #expect(shape.problems.isEmpty, "\(shape.problems.joined(separator: "\n"))")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
    }

    @Test func rulesAreTheRegistryInOrderWithTheirTexts() throws {
        let log = try Self.parse(Self.render(Self.lint([])))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "callflow")
        #expect(driver["version"] as? String == CallFlowVersion.current)
        #expect(driver["semanticVersion"] as? String == CallFlowVersion.current)
        #expect(driver["informationUri"] as? String == "https://github.com/callflow/callflow")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == CheckRegistry.ids)
        for (rule, check) in zip(rules, CheckRegistry.all) {
            #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String == check.summary)
            // GitHub takes at most 1,024 characters; a longer explanation is cut there, whole in help.
            #expect((rule["fullDescription"] as? [String: Any])?["text"] as? String == SARIFRenderer.fullDescription(check.explanation))
            let help = try #require(rule["help"] as? [String: Any])
            #expect(help["text"] as? String == CheckExplanation.text(check))
            let markdown = try #require(help["markdown"] as? String)
            #expect(markdown.hasPrefix(check.explanation))
            #expect(markdown.contains("```yaml\n\(check.failingExample)\n```"))
            #expect(markdown.contains("```yaml\n\(check.passingExample)\n```"))
            for option in check.options { #expect(markdown.contains("`\(option.name)`")) }
            #expect((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String == check.severity.rawValue)
        }
        let named = Dictionary(uniqueKeysWithValues: rules.map { ($0["id"] as? String ?? "", $0["name"] as? String ?? "") })
        #expect(named["dead-end"] == "DeadEnd")
        #expect(named["yaml-syntax"] == "YamlSyntax")
        #expect(named["missing-human-fallback"] == "MissingHumanFallback")
    }

    @Test func resultsCarryTheFindings() throws {
        let report = Self.lint([("flows/bad.yaml", Self.badFlow)])
        let log = try Self.parse(Self.render(report))
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["unknown-key", "invalid-value", "duplicate-key"])
        let duplicate = results[2]
        #expect(duplicate["level"] as? String == "error")
        let message = try #require((duplicate["message"] as? [String: Any])?["text"] as? String)
        #expect(message == "key 'mailbox' appears twice in this mapping; remove or rename one (YAML would silently keep only one)\nnote: [first 'mailbox' is here](1)")
        let location = try #require(((duplicate["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "flows/bad.yaml")
        #expect((location["artifactLocation"] as? [String: Any])?["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 10)
        #expect(region["startColumn"] as? Int == 3)
        #expect(region["endLine"] as? Int == 10)
        #expect(region["endColumn"] as? Int == 10)
        let related = try #require((duplicate["relatedLocations"] as? [[String: Any]])?.first)
        #expect(related["id"] as? Int == 1)
        #expect((related["message"] as? [String: Any])?["text"] as? String == "first 'mailbox' is here")
        let relatedRegion = try #require((related["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect(relatedRegion["startLine"] as? Int == 9)
        #expect(results[0]["relatedLocations"] == nil)
        #expect((run["originalUriBaseIds"] as? [String: Any]).flatMap { ($0["%SRCROOT%"] as? [String: Any])?["uri"] as? String }
            == "file:///work/project/")
    }

    @Test func aSeverityChangedByTheProjectIsTheResultsLevel() throws {
        var diagnostic = Diagnostic(.unknownKey, "m", at: span(1, 1, 1, 2))
        diagnostic.severity = .warning
        let log = try Self.parse(Self.render(LintReport(diagnostics: [diagnostic], sources: [:], fileCount: 1)))
        let result = try #require(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        #expect(result["level"] as? String == "warning")
        #expect(result["ruleIndex"] as? Int == CheckRegistry.ids.firstIndex(of: "unknown-key"))
    }

    @Test func aCheckOutsideTheRegistryStillHasARule() throws {
        let diagnostic = Diagnostic(check: "made-up", severity: .warning, message: "m", range: span(1, 1, 1, 2))
        let log = try Self.parse(Self.render(LintReport(diagnostics: [diagnostic], sources: [:], fileCount: 1)))
        var shape = SARIFShape()
        shape.check(log)
        #expect(shape.problems.isEmpty, "\(shape.problems.joined(separator: "\n"))")
    }

    @Test func sameFindingsSameBytes() {
        #expect(Self.render(Self.mixedReport) == Self.render(Self.mixedReport))
        let text = Self.render(Self.lint([("flows/bad.yaml", Self.badFlow)]))
        #expect(text.hasPrefix("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func theShapeCheckerTellsIntegersFromBooleansAndFractions() throws {
        let parsed = try Self.parse(#"{"one": 1, "zero": 0, "three": 3, "yes": true, "no": false, "fraction": 1.0, "text": "1"}"#)
        #expect(SARIFShape.isInteger(parsed["one"]))
        #expect(SARIFShape.isInteger(parsed["zero"]))
        #expect(SARIFShape.isInteger(parsed["three"]))
        #expect(!SARIFShape.isInteger(parsed["yes"]))
        #expect(!SARIFShape.isInteger(parsed["no"]))
        #expect(!SARIFShape.isInteger(parsed["fraction"]))
        #expect(!SARIFShape.isInteger(parsed["text"]))
        // And a broken log is caught.
        var shape = SARIFShape()
        shape.check(try Self.parse(#"{"$schema": "x", "version": 2.1, "runs": [{"tool": {"driver": {"name": "callflow", "rules": []}}, "results": [{"ruleId": "a", "ruleIndex": true, "level": "fatal", "message": {"text": 1}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "C:\\x.yaml", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 0, "startColumn": "1"}}}]}]}]}"#))
        for expected in ["log.$schema is not an https URI", "log.version is not a string", "ruleIndex is not an integer",
                         "level is fatal", "message.text is not a string", "uri has a backslash", "startLine is 0, below 1",
                         "startColumn is not an integer", "columnKind is missing", "semanticVersion is missing"] {
            #expect(shape.problems.contains { $0.contains(expected) }, "\(expected) not in \(shape.problems)")
        }
    }

    // MARK: Paths

    @Test(arguments: [
        ("flows/acme.yaml", "flows/acme.yaml", true),
        ("./flows/./acme.yaml", "flows/acme.yaml", true),
        ("flows/old/../acme.yaml", "flows/acme.yaml", true),
        ("/work/project/flows/acme.yaml", "flows/acme.yaml", true),
        ("flows/front desk #2.yaml", "flows/front%20desk%20%232.yaml", true),
        ("flows/café:100%.yaml", "flows/caf%C3%A9%3A100%25.yaml", true),
        ("../elsewhere/acme.yaml", "file:///work/elsewhere/acme.yaml", false),
        ("/tmp/acme.yaml", "file:///tmp/acme.yaml", false),
    ])
    func uris(path: String, uri: String, underRoot: Bool) throws {
        let diagnostic = Diagnostic(check: "dead-end", severity: .error, message: "m", range: span(1, 1, 1, 2, file: path))
        let log = try Self.parse(Self.render(LintReport(diagnostics: [diagnostic], sources: [:], fileCount: 1)))
        let result = try #require(((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        let artifact = try #require((((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == uri)
        #expect((artifact["uriBaseId"] as? String) == (underRoot ? "%SRCROOT%" : nil))
        if underRoot { #expect(URL(string: uri) != nil) }
    }

    @Test func theRootFolderAsWorkingDirectory() {
        #expect(ArtifactPath.relative("/srv/flows/a.yaml", workingDirectory: "/") == "srv/flows/a.yaml")
        #expect(ArtifactPath.relative("/work/project", workingDirectory: "/work/project") == nil)
        #expect(ArtifactPath.relative("/work/projects/a.yaml", workingDirectory: "/work/project") == nil)
        #expect(ArtifactPath.relative("a.yaml", workingDirectory: "/work/project/") == "a.yaml")
    }

    // MARK: Fingerprints

    @Test func fnv1a64KnownValues() {
        #expect(SARIFRenderer.fnv1a64("") == "cbf29ce484222325")
        #expect(SARIFRenderer.fnv1a64("a") == "af63dc4c8601ec8c")
        #expect(SARIFRenderer.fnv1a64("foobar") == "85944171f73967e8")
    }

    static func fingerprints(_ sarif: String) throws -> [String: String] {
        let log = try parse(sarif)
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        var byCheck: [String: String] = [:]
        for result in results {
            let id = try #require(result["ruleId"] as? String)
            byCheck[id] = try #require((result["partialFingerprints"] as? [String: Any])?[SARIFRenderer.fingerprintKey] as? String)
        }
        return byCheck
    }

    static func startLines(_ sarif: String) throws -> [Int] {
        let log = try parse(sarif)
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        return results.compactMap {
            ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])?["startLine"] as? Int
        }
    }

    @Test func fingerprintsAreStableAcrossRuns() throws {
        let first = try Self.fingerprints(Self.render(Self.lint([("flows/bad.yaml", Self.badFlow)])))
        let second = try Self.fingerprints(Self.render(Self.lint([("flows/bad.yaml", Self.badFlow)])))
        #expect(first.count == 3)
        #expect(first == second)
        #expect(Set(first.values).count == 3)
        for value in first.values {
            #expect(value.wholeMatch(of: /[0-9a-f]{16}:1/) != nil, "\(value)")
        }
    }

    @Test func fingerprintsSurviveAnUnrelatedEditAboveTheFinding() throws {
        let before = Self.render(Self.lint([("flows/bad.yaml", Self.badFlow)]))
        // Comments, blank lines and a description above every finding, and an indented comment
        // between them: every line number moves, nothing about the findings changes.
        let edited = Self.badFlow
            .replacingOccurrences(of: "name: bad\n", with: "# Owner: the support team\n\nname: bad\ndescription: the bad example\n")
            .replacingOccurrences(of: "  desk: {", with: "  # the help desk\n  desk: {")
        let after = Self.render(Self.lint([("flows/bad.yaml", edited)]))
        #expect(try Self.startLines(before) == [7, 8, 10])
        #expect(try Self.startLines(after) == [10, 12, 14])
        #expect(try Self.fingerprints(before) == Self.fingerprints(after))
    }

    @Test func fingerprintsChangeWithTheFindingsLineOrFile() throws {
        let before = try Self.fingerprints(Self.render(Self.lint([("flows/bad.yaml", Self.badFlow)])))
        let renamed = try Self.fingerprints(Self.render(Self.lint([("flows/worse.yaml", Self.badFlow)])))
        let edited = try Self.fingerprints(Self.render(Self.lint([("flows/bad.yaml", Self.badFlow.replacingOccurrences(of: "nxet: desk", with: "nxet:   desk # typo"))])))
        for id in ["unknown-key", "invalid-value", "duplicate-key"] {
            #expect(before[id] != renamed[id])
        }
        #expect(before["unknown-key"] != edited["unknown-key"])
        #expect(before["invalid-value"] == edited["invalid-value"])
    }

    @Test func identicalFindingsAreCountedInOrder() {
        let source = SourceFile(path: "flow.yaml", text: "a: x\nb: y\na: x\na: x\n")
        let diagnostics = [1, 2, 3, 4].map {
            Diagnostic(check: "unknown-key", severity: .error, message: "same", range: span($0, 1, $0, 2))
        }
        let report = LintReport(diagnostics: diagnostics, sources: ["flow.yaml": source], fileCount: 1)
        let values = SARIFRenderer.fingerprints(report, workingDirectory: Self.workingDirectory)
        let hash = values[0].prefix(16)
        #expect(values == ["\(hash):1", "\(values[1].prefix(16)):1", "\(hash):2", "\(hash):3"])
        #expect(values[1].prefix(16) != hash)
        // A blank line and leading spaces above change nothing.
        let shifted = SourceFile(path: "flow.yaml", text: "\n  a: x\nb: y\na: x\na: x\n")
        let moved = [2, 3, 4, 5].map {
            Diagnostic(check: "unknown-key", severity: .error, message: "same", range: span($0, 1, $0, 2))
        }
        #expect(SARIFRenderer.fingerprints(LintReport(diagnostics: moved, sources: ["flow.yaml": shifted], fileCount: 1),
                                           workingDirectory: Self.workingDirectory) == values)
    }

    @Test func aRangeEndingAtALineStartCoversOnlyTheLinesBefore() {
        let one = SourceFile(path: "flow.yaml", text: "a: x\nb: y\n")
        let two = SourceFile(path: "flow.yaml", text: "a: x\nb: changed\n")
        let diagnostic = Diagnostic(check: "dead-end", severity: .error, message: "m", range: span(1, 1, 2, 1))
        func value(_ source: SourceFile) -> [String] {
            SARIFRenderer.fingerprints(LintReport(diagnostics: [diagnostic], sources: ["flow.yaml": source], fileCount: 1),
                                       workingDirectory: Self.workingDirectory)
        }
        #expect(value(one) == value(two))
    }
}

/// The properties of a SARIF 2.1.0 log that the specification requires and that GitHub code
/// scanning reads, with their JSON types. Problems are collected, not thrown, so one test shows
/// them all.
struct SARIFShape {
    private(set) var problems: [String] = []
    private(set) var resultCount = 0
    static let levels: Set<String> = ["none", "note", "warning", "error"]

    private mutating func problem(_ text: String) { problems.append(text) }

    /// A JSON integer: a number that is neither a boolean (`c`, `B`) nor written with a fraction
    /// or exponent (`f`, `d`), told apart by the type Foundation's parser stored it as. (`is Int`
    /// and `is Bool` cannot tell: `1` bridges to `true` and `3.0` to `3`.)
    static func isInteger(_ value: Any?) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return ["s", "i", "l", "q", "S", "I", "L", "Q"].contains(String(cString: number.objCType))
    }

    private mutating func string(_ object: [String: Any], _ key: String, _ path: String, nonEmpty: Bool = true) -> String? {
        guard let value = object[key] else { problem("\(path).\(key) is missing"); return nil }
        guard let text = value as? String else { problem("\(path).\(key) is not a string: \(value)"); return nil }
        if nonEmpty, text.isEmpty { problem("\(path).\(key) is empty") }
        return text
    }

    private mutating func integer(_ object: [String: Any], _ key: String, _ path: String, minimum: Int) -> Int? {
        guard let value = object[key] else { problem("\(path).\(key) is missing"); return nil }
        guard Self.isInteger(value), let number = value as? Int else { problem("\(path).\(key) is not an integer: \(value)"); return nil }
        if number < minimum { problem("\(path).\(key) is \(number), below \(minimum)") }
        return number
    }

    private mutating func object(_ object: [String: Any], _ key: String, _ path: String) -> [String: Any]? {
        guard let value = object[key] else { problem("\(path).\(key) is missing"); return nil }
        guard let inner = value as? [String: Any] else { problem("\(path).\(key) is not an object"); return nil }
        return inner
    }

    private mutating func array(_ object: [String: Any], _ key: String, _ path: String) -> [Any]? {
        guard let value = object[key] else { problem("\(path).\(key) is missing"); return nil }
        guard let items = value as? [Any] else { problem("\(path).\(key) is not an array"); return nil }
        return items
    }

    private mutating func message(_ owner: [String: Any], _ key: String, _ path: String) {
        if let message = object(owner, key, path) { _ = string(message, "text", path + "." + key) }
    }

    mutating func check(_ log: [String: Any]) {
        if let schema = string(log, "$schema", "log"), URL(string: schema)?.scheme != "https" {
            problem("log.$schema is not an https URI: \(schema)")
        }
        if let version = string(log, "version", "log"), version != "2.1.0" { problem("log.version is \(version)") }
        guard let runs = array(log, "runs", "log") else { return }
        if runs.count != 1 { problem("log.runs has \(runs.count) runs") }
        for (index, item) in runs.enumerated() {
            guard let run = item as? [String: Any] else { problem("runs[\(index)] is not an object"); continue }
            checkRun(run, "runs[\(index)]")
        }
    }

    private mutating func checkRun(_ run: [String: Any], _ path: String) {
        var rules: [[String: Any]] = []
        if let tool = object(run, "tool", path), let driver = object(tool, "driver", path + ".tool") {
            let driverPath = path + ".tool.driver"
            if let name = string(driver, "name", driverPath), name != "callflow" { problem("\(driverPath).name is \(name)") }
            _ = string(driver, "version", driverPath)
            if let semantic = string(driver, "semanticVersion", driverPath), semantic.wholeMatch(of: /\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/) == nil {
                problem("\(driverPath).semanticVersion is not a semantic version: \(semantic)")
            }
            if let uri = string(driver, "informationUri", driverPath), URL(string: uri)?.scheme == nil {
                problem("\(driverPath).informationUri is not an absolute URI: \(uri)")
            }
            for (index, item) in (array(driver, "rules", driverPath) ?? []).enumerated() {
                guard let rule = item as? [String: Any] else { problem("\(driverPath).rules[\(index)] is not an object"); continue }
                rules.append(rule)
                checkRule(rule, "\(driverPath).rules[\(index)]")
            }
            let ids = rules.compactMap { $0["id"] as? String }
            if Set(ids).count != ids.count { problem("rule ids repeat") }
        }
        if let bases = object(run, "originalUriBaseIds", path) {
            if let root = object(bases, "%SRCROOT%", path + ".originalUriBaseIds"),
               let uri = string(root, "uri", path + ".originalUriBaseIds.%SRCROOT%"),
               !(uri.hasPrefix("file:///") && uri.hasSuffix("/")) {
                problem("%SRCROOT% is not an absolute file URI ending in '/': \(uri)")
            }
        }
        if let kind = string(run, "columnKind", path), kind != "unicodeCodePoints" { problem("\(path).columnKind is \(kind)") }
        let results = array(run, "results", path) ?? []
        resultCount += results.count
        for (index, item) in results.enumerated() {
            guard let result = item as? [String: Any] else { problem("\(path).results[\(index)] is not an object"); continue }
            checkResult(result, "\(path).results[\(index)]", rules: rules)
        }
        let fingerprints = results.compactMap { (($0 as? [String: Any])?["partialFingerprints"] as? [String: Any])?[SARIFRenderer.fingerprintKey] as? String }
        if Set(fingerprints).count != fingerprints.count { problem("two results share a fingerprint") }
    }

    private mutating func checkRule(_ rule: [String: Any], _ path: String) {
        if let id = string(rule, "id", path), id.contains(where: \.isWhitespace) { problem("\(path).id has spaces") }
        if let name = string(rule, "name", path), name.wholeMatch(of: /[A-Z][A-Za-z0-9]*/) == nil {
            problem("\(path).name is not PascalCase: \(name)")
        }
        message(rule, "shortDescription", path)
        if rule["fullDescription"] != nil { message(rule, "fullDescription", path) }
        if let help = rule["help"] {
            if let help = help as? [String: Any] {
                _ = string(help, "text", path + ".help")
                if let markdown = string(help, "markdown", path + ".help"), !markdown.contains("```yaml\n") {
                    problem("\(path).help.markdown has no yaml example")
                }
            } else {
                problem("\(path).help is not an object")
            }
        }
        if let configuration = object(rule, "defaultConfiguration", path),
           let level = string(configuration, "level", path + ".defaultConfiguration"), !Self.levels.contains(level) {
            problem("\(path).defaultConfiguration.level is \(level)")
        }
        if let properties = rule["properties"] {
            if let tags = (properties as? [String: Any])?["tags"] as? [Any] {
                if !tags.allSatisfy({ $0 is String }) { problem("\(path).properties.tags are not all strings") }
            } else {
                problem("\(path).properties.tags is not an array")
            }
        }
    }

    private mutating func checkResult(_ result: [String: Any], _ path: String, rules: [[String: Any]]) {
        let ruleId = string(result, "ruleId", path)
        if let index = integer(result, "ruleIndex", path, minimum: 0) {
            if index >= rules.count {
                problem("\(path).ruleIndex \(index) is past the \(rules.count) rules")
            } else if rules[index]["id"] as? String != ruleId {
                problem("\(path).ruleIndex \(index) is rule \(rules[index]["id"] ?? "?"), not \(ruleId ?? "?")")
            }
        }
        if let level = string(result, "level", path), !Self.levels.contains(level) { problem("\(path).level is \(level)") }
        message(result, "message", path)
        let locations = array(result, "locations", path) ?? []
        if locations.isEmpty { problem("\(path).locations is empty") }
        for (index, item) in locations.enumerated() {
            guard let location = item as? [String: Any] else { problem("\(path).locations[\(index)] is not an object"); continue }
            if let physical = object(location, "physicalLocation", "\(path).locations[\(index)]") {
                checkPhysical(physical, "\(path).locations[\(index)].physicalLocation")
            }
        }
        if let related = result["relatedLocations"] {
            guard let items = related as? [Any] else { problem("\(path).relatedLocations is not an array"); return }
            var ids = Set<Int>()
            for (index, item) in items.enumerated() {
                let itemPath = "\(path).relatedLocations[\(index)]"
                guard let location = item as? [String: Any] else { problem("\(itemPath) is not an object"); continue }
                if let id = integer(location, "id", itemPath, minimum: 0), !ids.insert(id).inserted { problem("\(itemPath).id repeats") }
                message(location, "message", itemPath)
                if let physical = object(location, "physicalLocation", itemPath) { checkPhysical(physical, itemPath + ".physicalLocation") }
            }
        }
        if let fingerprints = object(result, "partialFingerprints", path) {
            if fingerprints.isEmpty { problem("\(path).partialFingerprints is empty") }
            for (key, value) in fingerprints where !(value is String) { problem("\(path).partialFingerprints.\(key) is not a string") }
            if let value = fingerprints[SARIFRenderer.fingerprintKey] as? String, value.wholeMatch(of: /[0-9a-f]{16}:[1-9][0-9]*/) == nil {
                problem("\(path) fingerprint has the wrong form: \(value)")
            }
        }
    }

    private mutating func checkPhysical(_ physical: [String: Any], _ path: String) {
        if let artifact = object(physical, "artifactLocation", path), let uri = string(artifact, "uri", path + ".artifactLocation") {
            if uri.contains("\\") { problem("\(path) uri has a backslash: \(uri)") }
            if URL(string: uri) == nil { problem("\(path) uri is not a URI reference: \(uri)") }
            if let base = artifact["uriBaseId"] {
                if base as? String != "%SRCROOT%" { problem("\(path) uriBaseId is \(base)") }
                if uri.hasPrefix("/") || uri.hasPrefix("./") || uri.contains("../") || URL(string: uri)?.scheme != nil {
                    problem("\(path) uri is not relative to its base: \(uri)")
                }
            } else if !uri.hasPrefix("file:///") {
                problem("\(path) uri has neither a base nor an absolute file URI: \(uri)")
            }
        }
        guard let region = object(physical, "region", path) else { return }
        let startLine = integer(region, "startLine", path + ".region", minimum: 1) ?? 1
        let startColumn = integer(region, "startColumn", path + ".region", minimum: 1) ?? 1
        let endLine = integer(region, "endLine", path + ".region", minimum: 1) ?? startLine
        let endColumn = integer(region, "endColumn", path + ".region", minimum: 1) ?? startColumn
        if endLine < startLine || (endLine == startLine && endColumn < startColumn) {
            problem("\(path).region ends before it starts")
        }
    }
}
