import CallFlowRuntime

/// Turns a model `Schedule` into the `CompiledSchedule` the routing table holds: the week bitmap
/// (ranges crossing midnight spilled into the next day, Sunday into Monday), the holidays sorted
/// as days since 1970-01-01, and the flow's IANA time zone.
public enum ScheduleCompiler {
    public static func compile(_ schedule: Schedule, timeZone: String) -> CompiledSchedule {
        var compiled = CompiledSchedule(timeZone: timeZone)
        for range in schedule.ranges {
            compiled.open(weekday: range.day.rawValue, opens: range.opens.minutes, closes: range.closes.minutes)
        }
        for holiday in schedule.holidays {
            compiled.addHoliday(holiday.value)
        }
        for holiday in schedule.recurring { compiled.addRecurringHoliday(holiday.value) }
        for special in schedule.special {
            // Overlapping ranges of one date (reported by `schedule-overlap`) are merged.
            let sorted = special.ranges.map { ($0.opens.minutes, $0.closes.minutes) }.sorted { $0 < $1 }
            var merged: [(Int, Int)] = []
            for range in sorted {
                if let last = merged.last, range.0 <= last.1 { merged[merged.count - 1].1 = max(last.1, range.1) } else { merged.append(range) }
            }
            for (opens, closes) in merged { compiled.openSpecial(special.date.value, opens: opens, closes: closes) }
        }
        return compiled
    }

    /// Every schedule of `flow`, in the order the flow defines them; nil when the flow has
    /// schedules but no time zone (the front end has reported that as an error).
    public static func compile(_ flow: Flow) -> [CompiledSchedule]? {
        if flow.schedules.isEmpty { return [] }
        guard let zone = flow.timezone?.value else { return nil }
        return flow.schedules.map { compile($0, timeZone: zone) }
    }
}
