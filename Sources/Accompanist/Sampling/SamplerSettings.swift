/// How a take is sampled: the solver, its number of steps, the guidance scale, and the seed.
public struct SamplerSettings: Sendable, Equatable, Codable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        /// DDIM (Song et al.), deterministic (η = 0): first order.
        case ddim
        /// DPM-Solver++(2M) (Lu et al.): second order multistep on the data prediction.
        case dpmSolver2M = "dpm++2m"
    }

    public var method: Method
    /// 4...50.
    public var steps: Int
    /// Classifier-free guidance on the chords: 1 is none, higher follows the chords more closely.
    public var guidance: Float
    public var seed: UInt64
    /// The onset threshold the final roll is read with (see `PianoRollCodec.threshold`).
    public var threshold: Float

    public static let stepRange = 4...50

    public init(method: Method = .dpmSolver2M, steps: Int = 12, guidance: Float = 2, seed: UInt64 = 1,
                threshold: Float = PianoRollCodec.threshold) {
        self.method = method
        self.steps = min(max(steps, Self.stepRange.lowerBound), Self.stepRange.upperBound)
        self.guidance = guidance
        self.seed = seed
        self.threshold = threshold
    }
}
