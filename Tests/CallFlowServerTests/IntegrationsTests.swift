@testable import CallFlowServer
import Foundation
import Logging
import Testing

/// `--integrations FILE` (docs/server.md): what it holds, secrets from the environment, and what
/// it refuses with a message.
@Suite struct IntegrationsTests {
    static func parse(_ json: String, _ environment: [String: String] = [:]) throws(Integrations.LoadError) -> Integrations {
        try Integrations.parse(Data(json.utf8), path: "integrations.json", environment: environment)
    }

    @Test func everyEndpointWithTimeoutsAndHeadersFromTheEnvironment() throws {
        let integrations = try Self.parse("""
            {"lookups": {"crm-accounts": {"url": "https://crm.example/lookup", "timeout": 2.5,
                                          "headers": {"Authorization": "$CRM_TOKEN", "X-Team": "ivr"}}},
             "callbacks": {"url": "https://crm.example/callbacks"},
             "voicemail": {"url": "https://crm.example/voicemail"},
             "alerts": {"url": "https://ops.example/alerts"}}
            """, ["CRM_TOKEN": "Bearer s3cret"])
        let crm = try #require(integrations.lookups["crm-accounts"])
        #expect(crm.url == "https://crm.example/lookup")
        #expect(crm.timeout == 2.5)
        #expect(crm.headers == ["Authorization": "Bearer s3cret", "X-Team": "ivr"])
        #expect(integrations.callbacks?.url == "https://crm.example/callbacks")
        #expect(integrations.voicemail?.url == "https://crm.example/voicemail")
        #expect(integrations.alerts?.url == "https://ops.example/alerts")
        #expect(integrations.endpoint(for: .alert)?.url == "https://ops.example/alerts")
    }

    @Test(arguments: [
        ("{\"lookups\": {\"crm\": {\"url\": \"https://x\", \"headers\": {\"Authorization\": \"$NOT_SET\"}}}}",
         "lookups.crm.headers.Authorization names environment variable NOT_SET, which is not set"),
        ("{\"lookup\": {}}", "unknown key 'lookup' (lookups, callbacks, voicemail, alerts)"),
        ("{\"alerts\": {\"url\": \"https://x\", \"retries\": 3}}", "alerts has unknown key 'retries' (url, timeout, headers)"),
        ("{\"lookups\": {\"crm\": {\"url\": \"https://x\", \"timeout\": 0}}}", "lookups.crm.timeout is seconds > 0"),
        ("{\"callbacks\": {\"url\": \"crm.example/callbacks\"}}", "callbacks needs {\"url\": \"http(s)://...\"}"),
        ("[1, 2]", "integrations.json: not a JSON object"),
    ])
    func aMistakeIsRefusedWithWhatToFix(json: String, message: String) {
        do {
            _ = try Self.parse(json)
            Issue.record("accepted: \(json)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    /// Issue 10, item 7: the server's refusals are cases; the messages above are theirs.
    @Test func refusalsAreCases() throws {
        #expect(throws: Integrations.LoadError.unsetVariable(path: "integrations.json", at: "lookups.crm",
                                                            header: "Authorization", variable: "NOT_SET")) {
            try Self.parse("{\"lookups\": {\"crm\": {\"url\": \"https://x\", \"headers\": {\"Authorization\": \"$NOT_SET\"}}}}")
        }
        #expect(throws: Integrations.LoadError.unknownKey(path: "integrations.json", key: "lookup")) { try Self.parse("{\"lookup\": {}}") }
        #expect(throws: Integrations.LoadError.unreadable(path: "/nonexistent/integrations.json")) {
            try Integrations.load(path: "/nonexistent/integrations.json", environment: [:])
        }
        let logger = Logger(label: "refusals")
        let folder = FileManager.default.temporaryDirectory.path
        func start(_ configuration: ServerConfiguration) throws { _ = try CallFlowServer(configuration: configuration, logger: logger) }
        #expect(throws: CallFlowServer.StartError.sessionKeyTooShort) {
            try start(ServerConfiguration(tablesFolder: folder, publicURL: "http://localhost", sessionKey: Array("short".utf8)))
        }
        #expect(throws: CallFlowServer.StartError.badPublicURL("http://localhost/calls")) {
            try start(ServerConfiguration(tablesFolder: folder, publicURL: "http://localhost/calls", sessionKey: Array(repeating: 7, count: 32)))
        }
        #expect(throws: CallFlowServer.StartError.tablesNotAFolder("/nonexistent")) {
            try start(ServerConfiguration(tablesFolder: "/nonexistent", publicURL: "http://localhost", sessionKey: Array(repeating: 7, count: 32)))
        }
        #expect(CallFlowServer.StartError.tablesNotAFolder("/x").description == "--tables /x is not a folder")
        #expect(SpoolOutbox.WriteError.cannotWrite(item: "a.json", reason: "No space left on device").description
                == "cannot write outbox item a.json: No space left on device")
        #expect(PostgresStore.URLError.notAPostgresURL("mysql://x").description == "--store mysql://x: expected postgres://USER@HOST:PORT/DB")
    }
}
