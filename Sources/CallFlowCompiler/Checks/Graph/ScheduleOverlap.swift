/// `schedule-overlap`: two ranges of one day that overlap.
public enum ScheduleOverlap: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "schedule-overlap",
        severity: .warning,
        summary: "two ranges of one day that overlap",
        explanation: """
        Two opening ranges of the same day that overlap are almost always a typo (`12:30` for \
        `12:00`) or a day listed under two keys (`mon-fri` and `wed`). The schedule still works, \
        open during either range, but it does not say what its author meant, and the next edit of \
        one range silently keeps the other open. The part of a range that runs past midnight \
        (`fri: "22:00-06:00"`) belongs to the next day and is compared with that day's ranges. \
        Ranges that only touch (`08:00-12:00` and `12:00-13:00`) do not overlap. The finding is \
        at the later range, with a note at the earlier one.
        """,
        failingExample: """
        callflow: 1
        name: lunch-overlap
        timezone: Europe/Berlin
        start: check
        schedules:
          office:
            weekly: {mon-fri: ["08:00-12:30", ↓"12:00-18:00"]}
        nodes:
          check: {hours: office, open: desk, closed: box}
          desk: {transfer: "+4930123456", fallback: box}
          box: {voicemail: office}
        """,
        passingExample: """
        callflow: 1
        name: lunch-touching
        timezone: Europe/Berlin
        start: check
        schedules:
          office:
            weekly: {mon-fri: ["08:00-12:00", "12:00-18:00"], sat: "22:00-02:00", sun: "10:00-14:00"}
        nodes:
          check: {hours: office, open: desk, closed: box}
          desk: {transfer: "+4930123456", fallback: box}
          box: {voicemail: office}
        """)

    /// The minutes `start ..< end` of one day that a written range opens, and whether they are the
    /// part after midnight of a range written for the day before.
    private struct Piece {
        var range: Int
        var start: Int
        var end: Int
        var spilled: Bool
    }

    private struct Segment {
        var day: Weekday
        var start: Int
        var end: Int
        var spilled: Bool
    }

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for schedule in graph.flow.schedules {
            findings += overlaps(in: schedule)
            findings += specialOverlaps(in: schedule)
        }
        return findings
    }

    /// Overlapping ranges of one special date (issue 14).
    static func specialOverlaps(in schedule: Schedule) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for special in schedule.special {
            for (j, b) in special.ranges.enumerated() {
                for a in special.ranges[..<j] {
                    let start = max(a.opens.minutes, b.opens.minutes), end = min(a.closes.minutes, b.closes.minutes)
                    guard start < end else { continue }
                    findings.append(Diagnostic(
                        descriptor,
                        "'\(b.opens)-\(b.closes)' overlaps '\(a.opens)-\(a.closes)' on special date \(special.date.value) of schedule "
                            + "'\(schedule.name.value)' (\(TimeOfDay(minutes: start))-\(TimeOfDay(minutes: end))); merge the two or make them meet without overlapping",
                        at: b.range, notes: [DiagnosticNote("'\(a.opens)-\(a.closes)' is here", at: a.range)]))
                    break
                }
            }
        }
        return findings
    }

    static func overlaps(in schedule: Schedule) -> [Diagnostic] {
        let ranges = schedule.ranges
        // Written ranges (one value may apply to several days) in source order.
        var written: [SourceRange] = []
        var writtenIndex: [SourceRange: Int] = [:]
        for range in ranges where writtenIndex[range.range] == nil {
            writtenIndex[range.range] = written.count
            written.append(range.range)
        }
        var pieces = Array(repeating: [Piece](), count: 7)
        for range in ranges {
            let id = writtenIndex[range.range]!
            let day = range.day.rawValue
            if range.crossesMidnight {
                pieces[day].append(Piece(range: id, start: range.opens.minutes, end: 1440, spilled: false))
                if range.closes.minutes > 0 {
                    pieces[(day + 1) % 7].append(Piece(range: id, start: 0, end: range.closes.minutes, spilled: true))
                }
            } else {
                pieces[day].append(Piece(range: id, start: range.opens.minutes, end: range.closes.minutes, spilled: false))
            }
        }
        // Overlaps of each pair of written ranges (earlier, later), in the order found.
        var pairs: [(first: Int, second: Int)] = []
        var segments: [[Int]: [Segment]] = [:]
        for day in Weekday.allCases {
            let today = pieces[day.rawValue]
            for i in today.indices {
                for j in today.indices where j > i {
                    let a = today[i], b = today[j]
                    let start = max(a.start, b.start), end = min(a.end, b.end)
                    guard start < end else { continue }
                    let key = [min(a.range, b.range), max(a.range, b.range)]
                    if segments[key] == nil { pairs.append((key[0], key[1])) }
                    segments[key, default: []].append(Segment(day: day, start: start, end: end, spilled: a.spilled || b.spilled))
                }
            }
        }
        let name = schedule.name.value
        return pairs.map { pair in
            let found = segments[[pair.first, pair.second]]!
            let firstRange = written[pair.first], secondRange = written[pair.second]
            let first = ranges.first { $0.range == firstRange }!, second = ranges.first { $0.range == secondRange }!
            let when = describe(found)
            if pair.first == pair.second {
                return Diagnostic(descriptor,
                                  "'\(text(second))' of schedule '\(name)' applies twice to the same day (\(when)): its days name a day more than once",
                                  at: secondRange)
            }
            let spill = found.contains { $0.spilled }
                ? "; the part of a range after midnight belongs to the next day" : ""
            return Diagnostic(descriptor,
                              "'\(text(second))' overlaps '\(text(first))' in schedule '\(name)' (\(when))\(spill); merge the two or make them meet without overlapping",
                              at: secondRange,
                              notes: [DiagnosticNote("'\(text(first))' is here", at: firstRange)])
        }
    }

    private static func text(_ range: ScheduleRange) -> String {
        "\(range.opens)-\(range.closes)"
    }

    /// `mon, tue 11:00-12:00; sat 00:00-02:00`: days with the same overlap grouped, in week order.
    private static func describe(_ segments: [Segment]) -> String {
        var groups: [(start: Int, end: Int, days: [Weekday])] = []
        for segment in segments {
            if let index = groups.firstIndex(where: { $0.start == segment.start && $0.end == segment.end }) {
                if !groups[index].days.contains(segment.day) { groups[index].days.append(segment.day) }
            } else {
                groups.append((segment.start, segment.end, [segment.day]))
            }
        }
        return groups.map { group in
            group.days.map(\.name).joined(separator: ", ")
                + " \(TimeOfDay(minutes: group.start))-\(TimeOfDay(minutes: group.end))"
        }.joined(separator: "; ")
    }
}
