/// A finding's file as CI services want it: relative to the folder the command ran in, with
/// forward slashes. Paths are normalised as text (`./`, `a/../`); symbolic links are not resolved.
enum ArtifactPath {
    /// `path` relative to `workingDirectory`, or nil when the file lies outside it.
    static func relative(_ path: String, workingDirectory: String) -> String? {
        let file = absolute(path, workingDirectory: workingDirectory)
        let root = absolute(".", workingDirectory: workingDirectory)
        let prefix = root == "/" ? "/" : root + "/"
        guard file.hasPrefix(prefix), file.count > prefix.count else { return nil }
        return String(file.dropFirst(prefix.count))
    }

    /// `path` made absolute against `workingDirectory` and normalised.
    static func absolute(_ path: String, workingDirectory: String) -> String {
        let path = separatorsToSlashes(path)
        let joined = path.hasPrefix("/") ? path : separatorsToSlashes(workingDirectory) + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Percent-encodes everything but the unreserved characters of RFC 3986 and `/`, byte by byte
    /// of the UTF-8 form.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    private static func separatorsToSlashes(_ path: String) -> String {
        #if os(Windows)
        return String(path.map { $0 == "\\" ? "/" : $0 })
        #else
        return path
        #endif
    }
}
