extension CheckDescriptor {
    public static let invalidSchedule = CheckDescriptor(
        id: "invalid-schedule",
        severity: .error,
        summary: "a schedule range that is empty or malformed, or an unknown day",
        explanation: """
        Business hours decide whether a caller reaches a person or a recording. A range such as \
        `"9-17"`, `"08:00-08:00"` (empty) or a day such as `mo-fr` cannot be evaluated, and a \
        silent guess would open or close the line at the wrong time. Days are `mon tue wed thu fri \
        sat sun`, ranges of them (`mon-fri`) or lists (`sat,sun`); hours are `"HH:MM-HH:MM"` on a \
        24-hour clock (`24:00` ends a day; a range past midnight, `"22:00-06:00"`, runs into the \
        next day).
        """,
        failingExample: """
        callflow: 1
        name: bad-hours
        timezone: Europe/Berlin
        start: check
        schedules:
          office:
            weekly: {↓mo-fr: "9-17"}
        nodes:
          check: {hours: office, open: desk, closed: box}
          desk: {transfer: "+4930123456", fallback: box}
          box: {voicemail: office}
        """,
        passingExample: """
        callflow: 1
        name: good-hours
        timezone: Europe/Berlin
        start: check
        schedules:
          office:
            weekly: {mon-fri: "09:00-17:00"}
        nodes:
          check: {hours: office, open: desk, closed: box}
          desk: {transfer: "+4930123456", fallback: box}
          box: {voicemail: office}
        """)
}
