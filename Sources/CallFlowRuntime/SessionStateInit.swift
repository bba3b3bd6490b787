extension SessionState {
    /// A state read back from elsewhere (a server's session token); `CallSession(program:state:)`
    /// checks it against its table before it runs.
    public static func restored(table: UInt64, phase: SessionPhase, node: Int32, attempts: Int32, failures: Int32, priority: Int32,
                                alerted: Bool, time: Double, slots: SlotValues) -> SessionState {
        SessionState(table: table, phase: phase, node: node, attempts: attempts, failures: failures, priority: priority,
                     alerted: alerted, time: time, slots: slots)
    }
}
