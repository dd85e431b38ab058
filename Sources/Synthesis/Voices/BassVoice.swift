/// Electric-style bass: a band-limited saw over a sine at the note's fundamental (the weight a
/// sub-oscillator gives, without moving the pitch an octave down) through a resonant low-pass
/// whose cutoff follows brightness and snaps open on each note.
struct BassVoice: Voice {
    static let polyphony = 4

    private(set) var key = 0
    private var saw = SawOscillator()
    private var subPhase: UInt32 = 0
    private var increment: Float = 0
    private var velocity: Float = 0
    private var amplitude = Envelope()
    private var filterEnvelope = Envelope()
    private var filter = StateVariableFilter()
    private let sampleRate: Float

    init(sampleRate: Float, seed: UInt32) { self.sampleRate = sampleRate }

    var isActive: Bool { amplitude.isActive }
    var loudness: Float { amplitude.value * velocity }

    mutating func start(key: Int, velocity: Float, context: VoiceContext) {
        self.key = key
        self.velocity = velocity
        increment = DSPMath.frequency(ofKey: Float(key)) / sampleRate
        configure(context.timbre)
        // Every note starts from the same state, so nothing left by an earlier note (or by where
        // a render call happened to end) can change it.
        saw.phase = 0
        subPhase = 0
        filter.reset()
        amplitude.start()
        filterEnvelope.reset()
        filterEnvelope.start()
        control(context: context)
    }

    mutating func release(context: VoiceContext) {
        amplitude.release()
        filterEnvelope.release()
    }

    mutating func control(context: VoiceContext) {
        configure(context.timbre)
        // The filter's envelope only moves the cutoff, which is set here once a control block:
        // it steps here too, a block at a time.
        for _ in 0..<SynthEngine.controlInterval { _ = filterEnvelope.next() }
        let timbre = context.timbre
        // 120 Hz to 3.8 kHz with brightness, following the note a little, opened by velocity.
        let base = 120 * powf(2, timbre.brightness * 5) * powf(increment * sampleRate / 55, 0.5)
        let cutoff = base * (1 + 3 * filterEnvelope.value * (0.4 + 0.6 * velocity))
        filter.configure(cutoff: cutoff, q: 0.9, sampleRate: sampleRate)
    }

    private mutating func configure(_ timbre: Timbre) {
        amplitude.configure(attack: 0.002 + 0.1 * timbre.attack * timbre.attack, decay: 0.8, sustain: 0.75,
                            release: 0.02 + 0.4 * timbre.release, sampleRate: sampleRate)
        filterEnvelope.configure(attack: 0.001, decay: 0.12, sustain: 0, release: 0.05, sampleRate: sampleRate)
    }

    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext) {
        // Locals, not stored properties, in the loop: the compiler keeps them in registers.
        let gain = 0.45 * velocity
        let sine = context.sine
        let increment = self.increment, subIncrement = SineLookup.fixedIncrement(cycles: increment)
        var saw = self.saw, sub = subPhase, filter = self.filter
        var amplitude = self.amplitude
        for frame in 0..<count {
            let raw = 0.6 * saw.next(increment: increment) + 0.7 * sine.sine(fixed: sub)
            sub &+= subIncrement
            let sample = filter.lowPass(raw) * amplitude.next() * gain
            left[frame] += sample
            right[frame] += sample
        }
        self.saw = saw
        subPhase = sub
        self.filter = filter
        self.amplitude = amplitude
    }

    mutating func reset() {
        amplitude.reset()
        filterEnvelope.reset()
        filter.reset()
        saw.phase = 0
        subPhase = 0
    }
}
