import Foundation
import Testing

#if os(Linux)
/// With polling off (`--reload-interval 0`) the reload task sleeps an hour at a time: an idle
/// server uses no processor. A loop that slept 0 ms instead would reload nothing and answer every
/// request as before, while keeping a core busy (issue 19, fourth round: the mutant
/// `interval >= 0` in `ReloadService`). Read from /proc, so Linux only.
@Suite(.serialized) struct ReloadIdleTests {
    /// The process's user and system time, in seconds.
    static func processorSeconds(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which may hold spaces) closed by ')': state is field 3,
        // utime and stime fields 14 and 15.
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        let ticks = try #require(Double(fields[11])) + #require(Double(fields[12]))
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    @Test
    func pollingOffLeavesAnIdleServerIdle() async throws {
        let launched = try await PollingOffServer.launch()
        defer { launched.stop() }
        let server = launched.server
        try await Task.sleep(for: .milliseconds(500))
        let pid = server.process.processIdentifier
        let before = try Self.processorSeconds(pid)
        try await Task.sleep(for: .seconds(3))
        let used = try Self.processorSeconds(pid) - before
        // A busy loop takes a whole core, or its share of a loaded machine (a fifth of a core at
        // a load of 10 on two cores: 0.6 s in 3 s); an idle server takes a few milliseconds.
        #expect(used < 0.3, "the idle server used \(used) s of processor time in 3 s")
        #expect(await server.flows()?["helpdesk"] != nil, "the server still answers")
    }
}
#endif
