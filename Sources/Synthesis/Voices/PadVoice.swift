/// A string-machine pad: two saws 18 cents apart, one on each side, beating slowly against each
/// other as an ensemble does; slow attack and long release. The low-pass that shapes it acts on the whole pad track at once
/// (see `TrackChannel`): every voice shares its cutoff, so one filter per side does the work of
/// one per voice.
struct PadVoice: Voice {
    static let polyphony = 12

    private(set) var key = 0
    private var low = SawOscillator()
    private var high = SawOscillator()
    private var increment: Float = 0
    private var velocity: Float = 0
    private var amplitude = Envelope()
    private let sampleRate: Float
    /// ±9 cents.
    private static let detune: Float = powf(2, 9 / 1200)

    /// Where each saw starts: apart, so a chord does not begin with every phase aligned, and the
    /// same for every note of this voice, so nothing an earlier note left can change a new one.
    private let startPhases: (Float, Float)

    init(sampleRate: Float, seed: UInt32) {
        self.sampleRate = sampleRate
        var noise = Noise(seed: seed)
        startPhases = (abs(noise.next()), abs(noise.next()))
    }

    var isActive: Bool { amplitude.isActive }
    var loudness: Float { amplitude.value * velocity }

    mutating func start(key: Int, velocity: Float, context: VoiceContext) {
        self.key = key
        self.velocity = velocity
        increment = DSPMath.frequency(ofKey: Float(key)) / sampleRate
        (low.phase, high.phase) = startPhases
        amplitude.start()
        control(context: context)
    }

    mutating func release(context: VoiceContext) { amplitude.release() }

    mutating func control(context: VoiceContext) {
        let timbre = context.timbre
        amplitude.configure(attack: 0.05 + 1.5 * timbre.attack, decay: 1, sustain: 1,
                            release: 0.2 + 2.5 * timbre.release, sampleRate: sampleRate)
    }

    /// The cutoff of the pad track's low-pass for a brightness: 300 Hz to about 7 kHz.
    static func cutoff(brightness: Float) -> Float { 300 * powf(2, brightness * 4.5) }

    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext) {
        // Locals, not stored properties, in the loop: the compiler keeps them in registers.
        let gain = 0.14 * velocity
        let lowIncrement = increment / Self.detune, highIncrement = increment * Self.detune
        var low = self.low, high = self.high, amplitude = self.amplitude
        for frame in 0..<count {
            let envelope = amplitude.next() * gain
            left[frame] += low.next(increment: lowIncrement) * envelope
            right[frame] += high.next(increment: highIncrement) * envelope
        }
        self.low = low
        self.high = high
        self.amplitude = amplitude
    }

    mutating func reset() {
        amplitude.reset()
    }
}
