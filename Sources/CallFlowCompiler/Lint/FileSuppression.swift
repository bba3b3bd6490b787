/// `ignore: [check-id]` at the top of a file or on a node switches those checks off there.
enum FileSuppression {
    static func apply(to diagnostics: [Diagnostic], flow: Flow?) -> [Diagnostic] {
        guard let flow else { return diagnostics }
        let fileWide = Set(flow.ignore.map(\.value))
        let nodeScoped = flow.nodes.filter { !$0.ignore.isEmpty }
        if fileWide.isEmpty && nodeScoped.isEmpty { return diagnostics }
        return diagnostics.filter { diagnostic in
            if diagnostic.range.file == flow.file && fileWide.contains(diagnostic.check) { return false }
            return !nodeScoped.contains { node in
                node.ignore.contains { $0.value == diagnostic.check } && node.contains(diagnostic.range)
            }
        }
    }
}

extension FlowNode {
    /// True when `range` lies in this node's id or value.
    func contains(_ range: SourceRange) -> Bool {
        guard range.file == id.range.file else { return false }
        return range.start >= id.range.start && range.start < self.range.end
    }
}
