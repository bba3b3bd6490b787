/// The project's configuration, `.callflow.yml`:
///
///     checks:
///       menu-too-wide: {max: 6}              # options of a check
///       unreachable-node: {severity: error}  # a severity: error, warning or off
///       prompt-keys: off                     # a severity alone
///     exclude:
///       - flows/legacy                       # a folder, a file, or a pattern with * and ?
public struct ProjectConfig: Sendable {
    /// Severities set by the project; a check absent here keeps its default.
    public var severities: [String: Severity?] = [:]
    public var options: [String: [String: OptionValue]] = [:]
    /// Exclusion patterns, relative to `directory`.
    public var exclude: [String] = []
    /// The folder that holds the config file ("" for the current folder).
    public var directory: String = ""

    public static let fileName = ".callflow.yml"

    public init() {}

    /// The severity `check` has in this project: nil when switched off.
    public func severity(of check: String) -> Severity? {
        // A hard error stays an error (the diagnostics engine notes the attempt on the finding).
        if CheckRegistry.descriptor(check)?.isHard == true { return .error }
        if let configured = severities[check] { return configured }
        return CheckRegistry.descriptor(check)?.severity
    }

    public func isEnabled(_ check: String) -> Bool { severity(of: check) != nil }

    /// Applies the project's severities: drops switched-off findings, re-grades the rest.
    public func apply(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !severities.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let severity = severity(of: diagnostic.check) else { return nil }
            var graded = diagnostic
            graded.severity = severity
            return graded
        }
    }

    /// True when a file found by searching a folder is excluded.
    public func excludes(_ path: String) -> Bool {
        let relative = ConfigPaths.relative(path, to: directory)
        return exclude.contains { pattern in
            let trimmed = pattern.hasSuffix("/") ? String(pattern.dropLast()) : pattern
            return relative == trimmed || relative.hasPrefix(trimmed + "/") || ConfigPaths.matches(relative, pattern: trimmed)
        }
    }
}
