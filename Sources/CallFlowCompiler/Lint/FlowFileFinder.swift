import Foundation

/// Turns the paths named on the command line into the flow files to lint.
public enum FlowFileFinder {
    public enum FindError: Error, CustomStringConvertible {
        case missing(String)
        case symlinkLoop(String)

        public var description: String {
            switch self {
            case .missing(let path): return PathKind.missingMessage(path)
            case .symlinkLoop(let path): return SourceReader.ReadError.symlinkLoop(path).description
            }
        }
    }

    /// A file named is always linted; a directory gives every `.yaml`/`.yml` below it that has a
    /// top-level `callflow:` key (include and scenario files have none). Hidden folders
    /// (`.git`, `.build`) and files the project's config excludes are skipped. The result is
    /// sorted and free of repeats.
    /// With `namedFilesMustBeFlows`, a file named directly is judged like a file found in a
    /// folder (for pre-commit, which names every staged YAML file).
    public static func find(_ paths: [String], excluding excluded: (String) -> Bool = { _ in false },
                            namedFilesMustBeFlows: Bool = false) throws(FindError) -> [String] {
        var files: [String] = []
        for path in paths {
            let kind = PathKind.of(path)
            switch kind {
            case .missing: throw .missing(path)
            case .loop: throw .symlinkLoop(path)
            default: break
            }
            if kind == .directory {
                files += flowFiles(under: path).filter { !excluded($0) }
            } else if kind == .other {
                // A device or a pipe named directly: the linter says it is not a file.
                if !namedFilesMustBeFlows { files.append(path) }
            } else if !namedFilesMustBeFlows || (hasFlowKey(path) && !excluded(path)) {
                files.append(path)
            }
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    private static func flowFiles(under directory: String) -> [String] {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let path = base.isEmpty ? relative : base + "/" + relative
            // Only regular files (through links): a FIFO or a link to /dev/zero is no flow.
            guard PathKind.of(path) == .file else { continue }
            // Twilio Studio and Amazon Connect flows saved as JSON (see Import/).
            if name.hasSuffix(".json"), PlatformImporter.isPlatformFlowFile(path) { found.append(path) }
            guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
            if hasFlowKey(path) { found.append(path) }
        }
        return found.sorted()
    }

    /// True when a line of the file starts with `callflow:` (a top-level key).
    static func hasFlowKey(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return true } // let lint report it
        return hasTopLevelKey("callflow", [UInt8](data))
    }

    /// True when a line of `bytes` starts with `key:` (a top-level key of a block mapping).
    static func hasTopLevelKey(_ key: String, _ bytes: [UInt8]) -> Bool {
        let marker = Array((key + ":").utf8)
        var atLineStart = true
        var index = 0
        while index < bytes.count {
            if atLineStart, bytes.count - index >= marker.count, bytes[index] == marker[0],
               Array(bytes[index..<index + marker.count]) == marker {
                return true
            }
            atLineStart = bytes[index] == UInt8(ascii: "\n")
            index += 1
        }
        return false
    }
}
