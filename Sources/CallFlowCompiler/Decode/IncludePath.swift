import Foundation

/// Path arithmetic for includes: joining, normalising for display, and confinement.
enum IncludePath {
    /// The folder of `path` as written ("" for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash]).isEmpty ? "/" : String(path[..<slash])
    }

    /// `dir/relative` with `.` and `..` folded, keeping a relative path relative.
    static func join(_ directory: String, _ relative: String) -> String {
        let combined = directory.isEmpty ? relative : directory + "/" + relative
        var parts: [Substring] = []
        for part in combined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (combined.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// The absolute path with symbolic links resolved: what confinement and cycles compare.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// True when `path` (canonical) lies inside `folder` (canonical).
    static func isInside(_ path: String, folder: String) -> Bool {
        folder == "/" ? path.hasPrefix("/") : path.hasPrefix(folder + "/")
    }
}
