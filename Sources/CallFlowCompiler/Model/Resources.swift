import CallFlowRuntime

/// Business hours: weekly ranges per day and whole-day holidays (docs/language.md).
public struct Schedule: Sendable {
    public var name: Located<String>
    public var ranges: [ScheduleRange]
    public var holidays: [Located<CalendarDate>]
    public var description: String?
    /// Issue 14: holidays every year (`"12-25"`, `{month: nov, weekday: thu, nth: 4}`), and
    /// special dates whose own ranges replace the weekly ones that day.
    public var recurring: [Located<RecurringHoliday>] = []
    public var special: [SpecialDate] = []
}

/// A date with its own opening ranges (`special: {"2026-12-24": "08:00-12:00"}`), none crossing
/// midnight.
public struct SpecialDate: Sendable {
    public var date: Located<CalendarDate>
    public var ranges: [(opens: TimeOfDay, closes: TimeOfDay, range: SourceRange)]
}

/// One open range on one weekday. A range that crosses midnight (`22:00-06:00`) is kept whole here;
/// the part after midnight belongs to the next day.
public struct ScheduleRange: Sendable {
    public var day: Weekday
    public var opens: TimeOfDay
    public var closes: TimeOfDay
    /// Where the range is written (its text), for findings about it.
    public var range: SourceRange

    public var crossesMidnight: Bool { closes < opens }
}

/// An ACD queue (docs/language.md).
public struct QueueDefinition: Sendable {
    public var name: Located<String>
    public var skills: [Located<String>]
    public var maxWait: Duration
    public var offersCallback: Bool
    public var announce: Duration?
    public var alertDepth: Int?
    public var alertWait: Duration?
    public var description: String?
    /// `announce: {every: 2m, say: ...}`: the words announced every `announce` (issue 14 item 7).
    public var announcement: Prompt? = nil
    /// `hold_music: URL`, played while the call waits.
    public var holdMusic: Located<String>? = nil
}

/// Where an escalation rule is evaluated (docs/language.md).
public enum RuleTrigger: String, Sendable, CaseIterable {
    case start, request, failure, queue
}

/// An expression as written in the YAML, kept with its position for the expression checker.
public struct ExpressionSource: Sendable {
    public var text: String
    /// The scalar's range, quotes included.
    public var range: SourceRange
    public var style: ScalarStyle
    /// The parsed and type-checked condition; set by the front end when it has no errors.
    public var parsed: TypedExpression?

    public init(text: String, range: SourceRange, style: ScalarStyle, parsed: TypedExpression? = nil) {
        self.text = text
        self.range = range
        self.style = style
        self.parsed = parsed
    }
}

public struct EscalationRule: Sendable {
    public var name: Located<String>
    public var trigger: Located<RuleTrigger>
    /// Nil only for `request` rules, which then always fire.
    public var condition: ExpressionSource?
    public var target: Located<String>
    public var priority: Located<Int>?
    public var critical: Bool
    public var description: String?
    /// `request` rules only: the keys and spoken phrases the rule answers (issue 14). A rule with
    /// neither answers the flow's `human_key` and `human_phrases`.
    public var keys: [Located<String>] = []
    public var phrases: [Located<String>] = []

    /// Whether the rule answers the flow's human key and phrases (it names no keys or phrases of its own).
    public var answersHumanRequest: Bool { keys.isEmpty && phrases.isEmpty }
}

/// A file named by `include`, as the flow names it and as it was resolved.
public struct Include: Sendable {
    public var path: Located<String>
    /// The included file's path as messages show it.
    public var resolvedPath: String
}
