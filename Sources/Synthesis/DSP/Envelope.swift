/// An attack–decay–sustain–release envelope with exponential segments, stepped per sample.
///
/// Attack rises toward an overshoot so it reaches full level in the time asked; decay and release
/// fall exponentially, their times being how long the fall of 60 dB takes (as a musician reads a
/// release time). Idle once the release is below -66 dB (`silence`).
struct Envelope {
    enum Stage { case idle, attack, decay, sustain, release }

    private(set) var stage = Stage.idle
    private(set) var value: Float = 0
    private var attackCoefficient: Float = 0
    private var decayCoefficient: Float = 0
    private var releaseCoefficient: Float = 0
    private var sustainLevel: Float = 1

    /// About -66 dB: below anything audible under a mix, and it frees the voice a third sooner than -80 dB.
    static let silence: Float = 5e-4

    var isActive: Bool { stage != .idle }

    /// Sets the shape; times in seconds. Can be called while sounding.
    mutating func configure(attack: Float, decay: Float, sustain: Float, release: Float, sampleRate: Float) {
        attackCoefficient = DSPMath.decayCoefficient(seconds: max(attack, 0.0005) / 2.2, sampleRate: sampleRate)
        // 60 dB is a factor of 1000, e^6.91: the time constant is the time over 6.91.
        decayCoefficient = DSPMath.decayCoefficient(seconds: max(decay, 0.001) / 6.91, sampleRate: sampleRate)
        releaseCoefficient = DSPMath.decayCoefficient(seconds: max(release, 0.001) / 6.91, sampleRate: sampleRate)
        sustainLevel = min(max(sustain, 0), 1)
    }

    /// Starts the attack from wherever the envelope is, so a retrigger does not jump.
    mutating func start() { stage = .attack }

    mutating func release() { if stage != .idle { stage = .release } }

    /// The next value; call once per sample.
    @inline(__always)
    mutating func next() -> Float {
        switch stage {
        case .idle:
            return 0
        case .attack:
            value = 1.1 + (value - 1.1) * attackCoefficient
            if value >= 1 {
                value = 1
                stage = .decay
            }
        case .decay:
            value = sustainLevel + (value - sustainLevel) * decayCoefficient
            if value - sustainLevel < 1e-4 {
                value = sustainLevel
                stage = sustainLevel > 0 ? .sustain : .idle
            }
        case .sustain:
            break
        case .release:
            value *= releaseCoefficient
            if value < Self.silence {
                value = 0
                stage = .idle
            }
        }
        return value
    }

    mutating func reset() {
        stage = .idle
        value = 0
    }
}
