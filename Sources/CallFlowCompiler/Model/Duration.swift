import CallFlowRuntime

/// A length of time as flows write it: `5s`, `90s`, `2m`, `1h`, `1m30s`.
public struct Duration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public static func < (a: Duration, b: Duration) -> Bool { a.seconds < b.seconds }

    /// Parses `[Nh][Nm][Ns]` with at least one part, units in that order: the runtime's parser,
    /// so flows and the values a call brings are read alike.
    public init?(parsing text: String) {
        guard let seconds = RuntimeDuration.seconds(text) else { return nil }
        self.seconds = seconds
    }

    /// The shortest spelling: `90s` prints as `1m30s`.
    public var description: String {
        if seconds == 0 { return "0s" }
        var text = ""
        let hours = seconds / 3600, minutes = seconds % 3600 / 60, rest = seconds % 60
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 { text += "\(rest)s" }
        return text
    }
}
