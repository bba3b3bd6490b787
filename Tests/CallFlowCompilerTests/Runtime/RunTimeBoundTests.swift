import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// Compiles flow text held in memory (front-end errors stop it, graph findings do not).
enum CompiledFixture {
    static func program(_ text: String, options: TableOptimizations = .all) throws -> (flow: Flow, program: TableProgram) {
        // Graph findings (p7 is a trap-loop) do not stop it: the runtime must bound what it runs.
        let frontEnd = Set(CheckRegistry.frontEnd.map(\.id))
        let result = Linter().lint(SourceFile(path: "flow.yaml", text: text))
        let errors = result.diagnostics.filter { $0.severity == .error && frontEnd.contains($0.check) }
        guard errors.isEmpty, let flow = result.flow else {
            throw CompileFailure(description: errors.map { "\($0.check): \($0.message)" }.joined(separator: "\n"))
        }
        let compilation = try TableCompiler.compile(FlowGraph(flow), sourceHash: TableCompiler.sourceHash(result.sources), options: options)
        return (flow, try TableProgram(bytes: compilation.table.encoded()))
    }

    struct CompileFailure: Error, CustomStringConvertible { var description: String }
}

/// Issue 20: between two events from the caller or the platform a session enters at most
/// `nodes + rules + 1` nodes, prompts played on the way included.
@Suite struct RunTimeBoundTests {
    static let p7 = """
    callflow: 1
    name: p7
    start: a
    context:
      f: bool
    nodes:
      a: {say: Hi., next: b}
      b:
        switch:
          - if: not f
            goto: a
        else: vm
      vm: {voicemail: general}
    """

    static let instant = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func aLoopThroughAPromptFaultsNamingItsNodes() throws {
        let (_, program) = try CompiledFixture.program(Self.p7)
        var session = CallSession(program: program, time: Self.instant)
        var instruction = session.start()
        var says = 0
        while instruction.kind == .say, says < 1000 {
            says += 1
            instruction = session.resume()
        }
        #expect(instruction.kind == .fault)
        #expect(says <= program.stepBound)
        #expect(session.state.phase == .faulted)
        let fault = try #require(session.fault)
        #expect(fault.contains("without an event from the caller or the platform"), "\(fault)")
        #expect(fault.hasSuffix("the call loops through a, b") || fault.hasSuffix("the call loops through b, a"), "\(fault)")
    }

    @Test func theLoopLeftByItsElseEndsNormally() throws {
        let (_, program) = try CompiledFixture.program(Self.p7)
        var session = CallSession(program: program, time: Self.instant)
        try session.set("f", .bool(true))
        var instruction = session.start()
        while instruction.kind == .say { instruction = session.resume() }
        #expect(instruction.kind == .voicemail)
    }

    @Test func theCountSurvivesASavedState() throws {
        // A replica that saves the state after each prompt and resumes it elsewhere still faults.
        let (_, program) = try CompiledFixture.program(Self.p7)
        var session = CallSession(program: program, time: Self.instant)
        var instruction = session.start()
        var rounds = 0
        while instruction.kind == .say, rounds < 1000 {
            rounds += 1
            let saved = try JSONEncoder().encode(session.state)
            var moved = try CallSession(program: program, state: JSONDecoder().decode(SessionState.self, from: saved))
            instruction = moved.resume()
            session = moved
        }
        #expect(instruction.kind == .fault)
        #expect(rounds <= program.stepBound)
    }

    @Test func anEventStartsANewCount() throws {
        // A menu that says something and comes back: each key press is a new event, so the caller
        // can go round as often as they like.
        let (_, program) = try CompiledFixture.program("""
        callflow: 1
        name: round
        start: menu
        nodes:
          menu:
            menu: Press 1 to hear it again, 2 to leave.
            options:
              "1": {goto: again, say: Again}
              "2": {goto: bye, say: Leave}
            fallback: bye
          again: {say: Here it is again., next: menu}
          bye: {voicemail: general}
        """)
        var session = CallSession(program: program, time: Self.instant)
        var instruction = session.start()
        for _ in 0 ..< 10 * program.stepBound {
            #expect(instruction.kind == .gather)
            instruction = session.handle(.digits("1"))
            while instruction.kind == .say { instruction = session.resume() }
        }
        #expect(instruction.kind == .gather)
        #expect(session.handle(.digits("2")).kind == .voicemail)
    }

    @Test func simulateReportsTheFault() throws {
        let (_, program) = try CompiledFixture.program(Self.p7)
        let result = CallSimulator.run(program, at: Self.instant, context: [], events: [])
        #expect(result.ending == nil)
        let problem = try #require(result.problem)
        #expect(problem.hasPrefix("the session faulted: more than \(program.stepBound) nodes entered"), "\(problem)")
        #expect(result.path.count == program.stepBound)
    }
}
