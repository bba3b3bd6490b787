import CallFlowRuntime
import Foundation
import Testing
@testable import CallFlowCompiler

/// What the executor's instructions carry for the platform, beyond where the call goes.
@Suite struct ExecutorInstructionTests {
    static let flow = """
        callflow: 1
        name: entry
        start: main
        human_phrases: [Agent, Front Desk]
        context:
          account: string
        escalations:
          - {name: person, at: request, goto: desk}
        nodes:
          main:
            menu: "For your account press 1. For a person press 0."
            options: {"1": account-entry, "0": desk}
            fallback: desk
          account-entry:
            collect: "Enter your account number, then press pound."
            digits: "4-8"
            into: account
            next: desk
            fallback: desk
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}

        """

    static func session() throws -> CallSession {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let loaded = try ProgramLoader.load(try folder.write("entry.yaml", flow))
        return CallSession(program: loaded.program, time: Date(timeIntervalSince1970: 1_795_000_000))
    }

    /// A menu gathers one key; a collect gathers the node's own minimum and maximum digits.
    @Test func gathersCarryTheirDigitCounts() throws {
        var session = try Self.session()
        let menu = session.start()
        #expect(menu.kind == .gather)
        #expect(menu.minDigits == 1 && menu.maxDigits == 1)
        let collect = session.handle(.digits("1"))
        #expect(collect.kind == .collect)
        #expect(collect.minDigits == 4 && collect.maxDigits == 8)
    }

    /// Human phrases match without regard to ASCII case, on either side.
    @Test func humanPhrasesIgnoreCase() throws {
        for said in ["agent", "AGENT", "Agent", "front desk", "FRONT DESK", " Front Desk "] {
            var session = try Self.session()
            _ = session.start()
            let instruction = session.handle(.speech(said))
            #expect(instruction.kind == .transfer, "\(said) gave \(instruction.kind)")
        }
        var session = try Self.session()
        _ = session.start()
        #expect(session.handle(.speech("agents")).kind != .transfer)
    }
}
