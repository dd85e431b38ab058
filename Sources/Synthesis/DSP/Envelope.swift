/// An attack–decay–sustain–release envelope with exponential segments, stepped per sample.
///
/// Attack rises toward an overshoot so it reaches full level in the time asked; decay and release
/// fall exponentially, their times being how long the fall of 60 dB takes (as a musician reads a
/// release time). Idle once the release is below -66 dB (`silence`).
///
/// Every stage is the same step, `value = target + (value - target) × coefficient`, with the
/// stage's own target and coefficient, and the stage ends when the value leaves a band; so a
/// sample costs one multiply-add and two comparisons, with no branch on the stage.
struct Envelope {
    enum Stage { case idle, attack, decay, release }

    private(set) var stage = Stage.idle
    private(set) var value: Float = 0
    private var target: Float = 0
    private var coefficient: Float = 0
    /// The band the value stays in during this stage; leaving it moves to the next stage.
    private var lower: Float = -.infinity
    private var upper: Float = .infinity

    private var attackCoefficient: Float = 0
    private var decayCoefficient: Float = 0
    private var releaseCoefficient: Float = 0
    private var sustainLevel: Float = 1

    /// About -66 dB: below anything audible under a mix, and it frees the voice a third sooner than -80 dB.
    static let silence: Float = 5e-4
    private static let attackOvershoot: Float = 1.1

    var isActive: Bool { stage != .idle }

    /// The shape last configured, so that configuring it again (as voices do every control
    /// block) costs a comparison rather than three exponentials.
    private var shape: (Float, Float, Float, Float, Float) = (.nan, .nan, .nan, .nan, .nan)

    /// Sets the shape; times in seconds. Can be called while sounding.
    mutating func configure(attack: Float, decay: Float, sustain: Float, release: Float, sampleRate: Float) {
        guard shape != (attack, decay, sustain, release, sampleRate) else { return }
        shape = (attack, decay, sustain, release, sampleRate)
        attackCoefficient = DSPMath.decayCoefficient(seconds: max(attack, 0.0005) / 2.2, sampleRate: sampleRate)
        // 60 dB is a factor of 1000, e^6.91: the time constant is the time over 6.91.
        decayCoefficient = DSPMath.decayCoefficient(seconds: max(decay, 0.001) / 6.91, sampleRate: sampleRate)
        releaseCoefficient = DSPMath.decayCoefficient(seconds: max(release, 0.001) / 6.91, sampleRate: sampleRate)
        sustainLevel = min(max(sustain, 0), 1)
        enter(stage)
    }

    /// Starts the attack from wherever the envelope is, so a retrigger does not jump.
    mutating func start() { enter(.attack) }

    mutating func release() { if stage != .idle { enter(.release) } }

    /// The next value; call once per sample.
    @inline(__always)
    mutating func next() -> Float {
        value = target + (value - target) * coefficient
        if value >= upper || value < lower { advance() }
        return value
    }

    mutating func reset() {
        value = 0
        enter(.idle)
    }

    /// The stage after this one, when the value has left the band.
    private mutating func advance() {
        switch stage {
        case .attack:
            value = 1
            enter(.decay)
        case .decay, .release:
            value = 0
            enter(.idle)
        case .idle:
            break
        }
    }

    private mutating func enter(_ next: Stage) {
        stage = next
        switch next {
        case .idle:
            (target, coefficient, lower, upper) = (0, 0, -.infinity, .infinity)
        case .attack:
            (target, coefficient, lower, upper) = (Self.attackOvershoot, attackCoefficient, -.infinity, 1)
        case .decay:
            // Decaying to a sustain level holds there; decaying to nothing ends the note.
            let floor: Float = sustainLevel > 0 ? -.infinity : Self.silence
            (target, coefficient, lower, upper) = (sustainLevel, decayCoefficient, floor, .infinity)
        case .release:
            (target, coefficient, lower, upper) = (0, releaseCoefficient, Self.silence, .infinity)
        }
    }
}
