/// Runs every graph check over a decoded flow.
public enum GraphChecker {
    public static func run(_ flow: Flow, options: [String: [String: OptionValue]] = [:],
                           enabled: (String) -> Bool = { _ in true }, sources: [SourceFile] = []) -> [Diagnostic] {
        let graph = FlowGraph(flow)
        let context = CheckContext(graph: graph, options: options)
        context.sources = sources
        var diagnostics: [Diagnostic] = []
        for check in CheckRegistry.graphChecks where enabled(check.descriptor.id) {
            diagnostics += check.run(graph, context)
        }
        return diagnostics
    }
}
