/// Why a compilation stopped before the stage it was asked to reach, as a value: commands decide
/// what to print and which exit status it is from the case, never from the message.
public enum CompilationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The flow file could not be read (missing, a folder, too large, ...).
    case unreadable(SourceReader.ReadError)
    /// The findings include errors, so no table is made (`errors` of them).
    case refused(path: String, errors: Int)
    /// The front end could not build the whole model (its findings say why), although no finding
    /// is an error any more (a project lowered `expression` or `invalid-schedule`).
    case incomplete(path: String)
    /// Lowering failed on a flow the checks accepted: a compiler bug, or a check switched off
    /// whose finding lowering needs.
    case lowering(path: String, reason: String)
    /// The compiled table does not load back.
    case invalidTable(path: String, reason: String)

    /// True when findings explain the failure (exit status 1 for `compile`), false when the
    /// command could not run (exit status 2).
    public var isFindings: Bool {
        switch self {
        case .refused, .incomplete: return true
        case .unreadable, .lowering, .invalidTable: return false
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let error): return error.description
        case .refused(let path, let errors):
            return "\(path): the flow has \(Plural.count(errors, "error")); fix \(Plural.them(errors)) first"
        case .incomplete(let path):
            return "\(path): the front end could not build the whole flow (see its findings); fix them first"
        case .lowering(let path, let reason): return "\(path): \(reason)"
        case .invalidTable(let path, let reason): return "\(path): the compiled table does not load: \(reason)"
        }
    }
}
