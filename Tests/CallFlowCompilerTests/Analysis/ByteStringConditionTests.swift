import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 10, one condition semantics: strings compare as UTF-8 bytes in the table, the runtime
/// and the analyses alike. "\u{E9}" (é as one scalar) and "e\u{301}" (e and a combining acute)
/// are canonically equivalent, so Swift's `String ==` takes them for one; the runtime does not.
@Suite struct ByteStringConditionTests {
    static let composed = "\u{E9}"
    static let decomposed = "e\u{301}"

    static func flow(_ first: String, _ second: String) -> String {
        """
        callflow: 1
        name: accents
        start: route
        context:
          caller.name: string
        nodes:
          route:
            switch:
              - if: '\(first)'
                goto: composed-desk
              - if: '\(second)'
                goto: decomposed-desk
            else: other-desk
          composed-desk: {transfer: "+15550101", fallback: box}
          decomposed-desk: {transfer: "+15550102", fallback: box}
          other-desk: {transfer: "+15550103", fallback: box}
          box: {voicemail: general}

        """
    }

    static let twoSpellings = flow(#"caller.name == "\#(composed)""#, #"caller.name == "\#(decomposed)""#)

    @Test func theTwoSpellingsAreTwoConditionsEachRoutedToItsOwnTarget() throws {
        #expect(Self.composed == Self.decomposed, "the premise: Swift's String == merges them")
        let (_, program) = try CompiledFixture.program(Self.twoSpellings)
        #expect(program.table.conditions.count == 2)
        let strings = program.table.conditions.flatMap(\.strings).map { Array($0.utf8) }
        #expect(strings == [Array(Self.composed.utf8), Array(Self.decomposed.utf8)])
        let instant = try #require(LocalTime.instant("2026-03-02T10:00", zone: "UTC"))
        for (name, desk) in [(Self.composed, "composed-desk"), (Self.decomposed, "decomposed-desk"), ("e", "other-desk")] {
            let result = CallSimulator.run(program, at: instant, context: [("caller.name", name)], events: [])
            #expect(result.path.prefix(2) == ["route", desk], "\(Array(name.unicodeScalars)): \(result.path)")
        }
    }

    @Test func programsWithEquivalentStringsAreNotEqual() throws {
        let slots = VariableSlots(variables: ["caller.name": .string])
        func program(_ literal: String) throws -> ConditionProgram {
            let environment = ExpressionEnvironment(variables: ["caller.name": .string], schedules: [], queues: [],
                                                    queueVariablesBound: false)
            let typed = try ExpressionTypeChecker.check("caller.name == \"\(literal)\"", in: environment).get()
            return try ConditionCompiler.compile(typed, slots: slots, schedules: [])
        }
        #expect(try program(Self.composed) != program(Self.decomposed))
        #expect(try program(Self.composed) == program(Self.composed))
    }

    @Test func shadowedCaseDoesNotTakeOneSpellingForTheOther() {
        #expect(lint(Self.twoSpellings).with("shadowed-case").isEmpty)
        // The same spelling twice is still shadowed.
        let same = Self.flow(#"caller.name == "\#(Self.composed)""#, #"caller.name == "\#(Self.composed)""#)
        #expect(lint(same).with("shadowed-case").count == 1)
    }

    @Test func constantConditionComparesBytes() {
        // Never both: two byte strings. (String == would call it "holds for é", not constant.)
        let both = Self.flow(#"caller.name == "\#(Self.composed)" and caller.name == "\#(Self.decomposed)""#, "caller.name == \"x\"")
        let found = lint(both).with("constant-condition")
        #expect(found.count == 1, "\(found.dump)")
        #expect(found.first?.message.contains("is always false") == true)
        // Not always true: for "e\u{301}" both sides are false. (String == would call it always true.)
        let either = Self.flow(#"caller.name == "\#(Self.composed)" or caller.name != "\#(Self.decomposed)""#, "caller.name == \"x\"")
        #expect(lint(either).with("constant-condition").isEmpty)
    }

    @Test func domainKeepsBothSpellings() {
        let values: Set<ConditionValue> = [.string(Self.composed), .string(Self.decomposed)]
        #expect(values.count == 2)
        let pieces = ConditionDomain.representatives(of: .string, literals: values)
        #expect(pieces.count == 3)
    }
}
