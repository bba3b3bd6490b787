import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 17, fourth round: the cheaper routes of `Expression.variables`, the expression lexer,
/// `prompt-keys`' key sets and `lint`'s leftovers answer exactly as the general ones.
@Suite struct NamesAgreementTests {
    /// The general route `variables` stood for: `walk` over every node, a set of names seen.
    static func walkedVariables(_ expression: CallFlowCompiler.Expression) -> [String] {
        var seen = Set<String>(), names: [String] = []
        expression.walk { node in
            if case .variable(let name) = node.kind, seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// The general route `schedules` stood for.
    static func walkedSchedules(_ expression: CallFlowCompiler.Expression) -> [String] {
        var seen = Set<String>(), names: [String] = []
        expression.walk { node in
            if case .call("open", _, let arguments) = node.kind, arguments.count == 1,
               case .literal(.string(let name)) = arguments[0].kind, seen.insert(name).inserted {
                names.append(name)
            }
        }
        return names
    }

    @Test(arguments: [
        "open(\"b\") and not open(\"a\") or open(\"b\") and caller.tier in [\"x\"]",
        "caller.tier == \"vip\"",
        "account.balance > 0 and caller.tier in [\"gold\", \"vip\"]",
        "not (a == 1 or b == 2) and a != 3 and open(\"office\") and c in [\"x\"]",
        "b == 1 or a == 2 or b == 3",
        "true",
    ])
    func variablesAgreeWithTheWalk(_ text: String) throws {
        let expression = try ExpressionParser.parse(text).get()
        #expect(expression.variables == Self.walkedVariables(expression))
        #expect(expression.schedules == Self.walkedSchedules(expression))
    }

    /// Past 16 names the set takes over; order and uniqueness stay the walk's.
    @Test func manyVariablesAgreeWithTheWalk() throws {
        let names = (0..<40).map { "v\($0 % 23).n" }
        let expression = try ExpressionParser.parse(names.map { "\($0) == 1" }.joined(separator: " or ")).get()
        let variables = expression.variables
        #expect(variables == Self.walkedVariables(expression))
        #expect(variables.count == 23)
        #expect(variables.first == "v0.n")
    }

    /// Names of every length lex as before: keywords only when they are one, a long name made
    /// without a spare byte.
    @Test func namesAndKeywordsOfEveryLength() throws {
        let tokens = try ExpressionLexer.tokenize("in inx and andy not nota true truex false falsely a.b.c account.balance.total").get()
        let kinds = tokens.map(\.kind)
        #expect(kinds == [
            .keyword(.in), .name("inx"), .keyword(.and), .name("andy"), .keyword(.not), .name("nota"),
            .keyword(.true), .name("truex"), .keyword(.false), .name("falsely"), .name("a.b.c"),
            .name("account.balance.total"), .end,
        ])
        #expect(ExpressionLexer.string(Array("account.balance.total".unicodeScalars)[...]).utf8.count == 21)
        #expect(ExpressionLexer.string(Array("café".unicodeScalars)[...]) == "café")
    }

    /// String literals without escapes (made in one go) and with them (scalar by scalar).
    @Test func stringLiteralsWithAndWithoutEscapes() throws {
        let tokens = try ExpressionLexer.tokenize(#"x in ["gold", "", "café ☎", "a\"b", "c\\d", "e\"\\f"]"#).get()
        let strings = tokens.compactMap { if case .string(let value) = $0.kind { value } else { nil } }
        #expect(strings == ["gold", "", "café ☎", "a\"b", "c\\d", "e\"\\f"])
        #expect(tokens[3].range == 6..<12) // "gold" with its quotes
        #expect(ExpressionLexer.tokenize(#"x == "open"#).map { _ in 0 } == .failure(ExpressionError(.unclosedString, at: 5..<10)))
        #expect(ExpressionLexer.tokenize(#"x == "a\q""#).map { _ in 0 } == .failure(ExpressionError(.unknownEscape, at: 7..<9)))
    }

    /// The key sets as bits agree with the keys as strings, in every language's words.
    @Test(arguments: [
        ("Para ventas oprima 1, para soporte marque asterisco o 2.", "es"),
        ("Appuyez sur la touche étoile ou dièse.", "fr"),
        ("For sales press 1, press star, pound, hash or 10. Dial 4 / 5.", "en"),
        ("Stars and hashes: press the star key.", "en"),
    ])
    func keyMasksAgreeWithKeyStrings(_ prompt: String, _ language: String) {
        let words = PromptWords(prompt, phrasing: KeyPhrasing.for(language))
        let mentioned = Set(words.tokens.compactMap(words.key))
        #expect(words.mentionedKeys == mentioned)
        #expect(!mentioned.isEmpty)
        for (index, name) in PromptWords.keyNames.enumerated() {
            #expect((words.mentionedKeyMask & (1 << index) != 0) == mentioned.contains(name))
            #expect(PromptWords.nameIndex(of: name) == index)
        }
        #expect(PromptWords.nameIndex(of: "star") == nil)
        #expect(words.instructions.map { words.offsets[$0.token] }.allSatisfy { !$0.isEmpty })
    }

    /// Leaving the last flows to the process's end changes nothing in the report.
    @Test func leftoversChangeNoReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let b = try folder.write("b.yaml", "callflow: 1\nname: b\nstart: s\nnodes:\n  s: {say: hi, nxet: s, next: x}\n")
        let a = try folder.write("a.yaml", "callflow: 1\nname: A\nstart: s\nnodes:\n  s: {hangup: true, descripton: x}\n")
        var leaving = Linter()
        leaving.leavesLastFlowsToExit = true
        let (plain, _) = Linter().lint(paths: [b, a])
        let (left, _) = leaving.lint(paths: [b, a])
        #expect(plain.diagnostics == left.diagnostics)
        #expect(plain.diagnostics.count >= 2)
        #expect(plain.fileCount == left.fileCount)
    }
}
