import Foundation
import Testing
@testable import CallFlowCompiler

@Suite struct AtomicFileTests {
    func contents(_ folder: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func writesANewFileAndLeavesNothingElse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/out.sarif"
        try AtomicFile.write("{}\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{}\n")
        #expect(try contents(folder) == ["out.sarif"])
    }

    @Test func replacesAnOldFileWholeKeepingItsPermissions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("report.json", String(repeating: "old ", count: 10_000))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try AtomicFile.write("new", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
        #expect(try contents(folder) == ["report.json"])
    }

    @Test func namesOfNoFileAreRefused() throws {
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: "") }
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: "/tmp/") }
    }

    @Test func aMissingFolderFailsAndCreatesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/missing/out.sarif"
        #expect {
            try AtomicFile.write("x", to: path)
        } throws: { error in
            (error as? AtomicFile.WriteError)?.description == "cannot write \(path): No such file or directory"
        }
        #expect(try contents(folder) == [])
    }

    @Test func aFolderInTheWayFailsAndLeavesNoTemporaryFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/out.sarif", withIntermediateDirectories: false)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: folder.path + "/out.sarif") }
        #expect(try contents(folder) == ["out.sarif"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out.sarif") == [])
    }
}
