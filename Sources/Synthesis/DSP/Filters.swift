/// A state-variable filter in the topology-preserving (trapezoidal) form: stable under fast
/// cutoff changes, low-pass, band-pass and high-pass from one state.
struct StateVariableFilter {
    private var a1: Float = 0, a2: Float = 0, a3: Float = 0, k: Float = 1
    private var ic1: Float = 0, ic2: Float = 0

    /// Sets cutoff (Hz, kept below Nyquist) and resonance as Q (0.5 is gentle, 5 rings).
    mutating func configure(cutoff: Float, q: Float, sampleRate: Float) {
        let limited = min(max(cutoff, 10), sampleRate * 0.49)
        let g = tanf(.pi * limited / sampleRate)
        k = 1 / max(q, 0.1)
        a1 = 1 / (1 + g * (g + k))
        a2 = g * a1
        a3 = g * a2
    }

    /// One sample through; returns (low, band, high).
    @inline(__always)
    mutating func process(_ x: Float) -> (low: Float, band: Float, high: Float) {
        let v3 = x - ic2
        let v1 = a1 * ic1 + a2 * v3
        let v2 = ic2 + a2 * ic1 + a3 * v3
        ic1 = DSPMath.flushDenormal(2 * v1 - ic1)
        ic2 = DSPMath.flushDenormal(2 * v2 - ic2)
        return (v2, v1, x - k * v1 - v2)
    }

    @inline(__always)
    mutating func lowPass(_ x: Float) -> Float { process(x).low }

    mutating func reset() {
        ic1 = 0
        ic2 = 0
    }
}

/// A one-pole low-pass (or, subtracted from its input, high-pass) for gentle tone shaping.
struct OnePole {
    private var coefficient: Float = 0
    private var state: Float = 0

    mutating func configure(cutoff: Float, sampleRate: Float) {
        coefficient = expf(-DSPMath.twoPi * min(cutoff, sampleRate * 0.49) / sampleRate)
    }

    @inline(__always)
    mutating func lowPass(_ x: Float) -> Float {
        state = DSPMath.flushDenormal(x + (state - x) * coefficient)
        return state
    }

    @inline(__always)
    mutating func highPass(_ x: Float) -> Float { x - lowPass(x) }

    mutating func reset() { state = 0 }
}

/// White noise from a 32-bit xorshift: cheap, deterministic from its seed.
struct Noise {
    private var state: UInt32

    init(seed: UInt32) { state = seed == 0 ? 0x9E37_79B9 : seed }

    /// Uniform in [-1, 1).
    @inline(__always)
    mutating func next() -> Float {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return Float(Int32(bitPattern: state)) * (1 / 2_147_483_648)
    }
}

/// A band-limited sawtooth (PolyBLEP): the naive ramp with its step smoothed over one sample
/// each side, which keeps aliasing down without tables.
struct SawOscillator {
    var phase: Float = 0

    @inline(__always)
    mutating func next(increment: Float) -> Float {
        var value = 2 * phase - 1
        value -= Self.polyBLEP(phase, increment)
        phase += increment
        if phase >= 1 { phase -= 1 }
        return value
    }

    @inline(__always)
    static func polyBLEP(_ t: Float, _ dt: Float) -> Float {
        if t < dt {
            let x = t / dt
            return x + x - x * x - 1
        } else if t > 1 - dt {
            let x = (t - 1) / dt
            return x * x + x + x + 1
        }
        return 0
    }
}
