import Foundation

/// Reads Twilio Studio and Amazon Connect flows into callflow's model, recognizing them by content.
public enum PlatformImporter {
    /// File name endings whose content is a template: the flow JSON is found inside.
    static let templateExtensions = [".tf", ".tftpl", ".js"]

    /// True when `path` names a file callflow reads as a platform flow when it is named on the
    /// command line or found in a folder (`.json`), judged by extension only.
    public static func isPlatformExtension(_ path: String) -> Bool {
        path.hasSuffix(".json") || templateExtensions.contains { path.hasSuffix($0) }
    }

    /// A cheap look at the bytes: does this file hold a platform flow's keys? Used to pick
    /// `.json` files out of a folder (a `package.json` is no flow).
    public static func looksLikePlatformFlow(_ bytes: [UInt8]) -> Bool {
        (containsKey("states", bytes) && containsKey("initial_state", bytes))
            || (containsKey("Actions", bytes) && containsKey("StartAction", bytes))
            || (containsKey("modules", bytes) && containsKey("start", bytes))
            || (contains("\\\"Actions\\\"", bytes) && contains("\\\"StartAction\\\"", bytes))
    }

    /// True when `text` occurs in the bytes.
    static func contains(_ text: String, _ bytes: [UInt8]) -> Bool {
        let needle = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let first = needle.first, buffer.count >= needle.count else { return false }
            var index = 0
            while index + needle.count <= buffer.count {
                if buffer[index] == first && buffer[index..<index + needle.count].elementsEqual(needle) { return true }
                index += 1
            }
            return false
        }
    }

    /// True when `"key"` followed by `:` (spaces allowed) occurs in the bytes.
    static func containsKey(_ key: String, _ bytes: [UInt8]) -> Bool {
        let needle = Array("\"\(key)\"".utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index + needle.count <= buffer.count {
                if buffer[index] == needle[0] && buffer[index..<index + needle.count].elementsEqual(needle) {
                    var after = index + needle.count
                    while after < buffer.count && (buffer[after] == 0x20 || buffer[after] == 0x09) { after += 1 }
                    if after < buffer.count && buffer[after] == UInt8(ascii: ":") { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// True when the file at `path` looks like a platform flow (for folder searches).
    public static func isPlatformFlowFile(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return looksLikePlatformFlow([UInt8](data))
    }

    /// Is `source` to be read by a platform reader rather than as callflow YAML? A `.json`,
    /// `.tf`, `.tftpl` or `.js` file is; so is any file whose first character is `{` and that
    /// holds a platform flow's keys (the legacy Connect exports often have no extension).
    public static func handles(_ source: SourceFile) -> Bool {
        if isPlatformExtension(source.path) {
            // A callflow flow written in JSON (JSON is YAML) stays with the YAML front end.
            return looksLikePlatformFlow(source.bytes) || !containsKey("callflow", source.bytes)
        }
        guard let first = source.bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }),
              first == UInt8(ascii: "{") else { return false }
        return looksLikePlatformFlow(source.bytes)
    }

    /// Reads a platform flow. `flow` is nil when the file is not one (the diagnostics say why).
    public static func read(_ source: SourceFile, limits: InputLimits = .standard) -> ImportedFlow {
        var bytes = source.bytes
        var diagnostics: [Diagnostic] = []
        let isTemplate = templateExtensions.contains { source.path.hasSuffix($0) }
        if isTemplate {
            guard let extracted = TemplateExtractor.extract(bytes, hcl: source.path.hasSuffix(".tf")) else {
                return refusal(source, "no JSON object found in this template; callflow reads a Studio or Connect flow "
                                + "written as JSON inside `jsonencode(...)` or `module.exports = {...}`")
            }
            bytes = extracted
        }
        let loaded = YAMLLoader(limits: limits).load(SourceFile(path: source.path, bytes: bytes))
        diagnostics += loaded.diagnostics
        guard var root = loaded.root, root.isMapping else {
            if !diagnostics.isEmpty { return ImportedFlow(format: .twilioStudio, flow: nil, diagnostics: diagnostics, skipped: [], flowType: nil, platformTypes: [:]) }
            return refusal(source, "this file holds no JSON object, so it is no Twilio Studio or Amazon Connect flow")
        }
        var reader = JSONReader(file: source.path)
        var flowType: String?
        // Wrappers: a REST Flow or Revision (`definition`), a DescribeContactFlow response
        // (`ContactFlow`), a `{Name, Type, Content}` object, Content as an object or a string.
        for _ in 0..<4 {
            if let type = root.field("Type")?.string ?? root.field("type")?.string, flowType == nil, root.field("Content") != nil {
                flowType = type
            }
            if let definition = root.field("definition"), definition.isMapping, root.field("states") == nil {
                root = definition
            } else if let wrapped = root.field("ContactFlow"), wrapped.isMapping {
                root = wrapped
            } else if let content = root.field("Content"), root.field("Actions") == nil, root.field("modules") == nil {
                if content.isMapping {
                    root = content
                    continue
                }
                guard content.scalarText != nil, content.scalarStyle == .doubleQuoted else { break }
                let start = content.range.start
                guard let offset = byteOffset(of: start, in: bytes),
                      let (text, positions) = EmbeddedPositions.decode(bytes, from: offset, at: start) else {
                    diagnostics.append(Diagnostic(.yamlSyntax, "the flow in 'Content' is not a well-formed JSON string; "
                                                  + "correct its escapes", at: content.range))
                    return ImportedFlow(format: .connectFlowLanguage, flow: nil, diagnostics: diagnostics, skipped: [],
                                        flowType: flowType, platformTypes: [:])
                }
                let inner = YAMLLoader(limits: limits).load(SourceFile(path: source.path, bytes: text))
                reader = JSONReader(file: source.path, mapping: positions)
                if let innerRoot = inner.root, innerRoot.isMapping {
                    root = innerRoot
                } else {
                    let problems = inner.diagnostics.map { diagnostic -> Diagnostic in
                        var mapped = diagnostic
                        mapped.range = diagnostic.range.with(start: positions.original(diagnostic.range.start),
                                                             end: positions.original(diagnostic.range.end))
                        mapped.message = "in the flow in 'Content': " + diagnostic.message
                        return mapped
                    }
                    return ImportedFlow(format: .connectFlowLanguage, flow: nil, diagnostics: diagnostics + problems,
                                        skipped: [], flowType: flowType, platformTypes: [:])
                }
            } else {
                break
            }
        }
        var imported: ImportedFlow
        if root.field("states") != nil && root.field("initial_state") != nil {
            imported = StudioReader(reader: reader).read(root)
        } else if root.field("Actions") != nil && root.field("StartAction") != nil {
            imported = ConnectReader(reader: reader, flowType: flowType).read(root)
        } else if root.field("modules") != nil && root.field("start") != nil {
            imported = ConnectLegacyReader(reader: reader, flowType: flowType).read(root)
        } else {
            return refusal(source, "this JSON is no flow callflow reads: a Twilio Studio flow has `states` and "
                            + "`initial_state`, an Amazon Connect flow `Actions` and `StartAction` (or `modules` and "
                            + "`start` in a legacy export)")
        }
        imported.diagnostics = diagnostics + imported.diagnostics
        return imported
    }

    private static func refusal(_ source: SourceFile, _ message: String) -> ImportedFlow {
        ImportedFlow(format: .twilioStudio, flow: nil,
                     diagnostics: [Diagnostic(.invalidValue, message, at: SourceRange(file: source.path, line: 1, column: 1))],
                     skipped: [], flowType: nil, platformTypes: [:])
    }

    /// The byte offset of a position (line and column in characters) in `bytes`.
    static func byteOffset(of position: SourcePosition, in bytes: [UInt8]) -> Int? {
        var line = 1, index = 0
        while line < position.line {
            guard let next = bytes[index...].firstIndex(of: 0x0A) else { return nil }
            index = next + 1
            line += 1
        }
        var column = 1
        while column < position.column, index < bytes.count {
            index += 1
            while index < bytes.count && bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index < bytes.count ? index : nil
    }
}
