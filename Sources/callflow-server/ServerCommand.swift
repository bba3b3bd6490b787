import ArgumentParser
import CallFlowServer
import Foundation
import Logging

/// `callflow-server`: serve compiled routing tables to a telephony platform (docs/server.md).
/// Started by main.swift.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callflow-server",
        abstract: "Answer voice webhooks (TwiML) with compiled routing tables.",
        discussion: """
        Secrets come from the environment: CALLFLOW_SESSION_KEY (required, signs session tokens) and \
        TWILIO_AUTH_TOKEN (when set, every webhook must carry a valid X-Twilio-Signature). \
        PGPASSWORD is the PostgreSQL password with --store postgres://...
        """
    )

    @Option(help: "The folder of routing tables (each served under its flow's name).") var tables: String
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(name: .customLong("public-url"), help: "The base URL of this server as the platform reaches it (written into TwiML).")
    var publicURL: String
    @Option(help: "Integrations (JSON): lookups, callbacks, voicemail, alerts.") var integrations: String?
    @Option(help: "The outbox folder (default: TABLES/.outbox).") var spool: String?
    @Option(name: .customLong("fallback-number"), help: "E.164 number a caller is connected to when anything fails.")
    var fallbackNumber: String?
    @Option(help: "Session store: postgres://USER@HOST:PORT/DB (default: in memory).") var store: String?
    @Option(help: "The <Say> voice.") var voice = "Polly.Joanna"
    @Option(help: "The <Say> and speech recognition language.") var language = "en-US"
    @Option(name: .customLong("hold-music"), help: "A URL played to queued callers instead of a pause.") var holdMusic: String?
    @Option(name: .customLong("taskrouter-workflow"), help: "A TaskRouter workflow SID (WW...): queued calls become tasks.")
    var taskRouterWorkflow: String?
    @Option(name: .customLong("reload-interval"), help: "Seconds between checks of the tables folder for changes (0: only on SIGHUP).")
    var reloadInterval = 2.0
    @Flag(name: .customLong("test-clock"), help: "Honour X-Callflow-Clock (local time of the call; for tests only).")
    var testClock = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = ServerLogHandler(stream: StreamLogHandler.standardError(label: label))
            handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
            return handler
        }
        let logger = Logger(label: "callflow-server")
        let environment = ProcessInfo.processInfo.environment
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("callflow-server: error: \(message)\n".utf8))
            Foundation.exit(2)
        }
        guard let key = environment["CALLFLOW_SESSION_KEY"], !key.isEmpty else {
            fail("set CALLFLOW_SESSION_KEY to a secret (at least 16 bytes); it signs session tokens")
        }
        var config = ServerConfiguration(tablesFolder: tables, publicURL: publicURL, sessionKey: Array(key.utf8))
        config.host = host
        config.port = port
        config.spool = spool
        config.fallbackNumber = fallbackNumber
        config.store = store
        config.voice = voice
        config.language = language
        config.testClock = testClock
        guard reloadInterval >= 0, reloadInterval.isFinite else { fail("--reload-interval must be 0 or more seconds") }
        config.reloadInterval = reloadInterval
        config.holdMusicURL = holdMusic
        config.taskRouterWorkflow = taskRouterWorkflow
        config.authToken = environment["TWILIO_AUTH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let integrations {
            do { config.integrations = try Integrations.load(path: integrations) } catch { fail(error.description) }
        }
        if config.authToken == nil { logger.warning("TWILIO_AUTH_TOKEN is not set: webhook signatures are not checked") }
        let server: CallFlowServer
        do {
            server = try await CallFlowServer.make(configuration: config, logger: logger)
        } catch let error as CustomStringConvertible {
            fail(error.description)
        }
        let (host, url) = (config.host, config.publicURL)
        try await server.run(onRunning: { port in logger.info("listening on \(host):\(port), public URL \(url)") })
    }
}

/// Writes what `StreamLogHandler` writes, but keeps the logger's metadata itself and hands it over
/// only when a message is written: `StreamLogHandler` renders all of its metadata again each time
/// one key is set, and Hummingbird sets a request id on every request's logger, which was 2% of a
/// mid-call webhook while nothing was logged (docs/performance.md).
struct ServerLogHandler: LogHandler {
    var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty { event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit } }
        stream.log(event: event)
    }
}
