import Testing
@testable import CallFlowCompiler

@Test func durationParses() {
    #expect(Duration(parsing: "1m30s")?.seconds == 90)
}
