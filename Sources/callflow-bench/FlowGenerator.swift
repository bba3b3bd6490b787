/// Generates large but realistic flows for benchmarks: chains of menus, prompts, queues and
/// transfers, every node reachable and every outcome wired.
enum FlowGenerator {
    /// A flow of about `nodeCount` flow nodes, in groups of five (menu, say, queue, transfer, hours).
    static func flow(nodeCount: Int) -> String {
        let groups = max(1, nodeCount / 5)
        var out = """
        callflow: 1
        name: generated
        timezone: Europe/Berlin
        start: m0
        skills: [general]
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00", sat: "09:00-12:00"}
            holidays: [2026-12-25]
        queues:
          general: {skills: [general], max_wait: 5m}
        nodes:

        """
        out.reserveCapacity(groups * 520)
        for i in 0..<groups {
            let next = i + 1 < groups ? "m\(i + 1)" : "bye"
            out += """
              m\(i):
                menu: "For the next menu press 1. For the queue press 2. For an operator press 0."
                options:
                  "1": s\(i)
                  "2": h\(i)
                  "0": {goto: t\(i), say: "operator", speech: [operator, agent]}
                timeout: 5s
                retries: 2
                fallback: t\(i)
              s\(i):
                say: "Moving on to the next menu, number \(i + 1)."
                next: \(next)
              h\(i): {hours: office, open: q\(i), closed: box, holiday: box}
              q\(i): {queue: general, priority: 10, overflow: box}
              t\(i): {transfer: "+4930123456", fallback: box}

            """
        }
        out += """
          box: {voicemail: general}
          bye: {hangup: "Goodbye."}

        """
        return out
    }
}
