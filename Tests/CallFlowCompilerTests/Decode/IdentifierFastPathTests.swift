import Testing
@testable import CallFlowCompiler

/// Issue 17 (branch cpu18): `FlowDecoder.identifier` accepts most names from the scalar's bytes
/// (`YAMLNode.identifierText`) before making its string; whatever it accepts there, the general
/// route (`identifierGeneral`) must accept as the same located name, without a finding.
@Suite struct IdentifierFastPathTests {
    /// Scalars of every kind a name could be confused with, as values of one mapping.
    static let text = """
        a: main
        b: a-b_c9
        c: averyveryverylongnodename-with-parts
        d: null
        e: true
        f: false
        g: "true"
        h: 'null'
        i: "main"
        j: !!str main
        k: !!str true
        l: True
        m: NULL
        n: ~
        o:
        p: 1abc
        q: 12
        r: 0x1F
        s: .inf
        t: -a
        u: Main
        v: main node
        w: naïve
        x: nullx
        y: truee
        z: fals
        aa: |
          main
        ab: >-
          main
        ac: [main]
        ad: {main: 1}
        ae: 'a-b'
        af: n
        ag: y
        ah: "x y"
        ai: é
        aj: "falsehood"
        ak: !custom main

        """

    /// The names the fast path must take itself (the test fails if it declined everything).
    static let acceptedFast: Set<String> = ["a", "b", "c", "g", "h", "i", "x", "y", "z", "ab", "ae", "af", "ag", "aj"]

    @Test func theFastPathAgreesWithTheGeneralRoute() throws {
        let loaded = YAMLLoader().load(SourceFile(path: "names.yaml", text: Self.text))
        let pairs = try #require(loaded.root?.mappingPairs)
        #expect(loaded.diagnostics.isEmpty)
        var fast: Set<String> = []
        for pair in pairs {
            let key = try #require(pair.key.scalarText)
            let decoder = FlowDecoder(limits: .standard, fileSystem: SourceReader())
            let general = decoder.identifierGeneral(pair.value, what: "the value of \(key)")
            let generalFindings = decoder.bag.diagnostics.count
            if let text = pair.value.identifierText {
                fast.insert(key)
                #expect(general == Located(text, at: pair.value.range), "\(key)")
                #expect(generalFindings == 0, "\(key)")
            }
            // The whole reader: the same answer and the same findings either way.
            let whole = FlowDecoder(limits: .standard, fileSystem: SourceReader())
            #expect(whole.identifier(pair.value, what: "the value of \(key)") == general, "\(key)")
            #expect(whole.bag.diagnostics.map(\.message) == decoder.bag.diagnostics.map(\.message), "\(key)")
        }
        #expect(fast == Self.acceptedFast)
    }
}
