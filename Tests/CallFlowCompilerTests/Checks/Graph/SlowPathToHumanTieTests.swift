import Testing
@testable import CallFlowCompiler

/// Two ways out of a switch as slow as each other: the notes follow the first, in the order the
/// flow lists them, whichever way the walk met them (issue 19, a mutant of `through > worst`).
@Suite struct SlowPathToHumanTieTests {
    /// `route`'s first outcome, `mark`, costs nothing and leads to `more`; its second is `more`
    /// itself, already timed when the walk comes back to it: a tie.
    static let flow = """
    callflow: 1
    name: tie
    start: main
    context:
      caller.vip: bool
    nodes:
      main:
        menu: "For billing press 1."
        options: {"1": desk}
        no_match: desk
        no_input: route
      route:
        switch:
          - if: caller.vip
            goto: mark
        else: more
      mark:
        set: {caller.vip: true}
        next: more
      more:
        menu: "For billing press 1."
        options: {"1": desk}
        retries: 4
        timeout: 30s
        fallback: desk
      desk: {transfer: "+15550100", fallback: box}
      box: {voicemail: general}
    """

    @Test func aTieFollowsTheFirstOutcome() throws {
        let findings = lint(Self.flow).with("slow-path-to-human")
        let main = try #require(findings.first { $0.message.contains("menu 'main'") }, "\(findings.dump)")
        let notes = main.notes.map(\.message)
        #expect(notes.count >= 3, "\(notes)")
        #expect(notes.dropFirst().first == "'route' takes its slowest outcome: 0 s, then 'mark'", "\(notes)")
        #expect(notes.dropFirst(2).first?.hasPrefix("'mark' sets variables: 0 s") == true, "\(notes)")
    }
}
