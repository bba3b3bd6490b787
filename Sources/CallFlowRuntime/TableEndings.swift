/// Routing-table parts of issue 14 item 7 (format version 3, docs/table-format.md): voicemail
/// settings, the number a callback calls, and queue announcements and hold music. A voicemail's
/// greeting is its node prompt (section 30). A version-2 table has none of them: every voicemail
/// records 2 minutes without transcription, every callback calls the caller id, and queues
/// announce no words.

/// A voicemail node's `max_length` and `transcribe`; a voicemail node without a record records
/// `defaultMaxLength` seconds and does not transcribe.
public struct TableVoicemail: Equatable, Sendable {
    /// The voicemail node (an index of `nodes`); records are sorted by it, one per node.
    public var node: Int32
    /// Seconds, 1-14400.
    public var maxLength: Int32
    /// 0 or 1.
    public var transcribe: Int32

    public init(node: Int32, maxLength: Int32, transcribe: Int32) {
        self.node = node
        self.maxLength = maxLength
        self.transcribe = transcribe
    }

    public static let defaultMaxLength: Int32 = 120
    /// Twilio's `<Record maxLength>` is at most 14,400 seconds.
    public static let maxLengths: ClosedRange<Int32> = 1...14_400
}

/// A callback node's `number`: the string slot holding the number to call. A callback node
/// without a record calls the caller id.
public struct TableCallbackNumber: Equatable, Sendable {
    /// The callback node; records are sorted by it, one per node.
    public var node: Int32
    public var slot: Int32

    public init(node: Int32, slot: Int32) {
        self.node = node
        self.slot = slot
    }
}

/// A queue's announcement words and hold music (`queue` set, `node` -1), or a queue node's own
/// announcement words (`node` set, `queue` -1, `holdMusic` -1). The queue's records come first,
/// sorted by queue, then the nodes', sorted by node; one per queue or node at most.
public struct TableAnnouncement: Equatable, Sendable {
    public var queue: Int32
    public var node: Int32
    /// An index of `prompts.prompts`, or -1: no words (a queue with hold music only).
    public var prompt: Int32
    /// A string (a recording URL or path), or -1.
    public var holdMusic: Int32

    public init(queue: Int32, node: Int32, prompt: Int32, holdMusic: Int32) {
        self.queue = queue
        self.node = node
        self.prompt = prompt
        self.holdMusic = holdMusic
    }
}

extension RoutingTable {
    /// Whether the table uses a part that format version 2 cannot hold.
    public var needsFormat3: Bool { !voicemails.isEmpty || !callbackNumbers.isEmpty || !announcements.isEmpty }

    /// Checks the item-7 parts: every index in range, records sorted and unique.
    func validateEndings() throws(TableError) {
        var previous: Int32 = -1
        for (index, record) in voicemails.enumerated() {
            guard record.node > previous, record.node >= 0, Int(record.node) < nodes.count, nodes[Int(record.node)].kind == .voicemail else {
                throw .outOfOrder(.voicemail(index, node: record.node))
            }
            previous = record.node
            guard TableVoicemail.maxLengths.contains(record.maxLength), record.transcribe == 0 || record.transcribe == 1 else {
                throw .outOfRange(.voicemail(index, length: record.maxLength, transcribe: record.transcribe))
            }
        }
        previous = -1
        for (index, record) in callbackNumbers.enumerated() {
            guard record.node > previous, record.node >= 0, Int(record.node) < nodes.count, nodes[Int(record.node)].kind == .callback else {
                throw .outOfOrder(.callbackNumber(index, node: record.node))
            }
            previous = record.node
            guard record.slot >= 0, Int(record.slot) < variables.count, variables[Int(record.slot)].type == .string else {
                throw .wrongKind(.callbackSlot(callbackNumber: index, record.slot))
            }
        }
        var previousQueue: Int32 = -1
        previous = -1
        for (index, record) in announcements.enumerated() {
            guard record.prompt >= -1, Int(record.prompt) < prompts.prompts.count else {
                throw .badReference(record: "announcement \(index)", .playedPrompt, index: Int64(record.prompt))
            }
            if record.node == -1 {
                guard previous == -1, record.queue > previousQueue, Int(record.queue) < queues.count else {
                    throw .outOfOrder(.queueAnnouncement(index, queue: record.queue))
                }
                previousQueue = record.queue
                guard record.holdMusic == -1 || (record.holdMusic >= 0 && Int(record.holdMusic) < strings.count),
                      record.prompt >= 0 || record.holdMusic >= 0 else {
                    throw .mismatch(.holdMusic(announcement: index, holdMusic: record.holdMusic, prompt: record.prompt))
                }
            } else {
                guard record.queue == -1, record.node > previous, Int(record.node) < nodes.count, nodes[Int(record.node)].kind == .queue,
                      record.prompt >= 0, record.holdMusic == -1 else {
                    throw .outOfOrder(.nodeAnnouncement(index, node: record.node))
                }
                previous = record.node
            }
        }
    }

    /// The voicemail settings of node `index`: its record, or the defaults.
    public func voicemail(atNode index: Int) -> TableVoicemail {
        voicemails.first { $0.node == Int32(index) }
            ?? TableVoicemail(node: Int32(index), maxLength: TableVoicemail.defaultMaxLength, transcribe: 0)
    }

    /// What a queue node announces while the call waits: its own words, else its queue's, and its
    /// queue's hold music (-1: none).
    public func announcement(atNode index: Int) -> (prompt: Int32, holdMusic: Int32) {
        let queue = nodes[index].resource
        let own = announcements.first { $0.node == Int32(index) }
        let queues = announcements.first { $0.node == -1 && $0.queue == queue }
        return (own?.prompt ?? queues?.prompt ?? -1, queues?.holdMusic ?? -1)
    }
}

extension RoutingTable {
    /// The text of prompt `prompt`'s first variant (the default language's, as written).
    func promptText(_ prompt: Int32) -> String {
        let variant = prompts.variants[Int(prompts.prompts[Int(prompt)].variantStart)]
        return strings[Int(variant.text)]
    }
}
