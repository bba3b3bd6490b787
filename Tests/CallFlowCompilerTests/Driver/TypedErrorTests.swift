import Foundation
import Testing
@testable import CallFlowCompiler
import CallFlowRuntime

/// Issue 10, item 7: errors are values with cases; a test matches the case, not the message.
@Suite struct TypedErrorTests {
    @Test func tableCompileErrorsAreCases() throws {
        // A flow the front end refuses (schedules without a time zone), lowered anyway.
        let text = """
        callflow: 1
        name: zoneless
        start: hours
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        nodes:
          hours: {hours: office, open: bye, closed: bye}
          bye: {hangup: true}

        """
        let compilation = Driver().run(SourceFile(path: "zoneless.yaml", text: text), through: .typeCheck)
        let flow = try #require(compilation.flow)
        #expect(throws: TableCompileError.schedulesWithoutTimeZone) {
            try TableCompiler.compile(FlowGraph(flow), sourceHash: 0)
        }
        #expect(TableCompileError.schedulesWithoutTimeZone.description
                == "cannot compile the routing table: the flow has schedules but no time zone")
        #expect(TableCompileError.outcomeNamesNoNode(of: "menu").message == "an outcome of 'menu' names no node")
        #expect(TableCompileError.outcomeNamesNoNode(of: nil).message == "an outcome names no node")
    }

    @Test func conditionCompileErrorsAreCases() throws {
        let variables: [String: ValueType] = ["caller.vip": .bool]
        let environment = ExpressionEnvironment(variables: variables, schedules: ["weekend"], queues: [], queueVariablesBound: true)
        let typed = try ExpressionTypeChecker.check(#"open("weekend") and caller.vip"#, in: environment).get()
        #expect(throws: ConditionCompileError.unknownSchedule("weekend")) {
            try ConditionCompiler.compile(typed, slots: VariableSlots(variables: variables), schedules: ["office"])
        }
        #expect(throws: ConditionCompileError.noSlot(variable: "caller.vip")) {
            try ConditionCompiler.compile(typed, slots: VariableSlots(variables: ["caller.number": .string]), schedules: ["weekend"])
        }
        #expect(throws: ConditionCompileError.slotKindDiffers(variable: "caller.vip", declared: .bool, slot: .number)) {
            try ConditionCompiler.compile(typed, slots: VariableSlots(variables: ["caller.vip": .number]), schedules: ["weekend"])
        }
        #expect(ConditionCompileError.noSlot(variable: "x").description == "cannot compile condition: no slot for variable 'x'")
    }

    @Test func anUnrunnableScenarioFileCarriesItsFindings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("typed-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("bad.yaml").path
        try "flow: x.yaml\ntests: 3\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ScenarioFile.load(path: path)
            Issue.record("a scenario file whose tests are not a list loaded")
        } catch {
            guard case .unrunnable(let failed, let findings) = error else { return }
            #expect(failed == path)
            #expect(!findings.isEmpty)
            #expect(error.description.hasPrefix("\(path):2:"))
        }
    }

    @Test func aSimulationsProblemIsACase() throws {
        let text = """
        callflow: 1
        name: waits
        start: main
        nodes:
          main:
            menu: "Press 1."
            options: {"1": bye}
            no_input: bye
            no_match: bye
          bye: {voicemail: general}

        """
        let program = try #require(Driver().run(SourceFile(path: "waits.yaml", text: text), through: .validate).program)
        let waiting = CallSimulator.run(program, at: Date(), context: [], events: [])
        #expect(waiting.failure == .stillWaiting(kind: "menu", node: "main"))
        #expect(waiting.waiting)
        #expect(waiting.problem == "the call is still waiting at menu 'main' for input the events do not give")
        let over = CallSimulator.run(program, at: Date(), context: [], events: [SimulatedEvent(word: "1")!, SimulatedEvent(word: "2")!])
        #expect(over.failure == .eventsAfterTheEnd(node: "bye", left: "2"))
        #expect(!over.waiting)
        let refused = CallSimulator.run(program, at: Date(), context: [("call.language", "es-US")], events: [])
        #expect(refused.failure == .noLanguages)
    }
}
