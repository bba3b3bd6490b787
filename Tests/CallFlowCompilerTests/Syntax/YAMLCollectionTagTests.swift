import Testing
@testable import CallFlowCompiler

/// An explicit tag on a mapping or a list belongs to that collection, not to the node read after
/// it (issue 19: storing it one record off changed no test).
@Suite struct YAMLCollectionTagTests {
    @Test func aTagOnACollectionIsTheCollections() throws {
        let document = Fixture.load("""
            plain: {a: 1}
            mapping: !!map {b: 2}
            list: !custom [x, y]
            after: !!str 3

            """)
        #expect(document.diagnostics.isEmpty)
        let root = try #require(document.root)
        #expect(root.tag == nil)
        #expect(root["plain"]?.tag == nil)
        #expect(root["mapping"]?.tag == "tag:yaml.org,2002:map")
        #expect(root["mapping"]?["b"]?.tag == nil)
        #expect(root["list"]?.tag == "!custom")
        #expect(root["list"]?.sequenceItems?.allSatisfy { $0.tag == nil } == true)
        #expect(root.keyNode("after")?.tag == nil)
        #expect(root["after"]?.tag == "tag:yaml.org,2002:str")
    }
}
