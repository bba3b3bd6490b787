import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// A queue's `callback` outcome may lead to any node, node 0 included (nodes are numbered in the
/// order written, so a callback node written first is node 0). Issue 19's mutation suite found
/// that `edge(callback) >= 0` made `> 0` changed no test: an accepted offer would be ignored.
@Suite struct QueueCallbackEdgeTests {
    static let flow = """
        callflow: 1
        name: callback-first
        start: hello
        queues:
          desk: {max_wait: 5m, callback: true}
        nodes:
          later: {callback: desk}
          hello: {say: "Please hold.", next: line}
          line: {queue: desk, overflow: box, callback: later}
          box: {voicemail: general}

        """

    @Test func anAcceptedOfferReachesACallbackNodeAtIndexZero() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let program = try ProgramLoader.load(try folder.write("callback.yaml", Self.flow)).program
        #expect(program.table.nodes[0].kind == .callback, "the callback node must be node 0 for this test to mean anything")
        var session = CallSession(program: program, time: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(session.start().kind == .say)
        #expect(session.resume().kind == .enqueue)
        let accepted = session.handle(.callback)
        #expect(accepted.kind == .callback)
        #expect(accepted.node == 0)
    }
}
