/// A flow between the front end's stages, with what decoding learnt that the later stages need:
/// every file read (the root first), the resources defined (even those whose definitions had
/// errors, so a reference to one is not reported as undefined), and the nodes that could not be
/// decoded (likewise).
struct DecodedFlow {
    var flow: Flow
    var sources: [SourceFile]
    let resources: ResourceTable
    let brokenNodes: Set<String>
}

/// The front end as three stages a driver can run one at a time (issue 10), each a function of
/// plain values returning its result and its own findings; run in order they give exactly what
/// `FrontEnd.load` gives (the same flow, the same findings in the same order):
///
/// 1. `decode`: YAML to the flow as written, every key and value checked for form;
/// 2. `resolve`: every name to what it names (every reference to a node into an index, once:
///    `Flow.outcomeTargets`, `startTarget`, `ruleTargets`; schedules, queues, skills,
///    variables), `set` values against their variables, a collect's `into`, the callback rule;
/// 3. `typeCheck`: every condition parsed and type-checked (`ExpressionSource.parsed`).
enum FrontEndStages {
    /// Stage `decode`: nil when the flow lacks what it cannot go on without (its findings say why).
    /// `splitAbove`: a file of at least that many bytes may be read on two cores (`NodesSplit`).
    static func decode(_ source: SourceFile, limits: InputLimits = .standard, splitAbove: Int? = nil)
        -> (decoded: DecodedFlow?, diagnostics: [Diagnostic], sources: [SourceFile]) {
        let (decoder, flow) = FlowDecoder.decoding(source, limits: limits, splitAbove: splitAbove)
        let decoded = flow.map {
            DecodedFlow(flow: $0, sources: decoder.sources, resources: decoder.resources, brokenNodes: decoder.brokenNodes)
        }
        return (decoded, decoder.bag.diagnostics, decoder.sources)
    }

    /// Stage `resolve`.
    /// Takes the flow (`consuming`) so the driver's copy is not duplicated when it is changed.
    /// `threads` above 1 lets a large flow's nodes be resolved on that many threads (same result).
    static func resolve(_ decoded: consuming DecodedFlow, limits: InputLimits = .standard,
                        threads: Int = 1) -> (decoded: DecodedFlow, diagnostics: [Diagnostic]) {
        let decoder = decoder(for: decoded, limits: limits)
        decoder.resolveReferences(in: &decoded.flow, threads: threads)
        return (decoded, decoder.bag.diagnostics)
    }

    /// Stage `typeCheck`: the flow complete, as the graph and lowering read it. `threads` above 1
    /// lets a large flow's conditions be checked on that many threads (same result).
    static func typeCheck(_ decoded: consuming DecodedFlow, limits: InputLimits = .standard,
                          threads: Int = 1) -> (flow: Flow, diagnostics: [Diagnostic]) {
        let decoder = decoder(for: decoded, limits: limits)
        decoder.resolveExpressions(in: &decoded.flow, threads: threads)
        return (decoded.flow, decoder.bag.diagnostics)
    }

    /// A decoder in the state `decode` left it in, with no findings yet.
    private static func decoder(for decoded: DecodedFlow, limits: InputLimits) -> FlowDecoder {
        let decoder = FlowDecoder(limits: limits, fileSystem: SourceReader(limits: limits))
        decoder.sources = decoded.sources
        decoder.resources = decoded.resources
        decoder.brokenNodes = decoded.brokenNodes
        return decoder
    }
}
