/// A synthesized General MIDI drum kit: every hit is built, without samples, from at most three
/// parts — a body of one or two sines bent down in pitch, a click of a few milliseconds, and a
/// wash of noise and square "metal" oscillators through one filter (see `DrumRecipe` per drum).
///
/// Timbre: brightness tilts every filter and the click up or down an octave; attack above 0.1
/// rounds the onset off over up to 3 ms; release scales every decay 0.5× (at 0) to 1× (at the
/// default 0.3) to 1.5× (at 1); drive is the track strip's. Note-offs are ignored: General MIDI
/// drum note lengths carry no meaning (many files send them at once), so a hit always rings out,
/// and the hi-hat, conga and triangle mutes end the open sounds through `isChoked(by:)`.
/// Keys without a drum play a short tom-like knock pitched by the key.
///
/// Audio thread only after `init`; nothing here allocates or locks.
struct DrumVoice: Voice {
    static let polyphony = 16

    private(set) var key = 0
    private(set) var isActive = false
    /// The summed level of the parts still sounding, updated at each control step.
    private(set) var loudness: Float = 0

    private let sampleRate: Float
    private var noise: Noise
    private var recipe = DrumRecipe()
    private var configuredTimbre: Timbre?
    private var velocityGain: Float = 0
    private var cutoffScale: Float = 1
    private var leftGain: Float = 1
    private var rightGain: Float = 1
    private var body = DrumBody()
    private var click = DrumClick()
    private var wash = DrumWash()
    /// Falls from 1 to 0 over the onset; the output is scaled by 1 minus it.
    private var onset: Float = 0
    private var onsetCoefficient: Float = 0

    init(sampleRate: Float, seed: UInt32) {
        self.sampleRate = sampleRate
        noise = Noise(seed: seed)
        // The metal oscillators run free from scattered phases, as on an 808, so the first hit
        // does not begin with every square switching at once.
        wash.scatterPhases(&noise)
    }

    /// Starts a hit of the drum on `key`; velocity (0...1) sets its level and a little of its brightness.
    mutating func start(key: Int, velocity: Float, context: VoiceContext) {
        self.key = key
        recipe = DrumRecipe(key: key)
        let velocity = velocity.isNaN ? 0 : min(max(velocity, 0), 1)
        velocityGain = velocity * velocity.squareRoot()
        cutoffScale = 0.75 + 0.25 * velocity
        let pan = min(max(recipe.pan, -0.4), 0.4)
        // A balance law: the centre stays at unity and a panned drum only loses the far side.
        leftGain = 1 - max(pan, 0)
        rightGain = 1 + min(pan, 0)
        body.start(recipe, sampleRate: sampleRate)
        click.start(recipe, sampleRate: sampleRate)
        wash.start(recipe, sampleRate: sampleRate)
        onset = 1
        configure(context.timbre)
        settle()
    }

    /// Drums ignore note-off (see the type's summary).
    mutating func release(context: VoiceContext) {}

    /// Follows timbre changes, and ends the parts (and the voice) that have died away.
    mutating func control(context: VoiceContext) {
        // Compared once clamped, so a NaN control does not reconfigure on every step.
        let timbre = context.timbre.clamped
        if timbre != configuredTimbre { configure(timbre) }
        settle()
    }

    /// Derives what depends on the timbre (may call expf and tanf; not per sample).
    private mutating func configure(_ timbre: Timbre) {
        let timbre = timbre.clamped
        configuredTimbre = timbre
        let tilt = exp2f(2 * timbre.brightness - 1) * cutoffScale
        let release = timbre.release
        let lengthScale = release < 0.3 ? 0.5 + release / 0.6 : 1 + (release - 0.3) / 1.4
        body.configure(recipe, lengthScale: lengthScale, sampleRate: sampleRate)
        click.configure(recipe, tilt: tilt, brightness: timbre.brightness, velocityScale: 0.5 + 0.5 * cutoffScale,
                        sampleRate: sampleRate)
        wash.configure(recipe, lengthScale: lengthScale, tilt: tilt, sampleRate: sampleRate)
        let onsetTime = 0.003 * max(timbre.attack - 0.1, 0) / 0.9
        onsetCoefficient = DSPMath.decayCoefficient(seconds: onsetTime, sampleRate: sampleRate)
    }

    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext) {
        guard isActive else { return }
        // The loop works on local copies: to the optimizer a store through `left` might alias
        // `self`, so stored properties would be reloaded from memory on every sample.
        var noise = self.noise, body = self.body, click = self.click, wash = self.wash, onset = self.onset
        let hasBody = body.isSounding, hasClick = click.isSounding, hasWash = wash.isSounding
        let onsetCoefficient = self.onsetCoefficient
        let leftLevel = velocityGain * leftGain, rightLevel = velocityGain * rightGain
        for frame in 0..<count {
            let white = noise.next()
            var sample: Float = 0
            if hasBody { sample += body.next() }
            if hasClick { sample += click.next(white) }
            if hasWash { sample += wash.next(white) }
            onset *= onsetCoefficient
            sample -= sample * onset
            left[frame] += sample * leftLevel
            right[frame] += sample * rightLevel
        }
        self.noise = noise
        self.body = body
        self.click = click
        self.wash = wash
        self.onset = onset
    }

    /// Ends parts that have died away (so no decay sinks into denormals), and the voice once
    /// all of them are below -80 dB. Only at start and control steps, which fall on fixed
    /// frames, so the output does not depend on how the engine splits its renders.
    private mutating func settle() {
        let floor = Envelope.silence * 0.01 / max(velocityGain, 1e-6)
        body.settle(below: floor)
        click.settle(below: floor)
        wash.settle(below: floor)
        loudness = velocityGain * (body.level + click.level + wash.level)
        isActive = loudness > Envelope.silence || (wash.isClapping && velocityGain > 0)
    }

    mutating func reset() {
        isActive = false
        loudness = 0
        body.stop()
        click.stop()
        wash.stop()
    }

    /// The open hi-hat is choked by the closed and pedal ones, the open triangle by the muted
    /// one, the open high conga by the muted slap on the same drum.
    func isChoked(by key: Int) -> Bool {
        switch self.key {
        case 46: key == 42 || key == 44
        case 63: key == 62
        case 81: key == 80
        default: false
        }
    }
}

/// The per-sample multiplier that falls 60 dB in `length` seconds (at least a millisecond).
private func fallCoefficient(length: Float, sampleRate: Float) -> Float {
    DSPMath.decayCoefficient(seconds: max(length, 0.001) / 6.9078, sampleRate: sampleRate)
}

/// A drum's body: two sines that start `1 + pitchDrop` times high, glide down together and
/// decay together.
///
/// Each sine is a "magic circle" rotation, two multiply-adds a sample that stay stable while the
/// rate sweeps; the sine table would cost a `floorf` call per read on baseline x86-64.
private struct DrumBody {
    private var bodyLevel: Float = 0
    private var overtoneLevel: Float = 0
    private var sine: Float = 0
    private var cosine: Float = 1
    private var rate: Float = 0
    private var overtoneSine: Float = 0
    private var overtoneCosine: Float = 1
    private var overtoneRate: Float = 0
    private var drop: Float = 0
    private var bend: Float = 0
    private var bendCoefficient: Float = 0
    private var envelope: Float = 0
    private var coefficient: Float = 0

    var isSounding: Bool { envelope > 0 }
    /// The most the body can put out now.
    var level: Float { envelope * (bodyLevel + overtoneLevel) }

    mutating func start(_ recipe: DrumRecipe, sampleRate: Float) {
        bodyLevel = recipe.bodyLevel
        overtoneLevel = recipe.overtoneLevel
        drop = recipe.pitchDrop
        // At most a quarter of the sample rate at the top of the glide keeps each rotation's
        // rate below 2, where it would go unstable.
        let limit = sampleRate * 0.25 / (1 + drop)
        rate = 2 * sinf(.pi * min(recipe.bodyFrequency, limit) / sampleRate)
        overtoneRate = 2 * sinf(.pi * min(recipe.overtoneFrequency, limit) / sampleRate)
        // From phase zero, so even a bass drum starts without a step.
        sine = 0
        cosine = 1
        overtoneSine = 0
        overtoneCosine = 1
        bend = 1
        bendCoefficient = DSPMath.decayCoefficient(seconds: recipe.pitchTime, sampleRate: sampleRate)
        envelope = bodyLevel + overtoneLevel > 0 ? 1 : 0
    }

    mutating func configure(_ recipe: DrumRecipe, lengthScale: Float, sampleRate: Float) {
        coefficient = fallCoefficient(length: recipe.bodyLength * lengthScale, sampleRate: sampleRate)
    }

    @inline(__always)
    mutating func next() -> Float {
        let pitch = 1 + drop * bend
        bend *= bendCoefficient
        let step = rate * pitch, overtoneStep = overtoneRate * pitch
        sine += step * cosine
        cosine -= step * sine
        overtoneSine += overtoneStep * overtoneCosine
        overtoneCosine -= overtoneStep * overtoneSine
        let sample = (bodyLevel * sine + overtoneLevel * overtoneSine) * envelope
        envelope *= coefficient
        return sample
    }

    mutating func settle(below floor: Float) {
        if level < floor { envelope = 0 }
        bend = DSPMath.flushDenormal(bend)
    }

    mutating func stop() { envelope = 0 }
}

/// The stick or the beater: a few milliseconds of low-passed noise, brighter with brightness.
private struct DrumClick {
    private var amount: Float = 0
    private var envelope: Float = 0
    private var coefficient: Float = 0
    private var filter = OnePole()

    var isSounding: Bool { envelope > 0 }
    var level: Float { envelope * amount }

    mutating func start(_ recipe: DrumRecipe, sampleRate: Float) {
        envelope = recipe.click > 0 ? 1 : 0
        coefficient = fallCoefficient(length: 0.006, sampleRate: sampleRate)
        filter.reset()
    }

    mutating func configure(_ recipe: DrumRecipe, tilt: Float, brightness: Float, velocityScale: Float, sampleRate: Float) {
        filter.configure(cutoff: 5000 * tilt, sampleRate: sampleRate)
        amount = recipe.click * (0.5 + brightness) * velocityScale
    }

    @inline(__always)
    mutating func next(_ white: Float) -> Float {
        let sample = filter.lowPass(white) * envelope * amount
        envelope *= coefficient
        return sample
    }

    mutating func settle(below floor: Float) {
        if level < floor { envelope = 0 }
    }

    mutating func stop() { envelope = 0 }
}

/// Noise and metal through one state-variable filter: snare wires, hats, cymbals, shakers,
/// claps. The noise can swell in (shakers) or restart in bursts before its tail (claps); the
/// metal is up to eight equal squares, naive because the filter after them hides most aliasing
/// and what is left only adds to the clang.
///
/// The squares are the top bits of 32-bit phase accumulators that wrap by themselves, so the
/// metal costs an add, a shift and a sum across the lanes per sample.
private struct DrumWash {
    private var noiseAmount: Float = 0
    private var noiseEnvelope: Float = 0
    private var noiseCoefficient: Float = 0
    private var tailCoefficient: Float = 0
    private var swell: Float = 0
    private var swellCoefficient: Float = 0
    private var burstsLeft = 0
    private var burstCountdown = 0
    private var burstInterval = 0
    private var metalPhases = SIMD8<UInt32>()
    private var metalIncrements = SIMD8<UInt32>()
    private var metalCount: UInt32 = 0
    private var metalScale: Float = 0
    private var metalAmount: Float = 0
    private var metalEnvelope: Float = 0
    private var metalCoefficient: Float = 0
    private var filter = StateVariableFilter()
    /// A gentle one-pole low-pass after the filter: a high-passed hat can only sound darker if its
    /// top is cut. It needs no denormal flush: it runs only while the wash sounds, fed far above
    /// the denormal range, and `settle` ends the wash before its input could get that small.
    private var tone: Float = 0
    private var toneCoefficient: Float = 0
    private var lowGain: Float = 0
    private var bandGain: Float = 0
    private var highGain: Float = 0

    var isSounding: Bool { noiseEnvelope > 0 || metalEnvelope > 0 || burstsLeft > 0 }
    /// Whether a hand clap's bursts are still to come.
    var isClapping: Bool { burstsLeft > 0 }
    var level: Float { noiseEnvelope * noiseAmount + metalEnvelope * metalAmount }

    /// Sets the metal's phases at random (from `noise`), for a voice's first hit.
    mutating func scatterPhases(_ noise: inout Noise) {
        for lane in 0..<8 { metalPhases[lane] = UInt32(bitPattern: Int32(noise.next() * 2_147_483_520)) }
    }

    mutating func start(_ recipe: DrumRecipe, sampleRate: Float) {
        // Audible squares first; the lanes after them stand still at phase 0, adding nothing.
        metalCount = 0
        for lane in 0..<8 {
            let frequency = recipe.metalFrequencies[lane]
            guard frequency > 0 && frequency < sampleRate * 0.45 else { continue }
            metalIncrements[Int(metalCount)] = UInt32(frequency / sampleRate * 4_294_967_296)
            metalCount += 1
        }
        for lane in Int(metalCount)..<8 {
            metalIncrements[lane] = 0
            metalPhases[lane] = 0
        }
        metalScale = 2 / Float(max(metalCount, 1))
        metalAmount = recipe.metal
        metalEnvelope = recipe.metal > 0 && metalCount > 0 ? 1 : 0
        noiseEnvelope = recipe.noise > 0 ? 1 : 0
        swell = recipe.swell > 0 ? 1 : 0
        burstsLeft = recipe.noise > 0 ? recipe.bursts : 0
        burstInterval = max(1, Int(recipe.burstSpacing * sampleRate))
        burstCountdown = burstsLeft > 0 ? burstInterval : 0
        lowGain = recipe.low
        bandGain = recipe.band / max(recipe.q, 0.1)  // the band output peaks at q
        highGain = recipe.high
        filter.reset()
        tone = 0
    }

    mutating func configure(_ recipe: DrumRecipe, lengthScale: Float, tilt: Float, sampleRate: Float) {
        let tail = recipe.noiseLength * lengthScale
        tailCoefficient = fallCoefficient(length: tail, sampleRate: sampleRate)
        let burstCoefficient = fallCoefficient(length: recipe.burstLength, sampleRate: sampleRate)
        noiseCoefficient = burstsLeft > 0 ? burstCoefficient : tailCoefficient
        noiseAmount = recipe.noise * Self.swellPeakGain(rise: recipe.swell, length: tail)
        swellCoefficient = DSPMath.decayCoefficient(seconds: recipe.swell, sampleRate: sampleRate)
        metalCoefficient = fallCoefficient(length: recipe.metalLength * lengthScale, sampleRate: sampleRate)
        filter.configure(cutoff: recipe.cutoff * tilt, q: recipe.q, sampleRate: sampleRate)
        let toneCutoff = min(16000 * tilt * tilt, sampleRate * 0.49)
        toneCoefficient = 1 - expf(-2 * .pi * toneCutoff / sampleRate)
    }

    /// The gain that brings a swell's peak back to 1: a rise with time constant `rise` times a
    /// fall of 60 dB in `length` peaks below 1, the more so the slower the rise.
    private static func swellPeakGain(rise: Float, length: Float) -> Float {
        guard rise > 0 else { return 1 }
        let fall = max(length, 0.001) / 6.9078
        let peakTime = rise * logf(1 + fall / rise)
        return 1 / max((1 - expf(-peakTime / rise)) * expf(-peakTime / fall), 0.1)
    }

    @inline(__always)
    mutating func next(_ white: Float) -> Float {
        var input = white * noiseEnvelope * (1 - swell) * noiseAmount
        noiseEnvelope *= noiseCoefficient
        swell *= swellCoefficient
        if burstCountdown > 0 { countBurst() }
        if metalEnvelope > 0 {
            input += nextMetal() * metalEnvelope * metalAmount
            metalEnvelope *= metalCoefficient
        }
        let out = filter.process(input)
        tone += (out.low * lowGain + out.band * bandGain + out.high * highGain - tone) * toneCoefficient
        return tone
    }

    /// The mean of the squares, each +1 in the first half of its cycle and -1 in the second.
    @inline(__always)
    private mutating func nextMetal() -> Float {
        metalPhases &+= metalIncrements
        let high = (metalPhases &>> 31).wrappedSum()
        return 1 - Float(high) * metalScale
    }

    /// Steps a hand clap's bursts: each restarts the noise, and the last one becomes the tail.
    @inline(__always)
    private mutating func countBurst() {
        burstCountdown -= 1
        guard burstCountdown == 0 else { return }
        noiseEnvelope = 1
        burstsLeft -= 1
        if burstsLeft > 0 {
            burstCountdown = burstInterval
        } else {
            noiseCoefficient = tailCoefficient
        }
    }

    mutating func settle(below floor: Float) {
        if noiseEnvelope * noiseAmount < floor { noiseEnvelope = 0 }
        if metalEnvelope * metalAmount < floor { metalEnvelope = 0 }
    }

    /// Silences the wash; the metal keeps its phases, since its oscillators run free.
    mutating func stop() {
        noiseEnvelope = 0
        metalEnvelope = 0
        burstsLeft = 0
        burstCountdown = 0
        filter.reset()
        tone = 0
    }
}

/// How one drum is made. Frequencies are in Hz; lengths are the seconds a part takes to fall
/// 60 dB; levels are linear, chosen so a hit at full velocity peaks below 0.9.
struct DrumRecipe {
    /// The body: up to two sines, both starting `1 + pitchDrop` times higher and falling to
    /// their frequency with time constant `pitchTime`.
    var bodyFrequency: Float = 0
    var bodyLevel: Float = 0
    var overtoneFrequency: Float = 0
    var overtoneLevel: Float = 0
    var bodyLength: Float = 0.1
    var pitchDrop: Float = 0
    var pitchTime: Float = 0.01
    /// A few milliseconds of low-passed noise on the attack: the stick or the beater.
    var click: Float = 0
    /// White noise into the filter; `swell` is the time constant of its rise (0: at once).
    var noise: Float = 0
    var noiseLength: Float = 0.1
    var swell: Float = 0
    /// Quick restarts of the noise before its tail (a hand clap), `burstSpacing` apart.
    var bursts = 0
    var burstSpacing: Float = 0.01
    var burstLength: Float = 0.02
    /// Squares at up to eight frequencies (0 for none), summed into the filter.
    var metalFrequencies = SIMD8<Float>()
    var metal: Float = 0
    var metalLength: Float = 0.1
    /// The filter noise and metal share, and how much of each of its outputs is heard (the band
    /// output is normalized to unity gain at the cutoff).
    var cutoff: Float = 1000
    var q: Float = 0.7
    var low: Float = 0
    var band: Float = 0
    var high: Float = 0
    /// Left (-) or right (+), within ±0.4.
    var pan: Float = 0
}

extension DrumRecipe {
    /// The 808's six square oscillators (its hats and cymbals all use them), times `scale`.
    static func metal808(_ scale: Float) -> SIMD8<Float> {
        SIMD8(205.3, 304.4, 369.6, 522.7, 540, 800, 0, 0) * scale
    }

    /// The drum for a General MIDI key; other keys knock like a small tom pitched by the key.
    init(key: Int) {
        switch key {
        case 35: self = .kick(frequency: 45, drop: 1.8, length: 0.6, click: 0.25)
        case 36: self = .kick(frequency: 52, drop: 2, length: 0.45, click: 0.35)
        case 37: self = .sideStick
        case 38: self = .snare(low: 185, high: 330, cutoff: 1800, length: 0.3)
        case 39: self = .clap
        case 40: self = .snare(low: 205, high: 365, cutoff: 2600, length: 0.22)
        case 41: self = .tom(frequency: 80, length: 0.75, pan: -0.35)
        case 42: self = .hat(cutoff: 7000, length: 0.07, band: 0.3, pan: 0.25)
        case 43: self = .tom(frequency: 98, length: 0.7, pan: -0.25)
        case 44: self = .hat(cutoff: 5000, length: 0.05, band: 0.8, pan: 0.25)
        case 45: self = .tom(frequency: 118, length: 0.65, pan: -0.1)
        case 46: self = .hat(cutoff: 6500, length: 0.5, band: 0.3, pan: 0.25)
        case 47: self = .tom(frequency: 140, length: 0.6, pan: 0.05)
        case 48: self = .tom(frequency: 165, length: 0.55, pan: 0.2)
        case 49: self = .cymbal(scale: 1.0, cutoff: 4000, length: 1.8, pan: -0.3)
        case 50: self = .tom(frequency: 196, length: 0.5, pan: 0.35)
        case 51: self = .ride(scale: 1.45, pan: 0.35)
        case 52: self = .cymbal(scale: 0.8, cutoff: 2600, length: 1.4, pan: 0.35)
        case 53: self = .rideBell
        case 54: self = .tambourine
        case 55: self = .cymbal(scale: 1.3, cutoff: 6000, length: 0.8, pan: -0.2)
        case 56: self = .cowbell
        case 57: self = .cymbal(scale: 1.13, cutoff: 3600, length: 2.0, pan: 0.3)
        case 59: self = .ride(scale: 1.6, pan: 0.3)
        case 60: self = .drumHead(frequency: 470, length: 0.22, slap: 0.2, pan: 0.35)
        case 61: self = .drumHead(frequency: 350, length: 0.28, slap: 0.2, pan: 0.25)
        case 62: self = .drumHead(frequency: 340, length: 0.12, slap: 0.3, pan: 0.3)
        case 63: self = .drumHead(frequency: 315, length: 0.45, slap: 0.15, pan: 0.3)
        case 64: self = .drumHead(frequency: 215, length: 0.55, slap: 0.15, pan: 0.15)
        case 65: self = .timbale(frequency: 390, pan: -0.3)
        case 66: self = .timbale(frequency: 270, pan: -0.2)
        case 67: self = .bell(frequency: 920, overtone: 2410, length: 0.6, pan: 0.3)
        case 68: self = .bell(frequency: 690, overtone: 1810, length: 0.6, pan: 0.2)
        case 69: self = .shaker(cutoff: 9000, swell: 0.004, length: 0.12, pan: -0.25)
        case 70: self = .shaker(cutoff: 7000, swell: 0.006, length: 0.09, pan: 0.2)
        case 75: self = .woodblock(frequency: 2500, length: 0.12, pan: -0.2)
        case 76: self = .woodblock(frequency: 1250, length: 0.1, pan: -0.1)
        case 77: self = .woodblock(frequency: 850, length: 0.1, pan: 0)
        case 80: self = .bell(frequency: 4200, overtone: 6870, length: 0.2, pan: 0.35)
        case 81: self = .bell(frequency: 4200, overtone: 6870, length: 1.8, pan: 0.35)
        case 82: self = .shaker(cutoff: 6500, swell: 0.012, length: 0.14, pan: 0.3)
        default: self = .knock(frequency: DSPMath.frequency(ofKey: Float(min(max(key, 0), 127))))
        }
    }

    /// A sine swept down fast from about three times its pitch, with a beater click.
    static func kick(frequency: Float, drop: Float, length: Float, click: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: frequency, bodyLevel: 0.85, bodyLength: length, pitchDrop: drop,
                   pitchTime: 0.03, click: click)
    }

    /// Two detuned sines for the shell and high-passed noise for the wires.
    static func snare(low: Float, high: Float, cutoff: Float, length: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: low, bodyLevel: 0.3, overtoneFrequency: high, overtoneLevel: 0.2,
                   bodyLength: 0.18, pitchDrop: 0.25, pitchTime: 0.012, click: 0.2, noise: 0.36,
                   noiseLength: length, cutoff: cutoff, q: 0.7, band: 0.5, high: 1, pan: 0.05)
    }

    /// A woody knock on the rim: two short sines and a band of noise.
    static var sideStick: DrumRecipe {
        DrumRecipe(bodyFrequency: 480, bodyLevel: 0.3, overtoneFrequency: 1650, overtoneLevel: 0.28,
                   bodyLength: 0.07, pitchDrop: 0.1, pitchTime: 0.003, click: 0.3, noise: 0.3,
                   noiseLength: 0.03, cutoff: 3500, q: 1, band: 1, pan: 0.05)
    }

    /// Three quick bursts of band-passed noise, then a short tail.
    static var clap: DrumRecipe {
        DrumRecipe(noise: 1.5, noiseLength: 0.3, bursts: 3, burstSpacing: 0.01, burstLength: 0.02,
                   cutoff: 1200, q: 1.3, band: 1, high: 0.2, pan: -0.1)
    }

    /// A sine with a small pitch drop, a stick click and a little noise.
    static func tom(frequency: Float, length: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: frequency, bodyLevel: 0.65, overtoneFrequency: frequency * 1.5,
                   overtoneLevel: 0.07, bodyLength: length, pitchDrop: 0.6, pitchTime: 0.05, click: 0.2,
                   noise: 0.15, noiseLength: 0.08, cutoff: frequency * 6, q: 1, band: 1, pan: pan)
    }

    /// Metal and noise high-passed: closed, pedal and open hats differ in length and colour.
    static func hat(cutoff: Float, length: Float, band: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(noise: 0.35, noiseLength: length, metalFrequencies: metal808(1), metal: 0.6,
                   metalLength: length, cutoff: cutoff, q: 0.7, band: band, high: 1, pan: pan)
    }

    /// Metal and a shorter burst of noise through a wider filter: crash, china and splash.
    static func cymbal(scale: Float, cutoff: Float, length: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(noise: 0.4, noiseLength: length * 0.4, metalFrequencies: metal808(scale), metal: 0.45,
                   metalLength: length, cutoff: cutoff, q: 0.7, band: 0.6, high: 1, pan: pan)
    }

    /// A long quiet wash of metal with a ping from two high sines where the stick lands.
    static func ride(scale: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: 2950, bodyLevel: 0.1, overtoneFrequency: 4270, overtoneLevel: 0.08,
                   bodyLength: 0.35, noise: 0.08, noiseLength: 0.3, metalFrequencies: metal808(scale),
                   metal: 0.35, metalLength: 1.3, cutoff: 5500, q: 0.7, band: 0.5, high: 1, pan: pan)
    }

    /// The ride's bell: strong low partials over quieter metal.
    static var rideBell: DrumRecipe {
        DrumRecipe(bodyFrequency: 740, bodyLevel: 0.3, overtoneFrequency: 1910, overtoneLevel: 0.2,
                   bodyLength: 1.1, metalFrequencies: metal808(1.45), metal: 0.2, metalLength: 0.8,
                   cutoff: 5000, q: 0.7, band: 0.5, high: 1, pan: 0.35)
    }

    /// Jingles: metal far up and noise, band-passed high.
    static var tambourine: DrumRecipe {
        DrumRecipe(noise: 0.3, noiseLength: 0.25, swell: 0.002, metalFrequencies: metal808(6), metal: 0.5,
                   metalLength: 0.3, cutoff: 8000, q: 1, band: 1, high: 0.5, pan: -0.3)
    }

    /// The 808 cowbell: two squares at 540 and 800 Hz through a band-pass.
    static var cowbell: DrumRecipe {
        DrumRecipe(metalFrequencies: SIMD8(540, 800, 0, 0, 0, 0, 0, 0), metal: 0.68, metalLength: 0.35,
                   cutoff: 900, q: 1.2, band: 1, high: 0.3, pan: -0.15)
    }

    /// A hand drum: a sine with a slight drop, a faint second partial, and a slap of noise.
    static func drumHead(frequency: Float, length: Float, slap: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: frequency, bodyLevel: 0.55, overtoneFrequency: frequency * 1.52,
                   overtoneLevel: 0.08, bodyLength: length, pitchDrop: 0.15, pitchTime: 0.01, click: 0.2,
                   noise: slap, noiseLength: 0.04, cutoff: 2500, q: 0.8, band: 1, high: 0.3, pan: pan)
    }

    /// A bright shell drum that rings: a sine, a strong inharmonic partial and a crack of noise.
    static func timbale(frequency: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: frequency, bodyLevel: 0.42, overtoneFrequency: frequency * 1.58,
                   overtoneLevel: 0.2, bodyLength: 0.5, pitchDrop: 0.08, pitchTime: 0.01, click: 0.25,
                   noise: 0.25, noiseLength: 0.06, cutoff: 3000, q: 1, band: 1, pan: pan)
    }

    /// Two inharmonic sines that ring: agogo and triangle.
    static func bell(frequency: Float, overtone: Float, length: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: frequency, bodyLevel: 0.3, overtoneFrequency: overtone, overtoneLevel: 0.2,
                   bodyLength: length, click: 0.1, pan: pan)
    }

    /// Band-passed noise that swells in and dies away: shaker, maracas, cabasa.
    static func shaker(cutoff: Float, swell: Float, length: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(noise: 0.45, noiseLength: length, swell: swell, cutoff: cutoff, q: 0.9, band: 1, high: 0.4,
                   pan: pan)
    }

    /// A short high sine with a tiny drop: claves and wood blocks.
    static func woodblock(frequency: Float, length: Float, pan: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: frequency, bodyLevel: 0.6, bodyLength: length, pitchDrop: 0.05,
                   pitchTime: 0.002, click: 0.15, pan: pan)
    }

    /// The fallback for keys with no drum: a short knock at the key's pitch, kept between 60 Hz and 1.5 kHz.
    static func knock(frequency: Float) -> DrumRecipe {
        DrumRecipe(bodyFrequency: min(max(frequency, 60), 1500), bodyLevel: 0.5, bodyLength: 0.12, pitchDrop: 0.3,
                   pitchTime: 0.01, click: 0.2)
    }
}
