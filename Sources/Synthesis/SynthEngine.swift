/// The band's sound: one channel per track, a reverb on a send bus, and a limiter on the master.
///
/// Everything is allocated in `init`; after that every method is for one thread, the audio
/// thread (or an offline bounce), and none allocates, locks or does I/O. Work that depends on
/// controls happens on fixed 64-sample boundaries of the engine's own clock, and notes start at
/// the exact sample they are given, so the output does not depend on how rendering is split
/// into periods: an offline bounce is sample-identical to the real-time render.
public final class SynthEngine: @unchecked Sendable {
    /// Samples between control updates (timbre smoothing, filter coefficients).
    public static let controlInterval = 64

    public let sampleRate: Float
    public let patches: [Patch]
    private let tracks: [TrackChannel]
    private let sine: SineTable
    private let reverb: Reverb
    private let limiter: Limiter
    private let mixLeft, mixRight, sendLeft, sendRight: UnsafeMutablePointer<Float>
    /// Samples rendered since the engine was made.
    public private(set) var frame: Int64 = 0
    /// Level of the whole mix before the limiter, linear.
    public var masterGain: Float = 0.8

    /// An engine at `sampleRate` Hz with one track per patch (by default bass, keys, pad, drums);
    /// `seed` fixes the noise sources, so the same input renders the same samples.
    public init(sampleRate: Double, patches: [Patch] = Patch.band, seed: UInt32 = 1) {
        self.sampleRate = Float(sampleRate)
        self.patches = patches
        let block = Self.controlInterval
        let sine = SineTable()
        self.sine = sine
        tracks = patches.enumerated().map { index, patch in
            TrackChannel(patch: patch, sampleRate: Float(sampleRate), sine: sine,
                         seed: seed &+ UInt32(index) &* 0x2545_F491, maximumBlock: block)
        }
        reverb = Reverb(sampleRate: Float(sampleRate))
        limiter = Limiter(sampleRate: Float(sampleRate))
        mixLeft = .allocate(capacity: block)
        mixRight = .allocate(capacity: block)
        sendLeft = .allocate(capacity: block)
        sendRight = .allocate(capacity: block)
    }

    deinit {
        mixLeft.deallocate()
        mixRight.deallocate()
        sendLeft.deallocate()
        sendRight.deallocate()
    }

    public var trackCount: Int { tracks.count }

    /// Voices sounding on a track.
    public func activeVoices(track: Int) -> Int { tracks.indices.contains(track) ? tracks[track].instrument.activeCount : 0 }

    /// Blocks in which a non-finite sample reached the limiter (and was replaced by silence).
    public var nonFiniteBlocks: Int { limiter.nonFiniteBlocks }

    // MARK: events (audio thread)

    /// Starts a note now; velocity 1...127. Out-of-range tracks and keys are ignored.
    public func noteOn(track: Int, key: Int, velocity: Int) {
        guard tracks.indices.contains(track), (0...127).contains(key), velocity > 0 else { return }
        let channel = tracks[track]
        channel.instrument.noteOn(key: key, velocity: Float(min(velocity, 127)) / 127, context: channel.context)
    }

    public func noteOff(track: Int, key: Int) {
        guard tracks.indices.contains(track) else { return }
        let channel = tracks[track]
        channel.instrument.noteOff(key: key, context: channel.context)
    }

    /// Fades every voice on every track out quickly.
    public func silence() {
        for channel in tracks { channel.instrument.silence() }
    }

    public func setTimbre(_ timbre: Timbre, track: Int) {
        guard tracks.indices.contains(track) else { return }
        tracks[track].timbreTarget = timbre
    }

    public func setMix(_ mix: TrackMix, track: Int) {
        guard tracks.indices.contains(track) else { return }
        tracks[track].mix = mix
    }

    public func mix(track: Int) -> TrackMix? { tracks.indices.contains(track) ? tracks[track].mix : nil }
    public func timbre(track: Int) -> Timbre? { tracks.indices.contains(track) ? tracks[track].timbreTarget : nil }

    // MARK: rendering (audio thread)

    /// Renders `frames` samples of the band into `left` and `right` (overwriting them).
    public func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
        var done = 0
        while done < frames {
            let phase = Int(frame % Int64(Self.controlInterval))
            if phase == 0 { control() }
            let count = min(frames - done, Self.controlInterval - phase)
            renderChunk(left: left + done, right: right + done, count: count)
            done += count
            frame += Int64(count)
        }
    }

    private func control() {
        var anySolo = false
        for channel in tracks where channel.mix.solo { anySolo = true }
        for channel in tracks { channel.control(anySolo: anySolo) }
    }

    private func renderChunk(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        mixLeft.update(repeating: 0, count: count)
        mixRight.update(repeating: 0, count: count)
        sendLeft.update(repeating: 0, count: count)
        sendRight.update(repeating: 0, count: count)
        for channel in tracks {
            channel.render(count: count, mixLeft: mixLeft, mixRight: mixRight, sendLeft: sendLeft, sendRight: sendRight)
        }
        reverb.process(left: sendLeft, right: sendRight, count: count)
        let gain = masterGain
        for index in 0..<count {
            left[index] = (mixLeft[index] + sendLeft[index]) * gain
            right[index] = (mixRight[index] + sendRight[index]) * gain
        }
        limiter.process(left: left, right: right, count: count)
    }
}
