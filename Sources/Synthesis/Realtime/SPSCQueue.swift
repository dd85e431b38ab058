import Atomics

/// A wait-free ring of fixed capacity for one producer thread and one consumer thread, in the
/// manner of miniaudio's `ma_rb`: the storage is allocated once, `push` and `pop` only copy an
/// element and move an index, so the audio thread can use either end without allocating or
/// locking.
///
/// `Element` must be a trivial type (no references that need counting): the ring copies bits.
/// Carry class instances across as `Unmanaged` and release them on a non-audio thread.
public final class SPSCQueue<Element: BitwiseCopyable>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Element>
    private let capacity: Int
    /// Next slot to read; written by the consumer only.
    private let head = ManagedAtomic<Int>(0)
    /// Next slot to write; written by the producer only.
    private let tail = ManagedAtomic<Int>(0)

    /// A ring holding up to `capacity` elements.
    public init(capacity: Int) {
        // One slot stays empty to tell a full ring from an empty one.
        self.capacity = max(capacity, 1) + 1
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// Adds an element; false (and nothing added) when the ring is full. Producer thread only.
    @discardableResult
    public func push(_ element: Element) -> Bool {
        let tail = self.tail.load(ordering: .relaxed)
        let next = tail + 1 == capacity ? 0 : tail + 1
        guard next != head.load(ordering: .acquiring) else { return false }
        (storage + tail).initialize(to: element)
        self.tail.store(next, ordering: .releasing)
        return true
    }

    /// Takes the oldest element, or nil when empty. Consumer thread only.
    public func pop() -> Element? {
        let head = self.head.load(ordering: .relaxed)
        guard head != tail.load(ordering: .acquiring) else { return nil }
        let element = storage[head]
        self.head.store(head + 1 == capacity ? 0 : head + 1, ordering: .releasing)
        return element
    }

    /// Elements waiting (a snapshot; exact only on the consumer's or producer's own thread).
    public var count: Int {
        let head = self.head.load(ordering: .acquiring), tail = self.tail.load(ordering: .acquiring)
        return tail >= head ? tail - head : tail + capacity - head
    }
}
