import Foundation

/// Lints a platform flow: the reader's findings, then every graph check that applies (the ones
/// the platform gives too little for are skipped), then the platform's own limits.
enum ImportLinter {
    static func lint(_ source: SourceFile, frontEnd: FrontEnd, config: ProjectConfig) -> FrontEndResult {
        let imported = PlatformImporter.read(source, limits: frontEnd.limits)
        var diagnostics = imported.diagnostics
        if let flow = imported.flow {
            let skipped = Set(imported.skipped.map(\.id))
            diagnostics += GraphChecker.run(flow, options: config.options) { config.isEnabled($0) && !skipped.contains($0) }
            if imported.format == .twilioStudio {
                diagnostics += PlatformLimit.studio(FlowGraph(flow), platformTypes: imported.platformTypes)
            }
        }
        if let flow = imported.flow {
            diagnostics = diagnostics.map { platformWords($0, flow: flow, types: imported.platformTypes) }
        }
        // One finding per place and message: a block wired the same way twice says it once.
        var seen = Set<Diagnostic>()
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
        return FrontEndResult(flow: imported.flow, diagnostics: config.apply(to: diagnostics), sources: [source])
    }

    /// Graph checks name nodes by callflow kind (`menu 'x'`, `hangup node 'y'`); in a platform
    /// file the step's own type says more (`gather-input-on-call 'x'`, `TransferToFlow 'y'`).
    static func platformWords(_ diagnostic: Diagnostic, flow: Flow, types: [String: String]) -> Diagnostic {
        func rewrite(_ text: String) -> String {
            var out = text
            var searchStart = text.startIndex
            var names: [String] = []
            while let open = text[searchStart...].firstIndex(of: "'") {
                let afterOpen = text.index(after: open)
                guard let close = text[afterOpen...].firstIndex(of: "'") else { break }
                names.append(String(text[afterOpen..<close]))
                searchStart = text.index(after: close)
            }
            for name in Set(names) {
                guard let index = flow.nodeIndex[name], var type = types[name], type != "(end of call)" else { continue }
                if let plus = type.range(of: " + ") { type = String(type[..<plus.lowerBound]) }
                let kind = flow.nodes[index].kind.name
                out = out.replacingOccurrences(of: "\(kind) node '\(name)'", with: "\(type) '\(name)'")
                    .replacingOccurrences(of: "\(kind) '\(name)'", with: "\(type) '\(name)'")
                    .replacingOccurrences(of: "'\(name)' (\(kind))", with: "'\(name)' (\(type))")
            }
            return out
        }
        guard diagnostic.message.contains("'") || diagnostic.notes.contains(where: { $0.message.contains("'") }) else { return diagnostic }
        var rewritten = diagnostic
        rewritten.message = rewrite(diagnostic.message)
        rewritten.notes = diagnostic.notes.map { DiagnosticNote(rewrite($0.message), at: $0.range) }
        return rewritten
    }
}
