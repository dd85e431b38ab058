import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Plays to nowhere at the pace of real time: what sideman uses when no audio device opens, so
/// the transport, the position and everything that follows them carry on, silent.
public final class SilentOutput: @unchecked Sendable {
    public let sampleRate: Int
    public let period: Int
    private let renderer: any AudioRenderer
    private let left: UnsafeMutablePointer<Float>
    private let right: UnsafeMutablePointer<Float>
    private let stopRequested = Atomic<Bool>(false)
    private var thread: pthread_t?

    public init(sampleRate: Int, period: Int, renderer: any AudioRenderer) {
        self.sampleRate = max(sampleRate, 1)
        self.period = max(period, 1)
        self.renderer = renderer
        left = .allocate(capacity: self.period)
        right = .allocate(capacity: self.period)
    }

    deinit {
        stop()
        left.deallocate()
        right.deallocate()
    }

    /// Starts rendering a period every `period / sampleRate` seconds on a thread of its own.
    public func start() {
        guard thread == nil else { return }
        stopRequested.store(false, ordering: .relaxed)
        var created = pthread_t()
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard pthread_create(&created, nil, { context in
            guard let context else { return nil }
            Unmanaged<SilentOutput>.fromOpaque(context).takeUnretainedValue().run()
            return nil
        }, context) == 0 else { return }
        thread = created
    }

    /// Stops and joins the thread; calling it twice is fine.
    public func stop() {
        guard let thread else { return }
        stopRequested.store(true, ordering: .releasing)
        pthread_join(thread, nil)
        self.thread = nil
    }

    /// The thread's loop: render, then sleep until the next period is due (absolute deadlines,
    /// so the pace does not drift).
    private func run() {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let nanoseconds = period * 1_000_000_000 / sampleRate
        while !stopRequested.load(ordering: .acquiring) {
            renderer.render(left: left, right: right, frames: period)
            deadline.tv_nsec += nanoseconds
            while deadline.tv_nsec >= 1_000_000_000 {
                deadline.tv_nsec -= 1_000_000_000
                deadline.tv_sec += 1
            }
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nil)
        }
    }
}
