import Testing
@testable import CallFlowCompiler

extension Expressions {
    @Suite struct Lexer {
        static func kinds(_ text: String) throws -> [ExpressionToken.Kind] {
            try ExpressionLexer.tokenize(text).get().map(\.kind)
        }

        @Test func everyKindOfToken() throws {
            let kinds = try Self.kinds(#"caller.tier == "vip" and not x-y.z_1 in [1, 2.5, -3, 5m, 1m30s, true, false] or open("a")"#)
            #expect(kinds == [
                .name("caller.tier"), .operator(.equal), .string("vip"), .keyword(.and), .keyword(.not), .name("x-y.z_1"),
                .keyword(.in), .leftBracket, .number(1), .comma, .number(2.5), .comma, .number(-3), .comma,
                .duration(Duration(seconds: 300)), .comma, .duration(Duration(seconds: 90)), .comma, .keyword(.true), .comma,
                .keyword(.false), .rightBracket, .keyword(.or), .name("open"), .leftParen, .string("a"), .rightParen, .end,
            ])
        }

        @Test func operatorsTakeTheLongestMatch() throws {
            #expect(try Self.kinds("a<=b<c>=d>e!=f==g") == [
                .name("a"), .operator(.lessOrEqual), .name("b"), .operator(.less), .name("c"), .operator(.greaterOrEqual),
                .name("d"), .operator(.greater), .name("e"), .operator(.notEqual), .name("f"), .operator(.equal), .name("g"), .end,
            ])
        }

        @Test func stringEscapes() throws {
            #expect(try Self.kinds(#""say \"hi\" \\ now""#) == [.string(#"say "hi" \ now"#), .end])
            #expect(try Self.kinds(#""""#) == [.string(""), .end])
            #expect(try Self.kinds(#""café""#) == [.string("café"), .end])
        }

        @Test func tokenRangesCountScalars() throws {
            let tokens = try ExpressionLexer.tokenize(#""é" == x.y"#).get()
            #expect(tokens.map(\.range) == [0..<3, 4..<6, 7..<10, 10..<10])
        }

        @Test func keywordsAreWholeNames() throws {
            #expect(try Self.kinds("android orange notice inx") == [.name("android"), .name("orange"), .name("notice"), .name("inx"), .end])
            #expect(try Self.kinds("and.x") == [.name("and.x"), .end])
        }

        @Test func durations() throws {
            #expect(try Self.kinds("1h 2m 3s 1h15m 1m30s 1h30s") == [
                .duration(Duration(seconds: 3600)), .duration(Duration(seconds: 120)), .duration(Duration(seconds: 3)),
                .duration(Duration(seconds: 4500)), .duration(Duration(seconds: 90)), .duration(Duration(seconds: 3630)), .end,
            ])
        }

        @Test(arguments: [
            ("a = b", "'=' is not an operator; write '==' to compare", 2..<3),
            ("!a", "'!' is not an operator; write 'not' to negate or '!=' to compare", 0..<1),
            ("a && b", "unexpected character '&'; write 'and'", 2..<3),
            ("'vip'", "strings are written in double quotes (\"...\"), not single quotes", 0..<1),
            (#"x == "vip"#, "this string has no closing '\"'", 5..<9),
            (#"x == "a\nb""#, "unknown escape in a string; only \\\" and \\\\ are allowed", 7..<9),
            ("x > 5x", "'5x' is not a number or a duration; write a number like 3 or 2.5, or a duration like 5s, 2m or 1m30s", 4..<6),
            ("x > 1m30", "'1m30' is not a duration; write one like 5s, 2m, 1h or 1m30s", 4..<8),
            ("x > 30s1m", "'30s1m' is not a duration; write one like 5s, 2m, 1h or 1m30s", 4..<9),
            ("x > 2.5m", "'2.5m' is not a number or a duration; write a number like 3 or 2.5, or a duration like 5s, 2m or 1m30s", 4..<8),
            ("x > -5m", "'-5m' is not a duration; write one like 5s, 2m, 1h or 1m30s", 4..<7),
            ("a.b. == 1", "unexpected character '.'", 3..<4),
        ])
        func lexicalErrors(text: String, message: String, range: Range<Int>) {
            guard case .failure(let error) = ExpressionLexer.tokenize(text) else {
                Issue.record("\(text) should not tokenize")
                return
            }
            #expect(error.message == message)
            #expect(error.range == range)
        }
    }
}
