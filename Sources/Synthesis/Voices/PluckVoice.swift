/// A plucked string (Karplus–Strong): a burst of filtered noise circulating in a delay line one
/// period long, averaged and damped on each pass. Brightness sets the pick's tone and how slowly
/// the highs die; a note-off mutes the string.
struct PluckVoice: Voice {
    static let polyphony = 8
    /// The lowest note the delay line is long enough for (MIDI 28, E1).
    static let lowestKey = 28

    private(set) var key = 0
    private let line: UnsafeMutablePointer<Float>
    private let capacity: Int
    private var length = 2
    private var fraction: Float = 0
    private var position = 0
    private var previous: Float = 0
    private var feedback: Float = 0.99
    private var muted = false
    private var level: Float = 0
    private var recentPeak: Float = 0
    private var velocity: Float = 0
    private var noise: Noise
    private let sampleRate: Float

    init(sampleRate: Float, seed: UInt32) {
        self.sampleRate = sampleRate
        capacity = Int(sampleRate / DSPMath.frequency(ofKey: Float(Self.lowestKey))) + 4
        line = .allocate(capacity: capacity)
        line.initialize(repeating: 0, count: capacity)
        noise = Noise(seed: seed)
    }

    mutating func deallocate() { line.deallocate() }

    var isActive: Bool { level > Envelope.silence }
    var loudness: Float { level }

    mutating func start(key: Int, velocity: Float, context: VoiceContext) {
        self.key = max(key, Self.lowestKey)
        self.velocity = velocity
        // The averaging filter delays half a sample; the line, read between its oldest cell
        // (length + 1 samples ago) and the next, delays length + 1 - fraction.
        let delay = sampleRate / DSPMath.frequency(ofKey: Float(self.key)) - 0.5
        let whole = ceilf(delay)
        length = min(max(Int(whole) - 1, 2), capacity - 2)
        fraction = whole - delay
        muted = false
        position = 0
        previous = 0
        // The pick: noise, darker for low brightness and soft playing.
        var pick = OnePole()
        pick.configure(cutoff: 800 + 9000 * context.timbre.brightness * (0.5 + 0.5 * velocity), sampleRate: sampleRate)
        for index in 0...length { line[index] = pick.lowPass(noise.next()) * velocity * 0.8 }
        level = velocity
        recentPeak = velocity
        control(context: context)
    }

    mutating func release(context: VoiceContext) {
        muted = true
        control(context: context)
    }

    mutating func control(context: VoiceContext) {
        // How loud the string still is, judged once per control block so that it does not
        // depend on how rendering was split: the loudest sample lately, or a fading memory of it.
        level = max(recentPeak, level * 0.5)
        recentPeak = 0
        let timbre = context.timbre
        // Ring time: a few seconds for an open string, shorter up the neck; muted, a fraction.
        let ring = muted ? 0.04 + 0.3 * timbre.release : 2.5 * (0.5 + timbre.brightness)
        let periodsPerSecond = sampleRate / Float(length)
        feedback = powf(0.001, 1 / (ring * periodsPerSecond))
    }

    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext) {
        let gain: Float = 0.5
        var peak: Float = 0
        for frame in 0..<count {
            let next = position + 1 > length ? 0 : position + 1
            let current = line[position] + (line[next] - line[position]) * fraction
            let averaged = DSPMath.flushDenormal(0.5 * (current + previous) * feedback)
            previous = current
            line[position] = averaged
            position = next
            left[frame] += averaged * gain
            right[frame] += averaged * gain
            peak = max(peak, abs(averaged))
        }
        recentPeak = max(recentPeak, peak)
    }

    mutating func reset() {
        line.update(repeating: 0, count: capacity)
        level = 0
        recentPeak = 0
        previous = 0
    }
}
