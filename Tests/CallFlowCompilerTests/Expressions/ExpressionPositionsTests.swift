import Testing
@testable import CallFlowCompiler

extension Expressions {
    /// Errors point at the offending token inside the YAML line, whatever the scalar's style.
    @Suite struct Positions {
        /// A flow whose first rule's `when:` value is `when` (its first line is line 17, its value
        /// starting at column 11 when written on the key's line).
        static func flow(when: String, at trigger: String = "start") -> String {
            """
            callflow: 1
            name: test
            timezone: Europe/Berlin
            start: desk
            context:
              caller.tier: {enum: [standard, gold, vip]}
              caller.vip: bool
            schedules:
              office:
                weekly: {mon-fri: "08:00-18:00"}
            queues:
              tech: {max_wait: 5m}
            escalations:
              - name: rule
                at: \(trigger)
                goto: desk
                when: \(when)
            nodes:
              desk: {queue: tech, overflow: box}
              box: {voicemail: general}

            """
        }

        /// The single `expression` finding of the flow.
        static func finding(when: String, at trigger: String = "start") throws -> Diagnostic {
            let findings = Fixture.decode(flow(when: when, at: trigger)).diagnostics
            try #require(findings.count == 1 && findings[0].check == "expression", "\(findings.dump)")
            return findings[0]
        }

        @Test func plainScalar() throws {
            let finding = try Self.finding(when: #"caller.tier == "vipp""#)
            #expect(finding.range == span(17, 26, 17, 32))
            #expect(finding.severity == .error)
        }

        @Test func doubleQuotedScalarCountsEscapes() throws {
            // when: "caller.tier == \"vipp\""   — the token "vipp" starts at the backslash.
            let finding = try Self.finding(when: #""caller.tier == \"vipp\"""#)
            #expect(finding.range == span(17, 27, 17, 35))
            let line = try #require(Fixture.decode(Self.flow(when: #""caller.tier == \"vipp\"""#)).sources.first?.line(17))
            #expect(String(line.dropFirst(26).prefix(8)) == #"\"vipp\""#)
        }

        @Test func doubleQuotedEscapesBeforeTheToken() throws {
            // \u00e9 is one character of the value written with six; \\ is one written with two.
            let when = #""starts_with(caller.number, \"\u00e9\\\\\") and caller.tierr""#
            let finding = try Self.finding(when: when)
            let column = 11 + when.distance(from: when.startIndex, to: when.range(of: "caller.tierr")!.lowerBound)
            #expect(finding.range == span(17, column, 17, column + 12))
            #expect(finding.message == "unknown variable 'caller.tierr'; did you mean 'caller.tier'?")
        }

        @Test func singleQuotedScalarCountsDoubledQuotes() throws {
            // '' is one quote in the value: the lexer's complaint about it points at the first.
            let finding = try Self.finding(when: "'caller.vip and ''x'' == caller.tierr'")
            #expect(finding.range == span(17, 27, 17, 29))
            let clean = try Self.finding(when: "'caller.vip and caller.tierr == \"vip\"'")
            #expect(clean.range == span(17, 27, 17, 39))
        }

        @Test func multiLinePlainScalar() throws {
            let finding = try Self.finding(when: "caller.vip and\n      caller.tier ==\n        \"vipp\"")
            #expect(finding.range == span(19, 9, 19, 15))
        }

        @Test func multiLineDoubleQuotedScalar() throws {
            let finding = try Self.finding(when: "\"caller.vip and\n      caller.tier == \\\"vipp\\\"\"")
            #expect(finding.range == span(18, 22, 18, 30))
            let joined = try Self.finding(when: "\"caller.vip and caller.ti\\\n      err == \\\"vip\\\"\"")
            // The name is split by an escaped line break: it starts on the first line.
            #expect(joined.range == span(17, 27, 18, 10))
        }

        @Test func multiLineSingleQuotedScalarWithEmptyLine() throws {
            let finding = try Self.finding(when: "'caller.vip\n\n      and caller.tierr == \"vip\"'")
            #expect(finding.range == span(19, 11, 19, 23))
        }

        @Test func literalAndFoldedBlockScalars() throws {
            let literal = try Self.finding(when: "|\n      caller.vip and\n      caller.tier == \"vipp\"")
            #expect(literal.range == span(19, 22, 19, 28))
            let folded = try Self.finding(when: ">-\n      caller.vip and\n        caller.tier == \"vipp\"")
            #expect(folded.range == span(19, 24, 19, 30))
        }

        @Test func syntaxErrorAtTheEndOfTheCondition() throws {
            let finding = try Self.finding(when: "caller.vip and")
            #expect(finding.range == span(17, 25, 17, 26))
            #expect(finding.message == "expected a value, a variable, a function call or '(', found the end of the condition")
        }

        @Test func unicodeBeforeTheToken() throws {
            let finding = try Self.finding(when: #"contains(caller.number, "é€😀") and caller.tierr"#)
            #expect(finding.range == span(17, 46, 17, 58))
        }

        @Test func switchCases() throws {
            let text = """
            callflow: 1
            name: test
            start: route
            context:
              caller.vip: bool
            nodes:
              route:
                switch:
                  - if: caller.vip
                    goto: box
                  - {if: 'caller.vip == 1', goto: box}
                else: box
              box: {voicemail: general}
            """
            let findings = Fixture.decode(text).diagnostics
            #expect(findings.map(\.check) == ["expression"], "\(findings.dump)")
            #expect(findings.first?.range == span(11, 29, 11, 30))
            #expect(findings.first?.message == "expected a bool to compare with 'caller.vip' ('=='), found the number 1, a number")
        }

        @Test func mappingFromOffsets() {
            let file = SourceFile(path: "f.yaml", text: "a: \"x\\ty \\u00e9z\"\n")
            let source = ExpressionSource(text: "x\ty éz", range: span(1, 4, 1, 18, file: "f.yaml"), style: .doubleQuoted)
            let positions = ExpressionPositions(source, file: file)
            #expect(positions.isExact)
            #expect(positions.range(of: 0..<1) == span(1, 5, 1, 6, file: "f.yaml"))
            #expect(positions.range(of: 1..<2) == span(1, 6, 1, 8, file: "f.yaml"))
            #expect(positions.range(of: 4..<5) == span(1, 10, 1, 16, file: "f.yaml"))
            #expect(positions.range(of: 3..<6) == span(1, 9, 1, 17, file: "f.yaml"))
            #expect(positions.range(of: 6..<6) == span(1, 17, 1, 18, file: "f.yaml"))
        }

        @Test func unfollowedSourceFallsBackToTheWholeScalar() {
            let file = SourceFile(path: "f.yaml", text: "a: b\n")
            let source = ExpressionSource(text: "something else", range: span(1, 4, 1, 5, file: "f.yaml"), style: .plain)
            let positions = ExpressionPositions(source, file: file)
            #expect(!positions.isExact)
            #expect(positions.range(of: 3..<5) == span(1, 4, 1, 5, file: "f.yaml"))
        }
    }
}
