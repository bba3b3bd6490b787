import Foundation
import Testing
@testable import CallFlowCompiler

/// The JSON Schemas list the decoder's own words (grammar/sync-schema-enums.py writes the
/// enumerations from `callflow vocabulary`; this test fails when they drift apart).
@Suite struct SchemaAgreementTests {
    static let grammar = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("grammar")

    static func schema(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: grammar.appendingPathComponent(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func defs(_ schema: [String: Any]) throws -> [String: Any] {
        try #require(schema["$defs"] as? [String: Any])
    }

    @Test func enumerationsAreTheDecoders() throws {
        let flow = try Self.schema("callflow.schema.json")
        let defs = try Self.defs(flow)
        let ignore = try #require(((defs["ignoreList"] as? [String: Any])?["items"] as? [String: Any])?["enum"] as? [String])
        #expect(ignore == Vocabulary.checkIDs, "run python3 grammar/sync-schema-enums.py")
        let declared = try #require(((defs["declaredVariable"] as? [String: Any])?["not"] as? [String: Any])?["enum"] as? [String])
        #expect(declared == Vocabulary.builtInVariables)
        let at = try #require((((defs["escalation"] as? [String: Any])?["properties"] as? [String: Any])?["at"] as? [String: Any])?["enum"] as? [String])
        #expect(at == Vocabulary.ruleTriggers)
        #expect(Set((flow["properties"] as? [String: Any] ?? [:]).keys) == Set(Vocabulary.topLevelKeys))
        let include = try Self.schema("callflow-include.schema.json")
        #expect(Set((include["properties"] as? [String: Any] ?? [:]).keys) == Set(Vocabulary.includeFileKeys))
        #expect(include["$id"] == nil, "an $id would send the include schema's references through the network")
        let scenario = try Self.schema("scenario.schema.json")
        #expect(String(data: try JSONSerialization.data(withJSONObject: scenario), encoding: .utf8)!
            .contains(Vocabulary.eventWords.map { "\"\($0)\"" }.joined(separator: ",")))
    }

    @Test func everyNodeKindHasTheDecodersKeys() throws {
        let defs = try Self.defs(try Self.schema("callflow.schema.json"))
        let refs = try #require((defs["node"] as? [String: Any])?["oneOf"] as? [[String: Any]])
        #expect(refs.compactMap { ($0["$ref"] as? String)?.split(separator: "/").last.map { String($0.dropLast(4)) } } == Vocabulary.nodeKinds)
        for kind in Vocabulary.nodeKinds {
            let properties = try #require((defs[kind + "Node"] as? [String: Any])?["properties"] as? [String: Any], "\(kind)Node")
            #expect(Set(properties.keys) == Set(Vocabulary.nodeKeys(kind)), "\(kind)")
        }
    }
}
