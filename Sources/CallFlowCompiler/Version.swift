/// The version of callflow, printed by `callflow --version` and written into compiled tables.
public enum CallFlowVersion {
    public static let current = "0.1.0"
}
