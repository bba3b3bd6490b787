/// A `FlowPicture` as a Mermaid flowchart (`callflow dot --format mermaid`), the picture GitHub
/// draws from a ```` ```mermaid ```` block: the same nodes, shapes, fills, edges and legend as the
/// DOT. Node ids are sanitised (`PictureText.mermaidID`), labels escaped (`PictureText.mermaid`).
/// Mermaid on GitHub shows no tooltips, so findings are a red outline plus `%%` comment lines
/// that name them; whole prompts are not repeated.
public struct MermaidRenderer: Sendable {
    public init() {}

    /// The node shape around a quoted label.
    static func wrap(_ style: FlowPicture.Style, _ label: String) -> String {
        switch style {
        case .callerFacing: "[/\"\(label)\"/]"
        case .decision: "{\"\(label)\"}"
        case .action: "[\"\(label)\"]"
        case .liveHuman: "{{\"\(label)\"}}"
        case .deferredHuman: "[(\"\(label)\")]"
        case .end: "(((\"\(label)\")))"
        case .arrival, .trigger: "([\"\(label)\"])"
        }
    }

    /// The class name of a style (`end` is a Mermaid keyword, so the hang-up class is `hangUp`).
    static func className(_ style: FlowPicture.Style) -> String {
        style == .end ? "hangUp" : style.rawValue
    }

    public func render(_ picture: FlowPicture) -> String {
        var ids: [String: String] = [:]
        var taken: Set<String> = []
        for node in picture.nodes {
            if node.id.hasPrefix("@") {
                ids[node.id] = "entry_" + node.id.dropFirst()
            } else {
                ids[node.id] = PictureText.mermaidID(node.id, taken: &taken)
            }
        }

        var out = "%% callflow dot --format mermaid: flow '\(PictureText.mermaidComment(picture.name))'\n"
        out += "flowchart TD\n"
        out += "  subgraph legend[\"legend\"]\n    direction TB\n"
        let styles = [.arrival] + FlowPicture.Style.kindClasses + (picture.nodes.contains { $0.style == .trigger } ? [.trigger] : [])
        for style in styles {
            out += "    legend_\(Self.className(style))\(Self.wrap(style, PictureText.mermaid(style.legend))):::\(Self.className(style))\n"
        }
        out += "    legend_unreachable[\"unreachable\"]:::unreachable\n"
        if picture.showsFindings { out += "    legend_findings[\"has findings\"]:::finding\n" }
        out += "  end\n"

        for node in picture.nodes {
            let id = ids[node.id] ?? node.id
            let className = node.unreachable ? "unreachable" : Self.className(node.style)
            out += "  \(id)\(Self.wrap(node.style, PictureText.mermaid(node.label))):::\(className)\n"
        }

        var redLinks: [Int] = []
        for (index, edge) in picture.edges.enumerated() {
            // A critical option is a thick link (a critical rule stays dotted; its label says critical).
            let arrow = edge.isRule ? "-.->" : edge.isCritical ? "==>" : "-->"
            out += "  \(ids[edge.from] ?? edge.from) \(arrow)|\"\(PictureText.mermaid(edge.label))\"| \(ids[edge.to] ?? edge.to)\n"
            if !edge.findings.isEmpty { redLinks.append(index) }
        }

        out += "  classDef callerFacing fill:\(DotRenderer.fill(.callerFacing)),stroke:#333333\n"
        out += "  classDef decision fill:\(DotRenderer.fill(.decision)),stroke:#333333\n"
        out += "  classDef action fill:\(DotRenderer.fill(.action)),stroke:#333333\n"
        out += "  classDef liveHuman fill:\(DotRenderer.fill(.liveHuman)),stroke:#333333\n"
        out += "  classDef deferredHuman fill:\(DotRenderer.fill(.deferredHuman)),stroke:#333333\n"
        out += "  classDef hangUp fill:\(DotRenderer.fill(.end)),stroke:#333333\n"
        out += "  classDef arrival fill:#ffffff,stroke:#333333\n"
        out += "  classDef trigger fill:#ffffff,stroke:#333333,stroke-dasharray:5 3\n"
        out += "  classDef unreachable fill:\(DotRenderer.unreachableFill),stroke:\(DotRenderer.unreachableText),color:\(DotRenderer.unreachableText),stroke-dasharray:5 3\n"
        out += "  classDef finding fill:#ffffff,stroke:\(DotRenderer.findingColour),stroke-width:3px\n"

        let flagged = picture.nodes.filter { !$0.findings.isEmpty }
        for node in flagged {
            out += "  style \(ids[node.id] ?? node.id) stroke:\(DotRenderer.findingColour),stroke-width:3px\n"
        }
        if !redLinks.isEmpty {
            out += "  linkStyle \(redLinks.map(String.init).joined(separator: ",")) stroke:\(DotRenderer.findingColour),color:\(DotRenderer.findingColour)\n"
        }
        let findings = picture.nodes.map { (ids[$0.id] ?? $0.id, $0.findings) }
            + picture.edges.map { ("\(ids[$0.from] ?? $0.from) to \(ids[$0.to] ?? $0.to)", $0.findings) }
        for (place, list) in findings where !list.isEmpty {
            for line in FlowPicture.findingLines(list, file: "") {
                out += "  %% finding at \(place): \(PictureText.mermaidComment(line))\n"
            }
        }
        return out
    }
}
