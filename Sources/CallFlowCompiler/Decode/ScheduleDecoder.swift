import CallFlowRuntime

/// Schedules: `weekly` day specs with time ranges, and `holidays` (docs/language.md).
extension FlowDecoder {
    func decodeSchedule(_ name: Located<String>, _ node: YAMLNode) -> Schedule? {
        let owner = "schedule '\(name.value)'"
        guard let pairs = mapping(node, what: owner) else { return nil }
        let fields = Fields(node, pairs: pairs, allowed: ["weekly", "holidays", "special", "description"], owner: owner, ownerKey: name.range, bag: &bag)
        var ranges: [ScheduleRange] = []
        if let weekly = requireField(fields, "weekly", owner: owner), let days = mapping(weekly, what: "weekly") {
            if days.isEmpty {
                bag.report(.invalidSchedule, "\(owner) lists no days in 'weekly', so it is never open; give the opening hours, such as {mon-fri: \"09:00-17:00\"}",
                           at: weekly.range)
            }
            for pair in days {
                guard let daySpec = pair.key.scalarText else {
                    bag.report(.invalidSchedule,
                               "a day must be written as text such as mon, mon-fri or sat,sun, not \(pair.key.kindDescription)",
                               at: pair.key.range)
                    continue
                }
                guard let weekdays = parseDays(daySpec, at: pair.key) else { continue }
                // `sat:` with nothing after it lists no hours, like `sat: []`.
                let rangeNodes = pair.value.isNull ? [] : pair.value.sequenceItems.map(Array.init) ?? [pair.value]
                if rangeNodes.isEmpty {
                    bag.report(.invalidSchedule, "'\(daySpec)' lists no hours; give a range such as \"09:00-17:00\" or remove the day",
                               at: pair.value.range)
                }
                for rangeNode in rangeNodes {
                    guard let (opens, closes) = parseRange(rangeNode) else { continue }
                    for day in weekdays {
                        ranges.append(ScheduleRange(day: day, opens: opens, closes: closes, range: rangeNode.range))
                    }
                }
            }
        }
        var holidays: [Located<CalendarDate>] = []
        var recurringHolidays: [Located<RecurringHoliday>] = []
        if let list = fields["holidays"] {
            var seen: [String: SourceRange] = [:]
            var seenRecurring: [RecurringHoliday: SourceRange] = [:]
            for item in self.list(list, what: "holidays") ?? [] {
                if let holiday = recurringHoliday(item) {
                    guard let recurring = holiday else { continue }
                    if let first = seenRecurring[recurring] {
                        bag.report(.duplicateKey, "holiday \(recurring.description) is listed twice in \(owner); remove one", at: item.range,
                                   notes: [DiagnosticNote("first listed here", at: first)])
                        continue
                    }
                    seenRecurring[recurring] = item.range
                    recurringHolidays.append(Located(recurring, at: item.range))
                    continue
                }
                guard let text = item.scalarText, let date = CalendarDate(parsing: text) else {
                    invalid(item, "a holiday must be a date YYYY-MM-DD that exists, such as 2026-12-25, not \(item.kindDescription)")
                    continue
                }
                if let first = seen[text] {
                    bag.report(.duplicateKey, "holiday \(text) is listed twice in \(owner); remove one", at: item.range,
                               notes: [DiagnosticNote("first listed here", at: first)])
                    continue
                }
                seen[text] = item.range
                holidays.append(Located(date, at: item.range))
            }
        }
        let description = fields["description"].flatMap { text($0, what: "description") }?.value
        var schedule = Schedule(name: name, ranges: ranges, holidays: holidays, description: description)
        schedule.recurring = recurringHolidays
        if let special = fields["special"] { schedule.special = specialDates(special, owner: owner, holidays: holidays) }
        return schedule
    }

    /// `mon`, `mon-fri`, `sat,sun`, `mon-wed,fri`; a range may wrap the week end (`fri-mon`).
    private func parseDays(_ spec: String, at node: YAMLNode) -> [Weekday]? {
        var days: [Weekday] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            let parsed = bounds.map { Weekday(name: $0.lowercased()) }
            guard (1...2).contains(bounds.count), parsed.allSatisfy({ $0 != nil }) else {
                let bad = bounds.first { Weekday(name: $0.lowercased()) == nil } ?? String(part)
                bag.report(.invalidSchedule,
                           "unknown day '\(bad)' in '\(spec)'\(Suggestion.hint(for: bad, in: Weekday.allCases.map(\.name))); use mon tue wed thu fri sat sun, ranges like mon-fri or lists like sat,sun",
                           at: node.range)
                return nil
            }
            let first = parsed[0]!, last = parsed[parsed.count - 1]!
            var day = first
            while true {
                days.append(day)
                if day == last { break }
                day = Weekday(rawValue: (day.rawValue + 1) % 7)!
            }
        }
        return days
    }

    /// `HH:MM-HH:MM`; the end may be `24:00`; a range whose end is before its start crosses midnight.
    func parseRange(_ node: YAMLNode) -> (TimeOfDay, TimeOfDay)? {
        guard let text = node.scalarText else {
            bag.report(.invalidSchedule, "opening hours must be a range \"HH:MM-HH:MM\", not \(node.kindDescription)", at: node.range)
            return nil
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        guard parts.count == 2, let opens = TimeOfDay(parsing: parts[0]), let closes = TimeOfDay(parsing: parts[1]),
              opens.minutes < 1440 else {
            bag.report(.invalidSchedule, "'\(text)' is not a range of times \"HH:MM-HH:MM\" on a 24-hour clock, such as \"08:30-17:00\"\(Self.rangeHint(parts))",
                       at: node.range)
            return nil
        }
        if opens == closes {
            bag.report(.invalidSchedule, "'\(text)' is empty: it opens and closes at the same time; for a whole day write \"00:00-24:00\"",
                       at: node.range)
            return nil
        }
        return (opens, closes)
    }
}

extension FlowDecoder {
    /// "; write '07:00-21:00'" when the times only lack a leading zero or minutes (`7:00`, `9`).
    static func rangeHint(_ parts: [String]) -> String {
        guard parts.count == 2 else { return "" }
        func padded(_ time: String) -> String? {
            let pieces = time.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count), pieces.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  let hour = Int(pieces[0]), hour <= 24 else { return nil }
            let minute = pieces.count == 2 ? Int(pieces[1]) ?? 99 : 0
            guard minute < 60, pieces.count == 1 || pieces[1].count == 2 else { return nil }
            return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        }
        guard let opens = padded(parts[0]), let closes = padded(parts[1]), opens + "-" + closes != parts.joined(separator: "-"),
              TimeOfDay(parsing: opens) != nil, TimeOfDay(parsing: closes) != nil else { return "" }
        return "; write '\(opens)-\(closes)'"
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
