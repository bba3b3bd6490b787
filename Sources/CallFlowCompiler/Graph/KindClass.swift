/// What a node means to a caller, the classes every graph check reasons in.
public enum KindClass: String, Sendable, CaseIterable {
    /// Waits for the caller: menu, collect.
    case callerFacing
    /// Chooses a branch without the caller: switch, hours, lookup.
    case decision
    /// Does something and moves on: say, set.
    case action
    /// A person answers now: queue, transfer.
    case liveHuman
    /// A person calls back later: voicemail, callback.
    case deferredHuman
    /// The call ends with nobody: hangup.
    case end

    public init(_ kind: NodeKind) {
        switch kind {
        case .menu, .collect: self = .callerFacing
        case .switch, .hours, .lookup, .send: self = .decision
        case .say, .set: self = .action
        case .queue, .transfer: self = .liveHuman
        case .voicemail, .callback: self = .deferredHuman
        case .hangup: self = .end
        }
    }

    /// Live or deferred: a person deals with the call.
    public var isHuman: Bool { self == .liveHuman || self == .deferredHuman }

    /// The call can end here (a person answers, a message is left, or it hangs up).
    public var canEndCall: Bool { isHuman || self == .end }
}
