/// Findings as GitHub Actions workflow commands, one line each, which a workflow run shows as
/// annotations on the files and lines of a pull request:
///
///     ::error file=flows/acme.yaml,line=12,col=7,endLine=12,endColumn=10,title=dead-end::menu 'main' has ...
///
/// Warnings are `::warning`. Notes follow the message on lines of their own. Values are escaped
/// as GitHub's toolkit (`@actions/core`) escapes them: `%`, carriage return and line feed in the
/// message; those and `:` and `,` in properties. GitHub's end column includes the last character,
/// so it is one less than callflow's (exclusive) end; `col`, `endLine` and `endColumn` are given
/// only for a finding on one line, since GitHub refuses columns on a range of several lines.
public struct GitHubRenderer: Sendable {
    /// The folder file paths are made relative to: the command's current directory.
    public var workingDirectory: String

    public init(workingDirectory: String) {
        self.workingDirectory = workingDirectory
    }

    public func render(_ report: LintReport) -> String {
        report.diagnostics.map { render($0) + "\n" }.joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let range = diagnostic.range
        var properties = [("file", path(range.file)), ("line", String(max(range.start.line, 1)))]
        if range.end.line <= range.start.line {
            let column = max(range.start.column, 1)
            properties += [
                ("col", String(column)),
                ("endLine", String(max(range.start.line, 1))),
                ("endColumn", String(max(range.end.column - 1, column))),
            ]
        }
        properties.append(("title", diagnostic.check))
        var message = diagnostic.message
        for note in diagnostic.notes {
            message += "\n"
            if let place = note.range {
                message += "\(path(place.file)):\(place.start.line):\(place.start.column): "
            }
            message += "note: " + note.message
        }
        let command = diagnostic.severity == .error ? "error" : "warning"
        let list = properties.map { $0.0 + "=" + Self.escapeProperty($0.1) }.joined(separator: ",")
        return "::\(command) \(list)::\(Self.escapeData(message))"
    }

    private func path(_ file: String) -> String {
        ArtifactPath.relative(file, workingDirectory: workingDirectory)
            ?? ArtifactPath.absolute(file, workingDirectory: workingDirectory)
    }

    /// The message of a workflow command: `%`, CR and LF escaped.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value of a workflow command: as the message, and `:` and `,` too.
    public static func escapeProperty(_ text: String) -> String {
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
