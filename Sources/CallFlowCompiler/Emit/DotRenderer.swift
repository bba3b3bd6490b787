/// A `FlowPicture` as Graphviz DOT (`callflow dot`). Every string is a quoted string escaped by
/// `PictureText.dot` (no HTML-like labels), every node and edge is written in the picture's order,
/// and nothing depends on hashing or time: the same flow gives the same bytes.
public struct DotRenderer: Sendable {
    public init() {}

    /// Shape and fill of each style; the legend shows the six kind classes with these.
    public static func shape(_ style: FlowPicture.Style) -> String {
        switch style {
        case .callerFacing: "parallelogram"
        case .decision: "diamond"
        case .action: "box"
        case .liveHuman: "hexagon"
        case .deferredHuman: "cylinder"
        case .end: "octagon"
        case .arrival, .trigger: "ellipse"
        }
    }

    public static func fill(_ style: FlowPicture.Style) -> String {
        switch style {
        case .callerFacing: "#cfe2ff"
        case .decision: "#fff3bf"
        case .action: "#e5dbff"
        case .liveHuman: "#b2f2bb"
        case .deferredHuman: "#ffe8cc"
        case .end: "#ffc9c9"
        case .arrival, .trigger: "#ffffff"
        }
    }

    public static let unreachableFill = "#eeeeee"
    public static let unreachableText = "#888888"
    public static let findingColour = "#d00000"
    public static let ruleColour = "#555555"

    public func render(_ picture: FlowPicture) -> String {
        var out = "// callflow dot: flow '\(PictureText.oneLine(picture.name))'. Render with: dot -Tsvg FILE\n"
        out += "digraph \(quoted([picture.name])) {\n"
        out += "  graph [label=\(quoted(picture.title)), labelloc=t, fontname=\"Helvetica\", fontsize=16, rankdir=TB, nodesep=0.4, ranksep=0.5];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=11, style=filled, color=\"#333333\", penwidth=1];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#333333\"];\n"
        out += "\n" + legend(picture)

        out += "\n  // Nodes in file order, after the entry nodes.\n"
        for node in picture.nodes {
            var attributes = ["label=\(quoted(node.label))", "shape=\(Self.shape(node.style))"]
            var style = ["filled"]
            if node.style == .trigger { style.append("dashed") }
            if node.unreachable {
                style.append("dashed")
                attributes += ["fillcolor=\"\(Self.unreachableFill)\"", "fontcolor=\"\(Self.unreachableText)\""]
                if node.findings.isEmpty { attributes.append("color=\"\(Self.unreachableText)\"") }
            } else {
                attributes.append("fillcolor=\"\(Self.fill(node.style))\"")
            }
            if !node.findings.isEmpty {
                attributes += ["color=\"\(Self.findingColour)\"", "penwidth=3"]
            }
            if style != ["filled"] { attributes.insert("style=\"\(style.joined(separator: ","))\"", at: 2) }
            attributes.append("tooltip=\(quoted(node.tooltip))")
            out += "  \(quoted([node.id])) [\(attributes.joined(separator: ", "))];\n"
        }

        out += "\n  // The start, the escalation rules (dashed), then every node's outcomes.\n"
        for edge in picture.edges {
            var attributes = ["label=\(quoted(edge.label))"]
            if edge.isRule { attributes += ["style=dashed", "color=\"\(Self.ruleColour)\"", "fontcolor=\"\(Self.ruleColour)\""] }
            // Issue 14: a critical rule or option is drawn thick, so the emergency path stands out.
            if edge.isCritical { attributes += [edge.isRule ? "style=\"dashed,bold\"" : "style=bold", "penwidth=3"] }
            if edge.isCritical && edge.isRule { attributes.removeAll { $0 == "style=dashed" } }
            if !edge.findings.isEmpty {
                attributes.removeAll { $0.hasPrefix("color=") || $0.hasPrefix("fontcolor=") }
                attributes.removeAll { $0.hasPrefix("penwidth=") }
                attributes += ["color=\"\(Self.findingColour)\"", "fontcolor=\"\(Self.findingColour)\"", "penwidth=2"]
            }
            attributes.append("tooltip=\(quoted(edge.tooltip))")
            out += "  \(quoted([edge.from])) -> \(quoted([edge.to])) [\(attributes.joined(separator: ", "))];\n"
        }
        out += "}\n"
        return out
    }

    /// A cluster with one node per kind class, the entry styles, and what grey and red mean,
    /// stacked by invisible edges so it takes one column.
    private func legend(_ picture: FlowPicture) -> String {
        var out = "  subgraph cluster_legend {\n"
        out += "    label=\"legend\"; fontsize=12; style=\"rounded\"; color=\"#999999\";\n"
        out += "    node [fontsize=9, width=1.4];\n"
        var ids: [String] = []
        let usedTrigger = picture.nodes.contains { $0.style == .trigger }
        let styles = [.arrival] + FlowPicture.Style.kindClasses + (usedTrigger ? [.trigger] : [])
        for style in styles {
            let id = "@legend-" + style.rawValue
            ids.append(id)
            let dashed = style == .trigger ? "filled,dashed" : "filled"
            out += "    \(quoted([id])) [label=\(quoted(style.legend)), shape=\(Self.shape(style)), style=\"\(dashed)\", fillcolor=\"\(Self.fill(style))\", tooltip=\(quoted(style.legend))];\n"
        }
        ids.append("@legend-unreachable")
        out += "    \"@legend-unreachable\" [label=\"unreachable\", shape=box, style=\"filled,dashed\", fillcolor=\"\(Self.unreachableFill)\", fontcolor=\"\(Self.unreachableText)\", color=\"\(Self.unreachableText)\", tooltip=\"no path from the call's arrival or any rule reaches it\"];\n"
        if picture.showsFindings {
            ids.append("@legend-findings")
            out += "    \"@legend-findings\" [label=\"has findings\\n(see tooltip)\", shape=box, fillcolor=\"#ffffff\", color=\"\(Self.findingColour)\", penwidth=3, tooltip=\"the linter reported findings here; the tooltip lists them\"];\n"
        }
        for (from, to) in zip(ids, ids.dropFirst()) {
            out += "    \(quoted([from])) -> \(quoted([to])) [style=invis];\n"
        }
        out += "  }\n"
        return out
    }

    private func quoted(_ lines: [String]) -> String {
        "\"" + PictureText.dot(lines) + "\""
    }
}
