import Testing
@testable import CallFlowCompiler

/// Issue 17 (branch mem18): a condition's variable types are sorted pairs (`VariableTypes`)
/// instead of a `[String: ValueType]`; every reading must give what the dictionary gave.
@Suite struct VariableTypesTests {
    static let types: [ValueType] = [.bool, .number, .string, .duration, .enumeration(["a", "b"])]

    /// Lists of (name, type), repeats included (the first is kept, as assigning only when absent);
    /// short and long lists (a long one is searched by halves), names in two canonically
    /// equivalent spellings (one name to a dictionary).
    static let lists: [[(String, ValueType)]] = [
        [],
        [("caller.vip", .bool)],
        [("b", .number), ("a", .string), ("b", .bool)],
        (0..<40).map { ("v\(39 - $0)", types[$0 % 5]) },
        (0..<200).map { ("name.\($0 % 60)", types[$0 % 5]) },
        [("caf\u{E9}", .bool), ("cafe\u{301}", .number), ("cafe", .string), ("", .duration)],
    ]

    @Test(arguments: lists)
    func agreesWithADictionary(pairs: [(String, ValueType)]) {
        var dictionary: [String: ValueType] = [:]
        for (name, type) in pairs where dictionary[name] == nil { dictionary[name] = type }
        let types = VariableTypes(pairs)
        #expect(types.count == dictionary.count)
        #expect(types.isEmpty == dictionary.isEmpty)
        #expect(types.keys == dictionary.keys.sorted())
        #expect(types.values == dictionary.keys.sorted().map { dictionary[$0]! })
        #expect(Dictionary(uniqueKeysWithValues: types.map { ($0.key, $0.value) }) == dictionary)
        for name in pairs.map(\.0) + ["absent", "v40", "name.60", "caf", "zzz", "!"] {
            #expect(types[name] == dictionary[name], "\(name)")
        }
        // Equal contents are equal values, in whatever order given; slots follow the same names.
        #expect(VariableTypes(dictionary.map { ($0.key, $0.value) }) == types)
        #expect(VariableSlots(variables: types) == VariableSlots(variables: dictionary))
    }

    @Test func aConditionReadingNoVariableHasNone() throws {
        let typed = try ExpressionTypeChecker.check(#"open("office")"#, in: Expressions.environment()).get()
        #expect(typed.variableTypes.isEmpty && typed.variableTypes == [:])
        let twice = try ExpressionTypeChecker.check("caller.vip or not caller.vip", in: Expressions.environment()).get()
        #expect(twice.variableTypes == ["caller.vip": .bool])
    }
}
