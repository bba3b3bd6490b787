import Testing
@testable import CallFlowCompiler

/// The flow pictures: escaping of every string for DOT and Mermaid, findings, unreachable nodes,
/// rule edges. Golden files of the example flows are compared in CallFlowCLITests/DotCommandTests.
@Suite struct FlowPictureTests {
    /// Lints `text` as the command does and draws it.
    static func picture(_ text: String, showFindings: Bool = true) throws -> FlowPicture {
        let result = Linter().lint(SourceFile(path: Fixture.file, text: text))
        let flow = try #require(result.flow)
        #expect(!result.diagnostics.contains { $0.severity == .error && CheckRegistry.frontEnd.map(\.id).contains($0.check) },
                "\(result.diagnostics.dump)")
        return FlowPicture(FlowGraph(flow), findings: result.diagnostics, showFindings: showFindings)
    }

    /// A flow whose prompts hold every character that needs escaping.
    static let tricky = Fixture.flow(##"""
    nodes:
      start:
        say: "He said \"hi\" \\ then left\nsecond line <b>bold</b> & more &amp; \\n #35; | ` $$x$$"
        next: bye
      bye:
        hangup: "a\\l b\r\nc"

    """##)

    @Test func dotEscapesQuotesBackslashesNewlinesAndAmpersands() throws {
        let dot = DotRenderer().render(try Self.picture(Self.tricky))
        // The whole prompt in the tooltip: the line break as \n, `\` doubled, `"` escaped, `&` as &amp;.
        #expect(dot.contains(##"tooltip="start (say)\nsay: He said \"hi\" \\ then left\nsecond line <b>bold</b> &amp; more &amp;amp; \\n #35; | ` $$x$$""##))
        // The label: one line, shortened at a word with an ellipsis.
        #expect(dot.contains(##"label="start\nsay: He said \"hi\" \\ then left second line…""##))
        // CR LF is one line break; `\l` stays text.
        #expect(dot.contains(##"tooltip="bye (hangup)\nhangup: a\\l b\nc""##))
        // No raw line break or unescaped quote inside any quoted string: every line is whole.
        for line in dot.split(separator: "\n") {
            var quotes = 0, escaped = false
            for character in line {
                if escaped { escaped = false; continue }
                if character == "\\" { escaped = true } else if character == "\"" { quotes += 1 }
            }
            #expect(quotes % 2 == 0, "unbalanced quotes: \(line)")
        }
    }

    @Test func escapingHelpers() {
        #expect(PictureText.dot(["a\"b\\c", "d&e<f>"]) == ##"a\"b\\c\nd&amp;e<f>"##)
        #expect(PictureText.dot(["x\ty\u{7}z"]) == "x y z")
        #expect(PictureText.mermaid(["say \"hi\" #1 <b>&</b>", "a|b `c` $d$"])
                == "say #quot;hi#quot; #35;1 #lt;b#gt;#amp;#lt;/b#gt;<br/>a#124;b #96;c#96; #36;d#36;")
        #expect(PictureText.shorten("  one   two\nthree  ") == "one two three")
        #expect(PictureText.shorten("For an existing ticket, press 1. To report a new problem", limit: 20) == "For an existing…")
        #expect(PictureText.shorten("abcdefghijklmnopqrstuvwxyz", limit: 10) == "abcdefghi…")
        #expect(PictureText.shorten("x", limit: 1) == "x")
    }

    @Test func mermaidIDsAreSanitisedAndDistinct() {
        var taken: Set<String> = []
        #expect(PictureText.mermaidID("end", taken: &taken) == "n_end")
        #expect(PictureText.mermaidID("a-b", taken: &taken) == "n_a_b")
        #expect(PictureText.mermaidID("a_b", taken: &taken) == "n_a_b_2")
        #expect(PictureText.mermaidID("o-x", taken: &taken) == "n_o_x")
    }

    @Test func mermaidEscapesLabelsAndUsesClasses() throws {
        let mermaid = MermaidRenderer().render(try Self.picture(Self.tricky))
        #expect(mermaid.hasPrefix("%% callflow dot --format mermaid: flow 'test'\nflowchart TD\n"))
        #expect(mermaid.contains(##"  n_start["start<br/>say: He said #quot;hi#quot; \ then left second line…"]:::action"##))
        #expect(mermaid.contains(##"  n_bye((("bye<br/>hangup: a\l b c"))):::hangUp"##))
        #expect(mermaid.contains(##"  entry_arrives -->|"start"| n_start"##))
        #expect(mermaid.contains("  classDef hangUp fill:#ffc9c9,stroke:#333333\n"))
        // Labels never hold a raw quote, `<` or line break.
        for line in mermaid.split(separator: "\n") where line.contains("[\"") {
            let inside = line.drop { $0 != "\"" }.dropFirst().prefix { $0 != "\"" }
            #expect(!inside.contains("<") || inside.contains("<br/>"))
        }
    }

    static let withProblems = Fixture.flow("""
    escalations:
      - name: ask
        at: request
        goto: desk
      - name: slow
        at: failure
        when: call.failures >= 2
        goto: desk
      - name: waiting
        at: queue
        when: queue.wait > 5m
        goto: mailbox
    nodes:
      start:
        menu: "For sales press 1."
        options:
          "1": line
          "2": desk
        fallback: desk
      line: {queue: sales, overflow: mailbox}
      desk: {transfer: "+15550100", fallback: mailbox}
      mailbox: {voicemail: general}
      orphan:
        say: "Nobody comes here."
        next: mailbox
    queues:
      sales: {max_wait: 5m}

    """)

    @Test func findingsUnreachableNodesAndRuleEdges() throws {
        let picture = try Self.picture(Self.withProblems)
        let orphan = try #require(picture.nodes.first { $0.id == "orphan" })
        #expect(orphan.unreachable)
        #expect(orphan.findings.map(\.check) == ["unreachable-node"])
        let menu = try #require(picture.nodes.first { $0.id == "start" })
        #expect(menu.findings.map(\.check).contains("prompt-keys"))
        #expect(!menu.unreachable)

        let dot = DotRenderer().render(picture)
        #expect(dot.contains(##""orphan" [label="orphan\nsay: Nobody comes here.", shape=box, style="filled,dashed", fillcolor="#eeeeee", fontcolor="#888888", color="#d00000", penwidth=3, tooltip="orphan (say)\nsay: Nobody comes here.\nunreachable: no path from the call's arrival or any rule reaches it\nwarning 26:3: "##))
        #expect(dot.contains(##""@request" -> "desk" [label="ask", style=dashed"##))
        #expect(dot.contains(##""@failure" -> "desk" [label="slow\nwhen call.failures >= 2", style=dashed"##))
        #expect(dot.contains(##""@queue" -> "mailbox" [label="waiting\nwhen queue.wait > 5m", style=dashed"##))
        // Parallel outcomes to one target are one edge.
        #expect(dot.contains(##""start" -> "desk" [label="2, no_input, no_match""##))
        #expect(dot.contains(##""desk" -> "mailbox" [label="no_answer, busy, failed""##))

        let mermaid = MermaidRenderer().render(picture)
        #expect(mermaid.contains("  n_orphan[\"orphan<br/>say: Nobody comes here.\"]:::unreachable\n"))
        #expect(mermaid.contains("  style n_orphan stroke:#d00000,stroke-width:3px\n"))
        #expect(mermaid.contains("  entry_request -.->|\"ask\"| n_desk\n"))
        #expect(mermaid.contains("  %% finding at n_orphan: warning flow.yaml:26:3: "))

        // --no-findings: no red, no finding tooltips, unreachable still grey.
        let plain = DotRenderer().render(try Self.picture(Self.withProblems, showFindings: false))
        #expect(!plain.contains("#d00000"))
        #expect(!plain.contains("[unreachable-node]"))
        #expect(plain.contains(##""orphan" [label="orphan\nsay: Nobody comes here.", shape=box, style="filled,dashed", fillcolor="#eeeeee", fontcolor="#888888", color="#888888", tooltip="##))
    }

    @Test func ruleFindingsColourTheRuleEdge() throws {
        let text = Fixture.flow("""
        escalations:
          - name: always
            at: start
            when: call.priority >= 0 or call.priority < 0
            goto: desk
        nodes:
          start: {transfer: "+15550100", fallback: mailbox}
          desk: {transfer: "+15550101", fallback: mailbox}
          mailbox: {voicemail: general}

        """)
        let picture = try Self.picture(text)
        let rule = try #require(picture.edges.first { $0.isRule })
        #expect(rule.findings.map(\.check) == ["constant-condition"])
        #expect(DotRenderer().render(picture).contains(##""@arrives" -> "desk" [label="always\nwhen call.priority >= 0 or…", style=dashed, color="#d00000", fontcolor="#d00000", penwidth=2, tooltip="##))
    }

    @Test func outputIsDeterministic() throws {
        let first = DotRenderer().render(try Self.picture(Self.withProblems))
        for _ in 0..<5 {
            #expect(DotRenderer().render(try Self.picture(Self.withProblems)) == first)
        }
    }
}
