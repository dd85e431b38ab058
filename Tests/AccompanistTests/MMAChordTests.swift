@testable import Accompanist
import Arrangement
import MusicTheory
import TestSupport
import Testing

/// Our chord symbols in MMA's spelling: its own names where the notes agree, defined types where
/// they do not, and mma accepting every kind the corpus uses and playing exactly its pitch classes.
@Suite struct MMAChordTests {
    private func mma(_ text: String) throws -> MMAChord { MMAChord(.chord(try ChordSymbol(parsing: text))) }

    @Test func chordsWithTheSameNotesTakeMMAsNames() throws {
        #expect(try mma("Cmaj7").name == "CM7")
        #expect(try mma("F#m7b5").name == "F#m7b5")
        #expect(try mma("Bbdim").name == "Bbmb5")
        #expect(try mma("Ebdim7").name == "Ebdim7")
        #expect(try mma("A6/9").name == "A69")
        #expect(try mma("D9sus4").name == "Dsus9")
        #expect(try mma("G7add13").name == "G13")
        #expect(try mma("Db").name == "Db")
        #expect(try mma("Cmaj7").definition == nil)
    }

    @Test func chordsMMALacksAreDefined() throws {
        let thirteen = try mma("C13")
        #expect(thirteen.name == "CXaehkov")
        #expect(thirteen.definition == "DefChord Xaehkov (0,4,7,10,14,21) (0,2,4,5,7,9,10)")
        #expect(try mma("G7alt").definition != nil)
        #expect(MMAChord(.noChord).name == "z")
    }

    @Test func slashBassesAreInversionsOrChordsOnTheBass() throws {
        #expect(try mma("C/E").name == "C/E")
        #expect(try mma("Am7/G").name == "Am7/G")
        // G is not in F major: the chord becomes G with C, F and A above.
        let gospel = try mma("F/G")
        #expect(gospel.name == "GXafko")
        #expect(gospel.definition?.hasPrefix("DefChord Xafko (0,5,10,14)") == true)
        #expect(try mma("C/Bb").name.hasPrefix("BbX"))
    }

    /// Every vocabulary chord on four roots, over a chord tone and over a tone outside the chord.
    static func testChords() throws -> [ChordSymbol] {
        var chords: [ChordSymbol] = []
        for root in ["C", "F#", "Bb", "E"] {
            for suffix in ChordVocabulary.suffixes {
                let chord = try ChordSymbol(parsing: root + suffix)
                chords.append(chord)
                if let third = chord.tones.sorted().first {
                    chords.append(chord.over(third.interval))
                }
                chords.append(chord.over(.majorSecond))
            }
        }
        return chords
    }

    @Test(.enabled(if: mmaAvailable, "mma is not installed (make test installs it)"))
    func mmaAcceptsEveryChordKindAndPlaysItsPitchClasses() throws {
        let chords = try Self.testChords()
        let translated = chords.map { MMAChord(.chord($0)) }
        var lines = Array(Set(translated.compactMap(\.definition))).sorted()
        lines += [
            "Time 4", "Begin Chord", " Voice Piano1", " Sequence {1 1 90}", " Octave 5", "End",
            "Begin Bass", " Voice FingeredBass", " Sequence {1 4 1 90}", " Octave 3", "End",
        ]
        lines += translated.enumerated().map { "\($0.offset + 1) \($0.element.name)" }
        let midi = try makeRunner().render(lines.joined(separator: "\n") + "\n", name: "chords", label: "the chord test")
        let barTicks = midi.ticksPerQuarter * 4
        var played = [Set<PitchClass>](repeating: [], count: chords.count)
        for note in midi.notes where note.start / barTicks < chords.count {
            played[note.start / barTicks].insert(PitchClass(midi: note.pitch))
        }
        for (index, chord) in chords.enumerated() {
            #expect(played[index] == chord.pitchClasses, "\(chord) as \(translated[index].name)")
        }
    }
}
