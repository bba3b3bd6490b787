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

    /// Why an integrations file was refused (`at`: where in the file, as `lookups.crm`).
    public enum LoadError: Error, Equatable, Sendable, CustomStringConvertible {
        case unreadable(path: String)
        case notAnObject(path: String)
        case unknownKey(path: String, key: String)
        case lookupsNotAMap(path: String)
        case noURL(path: String, at: String)
        case unknownEndpointKey(path: String, at: String, key: String)
        case badTimeout(path: String, at: String)
        case headersNotStrings(path: String, at: String)
        case unsetVariable(path: String, at: String, header: String, variable: String)

        public var description: String {
            switch self {
            case .unreadable(let path): return "cannot read \(path)"
            case .notAnObject(let path): return "\(path): not a JSON object"
            case .unknownKey(let path, let key): return "\(path): unknown key '\(key)' (lookups, callbacks, voicemail, alerts)"
            case .lookupsNotAMap(let path): return "\(path): lookups maps integration names to {url, timeout}"
            case .noURL(let path, let at): return "\(path): \(at) needs {\"url\": \"http(s)://...\"}"
            case .unknownEndpointKey(let path, let at, let key): return "\(path): \(at) has unknown key '\(key)' (url, timeout, headers)"
            case .badTimeout(let path, let at): return "\(path): \(at).timeout is seconds > 0"
            case .headersNotStrings(let path, let at): return "\(path): \(at).headers maps names to strings"
            case .unsetVariable(let path, let at, let header, let variable):
                return "\(path): \(at).headers.\(header) names environment variable \(variable), which is not set"
            }
        }
    }

    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(LoadError) -> Integrations {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(data, path: path, environment: environment)
    }

    public static func parse(_ data: Data, path: String, environment: [String: String]) throws(LoadError) -> Integrations {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw .notAnObject(path: path)
        }
        func endpoint(_ value: Any, _ where_: String) throws(LoadError) -> Endpoint {
            guard let object = value as? [String: Any], let url = object["url"] as? String, URL(string: url)?.scheme != nil else {
                throw .noURL(path: path, at: where_)
            }
            for key in object.keys where !["url", "timeout", "headers"].contains(key) {
                throw .unknownEndpointKey(path: path, at: where_, key: key)
            }
            var result = Endpoint(url: url)
            if let timeout = object["timeout"] {
                guard let seconds = timeout as? Double, seconds > 0 else { throw .badTimeout(path: path, at: where_) }
                result.timeout = seconds
            }
            if let headers = object["headers"] {
                guard let map = headers as? [String: String] else { throw .headersNotStrings(path: path, at: where_) }
                for (name, value) in map {
                    if value.hasPrefix("$") {
                        let variable = String(value.dropFirst())
                        guard let resolved = environment[variable] else {
                            throw .unsetVariable(path: path, at: where_, header: name, variable: variable)
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
            throw .unknownKey(path: path, key: key)
        }
        if let lookups = root["lookups"] {
            guard let map = lookups as? [String: Any] else { throw .lookupsNotAMap(path: path) }
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
