import CallFlowRuntime
import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The server's metrics (swift-metrics API, a Prometheus registry per server), served as text
/// by `GET /metrics`.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let factory: PrometheusMetricsFactory
    private let counters = Mutex<[String: CoreMetrics.Counter]>([:])
    private let latency: CoreMetrics.Timer
    private let depth: CoreMetrics.Gauge

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
                                                   .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(250),
                                                   .seconds(1), .seconds(5), .seconds(15)]
        self.factory = factory
        latency = CoreMetrics.Timer(label: "callflow_webhook_duration_seconds", dimensions: [], factory: factory)
        depth = CoreMetrics.Gauge(label: "callflow_outbox_depth", dimensions: [], factory: factory)
        depth.record(0)
    }

    /// `callflow_instructions_total` by kind (`InstructionKind.rawValue`), made on first use.
    private let instructions = Mutex<[CoreMetrics.Counter?]>(Array(repeating: nil, count: 256))

    private func count(_ label: String, _ dimensions: [(String, String)]) {
        var key = label
        for (name, value) in dimensions {
            key += "|"
            key += name
            key += "="
            key += value
        }
        let counter = counters.withLock { map in
            if let c = map[key] { return c }
            let c = CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
            map[key] = c
            return c
        }
        counter.increment()
    }

    func callStarted(_ flow: String) { count("callflow_calls_started_total", [("flow", flow)]) }
    /// `how`: queue-answered, queue-abandoned, transfer-answered, voicemail, callback, hangup, fallback.
    func callEnded(_ flow: String, _ how: String) { count("callflow_calls_ended_total", [("flow", flow), ("ending", how)]) }
    func instruction(_ kind: InstructionKind) {
        // Its name by reflection ("\(kind)") only once: it was a twentieth of a new call.
        let counter = instructions.withLock { counters in
            if let c = counters[Int(kind.rawValue)] { return c }
            let c = CoreMetrics.Counter(label: "callflow_instructions_total", dimensions: [("kind", "\(kind)")], factory: factory)
            counters[Int(kind.rawValue)] = c
            return c
        }
        counter.increment()
    }
    func fault(_ reason: String) { count("callflow_faults_total", [("reason", reason)]) }
    func lookup(_ result: String) { count("callflow_lookups_total", [("result", result)]) }
    func outboxDelivered(_ kind: OutboxItem.Kind) { count("callflow_outbox_delivered_total", [("kind", kind.rawValue)]) }
    func outboxDepth(_ n: Int) { depth.record(n) }
    func webhook(seconds: Double) { latency.recordNanoseconds(Int64(seconds * 1e9)) }

    /// Prometheus text exposition.
    public func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
