/// Each switch node's ways out after constant folding, by flow node index: the cases that can
/// still be taken, in order, and the `else`. A case found always false is dropped; the first one
/// found always true becomes the `else` and ends the list, since no later case can be reached.
struct SwitchBranches {
    typealias Case = (condition: Int32, target: Int)

    /// Empty for a node that is not a switch.
    private(set) var cases: [[Case]]
    /// -1 for a node that is not a switch.
    private(set) var otherwise: [Int]

    /// Compiles every switch's conditions, in node order (which fixes the conditions' indices).
    init(flow: Flow, conditions: inout TableConditions, strings: inout TableStrings) throws(TableCompileError) {
        let count = flow.nodes.count
        cases = Array(repeating: [], count: count)
        otherwise = Array(repeating: -1, count: count)
        for index in 0..<count {
            guard case .switch(let items) = flow.nodes[index].kind else { continue }
            otherwise[index] = try flow.tableTarget(flow.target(of: index, "else"), of: index)
            for (position, item) in items.enumerated() {
                let code = try conditions.add(item.condition, strings: &strings)
                let to = try flow.tableTarget(flow.target(of: index, item: position), of: index)
                if code == TableConditions.alwaysFalse { continue }
                if code == TableConditions.alwaysTrue { otherwise[index] = to; break }
                cases[index].append((code, to))
            }
        }
    }

    /// Every node a switch can send the call to, cases first.
    func targets(of node: Int) -> [Int] {
        cases[node].map(\.target) + [otherwise[node]]
    }
}
