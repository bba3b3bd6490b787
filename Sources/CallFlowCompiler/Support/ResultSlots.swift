import Foundation

/// One slot per task of a parallel loop: each task writes its own slot, under a lock, so results
/// keep the order of the inputs whatever order the tasks finish in.
///
/// `@unchecked Sendable` because it is written from several threads by design (the tasks of
/// `DispatchQueue.concurrentPerform`, which takes no `Sendable` result): every access to `slots`
/// holds the lock. It caches nothing.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ value: Value, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The value at `index`, taken out of its slot: a task that takes its own input then holds
    /// the only reference to it.
    func take(at index: Int) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return slots[index].take()
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
