import Testing
@testable import MusicTheory

@Suite struct NoteNameTests {
    @Test(arguments: [("C", 0), ("Bb", 10), ("B♭", 10), ("A#", 10), ("F♯", 6), ("Cb", 11), ("E#", 5), ("Ebb", 2), ("G##", 9)])
    func nameParsesToItsPitchClass(_ text: String, _ pitchClass: Int) throws {
        let note = try #require(NoteName(text))
        #expect(note.pitchClass.value == pitchClass)
    }

    @Test func enharmonicNamesStayApart() throws {
        #expect(NoteName("Bb") != NoteName("A#"))
        #expect(NoteName("Bb")?.pitchClass == NoteName("A#")?.pitchClass)
    }

    @Test(arguments: ["H", "", "Bbbb", "C#b", "c"])
    func nonNotesAreRefused(_ text: String) {
        #expect(NoteName(text) == nil)
    }

    @Test func transpositionSpellsByLetterSteps() {
        let eFlat = NoteName(.e, -1)
        #expect(eFlat.transposed(by: .majorThird).description == "G")
        #expect(NoteName(.c).transposed(by: .augmentedFourth).description == "F#")
        #expect(NoteName(.c).transposed(by: .diminishedFifth).description == "Gb")
        #expect(NoteName(.b).transposed(by: .majorThird).description == "D#")
        #expect(NoteName(.c).transposed(by: .diminishedSeventh).description == "Bbb")
        #expect(NoteName(.f, 1).transposed(by: .majorSeventh).description == "E#")
    }

    @Test func simplifiedRemovesDoubleAccidentalsAndOddEnharmonics() {
        #expect(NoteName(.b, -2).simplified(preferFlats: true).description == "A")
        #expect(NoteName(.e, 1).simplified(preferFlats: false).description == "F")
        #expect(NoteName(.c, -1).simplified(preferFlats: true).description == "B")
        #expect(NoteName(.b, -1).simplified(preferFlats: false).description == "Bb")
    }

    @Test func unicodeSpellingUsesMusicSymbols() {
        #expect(NoteName(.b, -1).unicodeDescription == "B♭")
        #expect(NoteName(.f, 2).unicodeDescription == "F♯♯")
    }
}

@Suite struct IntervalTests {
    @Test func qualitiesAreNamed() {
        #expect(Interval.perfectFifth.description == "P5")
        #expect(Interval.minorThird.description == "m3")
        #expect(Interval.augmentedFourth.description == "A4")
        #expect(Interval.diminishedFifth.description == "d5")
        #expect(Interval.diminishedSeventh.description == "d7")
        #expect(Interval.minorNinth.description == "m9")
        #expect(Interval.augmentedEleventh.description == "A11")
    }

    @Test func augmentedSecondAndMinorThirdSoundAlikeButDiffer() {
        #expect(Interval.augmentedSecond.semitones == Interval.minorThird.semitones)
        #expect(Interval.augmentedSecond != Interval.minorThird)
        #expect(Interval.between(NoteName(.c), NoteName(.d, 1)) == .augmentedSecond)
        #expect(Interval.between(NoteName(.c), NoteName(.e, -1)) == .minorThird)
    }

    @Test func degreeNamesReadBack() {
        for interval in [Interval.minorThird, .diminishedSeventh, .augmentedEleventh, .minorThirteenth, .perfectFifth] {
            #expect(Interval(degreeName: interval.degreeName) == interval)
        }
    }
}

@Suite struct ScaleAndKeyTests {
    @Test func fMajorHasBFlatNotASharp() {
        #expect(Scale(NoteName(.f), .major).notes.map(\.description) == ["F", "G", "A", "Bb", "C", "D", "E"])
    }

    @Test func modesOfTheSameNotes() {
        let dorian = Scale(NoteName(.d), .dorian).pitchClasses
        #expect(dorian == Scale(NoteName(.c), .major).pitchClasses)
        #expect(Scale(NoteName(.a), .harmonicMinor).notes.last?.description == "G#")
        #expect(Scale(NoteName(.c), .blues).notes.map(\.description) == ["C", "Eb", "F", "Gb", "G", "Bb"])
        #expect(Scale(NoteName(.c), .wholeTone).pitchClasses.count == 6)
        #expect(Scale(NoteName(.c), .halfWholeDiminished).pitchClasses.count == 8)
    }

    @Test(arguments: [("C", 0), ("G", 1), ("D", 2), ("F", -1), ("Bb", -2), ("Eb", -3), ("Gm", -2), ("Am", 0),
                      ("F#m", 3), ("C#", 7), ("Cb", -7), ("Ebm", -6)])
    func keySignatureCountsSharpsAndFlats(_ text: String, _ signature: Int) throws {
        #expect(try #require(Key(text)).signature == signature)
    }

    @Test func keysParseInTheirCommonForms() {
        #expect(Key("Bb") == Key(NoteName(.b, -1)))
        #expect(Key("Gm") == Key(NoteName(.g), minor: true))
        #expect(Key("G minor") == Key(NoteName(.g), minor: true))
        #expect(Key("F# major") == Key(NoteName(.f, 1)))
        #expect(Key("GM") == Key(NoteName(.g)))
        #expect(Key("Hm") == nil)
        #expect(Key("C dorian") == nil)
    }

    @Test func chromaticNotesAreSpelledForTheKey() throws {
        let f = try #require(Key("F"))
        #expect(f.spelling(of: PitchClass(10)).description == "Bb")
        #expect(f.spelling(of: PitchClass(8)).description == "Ab")
        #expect(f.spelling(of: PitchClass(11)).description == "B")
        let e = try #require(Key("E"))
        #expect(e.spelling(of: PitchClass(8)).description == "G#")
        #expect(e.spelling(of: PitchClass(10)).description == "A#")
        let gFlat = try #require(Key("Gb"))
        #expect(gFlat.spelling(of: PitchClass(11)).description == "Cb")
    }

    @Test func transposedKeysTakeTheSimplerSpelling() throws {
        let c = try #require(Key("C"))
        #expect(c.transposed(bySemitones: 1).description == "Db")
        #expect(c.transposed(bySemitones: 6).description == "Gb")
        #expect(c.transposed(bySemitones: 4).description == "E")
        #expect(try #require(Key("Am")).transposed(bySemitones: 1).description == "Bbm")
    }

    @Test func keyEstimateFindsTheScaleOfItsNotes() {
        var weights = [Double](repeating: 0, count: 12)
        for pitchClass in Scale(NoteName(.e, -1), .major).pitchClasses { weights[pitchClass.value] = 1 }
        weights[3] = 3 // the tonic, stressed
        #expect(Key.estimate(from: weights).description == "Eb")
    }
}
