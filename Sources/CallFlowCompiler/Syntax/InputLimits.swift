/// Bounds on hostile input: past any of them a file is refused with a clear error, never a crash or a hang.
public struct InputLimits: Sendable {
    public var maxFileBytes: Int
    public var maxDepth: Int
    public var maxAliasExpansions: Int
    public var maxNodes: Int

    public init(maxFileBytes: Int = 8 << 20, maxDepth: Int = 64, maxAliasExpansions: Int = 10_000,
                maxNodes: Int = 100_000) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansions = maxAliasExpansions
        self.maxNodes = maxNodes
    }

    public static let standard = InputLimits()
}
