/// The table's node indices: the flow's nodes in file order, less the threaded and the
/// unreachable ones, and what was left out (the compilation reports both lists).
struct NodeNumbering {
    /// Flow node indices of the table's nodes, in table order.
    private(set) var kept: [Int] = []
    /// By flow node index: its table index, or -1.
    private(set) var tableIndex: [Int32]
    private(set) var threaded: [String] = []
    private(set) var unreachable: [String] = []
    private let flow: Flow
    private let threading: PassThroughThreading

    init(flow: Flow, threading: PassThroughThreading, reachable: ReachableNodes) {
        self.flow = flow
        self.threading = threading
        tableIndex = Array(repeating: -1, count: flow.nodes.count)
        for (index, node) in flow.nodes.enumerated() {
            if threading.isThreaded(index) {
                threaded.append(node.id.value)
            } else if !reachable.keeps[index] {
                unreachable.append(node.id.value)
            } else {
                tableIndex[index] = Int32(kept.count)
                kept.append(index)
            }
        }
    }

    /// The table index a call sent to flow node `node` arrives at, past any pass-through nodes.
    func dense(_ node: Int) throws(TableCompileError) -> Int32 {
        let index = tableIndex[threading.resolve(node)]
        guard index >= 0 else { throw TableCompileError.leftOutTarget(node: flow.nodes[node].id.value) }
        return index
    }
}
