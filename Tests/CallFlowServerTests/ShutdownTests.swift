import Foundation
import Testing

/// `CallFlowServer.shutdown()` ends `run` as SIGTERM does, without cancelling its task (cancelling
/// can trap in NIO on a connection accepted but not yet served; docs/decisions.md).
@Suite struct ShutdownTests {
    @Test func shutdownEndsRunWithoutCancellingItsTask() async throws {
        let scratch = try Scratch()
        let tables = try scratch.exampleTables()
        let server = try await RunningServer.start(tables: tables, integrations: .init(), spool: scratch.path + "/outbox")
        await server.server.shutdown()
        // The harness's stop() cancels after 5 s; here nothing cancels, so run must end by itself.
        let ended = await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = try? await server.task.value; return true }
            group.addTask { try? await Task.sleep(for: .seconds(10)); return false }
            let first = await group.next() ?? false
            if !first { server.task.cancel() }
            group.cancelAll()
            return first
        }
        #expect(ended, "run returned within 10 s of shutdown()")
    }
}
