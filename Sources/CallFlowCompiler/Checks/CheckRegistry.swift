/// Every check callflow has, in the order `callflow checks` lists them.
/// A new check is one new file plus one line here.
public enum CheckRegistry {
    public static let all: [CheckDescriptor] = [
        .yamlSyntax,
        .inputLimit,
        .duplicateKey,
        .unknownKey,
        .invalidValue,
        .undefinedReference,
        .invalidSchedule,
    ]

    public static let ids: [String] = all.map(\.id)

    public static func descriptor(_ id: String) -> CheckDescriptor? {
        all.first { $0.id == id }
    }
}
