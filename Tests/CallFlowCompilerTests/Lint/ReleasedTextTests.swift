import Foundation
import Testing
@testable import CallFlowCompiler

/// Issue 17 (branch bytes18): `callflow lint` releases each file's text once decoded and reads
/// the lines findings show back from the file. The report must be byte for byte what it is with
/// the text held, and a file changed before the report is printed must show no line at all.
@Suite struct ReleasedTextTests {
    /// Front-end findings: a misspelt key, an expression error inside a folded scalar (its exact
    /// column is found by reading the scalar's lines again, in `typeCheck`, after the release),
    /// a line long enough to be cut to a window.
    static let frontEndFindings = """
        callflow: 1
        name: t
        start: main
        timezone: America/New_York
        context:
          caller.tier: {enum: [standard, gold, vip]}
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options:
              "1": route
              "2": operator
            no_imput: operator
          route:
            switch:
              - if: >
                  caller.tier == "gold" and
                  caller.tier + 3
                goto: operator
            else: operator
          talk: {say: "\(String(repeating: "x", count: 400))", nxt: vm}
          operator: {transfer: "+15550100", fallback: vm}
          vm: {voicemail: general}

        """

    /// Graph-check findings only: `prompt-keys` finds the word in a prompt by reading its lines
    /// during the graph checks, after the release.
    static let graphFindings = """
        callflow: 1
        name: g
        start: main
        timezone: America/New_York
        nodes:
          main:
            menu: >
              For sales press 1.
              For billing press 5.
            options:
              "1": operator
            fallback: operator
          operator: {transfer: "+15550100", fallback: vm}
          vm: {voicemail: general}

        """

    static func lint(_ paths: [String], releasing: Bool, split: Bool = false) -> LintReport {
        var linter = Linter()
        linter.splitsLargeFiles = split
        linter.releasesFileText = releasing
        return linter.lint(paths: paths).report
    }

    static func text(_ report: LintReport) -> String { TextRenderer(useColor: false).render(report) }

    /// Lints `paths` with the text held and released: the same text and SARIF reports, and every
    /// file read from disk was released.
    static func expectSameReports(_ paths: [String], split: Bool = false) {
        let held = lint(paths, releasing: false, split: split)
        let released = lint(paths, releasing: true, split: split)
        #expect(!held.diagnostics.isEmpty)
        #expect(held.sources.values.allSatisfy { $0.holdsBytes })
        #expect(released.sources.values.allSatisfy { !$0.holdsBytes })
        #expect(text(released) == text(held))
        let sarif = SARIFRenderer(workingDirectory: "/")
        #expect(sarif.render(released, failures: []) == sarif.render(held, failures: []))
        #expect(released.sources.values.allSatisfy { $0.textUnavailable == nil })
    }

    @Test func oneFileWithFindingsPrintsTheSameReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        Self.expectSameReports([try folder.write("one.yaml", Self.frontEndFindings)])
        let graph = try folder.write("graph.yaml", Self.graphFindings)
        #expect(Self.lint([graph], releasing: true).diagnostics.contains { $0.check == "prompt-keys" })
        Self.expectSameReports([graph])
    }

    @Test func includedFilesAreReleasedAndPrintTheSameReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = Self.graphFindings.replacingOccurrences(of: "nodes:", with: "include: [queues.yaml]\nnodes:")
            .replacingOccurrences(of: "fallback: operator", with: "fallback: line")
            + "  line: {queue: help, overflow: vm}\n"
        try folder.write("queues.yaml", "queues:\n  help: {max_wait: 5m}\n  other: {max_wait: 9m, colour: red}\n")
        let path = try folder.write("root.yaml", root)
        let report = Self.lint([path], releasing: true)
        #expect(report.sources.count == 2)
        #expect(report.diagnostics.contains { $0.range.file.hasSuffix("queues.yaml") })
        Self.expectSameReports([path])
    }

    @Test func manyFilesPrintTheSameReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let own = [try folder.write("one.yaml", Self.frontEndFindings), try folder.write("graph.yaml", Self.graphFindings)]
        Self.expectSameReports(own + Examples.flowsAndSharedYAML())
    }

    /// A file over `NodesSplit.threshold`, read on two cores, with findings in both halves and
    /// lines more than one read-back window apart.
    @Test func aSplitFilePrintsTheSameReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var text = StreamedDecodeTests.generated(groups: 1_000)
        #expect(text.utf8.count >= NodesSplit.threshold)
        text = text.replacingOccurrences(of: "  m10:\n", with: "  m10:\n    colour: red\n")
            .replacingOccurrences(of: "  m900:\n", with: "  m900:\n    colour: blue\n")
        let path = try folder.write("big.yaml", text + "  broken: {say: 3, nxt: m0}\n")
        Self.expectSameReports([path], split: true)
    }

    /// Every line and position read back from a released file (windows of 64 KiB, lines across
    /// their edges, a long line) is the line held; text given in memory is never released.
    @Test func linesReadBackAreTheLinesRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var text = ""
        for i in 0..<9_000 { text += i % 1_000 == 7 ? String(repeating: "é", count: 70_000) + "\n" : "line \(i)\r\n" }
        let path = try folder.write("lines.txt", text + "last")
        let held = try SourceReader().read(path)
        let released = try SourceReader().read(path)
        #expect(released.releaseBytes())
        #expect(!released.holdsBytes)
        for number in [0, 1, 2, 8, 9, 3_000, 8_999, 9_000, 9_001, 9_002] + Array(stride(from: 1, to: 9_002, by: 97)) {
            #expect(released.line(number) == held.line(number), "line \(number)")
        }
        for offset in [0, 5, 70, 140_011, 200_000, held.bytes.count - 1, held.bytes.count] {
            #expect(released.position(ofByte: offset) == held.position(ofByte: offset))
        }
        #expect(released.bytes == held.bytes)
        #expect(released.textUnavailable == nil)
        // Both against the lines and positions counted here, in order, backwards and scattered
        // (a line is found from its block of 64 lines or from the line found before it).
        let bytes = Array((text + "last").utf8)
        let reference = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0, as: UTF8.self) }
        #expect(held.lineCount == reference.count && released.lineCount == reference.count)
        let numbers = Array(1...reference.count)
        for order in [numbers, numbers.reversed(), numbers.map { ($0 * 7_919) % reference.count + 1 }] {
            let wrong = order.filter { held.line($0) != reference[$0 - 1] || released.line($0) != reference[$0 - 1] }
            #expect(wrong.isEmpty, "lines \(wrong.prefix(5))")
        }
        for offset in [0, 1, 5, 6, 7, 70, 700, 12_345, 140_011, 200_000, bytes.count - 5, bytes.count] {
            let before = bytes[..<offset]
            let lineStart = (before.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
            let expected = SourcePosition(line: before.count { $0 == UInt8(ascii: "\n") } + 1,
                                          column: bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1)
            #expect(held.position(ofByte: offset) == expected && released.position(ofByte: offset) == expected, "offset \(offset)")
        }
        let memory = SourceFile(path: path, text: text)
        #expect(!memory.releaseBytes())
        #expect(memory.holdsBytes)
    }

    /// `SourceReader` reads through one descriptor (for its `fstat`): the same bytes as the file
    /// read whole by Foundation, an empty file too, and the identity of what it read.
    @Test func theReaderReadsTheFileWithItsIdentity() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let empty = try folder.write("empty.yaml", "")
        for path in Examples.flowsAndSharedYAML() + [empty] {
            let source = try SourceReader().read(path)
            #expect(source.bytes == [UInt8](try #require(FileManager.default.contents(atPath: path))), "\(path)")
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(source.identity?.size == (attributes[.size] as? Int), "\(path)")
            #expect(source.identity?.inode == (attributes[.systemFileNumber] as? UInt64), "\(path)")
        }
        // Another version of the file, at the same path, is another identity.
        let first = try SourceReader().read(empty).identity
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: empty)
        #expect(try SourceReader().read(empty).identity != first)
    }

    /// Lines read back while the file was unchanged (here in `typeCheck`, for the expression
    /// error's exact column: the window holds the whole small file) are the lines linted, and are
    /// shown even though the file changed before the report.
    @Test func linesReadBackBeforeAChangeAreStillShown() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("one.yaml", Self.frontEndFindings)
        let held = Self.lint([path], releasing: false)
        let report = Self.lint([path], releasing: true)
        try Data("callflow: 1\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(Self.text(report) == Self.text(held))
        #expect(report.sources[path]?.textUnavailable == nil)
    }

    /// Findings whose lines nothing reads before the report (no expression error).
    static let keyFindings = frontEndFindings.replacingOccurrences(of: "caller.tier + 3", with: "caller.tier == \"vip\"")

    /// The file rewritten (other content, same size, other modification time), truncated or
    /// removed between the lint and its report: no source line, one note for the file in place of
    /// its first excerpt, the findings and their count unchanged.
    @Test(arguments: ["rewritten", "truncated", "removed"])
    func aFileChangedBeforeTheReportShowsNoLines(_ change: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("one.yaml", Self.keyFindings)
        let other = try folder.write("graph.yaml", Self.graphFindings)
        let held = Self.lint([path, other], releasing: false)
        let report = Self.lint([path, other], releasing: true)
        switch change {
        case "rewritten":
            let scrambled = String(Self.keyFindings.map { $0 == "o" ? "0" : $0 })
            #expect(scrambled.utf8.count == Self.keyFindings.utf8.count)
            try Data(scrambled.utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3_600)], ofItemAtPath: path)
        case "truncated":
            try Data(Self.keyFindings.utf8.prefix(100)).write(to: URL(fileURLWithPath: path))
        default:
            try FileManager.default.removeItem(atPath: path)
        }
        let note = "note: \(path) changed while it was being linted; source lines not shown\n"
        let printed = Self.text(report)
        #expect(printed.components(separatedBy: note).count == 2)
        // The first finding's header, then the note, then the next finding's header.
        let first = try #require(report.diagnostics.first { $0.range.file == path })
        let header = "\(path):\(first.range.start.line):\(first.range.start.column): "
        #expect(printed.contains(note) && printed.components(separatedBy: "\n").drop { !$0.hasPrefix(header) }.dropFirst().first == String(note.dropLast()))
        // Without the note: the report with that file's lines left out; the other file's shown.
        var withoutLines = held
        withoutLines.sources[path] = nil
        #expect(printed.replacingOccurrences(of: note, with: "") == Self.text(withoutLines))
        #expect(report.errorCount == held.errorCount && report.warningCount == held.warningCount)
        #expect(report.sources[path]?.textUnavailable == .changed)
        #expect(report.sources[other]?.textUnavailable == nil)
        // SARIF's fingerprints hash source lines: its log says they were made without them.
        let sarif = SARIFRenderer(workingDirectory: "/").render(report)
        #expect(sarif.contains("\(path) changed while it was being linted; source lines not shown; the fingerprints of its findings were made without them"))
        #expect(!sarif.contains("\(other) changed"))
    }
}
