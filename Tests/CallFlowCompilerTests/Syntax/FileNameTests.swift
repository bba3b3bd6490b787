import Testing
@testable import CallFlowCompiler

/// Issue 10, item 6: no process-wide file table. A range holds its file's name, made when its
/// file is read, so compilations share nothing and their names go with them.
@Suite struct FileTableTests {
    static let flow = """
    callflow: 1
    name: files
    start: greeting
    nodes:
      greeting: {say: "Hello.", next: gone}

    """

    @Test func twoCompilationsInOneProcessDoNotShareAFileTable() throws {
        let source = SourceFile(path: "same.yaml", text: Self.flow)
        let first = Driver().run(source, through: .graphChecks)
        let second = Driver().run(source, through: .graphChecks)
        let a = try #require(first.diagnostics.diagnostics.first).range
        let b = try #require(second.diagnostics.diagnostics.first).range
        #expect(a.fileName !== b.fileName)
        // Equal all the same: the same path and positions.
        #expect(a == b && a.hashValue == b.hashValue && a.isInSameFile(as: b))
        #expect(a.file == "same.yaml")
    }

    @Test func aCompilationsFileNamesGoWithIt() {
        weak var name: FileName?
        do {
            let compilation = Driver().run(SourceFile(path: "gone.yaml", text: Self.flow), through: .graphChecks)
            name = compilation.flow?.name.range.fileName
            #expect(name != nil)
        }
        #expect(name == nil)
    }

    @Test func rangesOfTwoFilesAtTheSamePlaceDiffer() {
        let a = SourceRange(file: "a.yaml", line: 3, column: 4)
        let b = SourceRange(file: "b.yaml", line: 3, column: 4)
        #expect(a != b && !a.isInSameFile(as: b))
        #expect(a == SourceRange(file: "a.yaml", line: 3, column: 4))
        #expect(Set([a, b, SourceRange(file: "a.yaml", line: 3, column: 4)]).count == 2)
    }
}
