/// The words of the language as the decoder knows them: the one source the JSON Schemas'
/// enumerations are generated from and checked against (`callflow vocabulary`,
/// grammar/sync-schema-enums.py, and the schema agreement test).
public enum Vocabulary {
    public static var checkIDs: [String] { CheckRegistry.ids }
    public static var topLevelKeys: [String] { FlowDecoder.topLevelKeys }
    public static var includeFileKeys: [String] { FlowDecoder.includeFileKeys }
    public static var nodeKinds: [String] { NodeShape.kindNames }
    /// Every key a node of `kind` may have.
    public static func nodeKeys(_ kind: String) -> [String] { NodeShape.named(kind)?.allowedKeys ?? [] }
    public static var builtInVariables: [String] { ContextVariable.builtIns.map(\.name) }
    /// Built-ins a scenario or `simulate --context` may not give (the runtime keeps them).
    public static var runtimeKeptVariables: [String] {
        builtInVariables.filter { !CallSimulator.givenBuiltIns.contains($0) }
    }
    public static var contextTypes: [String] { ["bool", "number", "string", "duration"] }
    public static var ruleTriggers: [String] { RuleTrigger.allCases.map(\.rawValue) }
    public static var eventWords: [String] { SimulatedEvent.words }

    /// All of it as JSON (keys sorted, arrays in the decoder's order).
    public static func json() -> String {
        func list(_ items: [String]) -> String { "[" + items.map(JSONWriter.quote).joined(separator: ", ") + "]" }
        var out = "{\n"
        out += "  \"builtInVariables\": \(list(builtInVariables)),\n"
        out += "  \"checkIDs\": \(list(checkIDs)),\n"
        out += "  \"contextTypes\": \(list(contextTypes)),\n"
        out += "  \"eventWords\": \(list(eventWords)),\n"
        out += "  \"includeFileKeys\": \(list(includeFileKeys)),\n"
        out += "  \"nodeKeys\": {" + nodeKinds.map { "\(JSONWriter.quote($0)): \(list(nodeKeys($0)))" }.joined(separator: ", ") + "},\n"
        out += "  \"nodeKinds\": \(list(nodeKinds)),\n"
        out += "  \"ruleTriggers\": \(list(ruleTriggers)),\n"
        out += "  \"runtimeKeptVariables\": \(list(runtimeKeptVariables)),\n"
        out += "  \"topLevelKeys\": \(list(topLevelKeys))\n"
        return out + "}\n"
    }
}
