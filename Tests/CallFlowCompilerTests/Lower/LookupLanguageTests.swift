import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// A lookup may set `call.language` (issue 13): the call then hears the other language, in the
/// runtime and in scenario files (issue 19 found no test for it).
@Suite struct LookupLanguageTests {
    static let flow = """
        callflow: 1
        name: bilingual-lookup
        languages: [en-US, es-US]
        start: who
        nodes:
          who:
            lookup: crm
            sets: [call.language]
            next: hello
            error: hello
          hello:
            say: {en-US: "Welcome to the clinic.", es-US: "Bienvenido a la clínica."}
            next: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}

        """

    @Test func theCallHearsTheLanguageTheLookupSet() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(lint(Self.flow).filter { $0.severity == .error }.isEmpty, "\(lint(Self.flow).dump)")
        let program = try ProgramLoader.load(try folder.write("flow.yaml", Self.flow)).program
        let slot = try #require(program.slot(named: "call.language"))

        var spanish = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(spanish.start().kind == .lookup)
        try spanish.setLookupValue(slot: slot, .string("es-US"))
        let hola = spanish.handle(.lookup(.found))
        #expect(spanish.language == "es-US")
        #expect(spanish.render(hola) == [.text("Bienvenido a la clínica.")])

        var english = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        _ = english.start()
        let hello = english.handle(.lookup(.found))
        #expect(english.language == "en-US")
        #expect(english.render(hello) == [.text("Welcome to the clinic.")])
    }

    @Test func aScenarioHearsTheLanguageTheLookupSet() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("flow.yaml", Self.flow)
        let path = try folder.write("flow.tests.yaml", """
            flow: flow.yaml
            tests:
              - {name: spanish, events: [{lookup: found, values: {call.language: es-US}}], says: "Bienvenido", expect: {transfer: "+15550100"}}
              - {name: english, events: [found], says: "Welcome", expect: {transfer: "+15550100"}}
              - {name: not spanish, events: [found], says: "Bienvenido", expect: {transfer: "+15550100"}}

            """)
        let file = try ScenarioFile.load(path: path)
        let results = ScenarioRunner.run(file, try ProgramLoader.load(file.flow))
        #expect(results.map(\.passed) == [true, true, false], "\(results.map { "\($0.name): \($0.details)" })")
    }
}
