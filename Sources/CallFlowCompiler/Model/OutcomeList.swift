/// A node's outcomes as its checks read them: each `Outcome` made when it is read from the node's
/// compact storage.
///
/// Why (issue 17): an `Outcome` is 80 bytes, 16 of them the file of its two ranges, which is the
/// node's own file. A flow of 60,000 nodes keeps some 190,000 outcomes for as long as it lives, so
/// a node keeps its outcomes without the file (`StoredOutcome`, 64 bytes) and this view puts the
/// node's file back. Outcomes whose ranges name another file than the node's (none the decoder
/// makes) are kept whole instead (`general`).
public struct OutcomeList: RandomAccessCollection, Sendable {
    private let file: FileName
    private let stored: [StoredOutcome]
    private let general: [Outcome]?

    init(file: FileName, stored: [StoredOutcome], general: [Outcome]?) {
        self.file = file
        self.stored = stored
        self.general = general
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { general?.count ?? stored.count }

    public subscript(position: Int) -> Outcome {
        if let general { return general[position] }
        let item = stored[position]
        return Outcome(label: item.label,
                       target: Located(item.target, at: SourceRange(fileName: file, start: item.targetStart, end: item.targetEnd)),
                       source: SourceRange(fileName: file, start: item.sourceStart, end: item.sourceEnd))
    }

    /// The label of outcome `position`, without making the whole outcome.
    public func label(at position: Int) -> String {
        if let general { return general[position].label }
        return stored[position].label
    }

    /// The name outcome `position` sends the call to, without making the whole outcome (how
    /// `resolve` reads every outcome).
    public func targetName(at position: Int) -> String {
        if let general { return general[position].target.value }
        return stored[position].target
    }
}

/// An `Outcome` without its file: the node that keeps it knows the file (see `OutcomeList`).
struct StoredOutcome: Sendable {
    let label: String
    let target: String
    let targetStart: SourcePosition
    let targetEnd: SourcePosition
    let sourceStart: SourcePosition
    let sourceEnd: SourcePosition

    /// An outcome the decoder makes, whose ranges are in the file of the node it belongs to: the
    /// decoder builds a node's stored outcomes directly (issue 17: it made an `Outcome` array per
    /// node and converted it, some 150 M instructions on a 60,000-node flow).
    init(label: String, target: Located<String>, source: SourceRange) {
        self.label = label
        self.target = target.value
        targetStart = target.range.start
        targetEnd = target.range.end
        sourceStart = source.start
        sourceEnd = source.end
    }

    /// The same outcome under another label (an optional outcome defaulted to this one's target).
    func relabeled(_ label: String) -> StoredOutcome {
        StoredOutcome(label: label, target: target, targetStart: targetStart, targetEnd: targetEnd,
                      sourceStart: sourceStart, sourceEnd: sourceEnd)
    }

    /// The range of the key that wires it, in the node's `file`.
    func source(in file: FileName) -> SourceRange {
        SourceRange(fileName: file, start: sourceStart, end: sourceEnd)
    }

    private init(label: String, target: String, targetStart: SourcePosition, targetEnd: SourcePosition,
                 sourceStart: SourcePosition, sourceEnd: SourcePosition) {
        self.label = label
        self.target = target
        self.targetStart = targetStart
        self.targetEnd = targetEnd
        self.sourceStart = sourceStart
        self.sourceEnd = sourceEnd
    }

    /// `outcome` kept compact when both its ranges are in `file` (the same object or the same
    /// path); nil otherwise.
    init?(_ outcome: Outcome, in file: FileName) {
        guard outcome.target.range.fileName === file || outcome.target.range.file == file.path,
              outcome.source.fileName === file || outcome.source.file == file.path else { return nil }
        label = outcome.label
        target = outcome.target.value
        targetStart = outcome.target.range.start
        targetEnd = outcome.target.range.end
        sourceStart = outcome.source.start
        sourceEnd = outcome.source.end
    }
}
