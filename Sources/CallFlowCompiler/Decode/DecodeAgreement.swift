/// The two routes of stage `decode` side by side: the nodes decoded while the file is read
/// (`FlowDecoder.decoding`, what the driver runs) and the file read whole first
/// (`FlowDecoder.decode`), which must give the same flow, the same findings in the same order and
/// the same files read. The tests and the `lint` fuzz harness ask it (issue 17, branch stream17).
public enum DecodeAgreement {
    /// Nil when both routes agree on `source`; else the first line that differs, both ways.
    public static func difference(_ source: SourceFile, limits: InputLimits = .standard) -> String? {
        let (streaming, streamed) = FlowDecoder.decoding(source, limits: limits)
        let whole = FlowDecoder(limits: limits, fileSystem: SourceReader(limits: limits))
        let read = whole.decode(source)
        return firstDifference(describe(streaming, streamed), describe(whole, read), "streamed", "whole")
    }

    /// The route that reads a large file's `nodes:` on two cores (`NodesSplit`, for files of at
    /// least `threshold` bytes) against the route on one thread (issue 17, branch split17): nil
    /// when they agree; `taken` says whether the split was used, not only tried.
    public static func splitDifference(_ source: SourceFile, limits: InputLimits = .standard, threshold: Int)
        -> (difference: String?, taken: Bool) {
        let (split, splitFlow) = FlowDecoder.decoding(source, limits: limits, splitAbove: threshold)
        let (one, oneFlow) = FlowDecoder.decoding(source, limits: limits)
        return (firstDifference(describe(split, splitFlow), describe(one, oneFlow), "split", "one thread"), split.splitTaken)
    }

    private static func firstDifference(_ a: [String], _ b: [String], _ nameA: String, _ nameB: String) -> String? {
        guard a != b else { return nil }
        let index = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? b.count
        let first = index < a.count ? a[index] : "(nothing)", second = index < b.count ? b[index] : "(nothing)"
        return "line \(index + 1): \(nameA) \(first) | \(nameB) \(second)"
    }

    /// Everything the later stages read of a decoder's result, one line per thing.
    static func describe(_ decoder: FlowDecoder, _ flow: Flow?) -> [String] {
        var lines = decoder.bag.diagnostics.map { diagnostic in
            "finding \(diagnostic.check) \(diagnostic.severity) \(text(diagnostic.range)) \(diagnostic.message)"
                + diagnostic.notes.map { " | \($0.range.map(text) ?? "-") \($0.message)" }.joined()
        }
        lines.append("files \(decoder.sources.map(\.path))")
        lines.append("broken \(decoder.brokenNodes.sorted())")
        let resources = decoder.resources
        lines.append("resources \(resources.context.map(\.name.value)) \(resources.skills.map(\.value)) "
                     + "\(resources.schedules.map(\.name.value)) \(resources.queues.map(\.name.value))")
        guard let flow else {
            lines.append("no flow")
            return lines
        }
        lines.append("flow \(flow.name.value) \(text(flow.name.range)) start \(flow.start.value) timezone \(flow.timezone?.value ?? "-")")
        lines.append("head \(flow.description ?? "-") \(flow.includes.map(\.resolvedPath)) \(flow.context.map(\.name.value)) "
                     + "\(flow.skills.map(\.value)) \(flow.schedules.map(\.name.value)) \(flow.queues.map(\.name.value)) "
                     + "\(flow.escalations.count) \(flow.humanKey?.value ?? "-") \(flow.humanPhrases.map(\.value)) "
                     + "\(flow.ignore.map(\.value)) \(flow.languages.map(\.value)) \(flow.voices.count)")
        for node in flow.nodes {
            lines.append("node \(node.id.value) \(text(node.id.range)) \(text(node.range)) \(node.kind) "
                         + node.outcomes.map { "\($0.label)->\($0.target.value)@\(text($0.target.range))/\(text($0.source))" }
                            .joined(separator: " ")
                         + " missing \(node.missingOutcomes) \(node.description ?? "-") \(node.ignore.map(\.value)) \(node.external?.value ?? "-")")
        }
        lines.append("index " + flow.nodeIndex.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
        return lines
    }

    private static func text(_ range: SourceRange) -> String {
        "\(range.file):\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
    }
}
