/// What `callflow lint --explain-import FILE` prints: how a platform flow was read, which steps
/// callflow could not see into, and which checks were skipped and why.
public enum ImportExplanation {
    public static func text(_ imported: ImportedFlow, path: String) -> String {
        guard let flow = imported.flow else {
            let reasons = imported.diagnostics.map { "  \($0.message)" }.joined(separator: "\n")
            return "\(path): not read as a platform flow\n\(reasons)\n"
        }
        var out = "\(path): \(imported.format.displayName)"
        if let type = imported.flowType { out += ", flow type \(type)" }
        out += "\n  start: '\(flow.start.value)'; \(flow.nodes.count) nodes"
        let synthetic = flow.nodes.filter { imported.platformTypes[$0.id.value] == "(end of call)" }.count
        if synthetic > 0 { out += " (\(synthetic) of them ends of the call where a branch goes nowhere)" }
        out += "\n"
        var byType: [String: Int] = [:]
        for node in flow.nodes {
            let type = imported.platformTypes[node.id.value] ?? "?"
            if type == "(end of call)" { continue }
            byType["\(type) -> \(node.isOpaqueEnd ? "opaque end" : node.external != nil && isDecision(node) ? "opaque \(node.kind.name)" : node.kind.name)", default: 0] += 1
        }
        out += "  read as:\n"
        for (mapping, count) in byType.sorted(by: { $0.key < $1.key }) {
            out += "    \(count) × \(mapping)\n"
        }
        let opaque = flow.nodes.filter { $0.external != nil }
        if !opaque.isEmpty {
            out += "  opaque steps (callflow cannot see what they decide or where the call goes after them):\n"
            for node in opaque.prefix(20) {
                out += "    '\(node.id.value)' (\(node.range.start.line):\(node.range.start.column)): \(node.external!.value)\n"
            }
            if opaque.count > 20 { out += "    ... and \(opaque.count - 20) more\n" }
        }
        out += "  checks skipped:\n"
        for skipped in imported.skipped {
            out += "    \(skipped.id): \(skipped.reason)\n"
        }
        out += "  checks that do not apply to any platform flow: yaml-only checks of form (unknown-key, invalid-value "
            + "on callflow keys, include and schedule syntax) and unused-ignore (platform flows have no `ignore`)\n"
        return out
    }

    private static func isDecision(_ node: FlowNode) -> Bool {
        switch node.kind {
        case .switch, .set, .lookup, .hours: return true
        default: return false
        }
    }
}
