/// Which instrument a track plays.
public enum Patch: String, CaseIterable, Sendable {
    case bass, electricPiano, guitar, pad, drums

    /// The band's default line-up: bass, keys, pad, drums.
    public static let band: [Patch] = [.bass, .electricPiano, .pad, .drums]

    /// How much of the track goes to the reverb by default.
    var defaultReverbSend: Float {
        switch self {
        case .bass: 0.03
        case .electricPiano: 0.18
        case .guitar: 0.2
        case .pad: 0.35
        case .drums: 0.1
        }
    }
}

/// A track's place in the mix.
public struct TrackMix: Sendable, Equatable, BitwiseCopyable {
    /// Level in dB, -60 (silent) to +6.
    public var volume: Float
    /// -1 left to 1 right.
    public var pan: Float
    public var mute: Bool
    public var solo: Bool
    /// 0...1 of the track sent to the reverb.
    public var reverbSend: Float

    public init(volume: Float = 0, pan: Float = 0, mute: Bool = false, solo: Bool = false, reverbSend: Float = 0.15) {
        self.volume = volume
        self.pan = pan
        self.mute = mute
        self.solo = solo
        self.reverbSend = reverbSend
    }

    /// Every value in range (NaN reads as the neutral value).
    public var clamped: TrackMix {
        func limit(_ x: Float, _ low: Float, _ high: Float, _ neutral: Float) -> Float { x.isNaN ? neutral : min(max(x, low), high) }
        return TrackMix(volume: limit(volume, -60, 6, 0), pan: limit(pan, -1, 1, 0), mute: mute, solo: solo,
                        reverbSend: limit(reverbSend, 0, 1, 0))
    }
}

/// A track's voice bank, one case per kind of voice, so every call goes straight to code
/// specialised for that voice (no generic metadata looked up on the audio thread).
enum TrackBank {
    case bass(VoiceBank<BassVoice>)
    case electricPiano(VoiceBank<ElectricPianoVoice>)
    case guitar(VoiceBank<PluckVoice>)
    case pad(VoiceBank<PadVoice>)
    case drums(VoiceBank<DrumVoice>)

    init(_ patch: Patch, sampleRate: Float, seed: UInt32, maximumBlock: Int) {
        switch patch {
        case .bass: self = .bass(VoiceBank<BassVoice>(sampleRate: sampleRate, seed: seed, maximumBlock: maximumBlock))
        case .electricPiano:
            self = .electricPiano(VoiceBank<ElectricPianoVoice>(sampleRate: sampleRate, seed: seed, maximumBlock: maximumBlock))
        case .guitar: self = .guitar(VoiceBank<PluckVoice>(sampleRate: sampleRate, seed: seed, maximumBlock: maximumBlock))
        case .pad: self = .pad(VoiceBank<PadVoice>(sampleRate: sampleRate, seed: seed, maximumBlock: maximumBlock))
        case .drums: self = .drums(VoiceBank<DrumVoice>(sampleRate: sampleRate, seed: seed, maximumBlock: maximumBlock))
        }
    }

    func noteOn(key: Int, velocity: Float, context: VoiceContext) {
        switch self {
        case .bass(let bank): bank.noteOn(key: key, velocity: velocity, context: context)
        case .electricPiano(let bank): bank.noteOn(key: key, velocity: velocity, context: context)
        case .guitar(let bank): bank.noteOn(key: key, velocity: velocity, context: context)
        case .pad(let bank): bank.noteOn(key: key, velocity: velocity, context: context)
        case .drums(let bank): bank.noteOn(key: key, velocity: velocity, context: context)
        }
    }

    func noteOff(key: Int, context: VoiceContext) {
        switch self {
        case .bass(let bank): bank.noteOff(key: key, context: context)
        case .electricPiano(let bank): bank.noteOff(key: key, context: context)
        case .guitar(let bank): bank.noteOff(key: key, context: context)
        case .pad(let bank): bank.noteOff(key: key, context: context)
        case .drums(let bank): bank.noteOff(key: key, context: context)
        }
    }

    func silence() {
        switch self {
        case .bass(let bank): bank.silence()
        case .electricPiano(let bank): bank.silence()
        case .guitar(let bank): bank.silence()
        case .pad(let bank): bank.silence()
        case .drums(let bank): bank.silence()
        }
    }

    func control(context: VoiceContext) {
        switch self {
        case .bass(let bank): bank.control(context: context)
        case .electricPiano(let bank): bank.control(context: context)
        case .guitar(let bank): bank.control(context: context)
        case .pad(let bank): bank.control(context: context)
        case .drums(let bank): bank.control(context: context)
        }
    }

    func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext) {
        switch self {
        case .bass(let bank): bank.render(left: left, right: right, count: count, context: context)
        case .electricPiano(let bank): bank.render(left: left, right: right, count: count, context: context)
        case .guitar(let bank): bank.render(left: left, right: right, count: count, context: context)
        case .pad(let bank): bank.render(left: left, right: right, count: count, context: context)
        case .drums(let bank): bank.render(left: left, right: right, count: count, context: context)
        }
    }

    var activeCount: Int {
        switch self {
        case .bass(let bank): return bank.activeCount
        case .electricPiano(let bank): return bank.activeCount
        case .guitar(let bank): return bank.activeCount
        case .pad(let bank): return bank.activeCount
        case .drums(let bank): return bank.activeCount
        }
    }
}

/// One track of the band: its instrument, timbre and channel strip (drive, volume, pan, mute,
/// solo, reverb send), with every control smoothed so changes never click.
///
/// Audio thread only once made.
final class TrackChannel: @unchecked Sendable {
    let patch: Patch
    let instrument: TrackBank
    private(set) var context: VoiceContext
    var timbreTarget: Timbre
    var mix: TrackMix
    private let left: UnsafeMutablePointer<Float>
    private let right: UnsafeMutablePointer<Float>
    private var leftGain: Float = 0, rightGain: Float = 0, sendGain: Float = 0
    private var leftTarget: Float = 0, rightTarget: Float = 0, sendTarget: Float = 0
    private var drive: Float = 0
    private let smoothing: Float
    /// The low-pass a pad track plays through (its voices share one cutoff); nil for others.
    private var tone: (left: StateVariableFilter, right: StateVariableFilter)?

    init(patch: Patch, sampleRate: Float, sine: SineTable, seed: UInt32, maximumBlock: Int) {
        self.patch = patch
        instrument = TrackBank(patch, sampleRate: sampleRate, seed: seed, maximumBlock: maximumBlock)
        let timbre = Timbre()
        context = VoiceContext(sampleRate: sampleRate, sine: sine.lookup, timbre: timbre)
        timbreTarget = timbre
        mix = TrackMix(reverbSend: patch.defaultReverbSend)
        left = .allocate(capacity: maximumBlock)
        right = .allocate(capacity: maximumBlock)
        // Gains glide to a new setting with a time constant of about 5 ms.
        smoothing = DSPMath.decayCoefficient(seconds: 0.005, sampleRate: sampleRate)
        if patch == .pad { tone = (StateVariableFilter(), StateVariableFilter()) }
    }

    deinit {
        left.deallocate()
        right.deallocate()
    }

    /// Moves the smoothed timbre toward its target and recomputes the targets of the strip.
    /// Called on fixed sample boundaries by the engine.
    func control(anySolo: Bool) {
        let target = timbreTarget.clamped
        var timbre = context.timbre
        // A time constant of about 4 ms at 64-sample control blocks: quick, but never a jump.
        timbre.brightness += (target.brightness - timbre.brightness) * 0.3
        timbre.attack += (target.attack - timbre.attack) * 0.3
        timbre.release += (target.release - timbre.release) * 0.3
        timbre.drive += (target.drive - timbre.drive) * 0.3
        context.timbre = timbre
        drive = timbre.drive
        instrument.control(context: context)
        if var filters = tone {
            let cutoff = PadVoice.cutoff(brightness: timbre.brightness)
            filters.left.configure(cutoff: cutoff, q: 0.7, sampleRate: context.sampleRate)
            filters.right.configure(cutoff: cutoff, q: 0.7, sampleRate: context.sampleRate)
            tone = filters
        }

        let mix = self.mix.clamped
        let audible = !mix.mute && (!anySolo || mix.solo)
        let level = audible && mix.volume > -60 ? decibelsToGain(mix.volume) : 0
        let angle = (mix.pan + 1) * .pi / 4
        leftTarget = level * cosf(angle) * Float(2).squareRoot()
        rightTarget = level * sinf(angle) * Float(2).squareRoot()
        sendTarget = level * mix.reverbSend
    }

    /// Renders `count` samples of the track and adds them to the mix and the reverb send.
    func render(count: Int, mixLeft: UnsafeMutablePointer<Float>, mixRight: UnsafeMutablePointer<Float>,
                sendLeft: UnsafeMutablePointer<Float>, sendRight: UnsafeMutablePointer<Float>) {
        let left = self.left, right = self.right
        left.update(repeating: 0, count: count)
        right.update(repeating: 0, count: count)
        instrument.render(left: left, right: right, count: count, context: context)
        if var filters = tone {
            for frame in 0..<count {
                left[frame] = filters.left.lowPass(left[frame])
                right[frame] = filters.right.lowPass(right[frame])
            }
            tone = filters
        }
        // Locals, not stored properties, in the loop: the compiler keeps them in registers.
        let preGain = 1 + 6 * drive
        let makeUp = 1 / (1 + 1.5 * drive)
        if drive > 0.001 {
            for frame in 0..<count {
                left[frame] = DSPMath.softClip(left[frame] * preGain) * makeUp
                right[frame] = DSPMath.softClip(right[frame] * preGain) * makeUp
            }
        }
        let smoothing = self.smoothing
        let leftTarget = self.leftTarget, rightTarget = self.rightTarget, sendTarget = self.sendTarget
        var leftGain = self.leftGain, rightGain = self.rightGain, sendGain = self.sendGain
        let settled = abs(leftGain - leftTarget) < 1e-7 && abs(rightGain - rightTarget) < 1e-7 && abs(sendGain - sendTarget) < 1e-7
        if settled {
            // Gains at their targets (almost always): a plain multiply-add, no gliding.
            (leftGain, rightGain, sendGain) = (leftTarget, rightTarget, sendTarget)
            for frame in 0..<count {
                let l = left[frame], r = right[frame]
                mixLeft[frame] += l * leftGain
                mixRight[frame] += r * rightGain
                sendLeft[frame] += l * sendGain
                sendRight[frame] += r * sendGain
            }
        } else {
            for frame in 0..<count {
                leftGain = leftTarget + (leftGain - leftTarget) * smoothing
                rightGain = rightTarget + (rightGain - rightTarget) * smoothing
                sendGain = sendTarget + (sendGain - sendTarget) * smoothing
                let l = left[frame], r = right[frame]
                mixLeft[frame] += l * leftGain
                mixRight[frame] += r * rightGain
                sendLeft[frame] += l * sendGain
                sendRight[frame] += r * sendGain
            }
        }
        self.leftGain = leftGain
        self.rightGain = rightGain
        self.sendGain = sendGain
    }
}
