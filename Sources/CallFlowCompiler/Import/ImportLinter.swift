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
        // The project's severities are applied by the diagnostics engine, as for every flow.
        return FrontEndResult(flow: imported.flow, diagnostics: diagnostics, sources: [source])
    }

    /// Graph checks name nodes by callflow kind (`menu 'x'`, `hangup node 'y'`); in a platform
    /// file the step's own type says more (`gather-input-on-call 'x'`, `TransferToFlow 'y'`).
    static func platformWords(_ diagnostic: Diagnostic, flow: Flow, types: [String: String]) -> Diagnostic {
        func type(of name: String) -> (kind: String, type: String)? {
            guard let index = flow.nodeIndex[name], var type = types[name], type != "(end of call)" else { return nil }
            if let plus = type.firstRange(of: " + ") { type = String(type[..<plus.lowerBound]) }
            return (flow.nodes[index].kind.name, type)
        }
        // One pass over the text: each quoted name that is a step, with the kind before or after it.
        func rewrite(_ text: String) -> String {
            var out = ""
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "'") {
                let afterOpen = rest.index(after: open)
                guard let close = rest[afterOpen...].firstIndex(of: "'") else { break }
                let name = String(rest[afterOpen..<close])
                var before = rest[..<open]
                var after = rest[rest.index(after: close)...]
                var suffix = ""
                if let (kind, type) = type(of: name) {
                    if before.hasSuffix(kind + " node ") {
                        before = before.dropLast(kind.count + 6)
                        before = before + type + " "
                    } else if before.hasSuffix(kind + " ") {
                        before = before.dropLast(kind.count + 1)
                        before = before + type + " "
                    }
                    if after.hasPrefix(" (" + kind + ")") {
                        after = after.dropFirst(kind.count + 3)
                        suffix = " (" + type + ")"
                    }
                }
                out += before
                out += "'" + name + "'" + suffix
                rest = after
            }
            out += rest
            return out
        }
        var rewritten = diagnostic
        rewritten.message = rewrite(diagnostic.message)
        rewritten.notes = diagnostic.notes.map { DiagnosticNote(rewrite($0.message), at: $0.range) }
        return rewritten
    }
}
