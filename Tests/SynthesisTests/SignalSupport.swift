@testable import Synthesis

/// Rendering helpers for DSP tests: a voice or an engine into arrays, and measures of a signal.
enum Signal {
    static let sampleRate: Float = 48000

    /// One table for every test, alive for the whole run (contexts hold only its address).
    static let sine = SineTable()

    static func context(_ timbre: Timbre = Timbre()) -> VoiceContext {
        VoiceContext(sampleRate: sampleRate, sine: sine.lookup, timbre: timbre)
    }

    /// Renders a voice in 32-sample control blocks; `releaseAfter` seconds in, the note is released.
    static func render<V: Voice>(_ type: V.Type, key: Int, velocity: Float = 1, seconds: Float, releaseAfter: Float? = nil,
                                 timbre: Timbre = Timbre()) -> (left: [Float], right: [Float], activeUntil: Int?) {
        let context = context(timbre)
        var voice = V(sampleRate: sampleRate, seed: 7)
        defer { voice.deallocate() }
        voice.start(key: key, velocity: velocity, context: context)
        let frames = Int(seconds * sampleRate)
        var left = [Float](repeating: 0, count: frames), right = [Float](repeating: 0, count: frames)
        var activeUntil: Int?
        var done = 0
        while done < frames {
            if let releaseAfter, done == Int(releaseAfter * sampleRate) / 32 * 32 { voice.release(context: context) }
            voice.control(context: context)
            let count = min(32, frames - done)
            if voice.isActive {
                left.withUnsafeMutableBufferPointer { l in
                    right.withUnsafeMutableBufferPointer { r in
                        voice.render(left: l.baseAddress! + done, right: r.baseAddress! + done, count: count, context: context)
                    }
                }
            } else if activeUntil == nil {
                activeUntil = done
            }
            done += count
        }
        return (left, right, activeUntil)
    }

    static func rms(_ signal: ArraySlice<Float>) -> Float {
        guard !signal.isEmpty else { return 0 }
        return (signal.reduce(0) { $0 + $1 * $1 } / Float(signal.count)).squareRoot()
    }

    static func peak(_ signal: [Float]) -> Float { signal.map(abs).max() ?? 0 }

    /// Fundamental frequency by autocorrelation over lags for 30 Hz to 2 kHz (on at most 4096 samples).
    static func pitch(_ signal: ArraySlice<Float>) -> Float {
        let samples = Array(signal.prefix(4096 + Int(sampleRate / 30)))
        let minLag = Int(sampleRate / 2000), maxLag = Int(sampleRate / 30)
        var best = (lag: minLag, score: -Float.infinity)
        var scores = [Float](repeating: 0, count: maxLag + 2)
        for lag in minLag...maxLag {
            var sum: Float = 0
            for index in 0..<(samples.count - maxLag) { sum += samples[index] * samples[index + lag] }
            scores[lag] = sum
        }
        // The first peak within 90% of the best avoids octave errors toward long lags.
        let top = scores[minLag...maxLag].max() ?? 0
        for lag in (minLag + 1)..<maxLag where scores[lag] >= 0.9 * top && scores[lag] >= scores[lag - 1] && scores[lag] >= scores[lag + 1] {
            best = (lag, scores[lag])
            break
        }
        // Parabolic interpolation around the peak for sub-sample precision.
        let (a, b, c) = (scores[best.lag - 1], scores[best.lag], scores[best.lag + 1])
        let shift = (a - c) / (2 * (a - 2 * b + c))
        return sampleRate / (Float(best.lag) + (shift.isFinite ? shift : 0))
    }

    /// Renders the engine for `seconds` in periods of `period` frames, calling `events` before
    /// each period with the frame it starts at.
    static func render(_ engine: SynthEngine, seconds: Float, period: Int = 256, events: (Int) -> Void = { _ in }) -> [Float] {
        let frames = Int(seconds * Float(engine.sampleRate))
        var left = [Float](repeating: 0, count: frames), right = [Float](repeating: 0, count: frames)
        var done = 0
        while done < frames {
            events(done)
            let count = min(period, frames - done)
            left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in
                    engine.render(left: l.baseAddress! + done, right: r.baseAddress! + done, frames: count)
                }
            }
            done += count
        }
        return zip(left, right).flatMap { [$0, $1] }
    }
}
