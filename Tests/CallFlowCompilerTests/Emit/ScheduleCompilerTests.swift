import Foundation
import Testing
import CallFlowRuntime
@testable import CallFlowCompiler

/// Schedules compiled from YAML through the front end.
@Suite struct ScheduleCompilerTests {
    static let yaml = """
    callflow: 1
    name: hours
    timezone: Europe/Berlin
    start: check
    schedules:
      office:
        weekly:
          mon-fri: ["08:00-12:00", "13:00-18:00"]
          sat: "09:00-12:00"
          fri,sun: "22:00-02:00"
        holidays: [2027-01-01, 2026-12-25]
      night:
        weekly: {sun: "20:00-24:00"}
    nodes:
      check: {hours: office, open: desk, closed: box}
      desk: {transfer: "+4930123456", fallback: box}
      box: {voicemail: office}
    """

    static func compiled() throws -> [CompiledSchedule] {
        let result = Fixture.decode(yaml)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        let flow = try #require(result.flow)
        return try #require(ScheduleCompiler.compile(flow))
    }

    @Test func compilesTheWeekHolidaysAndZone() throws {
        let schedules = try Self.compiled()
        #expect(schedules.count == 2)
        let office = schedules[0]
        #expect(office.timeZone == "Europe/Berlin")
        #expect(office.holidays == [20_812, 20_819])
        let ranges = office.openRanges.map { $0.map { "\(TimeOfDay(minutes: $0.lowerBound))-\(TimeOfDay(minutes: $0.upperBound))" } }
        #expect(ranges == [
            ["00:00-02:00", "08:00-12:00", "13:00-18:00"],   // mon: sunday night spills in
            ["08:00-12:00", "13:00-18:00"],
            ["08:00-12:00", "13:00-18:00"],
            ["08:00-12:00", "13:00-18:00"],
            ["08:00-12:00", "13:00-18:00", "22:00-24:00"],
            ["00:00-02:00", "09:00-12:00"],                  // sat: friday night spills in
            ["22:00-24:00"],
        ])
        #expect(schedules[1].openRanges == [[], [], [], [], [], [], [1200..<1440]])
    }

    @Test func compiledScheduleEvaluatesInTheFlowsZone() throws {
        let evaluator = try #require(ScheduleEvaluator(try Self.compiled()[0]))
        func at(_ iso: String) -> ScheduleStatus {
            let formatter = ISO8601DateFormatter()
            return evaluator.status(at: formatter.date(from: iso)!)
        }
        #expect(at("2026-11-27T07:30:00Z") == .open)      // fri 08:30 CET
        #expect(at("2026-11-27T11:30:00Z") == .closed)    // fri 12:30 lunch
        #expect(at("2026-11-28T00:30:00Z") == .open)      // sat 01:30, friday night
        #expect(at("2026-11-28T01:30:00Z") == .closed)    // sat 02:30
        #expect(at("2026-12-25T09:00:00Z") == .holiday)   // fri 10:00, christmas
        #expect(at("2026-12-26T00:30:00Z") == .open)      // sat 01:30: christmas night spills into a normal day
        #expect(at("2026-12-31T23:30:00Z") == .holiday)   // 2027-01-01 00:30 local: the holiday, though thursday had no night
        #expect(at("2026-06-05T06:30:00Z") == .open)      // fri 08:30 CEST
        #expect(at("2026-06-05T05:30:00Z") == .closed)    // fri 07:30 CEST
    }

    @Test func aFlowWithoutSchedulesCompilesToNone() throws {
        let result = Fixture.decode(Fixture.flow("nodes:\n  start: {hangup: true}\n"))
        let flow = try #require(result.flow)
        #expect(ScheduleCompiler.compile(flow)?.isEmpty == true)
    }

    /// Every schedule in the project's example flows compiles and evaluates.
    @Test func exampleFlowsCompile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var count = 0
        for path in ["flows/helpdesk.yaml", "flows/riverside-clinic.yaml"] {
            let result = try FrontEnd().load(path: root.appendingPathComponent(path).path)
            let flow = try #require(result.flow)
            for schedule in try #require(ScheduleCompiler.compile(flow)) {
                #expect(ScheduleEvaluator(schedule) != nil)
                #expect(schedule.openRanges.contains { !$0.isEmpty })
                count += 1
            }
        }
        #expect(count >= 2)
    }
}
