/// What the front end makes of one flow file: the flow (when it could be decoded), every finding,
/// and every file read (the flow and its includes) so findings can show their source lines.
public struct FrontEndResult: Sendable {
    public var flow: Flow?
    public var diagnostics: [Diagnostic]
    public var sources: [SourceFile]

    /// What a compilation found, as this result.
    init(_ compilation: Compilation) {
        self.init(flow: compilation.flow, diagnostics: compilation.diagnostics.diagnostics, sources: compilation.sources)
    }

    init(flow: Flow?, diagnostics: [Diagnostic], sources: [SourceFile]) {
        self.flow = flow
        self.diagnostics = diagnostics
        self.sources = sources
    }
}

/// YAML file to checked flow model in one call: the driver's `decode`, `resolve` and `typeCheck`
/// stages run together (`FrontEndStages`), for importers and tests that want the flow only.
public struct FrontEnd: Sendable {
    public var limits: InputLimits

    public init(limits: InputLimits = .standard) {
        self.limits = limits
    }

    /// Reads and decodes the flow at `path` (relative paths stay relative in messages).
    public func load(path: String) throws(SourceReader.ReadError) -> FrontEndResult {
        let source = try SourceReader(limits: limits).read(path)
        return load(source)
    }

    /// Decodes a flow already in memory; includes are read relative to `source.path`.
    public func load(_ source: SourceFile) -> FrontEndResult {
        let (decoder, decoded) = FlowDecoder.decoding(source, limits: limits)
        let flow = decoded.map { decoder.resolving($0) }
        return FrontEndResult(flow: flow, diagnostics: decoder.bag.diagnostics, sources: decoder.sources)
    }
}
