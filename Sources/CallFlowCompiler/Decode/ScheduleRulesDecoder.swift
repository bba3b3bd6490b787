import CallFlowRuntime

/// Issue 14's schedule forms: recurring holidays and special dates (docs/language.md, Schedules).
extension FlowDecoder {
    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A holiday every year: `"12-25"` or `{month: nov, weekday: thu, nth: 4}`. Nil when `item` is
    /// not one of those forms (it may be a dated holiday); `.some(nil)` when it is one, malformed
    /// (reported).
    func recurringHoliday(_ item: YAMLNode) -> RecurringHoliday?? {
        if let pairs = item.mappingPairs {
            let fields = Fields(item, pairs: pairs, allowed: ["month", "weekday", "nth"], owner: "a holiday", bag: &bag)
            var month: Int?, weekday: Int?, nth: Int?
            if let node = requireField(fields, "month", owner: "a holiday every year") {
                month = node.scalarText.flatMap { Self.monthNames.firstIndex(of: $0.lowercased()) }.map { $0 + 1 }
                if month == nil {
                    bag.report(.invalidSchedule, "month must be one of \(Self.monthNames.joined(separator: " ")), not \(node.kindDescription)"
                               + Suggestion.hint(for: node.scalarText ?? "", in: Self.monthNames), at: node.range)
                }
            }
            if let node = requireField(fields, "weekday", owner: "a holiday every year") {
                weekday = node.scalarText.flatMap { Weekday(name: $0.lowercased()) }?.rawValue
                if weekday == nil {
                    bag.report(.invalidSchedule, "weekday must be one of mon tue wed thu fri sat sun, not \(node.kindDescription)", at: node.range)
                }
            }
            if let node = requireField(fields, "nth", owner: "a holiday every year") {
                if case .int(let n)? = node.scalarValue, (1...5).contains(n) || (-5 ... -1).contains(n) {
                    nth = n
                } else {
                    bag.report(.invalidSchedule, "nth must be 1 to 5 (the first to fifth such weekday of the month) or -1 to -5 "
                               + "(counting from the month's end: -1 is the last), not \(node.kindDescription)", at: node.range)
                }
            }
            guard let month, let weekday, let nth else { return .some(nil) }
            return RecurringHoliday(month: Int32(month), weekday: Int32(weekday), nth: Int32(nth))
        }
        // `MM-DD`: two digits, a dash, two digits.
        guard let text = item.scalarText, text.utf8.count == 5, Array(text.utf8)[2] == UInt8(ascii: "-") else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 2, let month = Int(parts[0]), let day = Int(parts[1]), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: 2000)).contains(day) else {
            bag.report(.invalidSchedule, "'\(text)' is not a day of the year \"MM-DD\" that exists, such as \"12-25\"", at: item.range)
            return .some(nil)
        }
        return RecurringHoliday(month: Int32(month), day: Int32(day))
    }

    /// `special: {"2026-12-24": "08:00-12:00", "2026-12-31": ["08:00-10:00", "11:00-14:00"]}`.
    func specialDates(_ node: YAMLNode, owner: String, holidays: [Located<CalendarDate>]) -> [SpecialDate] {
        guard let pairs = mapping(node, what: "special") else { return [] }
        var dates: [SpecialDate] = []
        var seen: [CalendarDate: SourceRange] = [:]
        for pair in pairs {
            guard let text = pair.key.scalarText, let date = CalendarDate(parsing: text) else {
                bag.report(.invalidSchedule, "a special date must be a date YYYY-MM-DD that exists, such as 2026-12-24, not "
                           + pair.key.kindDescription, at: pair.key.range)
                continue
            }
            if let first = seen[date] {
                bag.report(.duplicateKey, "special date \(text) is listed twice in \(owner); remove one", at: pair.key.range,
                           notes: [DiagnosticNote("first listed here", at: first)])
                continue
            }
            seen[date] = pair.key.range
            if let holiday = holidays.first(where: { $0.value == date }) {
                bag.report(.invalidSchedule, "\(text) is both a holiday and a special date of \(owner); a holiday is closed all day, "
                           + "so remove it from one of them", at: pair.key.range,
                           notes: [DiagnosticNote("the holiday is listed here", at: holiday.range)])
                continue
            }
            let items = pair.value.isNull ? [] : pair.value.sequenceItems.map(Array.init) ?? [pair.value]
            if items.isEmpty {
                bag.report(.invalidSchedule, "special date \(text) lists no hours; give a range such as \"08:00-12:00\", or list the "
                           + "date under 'holidays' to close all day", at: pair.value.range)
                continue
            }
            var ranges: [(opens: TimeOfDay, closes: TimeOfDay, range: SourceRange)] = []
            for item in items {
                guard let (opens, closes) = parseRange(item) else { continue }
                if closes < opens {
                    bag.report(.invalidSchedule, "'\(opens)-\(closes)' on special date \(text) crosses midnight; a special date's "
                               + "ranges end by 24:00 that day (give the next day its own special hours)", at: item.range)
                    continue
                }
                ranges.append((opens, closes, item.range))
            }
            dates.append(SpecialDate(date: Located(date, at: pair.key.range), ranges: ranges))
        }
        return dates
    }
}
