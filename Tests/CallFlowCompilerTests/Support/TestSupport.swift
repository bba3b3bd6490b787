import Foundation
import Testing
@testable import CallFlowCompiler

/// Shared helpers: loading and decoding text held in memory, and reading positions.
enum Fixture {
    static let file = "flow.yaml"

    static func load(_ text: String, limits: InputLimits = .standard) -> LoadedDocument {
        YAMLLoader(limits: limits).load(SourceFile(path: file, text: text))
    }

    static func decode(_ text: String, path: String = file) -> FrontEndResult {
        FrontEnd().load(SourceFile(path: path, text: text))
    }

    /// A minimal valid flow whose nodes are `nodes` (indented two spaces by the caller's text).
    static func flow(_ body: String) -> String {
        "callflow: 1\nname: test\nstart: start\n" + body
    }
}

/// The findings of `callflow lint` on `text` held in memory as the file `path`: the driver's
/// stages through `graphChecks`, with the project's `config`. The one helper every check's tests use.
func lint(_ text: String, path: String = "t.yaml", with config: ProjectConfig = ProjectConfig()) -> [Diagnostic] {
    Driver(config: config).run(SourceFile(path: path, text: text), through: .graphChecks).diagnostics.diagnostics
}

/// The range `l1:c1` to `l2:c2` (end exclusive) in `file`.
func span(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int, file: String = Fixture.file) -> SourceRange {
    SourceRange(file: file, start: SourcePosition(line: l1, column: c1), end: SourcePosition(line: l2, column: c2))
}

func at(_ line: Int, _ column: Int) -> SourcePosition {
    SourcePosition(line: line, column: column)
}

extension YAMLNode {
    /// The value of `key` in this mapping.
    subscript(_ key: String) -> YAMLNode? {
        mappingPairs?.first { $0.key.scalarText == key }?.value
    }

    /// The key node `key` of this mapping.
    func keyNode(_ key: String) -> YAMLNode? {
        mappingPairs?.first { $0.key.scalarText == key }?.key
    }

    var keys: [String] {
        (mappingPairs.map(Array.init) ?? []).compactMap { $0.key.scalarText }
    }
}

extension Array where Element == Diagnostic {
    func with(_ check: String) -> [Diagnostic] { filter { $0.check == check } }

    var ids: [String] { map(\.check) }

    /// One line per finding, for failure messages.
    var dump: String {
        map { "\($0.range.start.line):\($0.range.start.column) \($0.check): \($0.message)" }.joined(separator: "\n")
    }
}

/// A fresh, empty folder under the system's temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("callflow-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    /// Writes `text` at `relative` (folders created), returning the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let target = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
