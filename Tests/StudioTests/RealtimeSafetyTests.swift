import Arrangement
import Foundation
import MusicTheory
import RealtimeProbe
import Studio
import Synthesis
import Testing

/// The audio thread neither allocates nor locks, counted on that thread by the interposed
/// malloc and pthread functions of RealtimeProbe, while another thread changes tempo,
/// transposition, timbres, mixes and takes under it. And the count is real: an allocation or a
/// lock put into the render path is caught.
@Suite(.serialized) struct RealtimeSafetyTests {
    /// Renders `periods` periods on a thread of its own, counting what that thread calls.
    static func renderWatched(_ transport: Transport, periods: Int, inject: (@Sendable () -> Void)? = nil,
                              whileRendering control: (Transport) -> Void = { _ in }) -> (allocations: Int, locks: Int) {
        let frames = 256
        let left = UnsafeMutablePointer<Float>.allocate(capacity: frames)
        let right = UnsafeMutablePointer<Float>.allocate(capacity: frames)
        defer { left.deallocate(); right.deallocate() }
        let audio = transport.audio
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var counts = (allocations: 0, locks: 0)
        nonisolated(unsafe) let buffers = (left, right)
        let thread = Thread {
            probe_reset()
            probe_watch_this_thread(1)
            for _ in 0..<periods {
                audio.render(left: buffers.0, right: buffers.1, frames: frames)
                inject?()
                // Paced like a device's periods, so the commands arrive while it plays.
                usleep(150)
            }
            probe_watch_this_thread(0)
            counts = (probe_allocations(), probe_locks())
            done.signal()
        }
        thread.start()
        control(transport)
        done.wait()
        return counts
    }

    static func take(_ chart: String) throws -> Take {
        PatternArranger.arrange(try Chart(parsing: chart))
    }

    @Test func theProbeIsInPlace() {
        _ = [1, 2, 3].map { $0 + 1 }
        #expect(probe_is_active() == 1)
    }

    @Test func theAudioThreadNeitherAllocatesNorLocksWhileEverythingChanges() throws {
        let transport = Transport(sampleRate: 48000)
        transport.play(BenchmarkTake.dense(), looping: true)
        let takes = [try Self.take("| C | Am | F | G |"), try Self.take("meter: 3/4\n| Dm7 | G7 | Cmaj7 |")]
        let counts = Self.renderWatched(transport, periods: 3000, whileRendering: { transport in
            // A full queue refuses a command; like the interface, try again a moment later.
            func send(_ command: () -> Bool) { while !command() { usleep(500) } }
            for step in 0..<200 {
                send { transport.setTempo(Double(90 + step % 60)) }
                send { transport.setTranspose(step % 5 - 2) }
                send { transport.setTimbre(Timbre(brightness: Float(step % 10) / 10, attack: 0.2, release: 0.5, drive: 0.3), for: .keys) }
                send { transport.setMix(TrackMix(volume: -Float(step % 12), pan: 0.3, mute: step % 7 == 0, solo: step % 11 == 0), for: .pad) }
                if step % 40 == 0 { send { transport.replaceAtNextBar(takes[step / 40 % 2]) } }
                usleep(2000)
            }
        })
        #expect(counts.allocations == 0)
        #expect(counts.locks == 0)
        #expect(transport.periodsRendered >= 3000)
        // The new takes did come in under it (the dense take is 8 bars of 4/4).
        #expect(transport.audio.performer.score?.length != BenchmarkTake.dense().score().length)
    }

    @Test func anAllocationInTheRenderPathIsCaught() {
        let transport = Transport(sampleRate: 48000)
        transport.play(BenchmarkTake.dense())
        let counts = Self.renderWatched(transport, periods: 10, inject: {
            let scratch = [Float](repeating: 1, count: 64 + Int.random(in: 0..<2))
            precondition(scratch.count > 0)
        })
        #expect(counts.allocations >= 10)
    }

    @Test func aLockInTheRenderPathIsCaught() {
        let transport = Transport(sampleRate: 48000)
        transport.play(BenchmarkTake.dense())
        let lock = NSLock()
        let counts = Self.renderWatched(transport, periods: 10, inject: { lock.lock(); lock.unlock() })
        #expect(counts.locks >= 10)
    }
}
