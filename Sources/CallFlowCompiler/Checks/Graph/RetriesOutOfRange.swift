/// `retries-out-of-range`: a menu or collect that gives up too soon, or keeps a caller too long.
public enum RetriesOutOfRange: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "retries-out-of-range",
        severity: .warning,
        summary: "retries outside 1-5, or a timeout outside 2-30 s",
        explanation: """
        With no retry, one moment of hesitation or one mistyped key sends the caller down the \
        failure path; with more than five, a caller who cannot answer hears the same prompt over and \
        over. A timeout under 2 seconds ends the wait before most people have found the key, and one \
        over 30 seconds leaves the line silent so long that callers think the call dropped. Keep \
        `retries` between 1 and 5 and `timeout` between 2s and 30s on every menu and collect (the \
        defaults, 2 retries and 5s, are in range).
        """,
        failingExample: """
        callflow: 1
        name: impatient
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            timeout: ↓1s
            retries: ↓0
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: patient
        start: main
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            timeout: 6s
            retries: 2
            fallback: support
          sales: {transfer: "+15550100", fallback: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """)

    static let retryRange = 1...5
    static let timeoutRange = 2...30

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for node in graph.nodes {
            let retries: Located<Int>?, timeout: Located<Duration>?
            switch node.kind {
            case .menu(let menu): (retries, timeout) = (menu.retries, menu.timeout)
            case .collect(let collect): (retries, timeout) = (collect.retries, collect.timeout)
            default: continue
            }
            let what = "\(node.kind.name) '\(node.id.value)'"
            if let retries, !retryRange.contains(retries.value) {
                let effect = retries.value < retryRange.lowerBound
                    ? "one hesitation sends the caller down the failure path"
                    : "a caller who cannot answer hears the prompt \(retries.value + 1) times"
                findings.append(Diagnostic(
                    descriptor, "\(what) has retries \(retries.value), outside 1-5: \(effect)", at: retries.range))
            }
            if let timeout, !timeoutRange.contains(timeout.value.seconds) {
                let effect = timeout.value.seconds < timeoutRange.lowerBound
                    ? "callers have no time to find the key" : "callers hear silence so long they think the call dropped"
                findings.append(Diagnostic(
                    descriptor, "\(what) has a timeout of \(timeout.value.seconds) s, outside 2-30 s: \(effect)",
                    at: timeout.range))
            }
        }
        return findings
    }
}
