import Testing
@testable import CallFlowCompiler

/// An imported Studio flow is named after its file without folders and extension (issue 19:
/// keeping the extension changed no test).
@Suite struct ImportFlowNameTests {
    @Test func theFileNameWithoutItsExtension() {
        #expect(StudioReader.flowName("exports/main-ivr.json") == "main-ivr")
        #expect(StudioReader.flowName("a.b.json") == "a.b")
        #expect(StudioReader.flowName("plain") == "plain")
        #expect(StudioReader.flowName(".hidden") == ".hidden")
    }
}
