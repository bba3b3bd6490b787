import Testing
@testable import CallFlowCompiler

/// `.callflow.yml`: severities, options, exclusions, and its own errors.
@Suite struct ConfigTests {
    static func config(_ text: String) -> (ProjectConfig, [Diagnostic]) {
        ConfigLoader().load(SourceFile(path: ".callflow.yml", text: text))
    }

    /// A clean flow except for one six-option menu (menu-too-wide) and one unreachable say node.
    static let flow = """
    callflow: 1
    name: wide
    start: main
    nodes:
      main:
        menu: "press 1, press 2, press 3, press 4, press 5, press 6"
        options: {"1": desk, "2": desk, "3": desk, "4": desk, "5": desk, "6": desk}
        fallback: desk
      desk: {transfer: "+15550100", fallback: box}
      box: {voicemail: general}
      orphan: {say: "never heard", next: box}
    """

    @Test func defaultsApplyWithoutConfig() {
        let findings = lint(Self.flow, with: ProjectConfig())
        #expect(findings.ids.sorted() == ["menu-too-wide", "unreachable-node"])
        #expect(findings.allSatisfy { $0.severity == .warning })
    }

    @Test func severitiesAreChangedAndChecksSwitchedOff() {
        let (config, errors) = Self.config("""
        checks:
          menu-too-wide: {severity: error}
          unreachable-node: off
        """)
        #expect(errors.isEmpty, "\(errors.dump)")
        let findings = lint(Self.flow, with: config)
        #expect(findings.ids == ["menu-too-wide"])
        #expect(findings.first?.severity == .error)
    }

    @Test func optionsReachTheCheck() {
        let (config, errors) = Self.config("checks:\n  menu-too-wide: {max: 6}\n")
        #expect(errors.isEmpty, "\(errors.dump)")
        #expect(lint(Self.flow, with: config).ids == ["unreachable-node"])
    }

    /// Issue 10: a project cannot lower a hard error; the finding says the config tried, and the
    /// graph checks still do not run on the incomplete model (no `dead-end` echo of the typo).
    @Test(arguments: ["off", "warning"]) func configCannotLowerAHardError(severity: String) throws {
        let (config, errors) = Self.config("checks:\n  unknown-key: \(severity)\n")
        #expect(errors.isEmpty, "\(errors.dump)")
        let typo = Self.flow.replacingOccurrences(of: "fallback: desk", with: "fallbak: desk")
        let findings = lint(typo, with: config)
        let finding = try #require(findings.first)
        #expect(findings.ids == ["unknown-key"])
        #expect(finding.severity == .error)
        #expect(finding.notes.map(\.message) == ["the project's config sets unknown-key to \(severity), but it is a hard error: configuration cannot lower it"])
    }

    @Test func everyStructuralFrontEndCheckIsHard() {
        let hard = CheckRegistry.all.filter(\.isHard).map(\.id)
        #expect(hard == ["yaml-syntax", "input-limit", "duplicate-key", "unknown-key", "invalid-value", "undefined-reference"])
        #expect(ProjectConfig().severity(of: "unknown-key") == .error)
        let (config, _) = Self.config("checks:\n  duplicate-key: off\n  dead-end: off\n")
        #expect(config.severity(of: "duplicate-key") == .error)
        #expect(config.severity(of: "dead-end") == nil)
    }

    @Test func unknownCheckIsAnErrorWithSuggestion() throws {
        let (_, errors) = Self.config("checks:\n  menu-too-wyde: {max: 6}\n")
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.check == "undefined-reference")
        #expect(error.range.start == at(2, 3))
        #expect(error.message.contains("did you mean 'menu-too-wide'?"))
    }

    @Test func unknownOptionIsAnErrorWithSuggestion() throws {
        let (_, errors) = Self.config("checks:\n  slow-path-to-human: {limt: 90s}\n")
        let error = try #require(errors.first)
        #expect(error.check == "unknown-key")
        #expect(error.range.start == at(2, 24))
        #expect(error.message.contains("did you mean 'limit'?"))
    }

    @Test func badValuesAreErrors() {
        let (_, errors) = Self.config("""
        checks:
          menu-too-wide: {max: many}
          slow-path-to-human: {limit: 90}
          dead-end: {severity: fatal}
        """)
        #expect(errors.ids == ["invalid-value", "invalid-value", "invalid-value"])
        #expect(errors.map(\.range.start.line) == [2, 3, 4])
    }

    @Test func excludeMatchesFoldersFilesAndPatterns() {
        var config = ProjectConfig()
        config.exclude = ["legacy/", "flows/old.yaml", "drafts/*.yml"]
        #expect(config.excludes("legacy/a.yaml"))
        #expect(config.excludes("legacy/deep/b.yaml"))
        #expect(config.excludes("flows/old.yaml"))
        #expect(config.excludes("drafts/x.yml"))
        #expect(!config.excludes("flows/new.yaml"))
        #expect(!config.excludes("legacyish/a.yaml"))
    }
}

/// `ignore:` on nodes and files, and `unused-ignore`.
@Suite struct IgnoreTests {
    static func flow(top: String = "", orphanIgnore: String = "") -> String {
        """
        callflow: 1
        name: ignoring
        start: desk
        \(top)nodes:
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
          orphan: {say: "never heard", next: box\(orphanIgnore)}
        """
    }

    @Test func nodeIgnoreSilencesItsNodeOnly() {
        #expect(lint(Self.flow()).ids == ["unreachable-node"])
        #expect(lint(Self.flow(orphanIgnore: ", ignore: [unreachable-node]")).isEmpty)
    }

    @Test func fileIgnoreSilencesTheWholeFile() {
        #expect(lint(Self.flow(top: "ignore: [unreachable-node]\n")).isEmpty)
    }

    @Test func anIgnoreThatSilencesNothingIsReported() throws {
        let findings = lint(Self.flow(top: "ignore: [dead-end]\n", orphanIgnore: ", ignore: [unreachable-node]"))
        let finding = try #require(findings.first)
        #expect(findings.ids == ["unused-ignore"])
        #expect(finding.severity == .warning)
        #expect(finding.range.start == at(4, 10))
        #expect(finding.message.contains("'ignore: [dead-end]' at the top of the file silences nothing"))
    }

    @Test func unknownCheckInIgnoreIsAnError() throws {
        let findings = lint(Self.flow(top: "ignore: [unreachable-nod]\n"))
        let finding = try #require(findings.first { $0.check == "undefined-reference" })
        #expect(finding.range.start == at(4, 10))
        #expect(finding.message.contains("did you mean 'unreachable-node'?"))
    }

    @Test func ignoresOfChecksThatDidNotRunAreNotReported() {
        // The flow has an error, so graph checks did not run: the dead-end ignore is not "unused".
        let text = Self.flow(top: "ignore: [dead-end]\n").replacingOccurrences(of: "next: box", with: "next: nowhere")
        #expect(lint(text).ids == ["undefined-reference"])
    }
}
