@testable import CallFlowServer
import Foundation
import Testing

/// Twilio's own helper library vectors (../shared/corpora/twiml/signature-vectors.json).
@Suite struct SignatureTests {
    struct Case {
        var id: String
        var operation: String
        var token: String
        var url: String
        var params: [(String, String)]
        var body: String?
        var expected: String?
    }

    static func cases() throws -> [Case] {
        let data = try Data(contentsOf: Paths.signatureVectors)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try #require(root["cases"] as? [[String: Any]])
        return cases.map { c in
            var params: [(String, String)] = []
            if let map = c["params"] as? [String: String] { params = map.map { ($0.key, $0.value) } }
            if let multi = c["params_multi"] as? [[String]] { params = multi.map { ($0[0], $0[1]) } }
            return Case(id: c["id"] as! String, operation: c["operation"] as! String, token: c["auth_token"] as! String,
                        url: c["url"] as? String ?? "", params: params, body: c["body"] as? String,
                        expected: (c["expected_signature"] ?? c["signature"] ?? c["expected_body_sha256"]) as? String)
        }
    }

    @Test func everyVectorIsReproduced() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 10)
        for c in cases {
            let signer = TwilioSignature(authToken: c.token)
            switch c.operation {
            case "compute_signature":
                #expect(signer.compute(url: c.url, params: c.params) == c.expected, "\(c.id)")
            case "compute_body_sha256":
                #expect(TwilioSignature.bodySHA256(Array(c.body!.utf8)) == c.expected, "\(c.id)")
            case "validate":
                let body = c.body.map { Array($0.utf8) }
                #expect(signer.validate(url: c.url, params: c.params, signature: c.expected!, body: body), "\(c.id)")
                // One changed parameter, or another token, and it no longer validates.
                #expect(!signer.validate(url: c.url, params: c.params + [("Extra", "1")], signature: c.expected!, body: body.map { $0 + [0x20] }), "\(c.id)")
                #expect(!TwilioSignature(authToken: "other").validate(url: c.url, params: c.params, signature: c.expected!, body: body), "\(c.id)")
            default:
                Issue.record("unknown operation \(c.operation) in \(c.id)")
            }
        }
    }
}
