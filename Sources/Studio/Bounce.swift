import Arrangement
import AudioIO
import Synthesis

/// Sound settings for a take: sample rate, keys patch, and each instrument's timbre and mix.
public struct SoundSettings: Sendable, Equatable {
    public var sampleRate: Int = 48000
    public var layout = BandLayout()
    public var timbres: [Instrument: Timbre] = [:]
    public var mixes: [Instrument: TrackMix] = [:]
    /// Semitones the pitched tracks are moved.
    public var transpose = 0
    /// Frames per render call, as the audio device's period would be (the result does not depend on it).
    public var period = 256

    public init() {}

    /// The settings applied to an engine made with `layout`'s patches.
    func apply(to engine: SynthEngine) {
        for instrument in layout.instruments {
            guard let track = layout.trackIndex(instrument) else { continue }
            if let timbre = timbres[instrument] { engine.setTimbre(timbre, track: track) }
            if let mix = mixes[instrument] { engine.setMix(mix, track: track) }
        }
    }
}

/// Offline rendering of a take: the same engine and performer the live transport uses, run as
/// fast as the CPU allows, so the file sounds exactly like playback.
public enum Bounce {
    /// Longest tail rendered after the last note for releases and reverb to die away, seconds.
    public static let maximumTail = 6.0

    /// The whole take, stereo, with its tail (cut once it is below -90 dBFS).
    public static func render(_ take: Take, settings: SoundSettings = SoundSettings()) -> AudioBuffer {
        render(take, settings: settings, solo: nil)
    }

    /// One buffer per instrument of the take: each track alone through the same master chain.
    public static func stems(_ take: Take, settings: SoundSettings = SoundSettings()) -> [(Instrument, AudioBuffer)] {
        take.tracks.map { ($0.instrument, render(take, settings: settings, solo: $0.instrument)) }
    }

    static func render(_ take: Take, settings: SoundSettings, solo: Instrument?) -> AudioBuffer {
        let engine = SynthEngine(sampleRate: Double(settings.sampleRate), patches: settings.layout.patches)
        settings.apply(to: engine)
        if let solo, let track = settings.layout.trackIndex(solo) {
            var mix = engine.mix(track: track) ?? TrackMix()
            mix.solo = true
            engine.setMix(mix, track: track)
        }
        let performer = Performer(engine: engine)
        performer.transpose = settings.transpose
        performer.setTempo(take.tempo)
        let score = take.score(layout: settings.layout)
        performer.play(score)

        let period = max(1, settings.period)
        let seconds = Double(score.length) / Double(score.ticksPerQuarter) * 60 / take.tempo
        let body = Int((seconds * Double(settings.sampleRate)).rounded(.up))
        let limit = body + Int(maximumTail * Double(settings.sampleRate))
        var left = [Float](), right = [Float]()
        left.reserveCapacity(limit)
        right.reserveCapacity(limit)
        var blockLeft = [Float](repeating: 0, count: period), blockRight = [Float](repeating: 0, count: period)
        var quietSince = Int.max
        while left.count < limit {
            blockLeft.withUnsafeMutableBufferPointer { l in
                blockRight.withUnsafeMutableBufferPointer { r in
                    guard let l = l.baseAddress, let r = r.baseAddress else { return }
                    performer.render(left: l, right: r, frames: period)
                }
            }
            left += blockLeft
            right += blockRight
            if left.count >= body {
                let peak = max(blockLeft.map(abs).max() ?? 0, blockRight.map(abs).max() ?? 0)
                if peak < 3e-5 { quietSince = min(quietSince, left.count - period) } else { quietSince = Int.max }
                // A tenth of a second of silence after the end: the tail is over.
                if left.count - quietSince >= settings.sampleRate / 10 { break }
            }
        }
        let frames = min(left.count, quietSince == Int.max ? left.count : max(body, quietSince))
        return AudioBuffer(sampleRate: settings.sampleRate, channels: [Array(left[..<frames]), Array(right[..<frames])])
    }
}
