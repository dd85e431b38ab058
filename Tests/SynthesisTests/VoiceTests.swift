import Testing
@testable import Synthesis

/// The melodic voices, by properties of their signal: in tune, bounded, silent after release.
@Suite struct VoiceTests {
    private func cents(_ measured: Float, key: Int) -> Float {
        1200 * log2f(measured / DSPMath.frequency(ofKey: Float(key)))
    }

    @Test func bassIsInTune() {
        let (left, _, _) = Signal.render(BassVoice.self, key: 40, seconds: 0.6)
        #expect(abs(cents(Signal.pitch(left[9600..<24000]), key: 40)) < 10)
    }

    @Test func electricPianoIsInTune() {
        let (left, _, _) = Signal.render(ElectricPianoVoice.self, key: 60, seconds: 0.6)
        #expect(abs(cents(Signal.pitch(left[9600..<24000]), key: 60)) < 10)
    }

    @Test func padIsInTune() {
        let (left, _, _) = Signal.render(PadVoice.self, key: 57, seconds: 1.2, timbre: Timbre(brightness: 0.3, attack: 0))
        #expect(abs(cents(Signal.pitch(left[24000..<48000]), key: 57)) < 10)
    }

    @Test(arguments: [40, 52, 64, 76])
    func pluckedStringIsInTune(_ key: Int) {
        let (left, _, _) = Signal.render(PluckVoice.self, key: key, seconds: 0.5)
        #expect(abs(cents(Signal.pitch(left[4800..<19200]), key: key)) < 10, "key \(key)")
    }

    @Test func everyVoiceFallsSilentAndFreesItselfAfterRelease() {
        let bass = Signal.render(BassVoice.self, key: 40, seconds: 2, releaseAfter: 0.3)
        let piano = Signal.render(ElectricPianoVoice.self, key: 60, seconds: 2, releaseAfter: 0.3)
        let pad = Signal.render(PadVoice.self, key: 60, seconds: 5, releaseAfter: 0.5)
        let pluck = Signal.render(PluckVoice.self, key: 52, seconds: 2, releaseAfter: 0.3)
        for (name, result) in [("bass", bass), ("piano", piano), ("pad", pad), ("pluck", pluck)] {
            let end = result.activeUntil
            #expect(end != nil, "\(name) never went idle; last sample \(result.left.last ?? 0)")
            if let end {
                let silent = result.left[end...].allSatisfy { $0 == 0 }
                #expect(silent, "\(name) sounds after going idle")
            }
        }
    }

    @Test func louderVelocityIsLouder() {
        let soft = Signal.render(ElectricPianoVoice.self, key: 60, velocity: 0.3, seconds: 0.3)
        let hard = Signal.render(ElectricPianoVoice.self, key: 60, velocity: 1, seconds: 0.3)
        #expect(Signal.rms(hard.left[...]) > 2 * Signal.rms(soft.left[...]))
    }

    @Test func brighterTimbreHasMoreHighs() {
        func highShare(_ brightness: Float) -> Float {
            let signal = Signal.render(BassVoice.self, key: 40, seconds: 0.5, timbre: Timbre(brightness: brightness)).left
            // Sample-to-sample differences weigh high frequencies: their energy against the signal's.
            let differences = zip(signal.dropFirst(), signal).map { $0 - $1 }
            return Signal.rms(differences[...]) / Signal.rms(signal[...])
        }
        #expect(highShare(0.9) > 2 * highShare(0.1))
    }

    /// Every voice, every key, extreme timbres: always finite, never beyond full scale.
    @Test func extremeSettingsStayFiniteAndBounded() {
        let timbres = [Timbre(brightness: 0, attack: 0, release: 0, drive: 0), Timbre(brightness: 1, attack: 1, release: 1, drive: 1)]
        for timbre in timbres {
            for key in [0, 21, 60, 108, 127] {
                let signals = [
                    Signal.render(BassVoice.self, key: key, seconds: 0.2, releaseAfter: 0.1, timbre: timbre).left,
                    Signal.render(ElectricPianoVoice.self, key: key, seconds: 0.2, releaseAfter: 0.1, timbre: timbre).left,
                    Signal.render(PadVoice.self, key: key, seconds: 0.2, releaseAfter: 0.1, timbre: timbre).left,
                    Signal.render(PluckVoice.self, key: key, seconds: 0.2, releaseAfter: 0.1, timbre: timbre).left,
                ]
                for signal in signals {
                    #expect(signal.allSatisfy { $0.isFinite } == true)
                    #expect(Signal.peak(signal) <= 1)
                }
            }
        }
    }

    @Test func outOfRangeTimbreIsClampedIncludingNaN() {
        let wild = Timbre(brightness: .nan, attack: -5, release: 1e9, drive: .infinity).clamped
        #expect(wild == Timbre(brightness: 0, attack: 0, release: 1, drive: 1))
    }
}
