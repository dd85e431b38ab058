import Testing
@testable import MusicTheory

@Suite struct RomanNumeralTests {
    private func chord(_ text: String) throws -> ChordSymbol { try ChordSymbol(parsing: text) }

    @Test(arguments: [("Dm7", "ii7"), ("G7", "V7"), ("Cmaj7", "Imaj7"), ("Bm7b5", "viiø7"), ("Bdim7", "vii°7"),
                      ("Bb7", "bVII7"), ("Ab", "bVI"), ("F#m7b5", "#ivø7"), ("C/E", "I/3"), ("Eaug", "III+"), ("Fm6", "iv6")])
    func chordsAreNamedByDegreeInC(_ symbol: String, _ numeral: String) throws {
        #expect(RomanNumeral(try chord(symbol), in: Key(NoteName(.c))).description == numeral)
    }

    @Test func minorKeysCountAgainstTheMajorScale() throws {
        let cMinor = try #require(Key("Cm"))
        #expect(RomanNumeral(try chord("Eb"), in: cMinor).description == "bIII")
        #expect(RomanNumeral(try chord("G7"), in: cMinor).description == "V7")
        #expect(RomanNumeral(try chord("Cm"), in: cMinor).description == "i")
    }

    @Test func numeralsParseToChordsInAKey() throws {
        let bFlat = try #require(Key("Bb"))
        #expect(RomanNumeral.parse("ii7", in: bFlat)?.description == "Cm7")
        #expect(RomanNumeral.parse("V7", in: bFlat)?.description == "F7")
        #expect(RomanNumeral.parse("bVII", in: bFlat)?.description == "Ab")
        #expect(RomanNumeral.parse("viiø7", in: bFlat)?.description == "Am7b5")
        #expect(RomanNumeral.parse("I/3", in: bFlat)?.description == "Bb/D")
        #expect(RomanNumeral.parse("V7/V", in: bFlat)?.description == "C7")
        #expect(RomanNumeral.parse("V7/ii", in: bFlat)?.description == "G7")
        #expect(RomanNumeral.parse("X7", in: bFlat) == nil)
    }

    @Test func everyDiatonicSeventhRoundTripsThroughItsNumeral() throws {
        for keyText in ["C", "Eb", "F#", "Am", "Bbm"] {
            let key = try #require(Key(keyText))
            for symbol in ["Imaj7", "ii7", "iii7", "IVmaj7", "V7", "vi7", "viiø7", "bVII7", "#iv°7"] {
                let chord = try #require(RomanNumeral.parse(symbol, in: key))
                #expect(RomanNumeral(chord, in: key).description == symbol, "\(symbol) in \(key)")
            }
        }
    }
}
