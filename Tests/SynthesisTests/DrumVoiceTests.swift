import TestSupport
import Testing
@testable import Synthesis

/// The drum kit, by properties of its signal: every drum sounds and frees its voice in time,
/// sits where it should in the spectrum and the stereo field, chokes, and stays bounded.
@Suite struct DrumVoiceTests {
    /// One rendered hit: both channels and the frame at which the voice went inactive.
    struct Hit {
        var left: [Float]
        var right: [Float]
        var inactiveAt: Int?

        var mono: [Float] { zip(left, right).map { ($0 + $1) / 2 } }
        var peak: Float { max(left.map(abs).max() ?? 0, right.map(abs).max() ?? 0) }
        var seconds: Float? { inactiveAt.map { Float($0) / DrumVoiceTests.sampleRate } }
    }

    static let sampleRate: Float = 48000
    private static let sine = SineTable()

    /// The drums the kit promises, with the time each must have freed its voice by (default timbre).
    static let kit: [(key: Int, name: String, within: Float)] = [
        (35, "acoustic bass drum", 1), (36, "bass drum", 1), (37, "side stick", 0.3), (38, "snare", 0.6),
        (39, "hand clap", 0.6), (40, "electric snare", 0.6), (41, "low floor tom", 1.2), (42, "closed hi-hat", 0.2),
        (43, "high floor tom", 1.2), (44, "pedal hi-hat", 0.2), (45, "low tom", 1.2), (46, "open hi-hat", 1),
        (47, "low-mid tom", 1.2), (48, "high-mid tom", 1.2), (49, "crash", 3.5), (50, "high tom", 1.2),
        (51, "ride", 2.5), (53, "ride bell", 2.5), (54, "tambourine", 0.8), (56, "cowbell", 0.8),
        (57, "crash 2", 3.5), (59, "ride 2", 2.5), (62, "mute high conga", 0.4), (63, "open high conga", 1),
        (64, "low conga", 1.2), (70, "maracas", 0.4), (75, "claves", 0.4), (82, "shaker", 0.4),
    ]

    static func context(_ timbre: Timbre = Timbre()) -> VoiceContext {
        VoiceContext(sampleRate: sampleRate, sine: sine.lookup, timbre: timbre)
    }

    /// Renders one hit as the engine does: a control step, then a render of at most 32 frames.
    /// `split` cuts each 32-frame block into two renders there (0: whole blocks).
    static func hit(_ key: Int, velocity: Float = 1, timbre: Timbre = Timbre(), seconds: Float = 0.5,
                    seed: UInt32 = 1, split: Int = 0) -> Hit {
        let context = context(timbre)
        var voice = DrumVoice(sampleRate: sampleRate, seed: seed)
        voice.start(key: key, velocity: velocity, context: context)
        let frames = Int(seconds * sampleRate)
        var left = [Float](repeating: 0, count: frames), right = left
        var inactiveAt: Int?
        left.withUnsafeMutableBufferPointer { l in
            right.withUnsafeMutableBufferPointer { r in
                var done = 0
                while done < frames {
                    voice.control(context: context)
                    if !voice.isActive && inactiveAt == nil { inactiveAt = done }
                    let count = min(32, frames - done)
                    var offset = 0
                    for part in split > 0 && split < count ? [split, count - split] : [count] {
                        voice.render(left: l.baseAddress! + done + offset, right: r.baseAddress! + done + offset,
                                     count: part, context: context)
                        offset += part
                    }
                    done += count
                }
            }
        }
        return Hit(left: left, right: right, inactiveAt: inactiveAt)
    }

    static func rms(_ signal: ArraySlice<Float>) -> Float {
        guard !signal.isEmpty else { return 0 }
        return (signal.reduce(0) { $0 + $1 * $1 } / Float(signal.count)).squareRoot()
    }

    /// The signal's energy below and above `cutoff` Hz, each through two state-variable
    /// sections (24 dB an octave), so the two sides are weighed alike around the cutoff.
    static func energy(_ signal: [Float], around cutoff: Float) -> (below: Float, above: Float) {
        var sections = [StateVariableFilter](repeating: StateVariableFilter(), count: 4)
        for index in sections.indices { sections[index].configure(cutoff: cutoff, q: 0.707, sampleRate: sampleRate) }
        var below: Float = 0, above: Float = 0
        for x in signal {
            let low = sections[1].process(sections[0].process(x).low).low
            let high = sections[3].process(sections[2].process(x).high).high
            below += low * low
            above += high * high
        }
        return (below, above)
    }

    /// Sign changes per second.
    static func crossingRate(_ signal: ArraySlice<Float>) -> Float {
        let crossings = zip(signal.dropFirst(), signal).filter { ($0 < 0) != ($1 < 0) }.count
        return Float(crossings) * sampleRate / Float(signal.count)
    }

    private static func frames(_ seconds: Float) -> Int { Int(seconds * sampleRate) }

    @Test func everyKitDrumSoundsThenFreesItsVoiceInTime() {
        for drum in Self.kit {
            let hit = Self.hit(drum.key, seconds: drum.within + 0.1)
            #expect(Self.rms(hit.mono[..<Self.frames(0.05)]) > 0.01, "\(drum.name) is too quiet")
            #expect((hit.seconds ?? .infinity) <= drum.within, "\(drum.name) still sounding after \(drum.within) s")
            if let end = hit.inactiveAt {
                #expect(hit.left[end...].allSatisfy { $0 == 0 }, "\(drum.name) sounds after going inactive")
            }
        }
    }

    @Test func everyKeyPlaysSomethingShortIncludingKeysWithoutADrum() {
        for key in [0, 27, 58, 71, 90, 127] {
            let hit = Self.hit(key, seconds: 1)
            #expect(Self.rms(hit.mono[..<Self.frames(0.05)]) > 0.01, "key \(key)")
            #expect((hit.seconds ?? .infinity) < 0.5, "key \(key)")
        }
    }

    @Test func kickEnergyIsMostlyBelow150Hz() {
        for key in [35, 36] {
            let energy = Self.energy(Self.hit(key).mono, around: 150)
            #expect(energy.below > 4 * energy.above, "key \(key): \(energy)")
        }
    }

    @Test func closedAndPedalHatEnergyIsMostlyAbove5kHz() {
        for key in [42, 44] {
            let energy = Self.energy(Self.hit(key, seconds: 0.1).mono, around: 5000)
            #expect(energy.above > 4 * energy.below, "key \(key): \(energy)")
        }
    }

    @Test func snareSitsBetweenKickAndHatInTheSpectrum() {
        func lowShare(_ hit: Hit) -> Float {
            let energy = Self.energy(hit.mono, around: 1000)
            return energy.below / (energy.below + energy.above)
        }
        let kick = lowShare(Self.hit(36)), snare = lowShare(Self.hit(38)), hat = lowShare(Self.hit(42, seconds: 0.1))
        #expect(kick > snare && snare > hat, "kick \(kick), snare \(snare), hat \(hat)")
    }

    @Test func tomPitchesRiseFromLowFloorTomToHighTom() {
        // 0.1 s in, the stick's noise has died and the body's glide has mostly settled.
        let rates = [41, 43, 45, 47, 48, 50].map { Self.crossingRate(Self.hit($0).mono[Self.frames(0.1)..<Self.frames(0.3)]) }
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 < $1 }, "crossing rates \(rates)")
        // Two crossings a cycle: the low floor tom is a low drum, the high tom still a drum.
        #expect(rates[0] / 2 > 60 && rates[0] / 2 < 110 && rates[5] / 2 < 260, "crossing rates \(rates)")
    }

    @Test func kickPitchFallsFromTheAttack() {
        let kick = Self.hit(36).mono
        let attack = Self.crossingRate(kick[..<Self.frames(0.01)])
        let body = Self.crossingRate(kick[Self.frames(0.1)..<Self.frames(0.2)])
        #expect(attack > 1.8 * body, "attack \(attack), body \(body)")
    }

    @Test func closedAndPedalHatsChokeTheOpenHatAndNothingElseDoes() {
        var open = DrumVoice(sampleRate: Self.sampleRate, seed: 1)
        open.start(key: 46, velocity: 1, context: Self.context())
        #expect(open.isChoked(by: 42) && open.isChoked(by: 44))
        #expect(!open.isChoked(by: 36) && !open.isChoked(by: 38) && !open.isChoked(by: 49))
        for key in [36, 38, 42, 44, 49, 51] {
            var voice = DrumVoice(sampleRate: Self.sampleRate, seed: 1)
            voice.start(key: key, velocity: 1, context: Self.context())
            #expect(!voice.isChoked(by: 42) && !voice.isChoked(by: 44), "key \(key)")
        }
    }

    @Test func openHatRingsLongerThanClosedHat() {
        let closed = Self.hit(42, seconds: 1), open = Self.hit(46, seconds: 1)
        let window = Self.frames(0.1)..<Self.frames(0.2)
        #expect(Self.rms(open.mono[window]) > 10 * Self.rms(closed.mono[window]))
        #expect((closed.seconds ?? .infinity) * 4 < (open.seconds ?? .infinity))
    }

    @Test func crashRingsLongerThanRideAndRideLongerThanOpenHat() {
        let crash = Self.hit(49, seconds: 4).seconds ?? .infinity
        let ride = Self.hit(51, seconds: 4).seconds ?? .infinity
        let open = Self.hit(46, seconds: 4).seconds ?? .infinity
        #expect(crash > ride && ride > open, "crash \(crash), ride \(ride), open \(open)")
    }

    @Test func louderVelocityGivesALouderHit() {
        for drum in Self.kit {
            let levels = [0.2, 0.5, 1].map { Self.rms(Self.hit(drum.key, velocity: $0, seconds: 0.1).mono[...]) }
            #expect(levels[0] < levels[1] && levels[1] < levels[2], "\(drum.name): \(levels)")
        }
    }

    @Test func fullVelocityHitsPeakAtMostNineTenths() {
        var random = SplitMix64(seed: 0xD2)
        for drum in Self.kit {
            for _ in 0..<3 {
                let seed = UInt32.random(in: 1...UInt32.max, using: &random)
                let peak = Self.hit(drum.key, seconds: 0.3, seed: seed).peak
                #expect(peak <= 0.9, "\(drum.name) peaks at \(peak) with seed \(seed)")
            }
        }
    }

    @Test func anyKeyUnderExtremeSettingsStaysFiniteAndBelowFullScale() {
        let timbres = [
            Timbre(brightness: 0, attack: 0, release: 0, drive: 0), Timbre(brightness: 1, attack: 1, release: 1, drive: 1),
            Timbre(brightness: 1, attack: 0, release: 1, drive: 0), Timbre(brightness: .nan, attack: -5, release: 9, drive: .infinity),
        ]
        for key in 0...127 {
            for (index, timbre) in timbres.enumerated() {
                let velocity: Float = [1, 0, 2, .nan][index]
                let hit = Self.hit(key, velocity: velocity, timbre: timbre, seconds: 0.25)
                #expect(hit.left.allSatisfy(\.isFinite) && hit.right.allSatisfy(\.isFinite), "key \(key), timbre \(index)")
                #expect(hit.peak <= 1, "key \(key), timbre \(index) peaks at \(hit.peak)")
            }
        }
    }

    @Test func sameSeedGivesBitIdenticalOutputAndAnotherSeedDoesNot() {
        var random = SplitMix64(seed: 0x5EED)
        for key in [36, 38, 39, 42, 49, 54, 82] {
            let seed = UInt32.random(in: 1...UInt32.max, using: &random)
            let first = Self.hit(key, seconds: 0.2, seed: seed), again = Self.hit(key, seconds: 0.2, seed: seed)
            #expect(first.left == again.left && first.right == again.right, "key \(key)")
            #expect(Self.hit(key, seconds: 0.2, seed: seed &+ 1).left != first.left, "key \(key) ignores its seed")
        }
    }

    @Test func outputDoesNotDependOnHowBlocksAreSplit() {
        for key in [36, 39, 46, 70] {
            let whole = Self.hit(key, seconds: 0.3), split = Self.hit(key, seconds: 0.3, split: 11)
            #expect(whole.left == split.left && whole.right == split.right, "key \(key)")
        }
    }

    @Test func brightnessTiltsTheKitBrighter() {
        for key in [38, 42, 49] {
            let dark = Self.energy(Self.hit(key, timbre: Timbre(brightness: 0), seconds: 0.2).mono, around: 3000)
            let bright = Self.energy(Self.hit(key, timbre: Timbre(brightness: 1), seconds: 0.2).mono, around: 3000)
            #expect(bright.above / bright.below > 2 * dark.above / dark.below, "key \(key): dark \(dark), bright \(bright)")
        }
    }

    @Test func releaseScalesHowLongDrumsRing() {
        for key in [36, 38, 46, 49] {
            let short = Self.hit(key, timbre: Timbre(release: 0), seconds: 5).seconds ?? .infinity
            let long = Self.hit(key, timbre: Timbre(release: 1), seconds: 5).seconds ?? .infinity
            #expect(long > 2 * short, "key \(key): \(short) s against \(long) s")
        }
    }

    @Test func attackSoftensTheOnset() {
        let sharp = Self.hit(38, timbre: Timbre(attack: 0), seconds: 0.05).mono
        let soft = Self.hit(38, timbre: Timbre(attack: 1), seconds: 0.05).mono
        #expect(Self.rms(soft[..<48]) < 0.5 * Self.rms(sharp[..<48]))
        #expect(Self.rms(soft[480...]) > 0.8 * Self.rms(sharp[480...]))
    }

    @Test func noteOffLetsAHitRingOut() {
        let context = Self.context()
        var released = DrumVoice(sampleRate: Self.sampleRate, seed: 3), held = released
        released.start(key: 46, velocity: 1, context: context)
        held.start(key: 46, velocity: 1, context: context)
        released.release(context: context)
        var a = [Float](repeating: 0, count: 32), b = a, c = a, d = a
        released.render(left: &a, right: &b, count: 32, context: context)
        held.render(left: &c, right: &d, count: 32, context: context)
        #expect(a == c && released.isActive)
    }

    @Test func resetSilencesAtOnce() {
        let context = Self.context()
        var voice = DrumVoice(sampleRate: Self.sampleRate, seed: 3)
        voice.start(key: 49, velocity: 1, context: context)
        voice.reset()
        var left = [Float](repeating: 0, count: 32), right = left
        voice.render(left: &left, right: &right, count: 32, context: context)
        #expect(!voice.isActive && voice.loudness == 0 && left.allSatisfy { $0 == 0 })
    }

    @Test func loudnessFollowsTheDecayAndKeyIsTheNote() {
        let context = Self.context()
        var voice = DrumVoice(sampleRate: Self.sampleRate, seed: 3)
        voice.start(key: 38, velocity: 1, context: context)
        #expect(voice.key == 38)
        let start = voice.loudness
        var left = [Float](repeating: 0, count: 32), right = left
        for _ in 0..<150 {
            voice.control(context: context)
            voice.render(left: &left, right: &right, count: 32, context: context)
        }
        #expect(start > 0.5 && voice.loudness < 0.1 * start)
    }

    @Test func drumsSitAcrossTheStereoField() {
        func balance(_ key: Int) -> Float {
            let hit = Self.hit(key, seconds: 0.2)
            return Self.rms(hit.right[...]) - Self.rms(hit.left[...])
        }
        #expect(balance(41) < 0 && balance(50) > 0, "low tom left, high tom right")
        #expect(balance(42) > 0, "hats right")
        #expect(abs(balance(36)) < 1e-6, "kick centred")
    }

    @Test func handClapComesInBursts() {
        let clap = Self.hit(39, seconds: 0.1).mono
        // 2 ms windows: a burst restarts the noise, so the level jumps several times early on.
        let levels = stride(from: 0, to: Self.frames(0.05), by: 96).map { Self.rms(clap[$0..<($0 + 96)]) }
        let jumps = zip(levels.dropFirst(), levels).filter { $0 > 2 * $1 }.count
        #expect(jumps >= 3, "levels \(levels)")
    }

    @Test func polyphonyCoversABusyKit() {
        #expect((12...32).contains(DrumVoice.polyphony))
    }
}
