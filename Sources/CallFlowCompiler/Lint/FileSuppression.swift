/// `ignore: [check-id]` at the top of a file or on a node switches those checks off there; an
/// entry that silences nothing is itself reported (`unused-ignore`).
enum FileSuppression {
    /// Drops the findings an `ignore` covers. `ran` says which checks actually ran on this flow:
    /// an ignore of a check that did not run is not called unused.
    static func apply(to diagnostics: [Diagnostic], flow: Flow?, ran: (String) -> Bool) -> [Diagnostic] {
        guard let flow else { return diagnostics }
        struct Entry {
            let id: Located<String>
            let node: FlowNode?
            var used = false
        }
        var entries = flow.ignore.map { Entry(id: $0, node: nil) }
        for node in flow.nodes {
            entries += node.ignore.map { Entry(id: $0, node: node) }
        }
        if entries.isEmpty { return diagnostics }

        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            var silenced = false
            for index in entries.indices where entries[index].id.value == diagnostic.check {
                let covers = entries[index].node.map { $0.contains(diagnostic.range) } ?? (diagnostic.range.file == flow.file)
                if covers {
                    entries[index].used = true
                    silenced = true
                }
            }
            if !silenced { kept.append(diagnostic) }
        }
        let fileWide = Set(flow.ignore.map(\.value))
        for entry in entries where !entry.used && ran(entry.id.value) && !fileWide.contains(CheckDescriptor.unusedIgnore.id) {
            let place = entry.node.map { "on node '\($0.id.value)'" } ?? "at the top of the file"
            kept.append(Diagnostic(.unusedIgnore, "'ignore: [\(entry.id.value)]' \(place) silences nothing; remove it",
                                   at: entry.id.range))
        }
        return kept
    }
}

extension FlowNode {
    /// True when `range` lies in this node's id or value.
    func contains(_ range: SourceRange) -> Bool {
        guard range.file == id.range.file else { return false }
        return range.start >= id.range.start && range.start < self.range.end
    }
}
