/// Findings as a SARIF 2.1.0 log, the format code-scanning services read (GitHub code scanning
/// among them): one run whose tool lists every check as a rule with its help, and one result per
/// finding with its place, the places of its notes and a fingerprint that survives edits
/// elsewhere in the file.
///
/// Files are given relative to the folder the command ran in (`%SRCROOT%`), with forward slashes
/// and percent-encoded; a file outside that folder gets an absolute `file://` URI. Columns count
/// Unicode code points, as every callflow column does. Keys are written in a fixed order, so the
/// same findings in the same folder give the same bytes.
public struct SARIFRenderer: Sendable {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let informationURI = "https://github.com/callflow/callflow"
    /// The key of the fingerprint in `partialFingerprints`. A change to how it is computed must
    /// change the version, so services do not match old alerts to new fingerprints.
    public static let fingerprintKey = "callflowFingerprint/v1"
    /// The only fingerprint GitHub code scanning reads: a hash of the primary line's text.
    public static let lineHashKey = "primaryLocationLineHash"
    /// GitHub code scanning refuses a run with more results; the rest are counted in a notification.
    public static let maxResults = 25_000
    /// GitHub code scanning's limit on a rule's `fullDescription.text`; the whole text is in `help`.
    public static let maxFullDescription = 1_024
    static let sourceRoot = "%SRCROOT%"

    /// The folder relative paths are relative to: the command's current directory.
    public var workingDirectory: String
    /// The rules of the run, in order (`ruleIndex` points into them).
    public var checks: [CheckDescriptor]

    public init(workingDirectory: String, checks: [CheckDescriptor] = CheckRegistry.all) {
        self.workingDirectory = workingDirectory
        self.checks = checks
    }

    /// The log of `report`. `failures` are what stopped the command from checking everything (a
    /// missing file): with any, the invocation records `executionSuccessful: false` and one
    /// notification per failure, so a CI upload step still gets a valid log.
    public func render(_ report: LintReport, failures: [String] = []) -> String {
        var rules = checks.map(rule)
        var ruleIndex: [String: Int] = [:]
        for (index, check) in checks.enumerated() where ruleIndex[check.id] == nil {
            ruleIndex[check.id] = index
        }
        // A finding of a check the run does not list still gets a rule, so every ruleIndex holds.
        for diagnostic in report.diagnostics where ruleIndex[diagnostic.check] == nil {
            ruleIndex[diagnostic.check] = rules.count
            rules.append(unlistedRule(diagnostic))
        }
        let fingerprints = Self.fingerprints(report, workingDirectory: workingDirectory)
        let lineHashes = Self.lineHashes(report)
        var results: [JSONValue] = []
        for (index, diagnostic) in report.diagnostics.enumerated().prefix(Self.maxResults) {
            results.append(result(diagnostic, ruleIndex: ruleIndex[diagnostic.check] ?? 0,
                                  fingerprint: fingerprints[index], lineHash: lineHashes[index]))
        }
        var notifications: [JSONValue] = failures.map { failure in
            .object([("level", .string("error")), ("message", .object([("text", .string(failure))]))])
        }
        // A file whose lines could not be read back (`SourceFile.textUnavailable`, after the
        // fingerprints above asked for them): its fingerprints hold no source lines, so say so.
        for source in report.sources.values.sorted(by: { $0.path < $1.path }) {
            guard let reason = source.textUnavailable else { continue }
            notifications.append(.object([
                ("level", .string("warning")),
                ("message", .object([("text", .string(reason.note(source.path) + "; the fingerprints of its findings were made without them"))])),
            ]))
        }
        let leftOut = report.diagnostics.count - results.count
        if leftOut > 0 {
            notifications.append(.object([
                ("level", .string("warning")),
                ("message", .object([("text", .string(
                    "\(leftOut) more finding\(leftOut == 1 ? " was" : "s were") left out: a run holds at most \(Self.maxResults) results; `callflow lint` prints them all"))])),
            ]))
        }
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(failures.isEmpty))]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        let root = ArtifactPath.absolute(".", workingDirectory: workingDirectory)
        let rootURI = "file://" + ArtifactPath.percentEncoded(root == "/" ? "/" : root + "/")
        let driver: JSONValue = .object([
            ("name", .string("callflow")),
            ("version", .string(CallFlowVersion.current)),
            ("semanticVersion", .string(CallFlowVersion.current)),
            ("informationUri", .string(Self.informationURI)),
            ("rules", .array(rules)),
        ])
        let run: JSONValue = .object([
            ("tool", .object([("driver", driver)])),
            ("originalUriBaseIds", .object([(Self.sourceRoot, .object([("uri", .string(rootURI))]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("invocations", .array([.object(invocation)])),
            ("results", .array(results)),
        ])
        let log: JSONValue = .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return log.rendered() + "\n"
    }

    // MARK: Rules

    /// `dead-end` → `DeadEnd`.
    static func ruleName(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private func rule(_ check: CheckDescriptor) -> JSONValue {
        var tags: [JSONValue] = [.string("callflow")]
        if CheckRegistry.frontEnd.contains(where: { $0.id == check.id }) {
            tags.append(.string("front-end"))
        } else if CheckRegistry.meta.contains(where: { $0.id == check.id }) {
            tags.append(.string("meta"))
        } else if CheckRegistry.graphChecks.contains(where: { $0.descriptor.id == check.id }) {
            tags.append(.string("graph"))
        }
        return .object([
            ("id", .string(check.id)),
            ("name", .string(Self.ruleName(check.id))),
            ("shortDescription", .object([("text", .string(check.summary))])),
            ("fullDescription", .object([("text", .string(Self.fullDescription(check.explanation)))])),
            ("help", .object([
                ("text", .string(CheckExplanation.text(check))),
                ("markdown", .string(Self.helpMarkdown(check))),
            ])),
            ("defaultConfiguration", .object([("level", .string(check.severity.rawValue))])),
            ("properties", .object([("tags", .array(tags))])),
        ])
    }

    /// The explanation cut to GitHub's 1,024 characters at a sentence (or word) end; `help`
    /// always holds the whole of it.
    static func fullDescription(_ explanation: String) -> String {
        guard explanation.count > maxFullDescription else { return explanation }
        let suffix = " (more in the rule's help)"
        let head = String(explanation.prefix(maxFullDescription - suffix.count))
        if let stop = head.range(of: ". ", options: .backwards), head.distance(from: head.startIndex, to: stop.lowerBound) > maxFullDescription / 2 {
            return String(head[...stop.lowerBound]) + suffix
        }
        let cut = head.lastIndex(of: " ") ?? head.endIndex
        return String(head[..<cut]) + "…" + suffix
    }

    static func helpMarkdown(_ check: CheckDescriptor) -> String {
        var out = check.explanation + "\n"
        if !check.options.isEmpty {
            out += "\nOptions (in `.callflow.yml`):\n\n"
            for option in check.options {
                out += "- `\(option.name)` (default `\(option.defaultValue)`): \(option.help)\n"
            }
        }
        out += "\nFails:\n\n```yaml\n\(check.failingExample)\n```\n\nPasses:\n\n```yaml\n\(check.passingExample)\n```\n"
        return out
    }

    private func unlistedRule(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("id", .string(diagnostic.check)),
            ("name", .string(Self.ruleName(diagnostic.check))),
            ("shortDescription", .object([("text", .string(diagnostic.check))])),
            ("defaultConfiguration", .object([("level", .string(diagnostic.severity.rawValue))])),
        ])
    }

    // MARK: Results

    private func result(_ diagnostic: Diagnostic, ruleIndex: Int, fingerprint: String, lineHash: String) -> JSONValue {
        // Notes are also written into the message, each placed note as a link `[text](id)` to
        // its related location: GitHub shows the message and turns such links into links to
        // the place.
        var text = Self.escapedForLink(diagnostic.message)
        var related: [JSONValue] = []
        for note in diagnostic.notes {
            guard let range = note.range else {
                text += "\nnote: " + Self.escapedForLink(note.message)
                continue
            }
            let id = related.count + 1
            text += "\nnote: [\(Self.escapedForLink(note.message))](\(id))"
            related.append(.object([
                ("id", .integer(id)),
                ("message", .object([("text", .string(note.message))])),
                ("physicalLocation", physicalLocation(range)),
            ]))
        }
        var fields: [(String, JSONValue)] = [
            ("ruleId", .string(diagnostic.check)),
            ("ruleIndex", .integer(ruleIndex)),
            ("level", .string(diagnostic.severity.rawValue)),
            ("message", .object([("text", .string(text))])),
            ("locations", .array([.object([("physicalLocation", physicalLocation(diagnostic.range))])])),
        ]
        if !related.isEmpty { fields.append(("relatedLocations", .array(related))) }
        fields.append(("partialFingerprints", .object([
            (Self.fingerprintKey, .string(fingerprint)),
            (Self.lineHashKey, .string(lineHash)),
        ])))
        return .object(fields)
    }

    private func physicalLocation(_ range: SourceRange) -> JSONValue {
        let artifact: JSONValue
        if let relative = ArtifactPath.relative(range.file, workingDirectory: workingDirectory) {
            artifact = .object([
                ("uri", .string(ArtifactPath.percentEncoded(relative))),
                ("uriBaseId", .string(Self.sourceRoot)),
            ])
        } else {
            let absolute = ArtifactPath.absolute(range.file, workingDirectory: workingDirectory)
            artifact = .object([("uri", .string("file://" + ArtifactPath.percentEncoded(absolute)))])
        }
        // SARIF's end column, like callflow's, is the column just after the region.
        let startLine = max(range.start.line, 1)
        let startColumn = max(range.start.column, 1)
        let endLine = max(range.end.line, startLine)
        let endColumn = endLine == startLine ? max(range.end.column, startColumn) : max(range.end.column, 1)
        return .object([
            ("artifactLocation", artifact),
            ("region", .object([
                ("startLine", .integer(startLine)),
                ("startColumn", .integer(startColumn)),
                ("endLine", .integer(endLine)),
                ("endColumn", .integer(endColumn)),
            ])),
        ])
    }

    // MARK: Fingerprints

    /// One fingerprint per finding of `report`, in order: FNV-1a (64 bits, hex) of the check id,
    /// the file's path, the text of the source lines the finding covers (at most five, each
    /// trimmed of white space) and the message, then `:` and which occurrence of that hash this
    /// is in the report (1, 2, ...). No line or column number goes in, so lines inserted or
    /// removed elsewhere leave it unchanged.
    static func fingerprints(_ report: LintReport, workingDirectory: String) -> [String] {
        var seen: [String: Int] = [:]
        return report.diagnostics.map { diagnostic in
            let range = diagnostic.range
            let file = ArtifactPath.relative(range.file, workingDirectory: workingDirectory)
                ?? ArtifactPath.absolute(range.file, workingDirectory: workingDirectory)
            var lines: [String] = []
            if let source = report.sources[range.file] {
                // A range ending at the start of a line does not cover that line.
                let last = range.end.line > range.start.line && range.end.column <= 1 ? range.end.line - 1 : range.end.line
                var number = range.start.line
                while number <= min(max(last, range.start.line), range.start.line + 4), let line = source.line(number) {
                    lines.append(trimmed(line))
                    number += 1
                }
            }
            let hash = fnv1a64([diagnostic.check, file, lines.joined(separator: "\n"), diagnostic.message].joined(separator: "\u{0}"))
            let occurrence = (seen[hash] ?? 0) + 1
            seen[hash] = occurrence
            return hash + ":" + String(occurrence)
        }
    }

    /// Brackets in message text are escaped (SARIF 3.11.6): only the note links are links.
    static func escapedForLink(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "[" || character == "]" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// `primaryLocationLineHash` per finding of `report`, as GitHub computes its own: a hash of
    /// the text of the finding's first line (white space trimmed), then `:` and which occurrence
    /// of that hash in the file this is.
    static func lineHashes(_ report: LintReport) -> [String] {
        var seen: [String: Int] = [:]
        return report.diagnostics.map { diagnostic in
            let range = diagnostic.range
            let line = report.sources[range.file]?.line(range.start.line).map(trimmed) ?? ""
            let hash = fnv1a64(line)
            let key = range.file + "\u{0}" + hash
            let occurrence = (seen[key] ?? 0) + 1
            seen[key] = occurrence
            return hash + ":" + String(occurrence)
        }
    }

    /// FNV-1a, 64 bits, of the UTF-8 bytes of `text`, as 16 lowercase hex digits.
    static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func trimmed(_ line: String) -> String {
        var characters = Substring(line)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }
}
