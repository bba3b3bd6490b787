import Foundation

/// `--integrations FILE`: where lookups, callbacks, voicemail and alerts go.
///
/// ```json
/// {"lookups": {"crm-accounts": {"url": "https://crm.example/lookup", "timeout": 2.5,
///                               "headers": {"Authorization": "$CRM_TOKEN"}}},
///  "callbacks": {"url": "https://crm.example/callbacks"},
///  "voicemail": {"url": "https://crm.example/voicemail"},
///  "alerts": {"url": "https://ops.example/alerts"}}
/// ```
/// A header value starting with `$` is read from that environment variable when the file is read.
public struct Integrations: Sendable, Equatable {
    public struct Endpoint: Sendable, Equatable {
        public var url: String
        /// Seconds; a lookup waits at most the lesser of this and its node's `timeout`.
        public var timeout: Double?
        public var headers: [String: String]

        public init(url: String, timeout: Double? = nil, headers: [String: String] = [:]) {
            self.url = url
            self.timeout = timeout
            self.headers = headers
        }
    }

    public var lookups: [String: Endpoint]
    public var callbacks: Endpoint?
    public var voicemail: Endpoint?
    public var alerts: Endpoint?

    public init(lookups: [String: Endpoint] = [:], callbacks: Endpoint? = nil, voicemail: Endpoint? = nil, alerts: Endpoint? = nil) {
        self.lookups = lookups
        self.callbacks = callbacks
        self.voicemail = voicemail
        self.alerts = alerts
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(LoadError) -> Integrations {
        guard let data = FileManager.default.contents(atPath: path) else { throw LoadError(description: "cannot read \(path)") }
        return try parse(data, path: path, environment: environment)
    }

    public static func parse(_ data: Data, path: String, environment: [String: String]) throws(LoadError) -> Integrations {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw LoadError(description: "\(path): not a JSON object")
        }
        func endpoint(_ value: Any, _ where_: String) throws(LoadError) -> Endpoint {
            guard let object = value as? [String: Any], let url = object["url"] as? String, URL(string: url)?.scheme != nil else {
                throw LoadError(description: "\(path): \(where_) needs {\"url\": \"http(s)://...\"}")
            }
            for key in object.keys where !["url", "timeout", "headers"].contains(key) {
                throw LoadError(description: "\(path): \(where_) has unknown key '\(key)' (url, timeout, headers)")
            }
            var result = Endpoint(url: url)
            if let timeout = object["timeout"] {
                guard let seconds = timeout as? Double, seconds > 0 else { throw LoadError(description: "\(path): \(where_).timeout is seconds > 0") }
                result.timeout = seconds
            }
            if let headers = object["headers"] {
                guard let map = headers as? [String: String] else { throw LoadError(description: "\(path): \(where_).headers maps names to strings") }
                for (name, value) in map {
                    if value.hasPrefix("$") {
                        let variable = String(value.dropFirst())
                        guard let resolved = environment[variable] else {
                            throw LoadError(description: "\(path): \(where_).headers.\(name) names environment variable \(variable), which is not set")
                        }
                        result.headers[name] = resolved
                    } else {
                        result.headers[name] = value
                    }
                }
            }
            return result
        }
        var result = Integrations()
        for key in root.keys where !["lookups", "callbacks", "voicemail", "alerts"].contains(key) {
            throw LoadError(description: "\(path): unknown key '\(key)' (lookups, callbacks, voicemail, alerts)")
        }
        if let lookups = root["lookups"] {
            guard let map = lookups as? [String: Any] else { throw LoadError(description: "\(path): lookups maps integration names to {url, timeout}") }
            for (name, value) in map { result.lookups[name] = try endpoint(value, "lookups.\(name)") }
        }
        if let v = root["callbacks"] { result.callbacks = try endpoint(v, "callbacks") }
        if let v = root["voicemail"] { result.voicemail = try endpoint(v, "voicemail") }
        if let v = root["alerts"] { result.alerts = try endpoint(v, "alerts") }
        return result
    }

    func endpoint(for kind: OutboxItem.Kind) -> Endpoint? {
        switch kind {
        case .callback: return callbacks
        case .voicemail: return voicemail
        case .alert: return alerts
        case .send: return nil
        }
    }

    /// Where an outbox item goes: a `send` to the integration its body names (the same
    /// `lookups` entry a lookup of that name uses), the others by kind.
    func endpoint(for item: OutboxItem) -> Endpoint? {
        guard item.kind == .send else { return endpoint(for: item.kind) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(item.body)) as? [String: Any],
              let name = object["integration"] as? String else { return nil }
        return lookups[name]
    }
}
