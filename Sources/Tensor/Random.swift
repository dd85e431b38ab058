/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64): the same seed
/// gives the same numbers on every machine, which is what makes sampling and training repeatable.
public struct RandomSource: RandomNumberGenerator, Sendable, Equatable {
    public private(set) var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal of the last Box–Muller pair, not yet handed out.
    public private(set) var spare: Double?

    public init(seed: UInt64) {
        var mix = seed
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// Resumes a generator from a saved state (see `state`), as a checkpoint does.
    public init(state: (UInt64, UInt64, UInt64, UInt64), spare: Double? = nil) {
        self.state = state
        self.spare = spare
    }

    public static func == (a: RandomSource, b: RandomSource) -> Bool { a.state == b.state && a.spare == b.spare }

    public mutating func next() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal, by Box–Muller: each pair of uniform draws gives two normals, the second
    /// kept for the next call (it is part of the state, so a saved generator resumes exactly).
    public mutating func nextNormal() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        let u1 = max(nextUnit(), 0x1p-60), u2 = nextUnit()
        let radius = (-2 * Double.log(u1)).squareRoot(), angle = 2 * Double.pi * u2
        spare = radius * Double.sin(angle)
        return radius * Double.cos(angle)
    }
}
