/// The optimizations of the table compiler, each on by default; the benchmark measures what each
/// buys by switching it off.
public struct TableOptimizations: Equatable, Sendable {
    /// Leave out nodes no path from the start or a rule reaches.
    public var dropUnreachable = true
    /// Send outcomes past nodes that only pass the call on (a switch whose every way leads to one
    /// node, an hours node whose open, closed and holiday targets are one node).
    public var threadPassThrough = true
    /// Evaluate conditions that read no variable and no schedule at compile time: a case that is
    /// always false is dropped, one that is always true becomes the switch's `else`; rules alike.
    public var foldConstants = true
    /// One string table entry per distinct text (prompts, names, phrases).
    public var internStrings = true

    public init() {}

    public static let all = TableOptimizations()
    public static let none: TableOptimizations = {
        var options = TableOptimizations()
        options.dropUnreachable = false
        options.threadPassThrough = false
        options.foldConstants = false
        options.internStrings = false
        return options
    }()
}
