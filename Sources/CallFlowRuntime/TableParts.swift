/// Slots of the built-in variables the executor writes.
public struct BuiltInSlots: Equatable, Sendable {
    public var callFailures: Int32
    public var callPriority: Int32
    public var queueName: Int32
    public var queueWait: Int32
    public var queueDepth: Int32

    public init(callFailures: Int32, callPriority: Int32, queueName: Int32, queueWait: Int32, queueDepth: Int32) {
        self.callFailures = callFailures
        self.callPriority = callPriority
        self.queueName = queueName
        self.queueWait = queueWait
        self.queueDepth = queueDepth
    }
}

/// The interned strings: UTF-8 bytes, string `i` being `bytes[offsets[i] ..< offsets[i + 1]]`.
/// Strings are made on demand (`self[i]`), so loading a table creates none.
public struct StringTable: Equatable, Sendable {
    public private(set) var bytes: [UInt8]
    public private(set) var offsets: [UInt32]

    public init() {
        bytes = []
        offsets = [0]
    }

    /// A table from stored parts; nil unless the offsets start at 0, never decrease, end at the
    /// byte count, and every string is valid UTF-8.
    public init?(bytes: [UInt8], offsets: [UInt32]) {
        guard let first = offsets.first, first == 0, offsets.last.map({ Int($0) == bytes.count }) == true else { return nil }
        var previous: UInt32 = 0
        for offset in offsets {
            guard offset >= previous else { return nil }
            previous = offset
        }
        guard StringTable.validUTF8(bytes, offsets) else { return nil }
        self.bytes = bytes
        self.offsets = offsets
    }

    public var count: Int { offsets.count - 1 }

    /// Appends `text` (no interning here: the compiler interns).
    public mutating func append(_ text: String) -> Int32 {
        bytes.append(contentsOf: text.utf8)
        offsets.append(UInt32(bytes.count))
        return Int32(offsets.count - 2)
    }

    public subscript(index: Int) -> String {
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The bytes of string `index`, in place.
    @inline(__always)
    public func withUTF8<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Each string must be valid UTF-8 on its own: a multi-byte sequence may not cross a boundary.
    static func validUTF8(_ bytes: [UInt8], _ offsets: [UInt32]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var boundary = 1
            var i = 0
            let n = buffer.count
            while i < n {
                while boundary < offsets.count && Int(offsets[boundary]) <= i { boundary += 1 }
                let end = boundary < offsets.count ? Int(offsets[boundary]) : n
                let b0 = buffer[i]
                if b0 < 0x80 { i += 1; continue }
                let length: Int
                if b0 >= 0xC2 && b0 <= 0xDF { length = 2 } else if b0 >= 0xE0 && b0 <= 0xEF { length = 3 } else if b0 >= 0xF0 && b0 <= 0xF4 { length = 4 } else { return false }
                guard i + length <= end else { return false }
                for k in 1..<length where buffer[i + k] & 0xC0 != 0x80 { return false }
                let b1 = buffer[i + 1]
                if b0 == 0xE0 && b1 < 0xA0 { return false }
                if b0 == 0xED && b1 > 0x9F { return false }
                if b0 == 0xF0 && b1 < 0x90 { return false }
                if b0 == 0xF4 && b1 > 0x8F { return false }
                i += length
            }
            return true
        }
    }
}

/// A node kind as the table numbers it. What each kind is (its name, outcomes, edges, fields)
/// is described once, in `NodeKindDescription.all` (docs/node-kinds.md).
public enum TableNodeKind: Int32, CaseIterable, Sendable {
    case say = 0, menu, collect, `switch`, hours, lookup, set, queue, transfer, voicemail, callback, hangup
    /// Issue 14: posts variables to an integration; edges `[next, error]`.
    case send

    /// How many `edges` entries a node of this kind owns: its outcomes in table order, then a
    /// menu's 12 keys (`NodeKindDescription.edgeLabels`).
    public var edgeCount: Int { descriptor.edgeCount }

    public var name: String { descriptor.name }

    /// Outcome labels of the edges, in order (menu keys are `key 0` ... `key #` in the JSON).
    public var edgeLabels: [String] { descriptor.edgeLabels }
}

/// One node: 11 32-bit fields. Which fields a kind uses (unused ones are 0, except as noted):
///
/// | kind | text | resource | timeout | retries | minDigits / maxDigits | list |
/// |---|---|---|---|---|---|---|
/// | say | prompt | | | | | |
/// | menu | prompt | | seconds | retries | | speech phrases |
/// | collect | prompt | `into` slot | seconds | retries | 1-32 | |
/// | switch | | | | | | cases |
/// | hours | | schedule | | | | |
/// | lookup | integration | | seconds | | | slots it sets |
/// | set | | | | | | assignments |
/// | queue | | queue | priority (-1: none) | | | extra skills |
/// | transfer | target | | | | | |
/// | voicemail | mailbox | | | | | |
/// | callback | | queue | | | | |
/// | hangup | prompt (-1: none) | | | | | |
public struct TableNode: Equatable, Sendable {
    public var kind: TableNodeKind
    public var name: Int32
    public var text: Int32
    public var resource: Int32
    public var timeout: Int32
    public var retries: Int32
    public var minDigits: Int32
    public var maxDigits: Int32
    public var listStart: Int32
    public var listCount: Int32
    public var edgeStart: Int32

    public init(kind: TableNodeKind, name: Int32, text: Int32 = 0, resource: Int32 = 0, timeout: Int32 = 0, retries: Int32 = 0,
                minDigits: Int32 = 0, maxDigits: Int32 = 0, listStart: Int32 = 0, listCount: Int32 = 0, edgeStart: Int32 = 0) {
        self.kind = kind
        self.name = name
        self.text = text
        self.resource = resource
        self.timeout = timeout
        self.retries = retries
        self.minDigits = minDigits
        self.maxDigits = maxDigits
        self.listStart = listStart
        self.listCount = listCount
        self.edgeStart = edgeStart
    }
}

public enum VariableTypeCode: Int32, CaseIterable, Sendable {
    case bool = 0, number, string, duration, enumeration

    public var kind: ConditionValueKind {
        switch self {
        case .bool: return .bool
        case .number, .duration: return .number
        case .string, .enumeration: return .string
        }
    }

    public var name: String {
        switch self {
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .duration: return "duration"
        case .enumeration: return "enum"
        }
    }
}

/// A variable: its name, type, enum values (a range of `enumValues`) and default (a constant).
public struct TableVariable: Equatable, Sendable {
    public var name: Int32
    public var type: VariableTypeCode
    public var enumStart: Int32
    public var enumCount: Int32
    public var defaultValue: Int32

    public init(name: Int32, type: VariableTypeCode, enumStart: Int32 = 0, enumCount: Int32 = 0, defaultValue: Int32) {
        self.name = name
        self.type = type
        self.enumStart = enumStart
        self.enumCount = enumCount
        self.defaultValue = defaultValue
    }
}

/// A literal: a bool, a number (durations in seconds) or a string of the table.
public enum TableConstant: Equatable, Sendable {
    case bool(Bool)
    case number(Double)
    case string(Int32)

    public var kind: ConditionValueKind {
        switch self {
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        }
    }
}

public struct TableQueue: Equatable, Sendable {
    public var name: Int32
    public var skillStart: Int32
    public var skillCount: Int32
    /// Seconds; a status reporting this wait takes `overflow`.
    public var maxWait: Int32
    public var offersCallback: Bool
    /// Seconds between wait announcements; 0: none.
    public var announce: Int32
    /// Supervisor alert thresholds; -1: none.
    public var alertDepth: Int32
    public var alertWait: Int32

    public init(name: Int32, skillStart: Int32, skillCount: Int32, maxWait: Int32, offersCallback: Bool, announce: Int32,
                alertDepth: Int32, alertWait: Int32) {
        self.name = name
        self.skillStart = skillStart
        self.skillCount = skillCount
        self.maxWait = maxWait
        self.offersCallback = offersCallback
        self.announce = announce
        self.alertDepth = alertDepth
        self.alertWait = alertWait
    }
}

public enum RuleTriggerCode: Int32, CaseIterable, Sendable {
    case start = 0, request, failure, queue

    public var name: String {
        switch self {
        case .start: return "start"
        case .request: return "request"
        case .failure: return "failure"
        case .queue: return "queue"
        }
    }
}

public struct TableRule: Equatable, Sendable {
    public var name: Int32
    public var trigger: Int32
    /// A condition, or -1: always.
    public var condition: Int32
    public var target: Int32
    /// 0-100, or -1: leaves `call.priority` alone.
    public var priority: Int32
    public var critical: Bool

    public init(name: Int32, trigger: RuleTriggerCode, condition: Int32, target: Int32, priority: Int32, critical: Bool) {
        self.name = name
        self.trigger = trigger.rawValue
        self.condition = condition
        self.target = target
        self.priority = priority
        self.critical = critical
    }
}

public struct TableCase: Equatable, Sendable {
    public var condition: Int32
    public var target: Int32

    public init(condition: Int32, target: Int32) {
        self.condition = condition
        self.target = target
    }
}

public struct TableAssignment: Equatable, Sendable {
    public var slot: Int32
    public var constant: Int32

    public init(slot: Int32, constant: Int32) {
        self.slot = slot
        self.constant = constant
    }
}

public struct TableSpeech: Equatable, Sendable {
    public var phrase: Int32
    /// The key index (0-11) the phrase stands for.
    public var key: Int32

    public init(phrase: Int32, key: Int32) {
        self.phrase = phrase
        self.key = key
    }
}
