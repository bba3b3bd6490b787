import Testing
@testable import CallFlowCompiler

/// Issue 17 (branch stream17): every node of a flow is as large as `NodeKind`, so a kind larger
/// than a prompt is kept `indirect` (in a box of its own size); a new large kind inline would
/// grow every node of a 60,000-node flow again (a queue step inline made each node 392 bytes).
@Suite struct NodeKindLayoutTests {
    @Test func aNodeKindIsNoLargerThanAPromptAndItsCase() {
        #expect(MemoryLayout<NodeKind>.size <= MemoryLayout<Prompt>.size + 1)
        #expect(MemoryLayout<QueueStep>.size > MemoryLayout<Prompt>.size, "the test measures something: a queue step is larger")
    }
}
