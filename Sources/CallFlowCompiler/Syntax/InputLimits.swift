/// Bounds on hostile input: past any of them a file is refused with a clear error, never a crash or a hang.
///
/// `maxNodes` counts flow nodes (the graph), as the design's 100,000 is meant: a flow of 60,000
/// nodes is already some 700,000 YAML nodes. YAML nodes are bounded separately, aliases
/// expanded, so an alias bomb is refused however few alias events it has.
public struct InputLimits: Sendable {
    public var maxFileBytes: Int
    public var maxDepth: Int
    public var maxAliasExpansions: Int
    public var maxNodes: Int
    public var maxYAMLNodes: Int

    public init(maxFileBytes: Int = 8 << 20, maxDepth: Int = 64, maxAliasExpansions: Int = 10_000,
                maxNodes: Int = 100_000, maxYAMLNodes: Int = 4_000_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansions = maxAliasExpansions
        self.maxNodes = maxNodes
        self.maxYAMLNodes = maxYAMLNodes
    }

    public static let standard = InputLimits()
}
