/// `menu-too-deep`: too many menus between the start and the nearest person.
public enum MenuTooDeep: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "menu-too-deep",
        severity: .warning,
        summary: "more than 3 menus on the shortest path from the start to a human (configurable)",
        explanation: """
        Every menu costs the caller a prompt, a decision and a key press, and every level is a new \
        chance to pick the wrong branch. When even the quickest way to a person (a queue, a \
        transfer, a voicemail or a callback) passes more than three menus, callers give up, press \
        the human key on every menu, or hang up. The finding points at the first menu past the \
        limit on the path with the fewest menus, and its notes list every menu on that path. \
        Flatten the tree: merge levels, route earlier to a queue with the right skills, or let a \
        `request` rule take callers to a person from any menu. The limit is the option `max` \
        (default 3).
        """,
        failingExample: """
        callflow: 1
        name: too-deep
        start: level-1
        nodes:
          level-1:
            menu: "For products press 1. For the front desk press 2."
            options: {"1": level-2, "2": desk}
            fallback: desk
          level-2:
            menu: "For hardware press 1. For the front desk press 2."
            options: {"1": level-3, "2": desk}
            fallback: desk
          level-3:
            menu: "For printers press 1. For the front desk press 2."
            options: {"1": level-4, "2": desk}
            fallback: desk
          ↓level-4:
            menu: "For laser printers press 1. For ink printers press 2."
            options: {"1": laser, "2": ink}
            fallback: desk
          laser: {transfer: "+15550101", fallback: box}
          ink: {transfer: "+15550102", fallback: box}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: shallow
        start: level-1
        nodes:
          level-1:
            menu: "For products press 1. For the front desk press 2."
            options: {"1": level-2, "2": desk}
            fallback: desk
          level-2:
            menu: "For hardware press 1. For the front desk press 2."
            options: {"1": level-3, "2": desk}
            fallback: desk
          level-3:
            menu: "For laser printers press 1. For ink printers press 2."
            options: {"1": laser, "2": ink}
            fallback: desk
          laser: {transfer: "+15550101", fallback: box}
          ink: {transfer: "+15550102", fallback: box}
          desk: {transfer: "+15550100", fallback: box}
          box: {voicemail: general}
        """,
        options: [CheckOption("max", default: .integer(3),
                              help: "the most menus a caller may pass on the quickest way to a human")])

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let limit = context.integer("max", of: descriptor)
        let start = graph.flow.startTarget
        guard start >= 0 else { return [] }
        let isMenu = graph.nodes.map { node -> Bool in
            if case .menu = node.kind { return true }
            return false
        }
        let search = fewestMenus(graph, from: start, isMenu: isMenu)
        let (menus, parent) = (search.menus, search.parent)

        // Along the search tree, in the order nodes were settled (a parent before its children):
        // the last menu on each node's path, the menu before each menu, and the first menu past
        // the limit. Listing a path's menus then costs only the notes it produces.
        var lastMenu = [Int](repeating: -1, count: graph.count)
        var previousMenu = [Int](repeating: -1, count: graph.count)
        var pastLimit = [Int](repeating: -1, count: graph.count)
        for node in search.order {
            let up = parent[node]
            let inherited = up >= 0 ? lastMenu[up] : -1
            previousMenu[node] = inherited
            lastMenu[node] = isMenu[node] ? node : inherited
            pastLimit[node] = isMenu[node] && menus[node] == limit + 1 ? node : (up >= 0 ? pastLimit[up] : -1)
        }

        // One finding per menu pointed at, for the first human endpoint (file order) behind it.
        var reported = Set<Int>()
        var findings: [Diagnostic] = []
        for human in 0..<graph.count where graph.kindClass[human].isHuman {
            guard let count = menus[human], count > limit else { continue }
            let culprit = pastLimit[human]
            guard culprit >= 0, reported.insert(culprit).inserted else { continue }
            var menuPath: [Int] = []
            var menu = lastMenu[human]
            while menu >= 0 {
                menuPath.append(menu)
                menu = previousMenu[menu]
            }
            menuPath.reverse()
            let menusText = menuPath.count == 1 ? "1 menu" : "\(menuPath.count) menus"
            let notes = menuPath.enumerated().map { position, menu in
                DiagnosticNote("menu \(position + 1) of \(menuPath.count): '\(graph.id(menu))'",
                               at: graph.nodes[menu].id.range)
            } + [DiagnosticNote("\(graph.nodes[human].kind.name) '\(graph.id(human))' is reached after \(menusText)",
                                at: graph.nodes[human].id.range)]
            findings.append(Diagnostic(
                descriptor,
                "menu '\(graph.id(culprit))' is menu \(limit + 1) on the quickest way from the start to '\(graph.id(human))' "
                    + "(\(menusText), limit \(limit)); flatten the menu tree",
                at: graph.nodes[culprit].id.range, notes: notes))
        }
        return findings
    }

    /// The fewest menus on any path from `start` to each node (nil: unreachable), with the parent
    /// of each node on one such path (-1 for the start), and the order nodes were settled in (a
    /// node after its parent). A 0-1 breadth-first search: entering a menu costs 1, any other node
    /// 0, so each node is settled once and the work is linear.
    static func fewestMenus(_ graph: FlowGraph, from start: Int, isMenu: [Bool])
        -> (menus: [Int?], parent: [Int], order: [Int]) {
        let count = graph.count
        var best = [Int](repeating: Int.max, count: count)
        var parent = [Int](repeating: -1, count: count)
        var settled = [Bool](repeating: false, count: count)
        // A deque as a stack of front pushes and a queue of back pushes.
        var front: [Int] = []
        var back: [Int] = []
        var head = 0
        var order: [Int] = []
        best[start] = isMenu[start] ? 1 : 0
        front.append(start)
        while true {
            let node: Int
            if let last = front.popLast() {
                node = last
            } else if head < back.count {
                node = back[head]
                head += 1
            } else {
                break
            }
            if settled[node] { continue }
            settled[node] = true
            order.append(node)
            for next in graph.successors[node] where !settled[next] {
                let cost = best[node] + (isMenu[next] ? 1 : 0)
                guard cost < best[next] else { continue }
                best[next] = cost
                parent[next] = node
                if isMenu[next] { back.append(next) } else { front.append(next) }
            }
        }
        return (best.map { $0 == Int.max ? nil : $0 }, parent, order)
    }
}
