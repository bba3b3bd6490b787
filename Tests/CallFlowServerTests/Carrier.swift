import AsyncHTTPClient
import CallFlowCompiler
import CallFlowRuntime
@testable import CallFlowServer
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NIOCore

/// One element of a TwiML response.
final class TwiMLNode: @unchecked Sendable {
    let name: String
    let attributes: [String: String]
    var children: [TwiMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and every descendant, in document order.
    var all: [TwiMLNode] { [self] + children.flatMap(\.all) }
    func first(_ name: String) -> TwiMLNode? { all.first { $0.name == name } }
    var says: [String] { all.filter { $0.name == "Say" }.map(\.text) }
}

final class TwiMLParser: NSObject, XMLParserDelegate {
    private var stack: [TwiMLNode] = []
    private var root: TwiMLNode?

    static func parse(_ text: String) -> TwiMLNode? {
        let delegate = TwiMLParser()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        return delegate.root
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let node = TwiMLNode(name: name, attributes: attributes)
        if let parent = stack.last { parent.children.append(node) } else { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
}

/// Acts as Twilio does for one call: signs every request, follows the TwiML it gets (Gather,
/// Enqueue with waitUrl and Leave, Dial, Record, Hangup) and plays the call's events.
struct Carrier {
    let authToken: String
    let sid: String
    var from = "+4930123456"
    var to = "+49305550100"
    var clock: String?
    /// Every token the server wrote into a URL (to measure them).
    var tokens: [String] = []
    var requests = 0
    /// Replicas behind one public URL: request n goes to `replicas[n % count]` (the URL signed is
    /// the public one, as a load balancer forwards it).
    var replicas: [String] = []
    /// How long to wait for a callback or voicemail to reach the integrations.
    var deliveryWait = 5.0

    init(authToken: String = RunningServer.authToken, sid: String = "CA" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased(),
         clock: String? = nil) {
        self.authToken = authToken
        self.sid = sid
        self.clock = clock
    }

    struct Answer {
        var status: UInt
        var body: String
        var twiml: TwiMLNode?
    }

    /// A signed form POST, as Twilio makes it.
    mutating func post(_ url: String, _ extra: [(String, String)] = [], signature: String? = nil, headers: [(String, String)] = []) async throws -> Answer {
        requests += 1
        var params = [("CallSid", sid), ("From", from), ("To", to), ("AccountSid", "AC0000"), ("CallStatus", "in-progress")]
        params += extra
        var target = url
        if !replicas.isEmpty, var components = URLComponents(string: url), let replica = URLComponents(string: replicas[requests % replicas.count]) {
            components.scheme = replica.scheme
            components.host = replica.host
            components.port = replica.port
            target = components.string!
        }
        var request = HTTPClientRequest(url: target)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "X-Twilio-Signature", value: signature ?? TwilioSignature(authToken: authToken).compute(url: url, params: params))
        if let clock { request.headers.add(name: "X-Callflow-Clock", value: clock) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(params)))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        let twiml = TwiMLParser.parse(body)
        for node in twiml?.all ?? [] {
            for key in ["action", "waitUrl"] {
                if let url = node.attributes[key], let token = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "s" })?.value {
                    tokens.append(token)
                }
            }
        }
        return Answer(status: response.status.code, body: body, twiml: twiml)
    }

    enum PlayError: Error, CustomStringConvertible {
        case unexpected(String)
        var description: String { if case .unexpected(let s) = self { return s } else { return "" } }
    }

    /// Plays `events` (lookups are answered by the integrations, not played here) and returns
    /// where the call ended, as `callflow test` names it.
    mutating func play(server: String, flow: String, context: [(name: String, text: String)], events: [SimulatedEvent],
                       mock: MockIntegrations) async throws -> CallEnding {
        mock.script(sid, events.filter { if case .lookup = $0.event { return true } else { return false } })
        let query = context.isEmpty ? "" : "?" + FormEncoding.encode(context.map { ($0.name, $0.text) })
        var answer = try await post(server + "/voice/" + flow + query)
        var queue: TwiMLNode?      // the <Enqueue> the call waits in
        var waiting: TwiMLNode?    // the last wait TwiML
        func check(_ a: Answer) throws -> TwiMLNode {
            guard a.status == 200, let t = a.twiml else { throw PlayError.unexpected("status \(a.status): \(a.body)") }
            return t
        }
        var twiml = try check(answer)
        queue = twiml.first("Enqueue")
        for item in events {
            switch item.event {
            case .lookup: continue
            case .digits, .speech, .noInput:
                guard let gather = twiml.first("Gather"), let action = gather.attributes["action"] else {
                    throw PlayError.unexpected("event \(item.text) but no <Gather>: \(answer.body)")
                }
                var extra: [(String, String)] = []
                switch item.event {
                case .digits(var keys):
                    if gather.attributes["finishOnKey"] == "#", keys.hasSuffix("#") { keys.removeLast() }
                    extra = [("Digits", keys)]
                case .speech(let words): extra = [("SpeechResult", words), ("Confidence", "0.9")]
                default: break
                }
                answer = try await post(action, extra)
            case .queueStatus(let wait, let depth):
                guard let q = queue, let waitURL = q.attributes["waitUrl"] else { throw PlayError.unexpected("a queue status but no <Enqueue>") }
                let w = try await post(waitURL, [("QueueTime", "\(wait)"), ("CurrentQueueSize", "\(depth)"), ("QueuePosition", "\(depth)"),
                                                 ("QueueSid", "QU1"), ("AvgQueueTime", "60")])
                let t = try check(w)
                if t.first("Leave") != nil {
                    answer = try await post(q.attributes["action"]!, [("QueueResult", "leave"), ("QueueTime", "\(wait)")])
                } else {
                    waiting = t
                    continue
                }
            case .overflow:
                guard let q = queue else { throw PlayError.unexpected("overflow but no <Enqueue>") }
                answer = try await post(q.attributes["action"]!, [("QueueResult", "queue-full")])
            case .callback:
                guard let q = queue else { throw PlayError.unexpected("callback but no <Enqueue>") }
                if waiting?.first("Gather") == nil {
                    // Twilio requests the waitUrl as soon as the call is queued.
                    waiting = try check(try await post(q.attributes["waitUrl"]!, [("QueueTime", "0"), ("CurrentQueueSize", "0")]))
                }
                guard let offer = waiting?.first("Gather")?.attributes["action"] else { throw PlayError.unexpected("no callback offer in the wait TwiML") }
                let t = try check(try await post(offer, [("Digits", "1")]))
                guard t.first("Leave") != nil else { throw PlayError.unexpected("the callback offer did not leave the queue") }
                answer = try await post(q.attributes["action"]!, [("QueueResult", "leave")])
            case .transfer(let result):
                guard let dial = twiml.first("Dial"), let action = dial.attributes["action"] else { throw PlayError.unexpected("a transfer result but no <Dial action>") }
                let status = result == .noAnswer ? "no-answer" : result == .busy ? "busy" : "failed"
                answer = try await post(action, [("DialCallStatus", status)])
            }
            twiml = try check(answer)
            waiting = nil
            if let q = twiml.first("Enqueue") { queue = q } else { queue = nil }
        }
        // Where the call is now.
        if let q = twiml.first("Enqueue") { return CallEnding("queue", q.first("Task") != nil ? "" : q.text) }
        if let dial = twiml.first("Dial") {
            return CallEnding("transfer", dial.first("Sip")?.text ?? dial.text)
        }
        if let record = twiml.first("Record"), let action = record.attributes["action"] {
            let done = try check(try await post(action, [("RecordingUrl", "https://api.twilio.com/rec/RE1"), ("RecordingDuration", "7"),
                                                         ("RecordingSid", "RE1")]))
            guard done.first("Hangup") != nil else { throw PlayError.unexpected("no <Hangup/> after the recording") }
            let items = await mock.received("voicemail", sid: sid, seconds: deliveryWait)
            return CallEnding("voicemail", items.first?["mailbox"] as? String ?? "(not delivered)")
        }
        if twiml.first("Hangup") != nil {
            if twiml.says.contains(Prompts.callbackBooked) {
                let items = await mock.received("callbacks", sid: sid, seconds: deliveryWait)
                return CallEnding("callback", items.first?["queue"] as? String ?? "(not delivered)")
            }
            return CallEnding("hangup", "true")
        }
        throw PlayError.unexpected("the call rests on TwiML that waits for nothing: \(answer.body)")
    }
}
