import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The figure a user sees: `callflow lint --format json FILE` as a whole process (start-up, reading,
/// every check, output, exit) against a process that only reads the file and runs libyaml's event
/// parser over it (`callflow-bench scan FILE`), run in turn so a busy machine affects both alike.
/// Both processes' output goes to /dev/null; peak memory is the kernel's account of each finished run.
enum ProcessBench {
    struct Run {
        var seconds: Double
        /// User and system CPU time: what a busy machine disturbs least.
        var cpuSeconds: Double
        var peakBytes: Int
        var status: Int32
    }

    /// Runs `arguments` (a path and its arguments) to the end.
    static func run(_ arguments: [String]) -> Run {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        // The environment passed on explicitly: `environ` is Glibc's, not Darwin's.
        let envp: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for variable in envp { free(variable) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, argv[0]!, &actions, nil, argv, envp)
        guard spawned == 0 else {
            FileHandle.standardError.write(Data("callflow-bench: cannot run \(arguments[0]): error \(spawned)\n".utf8))
            exit(2)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        #if canImport(Darwin)
        let peak = Int(usage.ru_maxrss)
        #else
        let peak = Int(usage.ru_maxrss) * 1024
        #endif
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Run(seconds: seconds, cpuSeconds: cpu, peakBytes: peak, status: (status >> 8) & 0xff)
    }

    /// `callflow-bench process FILE [ROUNDS]`.
    static func main(file: String, rounds: Int) {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let directory = executable.deletingLastPathComponent()
        let callflow = directory.appendingPathComponent("callflow").path
        guard FileManager.default.isExecutableFile(atPath: callflow) else {
            print("callflow-bench: \(callflow) is not built; run `swift build -c release --product callflow` first")
            exit(2)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let lint = [callflow, "lint", "--format", "json", file]
        let scan = [executable.path, "scan", file]
        // One run of each first, not counted: the file and both programs in the page cache.
        _ = run(scan)
        let warm = run(lint)
        var lintTimes: [Double] = [], scanTimes: [Double] = [], ratios: [Double] = []
        var lintCPU: [Double] = [], scanCPU: [Double] = [], cpuRatios: [Double] = []
        var lintPeak = warm.peakBytes, scanPeak = 0
        for _ in 0..<rounds {
            let s = run(scan)
            let l = run(lint)
            scanTimes.append(s.seconds)
            lintTimes.append(l.seconds)
            ratios.append(l.seconds / s.seconds)
            scanCPU.append(s.cpuSeconds)
            lintCPU.append(l.cpuSeconds)
            cpuRatios.append(l.cpuSeconds / max(s.cpuSeconds, 1e-6))
            lintPeak = max(lintPeak, l.peakBytes)
            scanPeak = max(scanPeak, s.peakBytes)
        }
        let mib = { (bytes: Int) in Double(bytes) / 1_048_576 }
        print("processes on \(file) (\(size / 1024) KiB), median of \(rounds) interleaved rounds")
        print(String(format: "  libyaml scan:                %8.1f ms wall %8.1f ms cpu  peak %6.1f MiB",
                     median(scanTimes) * 1000, median(scanCPU) * 1000, mib(scanPeak)))
        print(String(format: "  callflow lint --format json: %8.1f ms wall %8.1f ms cpu  peak %6.1f MiB = %.1fx the file (goal: at most 12x), exit %d",
                     median(lintTimes) * 1000, median(lintCPU) * 1000, mib(lintPeak), Double(lintPeak) / Double(max(size, 1)), warm.status))
        print(String(format: "  lint / scan:                 %8.2fx wall %8.2fx cpu (goal: at most 2x)", median(ratios), median(cpuRatios)))
    }
}
