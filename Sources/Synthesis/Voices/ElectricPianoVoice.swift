/// An FM electric piano: a sine carrier phase-modulated by a sine at the same frequency (the
/// body, fading as the note sustains) and by one fourteen times higher (the tine's bell,
/// gone within a few tens of milliseconds). Brightness and velocity deepen the modulation.
/// The body's modulator runs in phase with the carrier, so one table read serves both.
struct ElectricPianoVoice: Voice {
    static let polyphony = 16
    /// How far one unit of modulation index moves the carrier, in the 32-bit fixed-point phase
    /// (a cycle is 2³²): 0.16 of a cycle.
    private static let depth: Float = 0.16 * 4_294_967_296

    private(set) var key = 0
    private var carrierPhase: UInt32 = 0
    private var tinePhase: UInt32 = 0
    private var increment: UInt32 = 0
    private var velocity: Float = 0
    private var bodyIndex: Float = 0
    private var bodyFloor: Float = 0
    private var tineIndex: Float = 0
    private var bodyDecay: Float = 1
    private var tineDecay: Float = 1
    private var leftGain: Float = 0
    private var rightGain: Float = 0
    private var amplitude = Envelope()
    private let sampleRate: Float

    init(sampleRate: Float, seed: UInt32) { self.sampleRate = sampleRate }

    var isActive: Bool { amplitude.isActive }
    var loudness: Float { amplitude.value * velocity }

    mutating func start(key: Int, velocity: Float, context: VoiceContext) {
        self.key = key
        self.velocity = velocity
        increment = SineLookup.fixedIncrement(cycles: DSPMath.frequency(ofKey: Float(key)) / sampleRate)
        let brightness = context.timbre.brightness
        // Indices held pre-scaled to phase units. Brightness and velocity are within 0...1, so
        // together they move the carrier at most (1.7 + 1.0) × 0.16 = 0.43 of a cycle: always
        // within an Int32 offset, with no clamp needed in the loop.
        bodyIndex = (0.3 + 1.4 * brightness) * (0.4 + 0.6 * velocity) * Self.depth
        bodyFloor = bodyIndex * 0.2
        tineIndex = (0.1 + 0.9 * brightness) * velocity * Self.depth
        // Low notes spread a little left, high notes right.
        let pan = min(max(Float(key - 64) / 60, -0.25), 0.25)
        leftGain = 0.22 * velocity * (1 - pan)
        rightGain = 0.22 * velocity * (1 + pan)
        // Every note starts from the same phases, as a struck tine does.
        carrierPhase = 0
        tinePhase = 0
        amplitude.start()
        control(context: context)
    }

    mutating func release(context: VoiceContext) { amplitude.release() }

    mutating func control(context: VoiceContext) {
        // The tine's bell is gone a few tens of milliseconds in (at an index of 0.01 it moves the
        // carrier by a sixth of a percent of a cycle); from here `render` leaves it out.
        // Decided here, on the engine's fixed boundaries, so the output does not depend on how
        // rendering was split.
        if tineIndex < 0.01 * Self.depth { tineIndex = 0 }
        let timbre = context.timbre
        // High notes die sooner, as on the instrument.
        let ring = 4.5 * powf(2, -Float(key - 48) / 24)
        amplitude.configure(attack: 0.001 + 0.05 * timbre.attack * timbre.attack, decay: ring, sustain: 0,
                            release: 0.08 + 0.6 * timbre.release, sampleRate: sampleRate)
        bodyDecay = DSPMath.decayCoefficient(seconds: 0.6, sampleRate: sampleRate)
        tineDecay = DSPMath.decayCoefficient(seconds: 0.03, sampleRate: sampleRate)
    }

    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext) {
        // Locals, not stored properties, in the loop: the compiler keeps them in registers.
        let sine = context.sine
        var carrier = carrierPhase, tine = tinePhase
        var bodyIndex = self.bodyIndex, tineIndex = self.tineIndex, amplitude = self.amplitude
        let increment = self.increment, tineIncrement = increment &* 14
        let bodyFloor = self.bodyFloor, bodyDecay = self.bodyDecay, tineDecay = self.tineDecay
        let leftGain = self.leftGain, rightGain = self.rightGain
        if tineIndex == 0 {
            // The tine's bell is gone (see `control`): leave it out of the loop.
            for frame in 0..<count {
                let modulation = bodyIndex * sine.sine(fixed: carrier)
                let sample = sine.sine(fixed: carrier &+ UInt32(bitPattern: Int32(modulation))) * amplitude.next()
                left[frame] += sample * leftGain
                right[frame] += sample * rightGain
                carrier &+= increment
                bodyIndex = bodyFloor + (bodyIndex - bodyFloor) * bodyDecay
            }
            tine &+= tineIncrement &* UInt32(truncatingIfNeeded: count)
        } else {
            for frame in 0..<count {
                // The modulation as a phase offset (the indices are in phase units, see `start`).
                let bodyPart: Float = bodyIndex * sine.sine(fixed: carrier)
                let tinePart: Float = tineIndex * sine.sine(fixed: tine)
                let sample = sine.sine(fixed: carrier &+ UInt32(bitPattern: Int32(bodyPart + tinePart))) * amplitude.next()
                left[frame] += sample * leftGain
                right[frame] += sample * rightGain
                carrier &+= increment
                tine &+= tineIncrement
                // The body's modulation settles to a fifth of its strike, never to a bare sine.
                bodyIndex = bodyFloor + (bodyIndex - bodyFloor) * bodyDecay
                tineIndex *= tineDecay  // dropped to 0 in `control` long before it could be denormal
            }
        }
        carrierPhase = carrier
        tinePhase = tine
        self.bodyIndex = bodyIndex
        self.tineIndex = tineIndex
        self.amplitude = amplitude
    }

    mutating func reset() {
        amplitude.reset()
        carrierPhase = 0
        tinePhase = 0
    }
}
