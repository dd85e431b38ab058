import Testing
@testable import Synthesis

/// The band engine and the performer: exact timing, split-independent output, click-free
/// stealing, and a master that never clips.
@Suite struct EngineTests {
    /// A busy score: chords on every eighth, a bass line, a pad and drums, two bars at 120.
    static func busyScore() -> Score {
        var notes: [Score.Note] = []
        for eighth in 0..<16 {
            let start = eighth * 240
            notes.append(Score.Note(track: 0, key: 36 + (eighth % 4) * 2, velocity: 100, start: start, duration: 200))
            for key in [60, 64, 67, 71] { notes.append(Score.Note(track: 1, key: key, velocity: 80, start: start, duration: 180)) }
            notes.append(Score.Note(track: 3, key: eighth % 2 == 0 ? 36 : 42, velocity: 100, start: start, duration: 60))
        }
        for key in [48, 55, 64] { notes.append(Score.Note(track: 2, key: key, velocity: 60, start: 0, duration: 3840)) }
        return Score(notes: notes, ticksPerQuarter: 480, untransposedTracks: [3])
    }

    static func perform(_ score: Score, period: Int, seconds: Float = 3, patches: [Patch] = Patch.band,
                        setup: (Performer) -> Void = { _ in }) -> [Float] {
        let engine = SynthEngine(sampleRate: 48000, patches: patches)
        let performer = Performer(engine: engine)
        setup(performer)
        performer.play(score)
        let frames = Int(seconds * 48000)
        var left = [Float](repeating: 0, count: frames), right = [Float](repeating: 0, count: frames)
        var done = 0
        while done < frames {
            let count = min(period, frames - done)
            left.withUnsafeMutableBufferPointer { l in
                right.withUnsafeMutableBufferPointer { r in
                    performer.render(left: l.baseAddress! + done, right: r.baseAddress! + done, frames: count)
                }
            }
            done += count
        }
        return zip(left, right).flatMap { [$0, $1] }
    }

    @Test(arguments: [Patch.electricPiano, .guitar])
    func outputDoesNotDependOnThePeriodSize(keys: Patch) {
        let score = Self.busyScore()
        let patches: [Patch] = [.bass, keys, .pad, .drums]
        let reference = Self.perform(score, period: 256, patches: patches)
        for period in [1, 31, 64, 100, 1024] {
            let other = Self.perform(score, period: period, patches: patches)
            // The first sample that differs, if any (comparing whole arrays would print them all).
            let difference = zip(other, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            #expect(difference == nil, "period \(period) differs from sample \(difference ?? 0) (frame \((difference ?? 0) / 2))")
        }
    }

    /// A voice that fell silent part-way through a render call, then took a new note, once
    /// started from whatever state the rest of that call left: the output moved with the period.
    @Test func aVoiceReusedAfterFallingSilentStartsTheSameWhateverThePeriod() {
        func run(_ period: Int) -> [Float] {
            let engine = SynthEngine(sampleRate: 48000, patches: [.bass])
            return Signal.render(engine, seconds: 2, period: period) { frame in
                let note = frame / 12032
                guard note < 8 else { return }
                if frame % 12032 == 0 { engine.noteOn(track: 0, key: 36 + (note % 4) * 2, velocity: 100) }
                if frame % 12032 == 10240 { engine.noteOff(track: 0, key: 36 + (note % 4) * 2) }
            }
        }
        let reference = run(256), single = run(1)
        let difference = zip(reference, single).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(difference == nil, "differs from frame \((difference ?? 0) / 2)")
    }

    @Test func theSameInputRendersTheSameSamples() {
        let first = Self.perform(Self.busyScore(), period: 256), second = Self.perform(Self.busyScore(), period: 256)
        #expect(first.count == second.count && first.elementsEqual(second))
    }

    /// Thirty-two ticks at 120 a minute and 480 to the quarter are exactly 1600 samples at 48 kHz
    /// (25 control blocks): moving a note by them moves its sound by exactly that, sample for sample.
    @Test func aNoteStartsOnTheExactSampleOfItsTick() {
        func sound(atTick tick: Int) -> [Float] {
            let score = Score(notes: [Score.Note(track: 0, key: 40, velocity: 100, start: tick, duration: 480)], ticksPerQuarter: 480)
            return Self.perform(score, period: 100, seconds: 0.8)
        }
        let onTheBeat = sound(atTick: 480), later = sound(atTick: 512)
        let shifted = Array(later[3200...]), original = Array(onTheBeat[..<(onTheBeat.count - 3200)])
        let difference = zip(shifted, original).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(difference == nil, "differs from sample \(difference ?? 0)")
        // Nothing sounds before the note: the first sound comes within a sample of its time
        // (plus the limiter's look-ahead of 72 samples).
        let first = onTheBeat.firstIndex { $0 != 0 }.map { $0 / 2 } ?? 0
        #expect((24072...24073).contains(first))
    }

    @Test func tempoSetsWhenNotesFall() {
        let score = Score(notes: [Score.Note(track: 0, key: 40, velocity: 100, start: 480, duration: 480)], ticksPerQuarter: 480)
        let atDoubleSpeed = Self.perform(score, period: 256, seconds: 0.6) { $0.setTempo(240) }
        let first = atDoubleSpeed.firstIndex { $0 != 0 }.map { $0 / 2 } ?? 0
        #expect((12072...12073).contains(first))
    }

    @Test func transposeMovesPitchedTracksButNotDrums() {
        let engine = SynthEngine(sampleRate: 48000)
        let performer = Performer(engine: engine)
        performer.transpose = 12
        performer.play(Score(notes: [Score.Note(track: 1, key: 60, velocity: 100, start: 0, duration: 9600),
                                     Score.Note(track: 3, key: 36, velocity: 100, start: 0, duration: 60)],
                             ticksPerQuarter: 480, untransposedTracks: [3]))
        var left = [Float](repeating: 0, count: 256), right = left
        left.withUnsafeMutableBufferPointer { l in right.withUnsafeMutableBufferPointer { r in
            performer.render(left: l.baseAddress!, right: r.baseAddress!, frames: 256)
        } }
        #expect(engine.activeVoices(track: 1) == 1 && engine.activeVoices(track: 3) == 1)
    }

    @Test func loopingStartsAgainAtTheScoresLength() {
        let score = Score(notes: [Score.Note(track: 3, key: 37, velocity: 127, start: 0, duration: 30)], ticksPerQuarter: 480, length: 480)
        let samples = Self.perform(score, period: 256, seconds: 1.1) { $0.isLooping = true }
        // A hit every half second: sound soon after 0, 0.5 s and 1.0 s.
        for second in [0.0, 0.5, 1.0] {
            let start = Int(second * 48000) * 2
            let hit = samples[start..<(start + 4000)].contains { abs($0) > 0.01 }
            #expect(hit, "no hit at \(second) s")
        }
    }

    @Test func theMasterNeverClipsEvenDrivenHard() {
        let engine = SynthEngine(sampleRate: 48000)
        for track in 0..<engine.trackCount {
            engine.setTimbre(Timbre(brightness: 1, attack: 0, release: 1, drive: 1), track: track)
            engine.setMix(TrackMix(volume: 6, reverbSend: 1), track: track)
        }
        engine.masterGain = 4
        let samples = Signal.render(engine, seconds: 1) { frame in
            if frame == 0 {
                for key in stride(from: 30, to: 100, by: 3) { engine.noteOn(track: 1, key: key, velocity: 127) }
                for key in stride(from: 40, to: 90, by: 5) { engine.noteOn(track: 2, key: key, velocity: 127) }
                engine.noteOn(track: 0, key: 28, velocity: 127)
                engine.noteOn(track: 3, key: 36, velocity: 127)
            }
        }
        #expect(samples.allSatisfy { $0.isFinite } == true)
        #expect(Signal.peak(samples) <= 0.9661)
    }

    @Test func mutedTrackFallsSilentAndSoloLeavesOnlyItsTrack() {
        let engine = SynthEngine(sampleRate: 48000)
        engine.setMix(TrackMix(mute: true, reverbSend: 0), track: 1)
        let muted = Signal.render(engine, seconds: 0.5) { if $0 == 0 { engine.noteOn(track: 1, key: 60, velocity: 120) } }
        #expect(Signal.peak(Array(muted[4800...])) == 0)

        let soloed = SynthEngine(sampleRate: 48000)
        soloed.setMix(TrackMix(solo: true), track: 0)
        let solo = Signal.render(soloed, seconds: 0.5) { if $0 == 0 { soloed.noteOn(track: 1, key: 60, velocity: 120) } }
        #expect(Signal.peak(Array(solo[4800...])) == 0)
    }

    /// Stealing fades the old note over 3 ms instead of cutting it: no sample-to-sample jump
    /// larger than the notes themselves make.
    @Test func stealingAVoiceDoesNotClick() {
        let engine = SynthEngine(sampleRate: 48000, patches: [.pad])
        engine.setMix(TrackMix(reverbSend: 0), track: 0)
        engine.setTimbre(Timbre(brightness: 0.2, attack: 0, release: 1), track: 0)
        var jumpsBefore: Float = 0
        let samples = Signal.render(engine, seconds: 2, period: 32) { frame in
            // Twelve notes fill the bank; one more each 0.1 s after that forces a steal.
            if frame == 0 { for key in 48..<60 { engine.noteOn(track: 0, key: key, velocity: 127) } }
            if frame >= 48000, frame % 4800 == 0 { engine.noteOn(track: 0, key: 72 + frame / 4800 % 12, velocity: 127) }
        }
        let left = stride(from: 0, to: samples.count, by: 2).map { samples[$0] }
        func largestJump(_ range: Range<Int>) -> Float { range.dropFirst().map { abs(left[$0] - left[$0 - 1]) }.max() ?? 0 }
        jumpsBefore = largestJump(24000..<48000)
        #expect(largestJump(48000..<96000) < max(2 * jumpsBefore, 0.02))
    }

    /// Recursive filters, reverb lines and envelopes all decay exponentially; left alone they sink
    /// into subnormal floats, which x86 processes up to a hundred times slower — the classic cause
    /// of a synthesizer that glitches only after the music stops. Every sample the engine makes must
    /// be zero or a normal float, and once the tails have died the output is exactly silent.
    @Test func tailsDieToExactSilenceWithoutEverPassingThroughDenormals() {
        let score = Self.busyScore()
        let samples = Self.perform(score, period: 256, seconds: 40, patches: [.bass, .electricPiano, .pad, .drums, .guitar])
        let subnormal = samples.firstIndex { $0 != 0 && !$0.isNormal }
        #expect(subnormal == nil, "sample \(subnormal ?? 0) is subnormal: \(subnormal.map { samples[$0] } ?? 0)")
        let lastSound = samples.lastIndex { $0 != 0 } ?? 0
        // The score ends at 4 s; the longest tail (the pad's release into the reverb) is long gone by 40 s.
        #expect(lastSound < samples.count - 5 * 96000, "still sounding at \(Float(lastSound / 2) / 48000) s")
    }

    @Test func changingTimbreAndVolumeGlidesRatherThanJumps() {
        let engine = SynthEngine(sampleRate: 48000, patches: [.pad])
        engine.setMix(TrackMix(reverbSend: 0), track: 0)
        let samples = Signal.render(engine, seconds: 1, period: 32) { frame in
            if frame == 0 { engine.noteOn(track: 0, key: 60, velocity: 127); engine.setTimbre(Timbre(attack: 0), track: 0) }
            if frame == 24000 { engine.setMix(TrackMix(volume: -30, reverbSend: 0), track: 0) }
        }
        let left = stride(from: 0, to: samples.count, by: 2).map { samples[$0] }
        let steady = (20000..<24000).dropFirst().map { abs(left[$0] - left[$0 - 1]) }.max() ?? 0
        let atChange = (24000..<24400).dropFirst().map { abs(left[$0] - left[$0 - 1]) }.max() ?? 0
        #expect(atChange <= steady * 1.1)
    }
}
