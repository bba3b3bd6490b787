/// The one place findings of a compilation are collected, and the one place the project's
/// severities (`.callflow.yml`) and the flow's `ignore:` entries are applied: when a finding is
/// reported. Hard errors (`CheckDescriptor.isHard`) stay errors whatever the config or an
/// `ignore:` says, and the finding says that they tried.
public struct DiagnosticEngine: Sendable {
    public let config: ProjectConfig
    public private(set) var diagnostics: [Diagnostic] = []

    /// An `ignore: [check]` entry of the flow, at its top (`node` nil) or on a node.
    private struct Suppression: Sendable {
        let id: Located<String>
        let node: FlowNode?
        var used = false
    }
    private var suppressions: [Suppression] = []
    private var flowFile: String?
    private var fileWide: Set<String> = []

    public init(config: ProjectConfig = ProjectConfig()) {
        self.config = config
    }

    /// Findings that are errors once the project's severities are applied.
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }

    /// From now on, `flow`'s `ignore:` entries silence the findings they cover.
    mutating func suppress(with flow: Flow) {
        flowFile = flow.file
        fileWide = Set(flow.ignore.map(\.value))
        suppressions = flow.ignore.map { Suppression(id: $0, node: nil) }
        for node in flow.nodes {
            suppressions += node.ignore.map { Suppression(id: $0, node: node) }
        }
    }

    /// Reports a finding: an `ignore:` covering it drops it (unless it is a hard error), the
    /// project's severity re-grades or drops it.
    public mutating func report(_ diagnostic: Diagnostic) {
        var finding = diagnostic
        let hard = CheckRegistry.descriptor(diagnostic.check)?.isHard ?? false
        var silenced = false
        for index in suppressions.indices where suppressions[index].id.value == diagnostic.check {
            let covers = suppressions[index].node.map { $0.contains(diagnostic.range) } ?? (diagnostic.range.file == flowFile)
            guard covers else { continue }
            suppressions[index].used = true
            if hard {
                finding.notes.append(DiagnosticNote(
                    "'ignore: [\(diagnostic.check)]' cannot silence \(diagnostic.check): it is a hard error (the flow's model is incomplete without a fix)",
                    at: suppressions[index].id.range))
            } else {
                silenced = true
            }
        }
        if silenced { return }
        if hard {
            if let configured = config.severities[diagnostic.check], configured != .error {
                finding.notes.append(DiagnosticNote(
                    "the project's config sets \(diagnostic.check) to \(configured?.rawValue ?? "off"), but it is a hard error: configuration cannot lower it"))
            }
            finding.severity = .error
        } else if !config.severities.isEmpty {
            guard let severity = config.severity(of: diagnostic.check) else { return }
            finding.severity = severity
        }
        diagnostics.append(finding)
    }

    public mutating func report(contentsOf findings: [Diagnostic]) {
        for finding in findings { report(finding) }
    }

    /// Ends the compilation's reporting: an `ignore:` entry that silenced nothing is reported
    /// (`unused-ignore`) when its check ran (`ran`); notes are bounded.
    mutating func finish(ran: (String) -> Bool) {
        let unused = suppressions.filter { !$0.used && ran($0.id.value) && !fileWide.contains(CheckDescriptor.unusedIgnore.id) }
        // These findings are not themselves subject to `ignore:` (the file-wide entry above is the way).
        suppressions = []
        for entry in unused {
            let place = entry.node.map { "on node '\($0.id.value)'" } ?? "at the top of the file"
            report(Diagnostic(.unusedIgnore, "'ignore: [\(entry.id.value)]' \(place) silences nothing; remove it",
                              at: entry.id.range))
        }
        diagnostics = diagnostics.map { $0.boundingNotes() }
    }
}

extension FlowNode {
    /// True when `range` lies in this node's id or value.
    func contains(_ range: SourceRange) -> Bool {
        guard range.file == id.range.file else { return false }
        return range.start >= id.range.start && range.start < self.range.end
    }
}
