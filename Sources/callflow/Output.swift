#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and standard error, written with `write(2)`.
///
/// A write error is never silent and never a crash: a closed pipe (`callflow dot … | head`)
/// ends the command quietly with exit status 0, as Unix tools do; any other error (a full disk,
/// `> /dev/full`) prints one line on standard error and exits with 2.
enum FileHandleOutput {
    /// SIGPIPE is ignored once at start so a closed pipe shows up as EPIPE on the write.
    static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    static func standardOutput(_ text: String) {
        standardOutput(Array(text.utf8))
    }

    static func standardOutput(_ bytes: [UInt8]) {
        if let code = write(bytes, to: STDOUT_FILENO) {
            if code == EPIPE { exit(0) }
            _ = write(Array("callflow: error: cannot write to standard output: \(String(cString: strerror(code)))\n".utf8),
                      to: STDERR_FILENO)
            exit(2)
        }
    }

    static func standardError(_ text: String) {
        // Nowhere is left to report a failure to write standard error.
        _ = write(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Writes all of `bytes`, retrying short and interrupted writes; the errno of a failure.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            offset += written
        }
        return nil
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
        #else
        return Darwin.write(descriptor, buffer, count)
        #endif
    }

    /// Colour only for a terminal, and never when NO_COLOR is set (no-color.org).
    static var stdoutWantsColor: Bool {
        isatty(STDOUT_FILENO) != 0 && getenv("NO_COLOR") == nil
    }
}
