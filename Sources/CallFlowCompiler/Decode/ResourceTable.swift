/// Context variables, skills, schedules and queues gathered from a flow and its includes.
/// A name defined twice (in one file or across files) is a `duplicate-key` error at the second.
struct ResourceTable {
    var context: [ContextVariable] = []
    var skills: [Located<String>] = []
    var schedules: [Schedule] = []
    var queues: [QueueDefinition] = []

    private var firstDefinition: [String: SourceRange] = [:]

    /// True when a `kind` named `name` was defined, even if its definition had errors.
    func isDeclared(_ kind: String, _ name: String) -> Bool {
        firstDefinition[kind + "\u{0}" + name] != nil
    }

    /// True when `name` of `kind` is new; otherwise reports the clash and returns false.
    mutating func claim(_ kind: String, _ name: Located<String>, bag: inout DiagnosticBag) -> Bool {
        let key = kind + "\u{0}" + name.value
        if let first = firstDefinition[key] {
            let place = first.file == name.range.file ? "" : " in \(first.file)"
            bag.report(.duplicateKey, "\(kind) '\(name.value)' is already defined\(place); rename or remove one",
                       at: name.range, notes: [DiagnosticNote("first definition of \(kind) '\(name.value)'", at: first)])
            return false
        }
        firstDefinition[key] = name.range
        return true
    }
}
