import Foundation

/// Path helpers for the config file: finding it, and matching exclusion patterns.
public enum ConfigPaths {
    /// `.callflow.yml` in `start` or the nearest folder above it; nil when there is none.
    public static func find(from start: String = FileManager.default.currentDirectoryPath) -> String? {
        var folder = URL(fileURLWithPath: start).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(ProjectConfig.fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// `path` relative to `directory` when it lies inside it (both made absolute first).
    static func relative(_ path: String, to directory: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: directory.isEmpty ? "." : directory).standardizedFileURL.path
        if absolute.hasPrefix(base + "/") { return String(absolute.dropFirst(base.count + 1)) }
        return path
    }

    /// Shell-style `*` and `?` (a `*` also crosses `/`).
    static func matches(_ text: String, pattern: String) -> Bool {
        fnmatch(pattern, text, 0) == 0
    }
}
