import CallFlowRuntime

/// The queues section, in the flow's order, and the start of the skills section: each queue's
/// skills first, then (appended by the node lowering) the extra skills of queue nodes.
struct TableQueues {
    private(set) var queues: [TableQueue] = []
    private(set) var skills: [Int32] = []
    private var index: [String: Int32] = [:]

    init(flow: Flow, strings: inout TableStrings) {
        for queue in flow.queues {
            let start = Int32(skills.count)
            for skill in queue.skills { skills.append(strings.intern(skill.value)) }
            index[queue.name.value] = Int32(queues.count)
            queues.append(TableQueue(name: strings.intern(queue.name.value), skillStart: start, skillCount: Int32(queue.skills.count),
                                     maxWait: Int32(queue.maxWait.seconds), offersCallback: queue.offersCallback,
                                     announce: Int32(queue.announce?.seconds ?? 0), alertDepth: Int32(queue.alertDepth ?? -1),
                                     alertWait: Int32(queue.alertWait?.seconds ?? -1)))
        }
    }

    /// The index of the queue called `name`.
    func queue(named name: String) throws(TableCompileError) -> Int32 {
        guard let found = index[name] else { throw TableCompileError.unknownQueue(name) }
        return found
    }
}
