import Testing
@testable import MusicTheory

/// From sounding pitches to the chord symbol that names them.
@Suite struct ChordRecognizerTests {
    private func name(_ pitches: [Int], key: String? = nil) -> String? {
        ChordRecognizer.recognize(pitches: pitches.map { ($0, 1.0) }, key: key.flatMap(Key.init))?.description
    }

    @Test func closeVoicingsAreNamed() {
        #expect(name([60, 64, 67]) == "C")
        #expect(name([57, 60, 64]) == "Am")
        #expect(name([55, 59, 62, 65]) == "G7")
        #expect(name([62, 65, 69, 72]) == "Dm7")
        #expect(name([60, 64, 67, 71]) == "Cmaj7")
        #expect(name([59, 62, 65, 69]) == "Bm7b5")
        #expect(name([60, 63, 66]) == "Cdim")
        #expect(name([60, 65, 67]) == "Csus4")
        #expect(name([43, 50]) == "G5")
    }

    @Test func spreadVoicingsAndDoublingsDoNotMatter() {
        #expect(name([36, 55, 64, 72, 76]) == "C")
        #expect(name([43, 65, 71, 74, 79]) == "G7")
    }

    @Test func theBassDecidesBetweenChordsOfTheSameNotes() {
        #expect(name([48, 64, 67, 69]) == "C6")
        #expect(name([45, 60, 64, 67]) == "Am7")
    }

    @Test func aChordToneInTheBassIsAnInversion() {
        #expect(name([52, 60, 67, 72]) == "C/E")
        #expect(name([50, 55, 59, 65]) == "G7/D")
    }

    @Test func theKeySpellsTheRoot() {
        #expect(name([58, 62, 65], key: "F") == "Bb")
        #expect(name([58, 62, 65], key: "B") == "A#")
        #expect(name([63, 66, 70], key: "Gb") == "Ebm")
    }

    @Test func silenceIsNoChord() {
        #expect(ChordRecognizer.recognize(pitches: []) == nil)
        #expect(ChordRecognizer.bestMatch(for: PitchProfile()) == nil)
    }
}
