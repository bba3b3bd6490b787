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
        // One finding per place and message: a block wired the same way twice says it once.
        var seen = Set<Diagnostic>()
        diagnostics = diagnostics.filter { seen.insert($0).inserted }
        return FrontEndResult(flow: imported.flow, diagnostics: config.apply(to: diagnostics), sources: [source])
    }
}
