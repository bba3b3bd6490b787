import Crypto
import Foundation

/// Twilio's request signature (`X-Twilio-Signature`): base64(HMAC-SHA1(auth token, URL + each
/// POST parameter's name and value, names sorted, a repeated name's values sorted and
/// deduplicated)). The validator accepts the URL with its port removed or with the scheme's
/// default port added, as Twilio's helper libraries do; a JSON body is checked through the URL's
/// `bodySHA256` parameter.
public struct TwilioSignature: Sendable {
    let key: SymmetricKey

    public init(authToken: String) {
        key = SymmetricKey(data: Array(authToken.utf8))
    }

    public func compute(url: String, params: [(String, String)]) -> String {
        var hmac = HMAC<Insecure.SHA1>(key: key)
        hmac.update(data: Array(url.utf8))
        var grouped: [String: Set<String>] = [:]
        for (name, value) in params { grouped[name, default: []].insert(value) }
        for name in grouped.keys.sorted(by: Self.byBytes) {
            for value in grouped[name]!.sorted(by: Self.byBytes) {
                hmac.update(data: Array(name.utf8))
                hmac.update(data: Array(value.utf8))
            }
        }
        return Data(hmac.finalize()).base64EncodedString()
    }

    /// Whether `signature` is valid for a form POST to `url` with `params`, or (with `body`) for a
    /// JSON POST whose URL carries `bodySHA256`.
    public func validate(url: String, params: [(String, String)], signature: String, body: [UInt8]? = nil) -> Bool {
        var params = params
        if let body {
            guard let components = URLComponents(string: url),
                  let claimed = components.queryItems?.first(where: { $0.name == "bodySHA256" })?.value else { return false }
            let digest = Self.bodySHA256(body)
            guard SessionToken.constantTimeEqual(Array(digest.utf8), Array(claimed.utf8)) else { return false }
            params = []
        }
        for candidate in Self.variants(of: url) {
            let expected = compute(url: candidate, params: params)
            if SessionToken.constantTimeEqual(Array(expected.utf8), Array(signature.utf8)) { return true }
        }
        return false
    }

    /// The URL without a port and the URL with the scheme's default port (when it has none).
    static func variants(of url: String) -> [String] {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), components.host != nil else {
            return [url]
        }
        var without = components
        without.port = nil
        var with = components
        if with.port == nil { with.port = scheme == "https" ? 443 : scheme == "http" ? 80 : nil }
        var result: [String] = []
        for candidate in [without.string, with.string, url] {
            if let candidate, !result.contains(candidate) { result.append(candidate) }
        }
        return result
    }

    /// The lowercase hex SHA-256 of a JSON body (the `bodySHA256` URL parameter).
    public static func bodySHA256(_ body: [UInt8]) -> String {
        SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    }

    static func byBytes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
