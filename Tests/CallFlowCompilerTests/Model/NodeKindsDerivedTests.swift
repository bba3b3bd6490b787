import CallFlowRuntime
import Testing
@testable import CallFlowCompiler

/// Issue 10: the decoder's shapes and the checks' outcome classes derive from the runtime's one
/// description of each kind (`NodeKindDescription`), and agree with what they were before.
@Suite struct NodeKindsDerivedTests {
    @Test func shapesComeFromTheDescriptions() {
        #expect(NodeShape.kindNames == NodeKindDescription.all.map(\.name))
        let expected: [String: (required: [String], optional: [String], fallback: [String], others: [String])] = [
            "say": (["next"], [], [], []),
            "menu": (["no_input", "no_match"], [], ["no_input", "no_match"], ["options", "timeout", "retries"]),
            "collect": (["next", "no_input", "no_match"], [], ["no_input", "no_match"], ["digits", "into", "timeout", "retries"]),
            "switch": (["else"], [], [], []),
            "hours": (["open", "closed"], ["holiday"], [], []),
            "lookup": (["next", "error"], ["not_found"], [], ["timeout", "sets", "with"]),
            "set": (["next"], [], [], []),
            "queue": (["overflow"], ["callback"], [], ["priority", "skills", "max_wait", "announce"]),
            "transfer": (["no_answer", "busy", "failed"], [], ["no_answer", "busy", "failed"], []),
            // Issue 14 item 7: a voicemail's greeting and settings, a callback's number.
            "voicemail": ([], [], [], ["greeting", "max_length", "transcribe"]), "callback": ([], [], [], ["number"]), "hangup": ([], [], [], []),
            "send": (["next", "error"], [], [], ["with"]),
        ]
        for shape in NodeShape.all {
            guard let want = expected[shape.kind] else {
                Issue.record("unexpected kind \(shape.kind)")
                continue
            }
            #expect(shape.requiredOutcomes == want.required, "\(shape.kind)")
            #expect(shape.optionalOutcomes == want.optional, "\(shape.kind)")
            #expect(shape.fallbackCovers == want.fallback, "\(shape.kind)")
            #expect(shape.otherKeys == want.others, "\(shape.kind)")
        }
        #expect(NodeShape.named("hours")?.defaultedOutcomes.map { "\($0.label)->\($0.from)" } == ["holiday->closed"])
        #expect(NodeShape.named("lookup")?.defaultedOutcomes.map { "\($0.label)->\($0.from)" } == ["not_found->next"])
        #expect(NodeShape.named("queue")?.defaultedOutcomes.isEmpty == true)
    }

    @Test func failureLabelsComeFromTheDescriptions() {
        #expect(FailureHangsUp.failureLabels == ["no_input", "no_match", "error", "overflow", "no_answer", "busy", "failed"])
    }

    @Test func everyFlowNodeKindNamesItsTableKind() {
        for shape in NodeShape.all {
            #expect(TableNodeKind.allCases.first { $0.name == shape.kind } != nil, "\(shape.kind)")
        }
    }
}

/// Issue 10, item 5: the front end as three stages (`FrontEndStages`): run in order they give what
/// `FrontEnd.load` gives; `decode` leaves names unresolved and conditions unparsed.
@Suite struct FrontEndStagesTests {
    static func dump(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.range.file):\($0.range.start.line):\($0.range.start.column) \($0.check): \($0.message)" }
    }

    static let broken = """
    callflow: 1
    name: broken
    start: route
    context:
      caller.vip: bool
    nodes:
      route:
        switch:
          - if: caller.vipp
            goto: desk
        else: dsek
      desk: {transfer: "+15550101", fallback: box, no_imput: box}
      box: {voicemail: general}

    """

    @Test func stagesInOrderGiveWhatTheFrontEndGives() throws {
        var sources = [SourceFile(path: "broken.yaml", text: Self.broken)]
        for path in Examples.flows { sources.append(try SourceReader().read(path)) }
        for source in sources {
            let whole = FrontEnd().load(source)
            let decoded = FrontEndStages.decode(source)
            let stage1 = try #require(decoded.decoded, "\(source.path)")
            #expect(stage1.flow.outcomeTargets.isEmpty)
            let resolved = FrontEndStages.resolve(stage1)
            #expect(resolved.decoded.flow.outcomeTargets.count == resolved.decoded.flow.nodes.count)
            let checked = FrontEndStages.typeCheck(resolved.decoded)
            let all = decoded.diagnostics + resolved.diagnostics + checked.diagnostics
            #expect(Self.dump(all) == Self.dump(whole.diagnostics), "\(source.path)")
            #expect(decoded.sources.map(\.path) == whole.sources.map(\.path))
            let flow = try #require(whole.flow)
            #expect(checked.flow.outcomeTargets == flow.outcomeTargets)
            #expect(checked.flow.nodes.map(\.id.value) == flow.nodes.map(\.id.value))
        }
    }

    @Test func eachStageReportsItsOwnFindings() throws {
        let decoded = FrontEndStages.decode(SourceFile(path: "broken.yaml", text: Self.broken))
        #expect(decoded.diagnostics.ids == ["unknown-key"])
        let resolved = FrontEndStages.resolve(try #require(decoded.decoded))
        #expect(resolved.diagnostics.ids == ["undefined-reference"])
        #expect(resolved.diagnostics.first?.message.contains("'dsek'") == true)
        // Before type checking no condition is parsed; after, the bad one has no tree and an error.
        guard case .switch(let before) = resolved.decoded.flow.nodes[0].kind else { Issue.record("not a switch"); return }
        #expect(before[0].condition.parsed == nil)
        let checked = FrontEndStages.typeCheck(resolved.decoded)
        #expect(checked.diagnostics.ids == ["expression"])
    }
}
