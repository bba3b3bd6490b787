import NIOCore
import NIOPosix

// Swift concurrency's jobs run on the HTTP server's event loops instead of a second thread pool:
// a webhook's handler, its body and its response no longer hop between threads (docs/performance.md,
// "The webhook server under load"). It must happen before any task starts.
NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
do {
    let command = try ServerCommand.parse()
    try await command.run()
} catch {
    ServerCommand.exit(withError: error)
}
