/// A queue node's own `max_wait`, `announce` and `callback: false` (issue 14): they replace the
/// queue's for this visit. `callback` on a queue node is otherwise the outcome taken when the
/// caller accepts the offer, so only `false` (no offer here) is an override.
extension FlowDecoder {
    func decodeQueueOverrides(_ fields: Fields, owner: @autoclosure () -> String, into step: inout QueueStep) {
        if let node = fields["max_wait"] {
            step.maxWait = duration(node, what: "max_wait", plausibleSeconds: 10...7_200)
        }
        if let node = fields["announce"] {
            let announced = announceInterval(node, owner: owner())
            step.announce = announced.every
            step.announcement = announced.words.flatMap { announcement($0, owner: owner()) }
        }
        if let node = fields["callback"], case .bool(let offer)? = node.scalarValue {
            if offer {
                invalid(node, "'callback' of \(owner()) is where the call goes when the caller accepts a callback offer; "
                            + "name that node (to offer callbacks, set 'callback: true' on the queue), or write 'callback: false' "
                            + "for no offer at this node")
            } else {
                step.offersCallback = Located(false, at: node.range)
            }
        }
    }
}
