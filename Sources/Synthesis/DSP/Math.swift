#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif

/// Small numeric helpers for the render path: no allocation, no branches that depend on the
/// sample value where it can be helped.
enum DSPMath {
    static let twoPi: Float = 2 * .pi

    /// Frequency in Hz of a MIDI note number (A4 = 69 = 440 Hz), with fractional notes for detune.
    @inline(__always)
    static func frequency(ofKey key: Float) -> Float { 440 * powf(2, (key - 69) / 12) }

    /// The per-sample multiplier that shrinks a value to 1/e in `seconds` (for exponential segments).
    @inline(__always)
    static func decayCoefficient(seconds: Float, sampleRate: Float) -> Float {
        seconds <= 0 ? 0 : expf(-1 / (seconds * sampleRate))
    }

    /// A soft saturator shaped like tanh, exact at 0 and within 2% up to |x| = 3, then clamped to ±1.
    @inline(__always)
    static func softClip(_ x: Float) -> Float {
        let clamped = min(max(x, -3), 3)
        let square = clamped * clamped
        return clamped * (27 + square) / (27 + 9 * square)
    }

    /// Zero for values too small to hear, so recursive filters never sink into denormals.
    @inline(__always)
    static func flushDenormal(_ x: Float) -> Float { abs(x) < 1e-15 ? 0 : x }
}

/// Linear gain of a level in decibels.
@inline(__always)
public func decibelsToGain(_ decibels: Float) -> Float { powf(10, decibels / 20) }
