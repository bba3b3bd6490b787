/// Every check callflow has, in the order `callflow checks` lists them.
/// A new check is one new file plus one line here.
public enum CheckRegistry {
    /// Checks the front end reports while it reads a flow.
    public static let frontEnd: [CheckDescriptor] = [
        .yamlSyntax,
        .inputLimit,
        .duplicateKey,
        .unknownKey,
        .invalidValue,
        .undefinedReference,
        .invalidSchedule,
        .expression,
        .template,
        .missingTranslation,
        .badRecording,
    ]

    /// Checks over the flow graph, run when the front end found no errors.
    public static let graphChecks: [any GraphCheck.Type] = [
        DeadEnd.self,
        UnreachableMenu.self,
        UnreachableNode.self,
        TrapLoop.self,
        MissingHumanFallback.self,
        FailureHangsUp.self,
        NoHumanOption.self,
        CriticalRouteGated.self,
        AfterHoursDead.self,
        QueueWithoutOverflow.self,
        MenuTooWide.self,
        MenuTooNarrow.self,
        MenuTooDeep.self,
        PromptKeys.self,
        HumanKeyEndsEntry.self,
        RequestKeyShadowed.self,
        SlowPathToHuman.self,
        UnusedDefinition.self,
        RetriesOutOfRange.self,
        ScheduleOverlap.self,
        ShadowedCase.self,
        ConstantCondition.self,
    ]

    /// Checks of Twilio Studio and Amazon Connect flows only (see Import/).
    public static let imports: [CheckDescriptor] = [
        UnknownWidget.descriptor,
        PlatformLimit.descriptor,
    ]

    /// Checks about the checking itself.
    public static let meta: [CheckDescriptor] = [
        .unusedIgnore,
    ]

    public static let all: [CheckDescriptor] = frontEnd + graphChecks.map { $0.descriptor } + imports + meta

    public static let ids: [String] = all.map(\.id)

    public static func descriptor(_ id: String) -> CheckDescriptor? {
        all.first { $0.id == id }
    }
}
