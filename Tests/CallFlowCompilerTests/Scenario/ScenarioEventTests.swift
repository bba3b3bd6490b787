import Testing
@testable import CallFlowCompiler

/// Issue 10, item 7: a scenario event that is refused says why with a case; the finding's text is
/// the case's message.
@Suite struct ScenarioEventTests {
    static func problem(_ yaml: String) throws -> ScenarioFile.EventProblem? {
        let root = try #require(Fixture.load(yaml).root)
        if case .failure(let failure) = ScenarioFile.event(root) { return failure.problem }
        return nil
    }

    @Test func refusedEventsAreCases() throws {
        #expect(try Self.problem("noinput") == .unknownWord("noinput"))
        #expect(try Self.problem("{queue: {wait: soon, depth: 3}}") == .waitNotDuration)
        #expect(try Self.problem("{queue: {wait: 5m, depth: -1}}") == .depthNotWhole)
        #expect(try Self.problem("{lookup: not_found, values: {account.id: x}}") == .valuesOnlyWhenFound)
        #expect(try Self.problem("{spech: hello}") == .unknownMappingEvent("spech"))
        #expect(try Self.problem("[1]") == .notAnEvent)
        #expect(try Self.problem("{speech: hello}") == nil)
    }

    @Test func theFindingsSayWhatTheyAlwaysSaid() {
        #expect(ScenarioFile.EventProblem.waitNotDuration.message == "a wait is a duration such as 5m")
        #expect(ScenarioFile.EventProblem.unknownMappingEvent("spech").message
                == "unknown event 'spech'; did you mean 'speech'? (a mapping event is {speech: text}, {lookup: found, values: {...}} or {queue: {wait: 5m, depth: 3}})")
        #expect(ScenarioFile.EventProblem.unknownWord("noinput").message == SimulatedEvent.unknownWordMessage("noinput"))
        #expect(ScenarioFile.EventProblem.queueStatusKey("wiat").message == "a queue status has `wait` and `depth`; did you mean 'wait'?")
    }
}
