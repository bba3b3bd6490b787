import Dispatch

/// A large flow's nodes cut into contiguous ranges, each handled on whichever thread is free, the
/// results returned in range order (issue 17): joined in that order they are exactly what one pass
/// over all the nodes gives. Used by `resolve` (references) and `typeCheck` (conditions).
enum NodeRanges {
    /// Below this many nodes a stage runs on one thread: handing ranges to other threads costs
    /// tens of microseconds, and the gain on a smaller flow is a few milliseconds at most
    /// (measured: docs/performance.md, issue 17, fifth round).
    static let worthThreads = 2_048

    /// More ranges than cores, so a thread slowed by other work does not hold up the rest.
    static let count = 16

    /// The ranges of `0..<total`, in order; the last ones may be empty.
    static func ranges(of total: Int) -> [Range<Int>] {
        let size = (total + count - 1) / count
        return (0..<count).map { min($0 * size, total)..<min(($0 + 1) * size, total) }
    }

    /// `body(part, range)` for each range of `0..<total`, on several threads; the results in range
    /// order.
    static func map<Result: Sendable>(over total: Int, _ body: @Sendable (_ part: Int, _ range: Range<Int>) -> Result) -> [Result] {
        let ranges = ranges(of: total)
        let slots = ResultSlots<Result>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
            slots.store(body(part, ranges[part]), at: part)
        }
        return slots.values.compactMap { $0 }
    }
}
