import Foundation

/// Everything `callflow-server` is started with (flags, and secrets from the environment).
public struct ServerConfiguration: Sendable {
    public var tablesFolder: String
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 8080
    /// The base written into TwiML URLs (scheme, host, optional port; no path).
    public var publicURL: String
    public var integrations = Integrations()
    /// The outbox folder (default: `<tables>/.outbox`); unused with a PostgreSQL store.
    public var spool: String?
    /// E.164 number a caller is dialled to when anything fails; nil: apology and hang up.
    public var fallbackNumber: String?
    /// `postgres://USER@HOST:PORT/DB`; nil: in memory.
    public var store: String?
    public var voice = "Polly.Joanna"
    public var language = "en-US"
    /// Honour `X-Callflow-Clock` (tests only).
    public var testClock = false
    /// `CALLFLOW_SESSION_KEY`'s bytes.
    public var sessionKey: [UInt8]
    /// `TWILIO_AUTH_TOKEN`: when set, every webhook must be signed.
    public var authToken: String?
    /// Played while a call waits in a queue instead of a pause.
    public var holdMusicURL: String?
    /// A TaskRouter workflow (`WW...`): queued calls become tasks routed by skills and priority.
    public var taskRouterWorkflow: String?
    /// How long a session token (and a stored session) stays valid.
    public var sessionTTL: TimeInterval = 4 * 3600
    /// What all lookups of one webhook may take together (Twilio gives a webhook 15 s).
    public var webhookBudget: Double = 12
    /// How often the tables folder is checked for changes (seconds; SIGHUP reloads at once).
    public var reloadInterval: Double = 2

    public init(tablesFolder: String, publicURL: String, sessionKey: [UInt8]) {
        self.tablesFolder = tablesFolder
        self.publicURL = publicURL
        self.sessionKey = sessionKey
    }

    /// The public URL without a trailing slash.
    var base: String { publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
}

/// What callers hear from the server itself (not from the flow).
enum Prompts {
    static let apologyDial = "We are sorry, something went wrong. Please hold while we connect you to a person."
    static let apologyHangup = "We are sorry, something went wrong and we cannot take your call right now. Please call again later."
    static let voicemail = "Please leave a message after the tone. Press the pound key when you are done."
    static let noMessage = "We did not receive a message. Goodbye."
    static let messageTaken = "Thank you, your message has been recorded. Goodbye."
    static let callbackBooked = "Thank you. We will call you back at this number as soon as an agent is free. Goodbye."
    static let holding = "Thank you for holding. Your call is important to us."
    static let callbackOffer = "To be called back instead of waiting, press 1."
}
