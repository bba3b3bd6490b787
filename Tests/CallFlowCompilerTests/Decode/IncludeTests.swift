import Foundation
import Testing
@testable import CallFlowCompiler

/// Includes, on real files in a fresh temporary folder per test.
@Suite struct IncludeTests {
    static let flowHeader = "callflow: 1\nname: test\nstart: start\n"
    static let queueNodes = "nodes:\n  start: {queue: tech, overflow: done}\n  done: {hangup: true}\n"

    /// Writes `files` into a fresh folder and loads `root` (relative to it) through the front end.
    static func load(_ root: String, _ files: [String: String]) throws -> (FrontEndResult, TemporaryFolder) {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(path, text) }
        let result = try FrontEnd().load(path: folder.path + "/" + root)
        return (result, folder)
    }

    @Test func includesMergeResources() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [shared/queues.yaml]\n" + Self.queueNodes,
            "shared/queues.yaml": "include: [skills.yaml]\nqueues:\n  tech: {skills: [tech], max_wait: 5m}\n",
            "shared/skills.yaml": "description: agent skills\nskills: [tech]\ncontext:\n  account.id: string\n",
        ])
        defer { folder.remove() }
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        let flow = try #require(result.flow)
        #expect(flow.queues.map(\.name.value) == ["tech"])
        #expect(flow.skills.map(\.value) == ["tech"])
        #expect(flow.context.map(\.name.value) == ["account.id"])
        #expect(flow.queue(named: "tech")?.name.range.file == folder.path + "/shared/queues.yaml")
        #expect(flow.queue(named: "tech")?.name.range.start == at(3, 3))
        #expect(flow.includes.map(\.path.value) == ["shared/queues.yaml", "skills.yaml"])
        #expect(flow.includes.map(\.resolvedPath) == [folder.path + "/shared/queues.yaml", folder.path + "/shared/skills.yaml"])
        #expect(result.sources.map(\.path) == [folder.path + "/flow.yaml", folder.path + "/shared/queues.yaml",
                                               folder.path + "/shared/skills.yaml"])
    }

    @Test func parentFolderStaysAllowedWhileInsideTheRoot() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [shared/queues.yaml]\n" + Self.queueNodes,
            "shared/queues.yaml": "include: [../skills.yaml]\nqueues:\n  tech: {skills: [tech], max_wait: 5m}\n",
            "skills.yaml": "skills: [tech]\n",
        ])
        defer { folder.remove() }
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        #expect(result.flow?.includes.last?.resolvedPath == folder.path + "/skills.yaml")
    }

    @Test func includeLeavingTheRootFolderIsRefused() throws {
        let (result, folder) = try Self.load("root/flow.yaml", [
            "root/flow.yaml": Self.flowHeader + "include: [../outside.yaml]\n" + Self.queueNodes,
            "outside.yaml": "queues:\n  tech: {max_wait: 5m}\n",
        ])
        defer { folder.remove() }
        let refusal = result.diagnostics.with("invalid-value")
        #expect(refusal.count == 1, "\(result.diagnostics.dump)")
        #expect(refusal.first?.range == span(4, 11, 4, 26, file: folder.path + "/root/flow.yaml"))
        #expect(refusal.first?.message.contains("include '../outside.yaml' leaves the folder of the root flow") == true)
        // Never read: its queue does not exist.
        #expect(result.sources.count == 1)
        #expect(result.diagnostics.with("undefined-reference").first?.message.contains("no queue is named 'tech'") == true)
    }

    @Test func symbolicLinkPointingOutsideIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("root/flow.yaml", Self.flowHeader + "include: [link.yaml]\n" + Self.queueNodes)
        let outside = try folder.write("outside.yaml", "queues:\n  tech: {max_wait: 5m}\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/root/link.yaml", withDestinationPath: outside)
        let result = try FrontEnd().load(path: folder.path + "/root/flow.yaml")
        let refusal = result.diagnostics.with("invalid-value")
        #expect(refusal.count == 1, "\(result.diagnostics.dump)")
        #expect(refusal.first?.range.start == at(4, 11))
        #expect(refusal.first?.message.contains("include 'link.yaml' leaves the folder of the root flow") == true)
        #expect(result.sources.count == 1)
    }

    @Test func symbolicLinkInsideTheRootIsFollowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("flow.yaml", Self.flowHeader + "include: [link.yaml]\n" + Self.queueNodes)
        let target = try folder.write("real/queues.yaml", "queues:\n  tech: {max_wait: 5m}\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.yaml", withDestinationPath: target)
        let result = try FrontEnd().load(path: folder.path + "/flow.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        #expect(result.flow?.queues.map(\.name.value) == ["tech"])
    }

    @Test func absoluteIncludeIsRefused() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [/etc/queues.yaml]\nnodes:\n  start: {hangup: true}\n",
        ])
        defer { folder.remove() }
        #expect(result.diagnostics.ids == ["invalid-value"])
        #expect(result.diagnostics.first?.message.contains("include '/etc/queues.yaml' is absolute") == true)
    }

    @Test func includeCycleIsRefusedNamingTheCycle() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [a.yaml]\n" + Self.queueNodes,
            "a.yaml": "include: [b.yaml]\nqueues:\n  tech: {max_wait: 5m}\n",
            "b.yaml": "skills: [tech]\ninclude: [a.yaml]\n",
        ])
        defer { folder.remove() }
        let base = folder.path
        #expect(result.diagnostics.ids == ["invalid-value"], "\(result.diagnostics.dump)")
        let cycle = try #require(result.diagnostics.first)
        #expect(cycle.range == span(2, 11, 2, 17, file: base + "/b.yaml"))
        #expect(cycle.message.contains("include 'a.yaml' forms a cycle: \(base)/a.yaml -> \(base)/b.yaml -> \(base)/a.yaml"))
        // Each file is read once and its resources are kept.
        #expect(result.flow?.queues.map(\.name.value) == ["tech"])
    }

    @Test func flowIncludingItselfIsACycle() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [./flow.yaml]\nnodes:\n  start: {hangup: true}\n",
        ])
        defer { folder.remove() }
        #expect(result.diagnostics.ids == ["invalid-value"])
        #expect(result.diagnostics.first?.message.contains("forms a cycle") == true)
        #expect(result.diagnostics.first?.range.start == at(4, 11))
    }

    @Test func fileIncludedTwiceAlongTwoBranchesIsReadOnce() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [a.yaml, b.yaml]\n" + Self.queueNodes,
            "a.yaml": "include: [common.yaml]\nqueues:\n  tech: {skills: [tech], max_wait: 5m}\n",
            "b.yaml": "include: [common.yaml]\n",
            "common.yaml": "skills: [tech]\n",
        ])
        defer { folder.remove() }
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.dump)")
        #expect(result.sources.count == 4)
    }

    @Test func missingIncludeIsReported() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [nope.yaml]\nnodes:\n  start: {hangup: true}\n",
        ])
        defer { folder.remove() }
        #expect(result.diagnostics.ids == ["undefined-reference"], "\(result.diagnostics.dump)")
        let missing = try #require(result.diagnostics.first)
        #expect(missing.range == span(4, 11, 4, 20, file: folder.path + "/flow.yaml"))
        #expect(missing.message.contains("include 'nope.yaml' cannot be read"))
        #expect(missing.message.contains("no such file"))
    }

    @Test func clashBetweenFlowAndIncludeIsADuplicateWithANoteInTheOtherFile() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [queues.yaml]\nqueues:\n  tech: {max_wait: 2m}\n" + Self.queueNodes,
            "queues.yaml": "queues:\n  tech: {max_wait: 5m}\n",
        ])
        defer { folder.remove() }
        let base = folder.path
        #expect(result.diagnostics.ids == ["duplicate-key"], "\(result.diagnostics.dump)")
        let clash = try #require(result.diagnostics.first)
        // The include is read where it is named, before the flow's own queues.
        #expect(clash.range == span(6, 3, 6, 7, file: base + "/flow.yaml"))
        #expect(clash.message.contains("queue 'tech' is already defined in \(base)/queues.yaml"))
        #expect(clash.notes.count == 1)
        #expect(clash.notes.first?.range == span(2, 3, 2, 7, file: base + "/queues.yaml"))
        #expect(clash.notes.first?.message.contains("first definition of queue 'tech'") == true)
        #expect(result.flow?.queue(named: "tech")?.maxWait == Duration(seconds: 300))
    }

    @Test func clashBetweenTwoIncludes() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [a.yaml, b.yaml]\nnodes:\n  start: {hangup: true}\n",
            "a.yaml": "skills: [tech]\n",
            "b.yaml": "context:\n  account.id: string\nskills: [billing, tech]\n",
        ])
        defer { folder.remove() }
        let base = folder.path
        #expect(result.diagnostics.ids == ["duplicate-key"], "\(result.diagnostics.dump)")
        #expect(result.diagnostics.first?.range == span(3, 19, 3, 23, file: base + "/b.yaml"))
        #expect(result.diagnostics.first?.notes.first?.range == span(1, 10, 1, 14, file: base + "/a.yaml"))
    }

    @Test func includeFileMayNotHoldFlowKeys() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [a.yaml]\nnodes:\n  start: {hangup: true}\n",
            "a.yaml": "skills: [tech]\nnodes:\n  x: {hangup: true}\n",
        ])
        defer { folder.remove() }
        #expect(result.diagnostics.ids == ["unknown-key"], "\(result.diagnostics.dump)")
        #expect(result.diagnostics.first?.range.start == at(2, 1))
        #expect(result.diagnostics.first?.range.file == folder.path + "/a.yaml")
        #expect(result.diagnostics.first?.message.contains("move 'nodes' to the flow") == true)
    }

    @Test func syntaxErrorInAnIncludePointsIntoTheInclude() throws {
        let (result, folder) = try Self.load("flow.yaml", [
            "flow.yaml": Self.flowHeader + "include: [a.yaml]\nnodes:\n  start: {hangup: true}\n",
            "a.yaml": "skills: [tech\n",
        ])
        defer { folder.remove() }
        #expect(result.diagnostics.ids == ["yaml-syntax"], "\(result.diagnostics.dump)")
        #expect(result.diagnostics.first?.range.file == folder.path + "/a.yaml")
    }
}

@Suite struct IncludePathTests {
    @Test func joinFoldsDotsAndKeepsRelativePathsRelative() {
        #expect(IncludePath.join("flows", "shared/q.yaml") == "flows/shared/q.yaml")
        #expect(IncludePath.join("flows/a", "../b/./q.yaml") == "flows/b/q.yaml")
        #expect(IncludePath.join("", "q.yaml") == "q.yaml")
        #expect(IncludePath.join("", "../q.yaml") == "../q.yaml")
        #expect(IncludePath.join("/srv/flows", "q.yaml") == "/srv/flows/q.yaml")
    }

    @Test func directoryOfAPath() {
        #expect(IncludePath.directory(of: "flow.yaml") == "")
        #expect(IncludePath.directory(of: "flows/acme.yaml") == "flows")
        #expect(IncludePath.directory(of: "/acme.yaml") == "/")
    }

    @Test func insideIsAFolderPrefixNotAStringPrefix() {
        #expect(IncludePath.isInside("/srv/flows/a.yaml", folder: "/srv/flows"))
        #expect(!IncludePath.isInside("/srv/flows-old/a.yaml", folder: "/srv/flows"))
        #expect(!IncludePath.isInside("/srv/a.yaml", folder: "/srv/flows"))
    }
}
