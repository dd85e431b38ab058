import PropertyBased
import Testing
@testable import MusicTheory

/// Every chord family lead sheets use, read as DESIGN.md says: its pitch-class set, its
/// canonical name, and the forms it may be typed in.
@Suite struct ChordSymbolTests {
    /// (forms it is typed in, pitch classes over C, canonical name)
    static let families: [([String], [Int], String)] = [
        (["C", "CM", "Cmaj", "CMaj"], [0, 4, 7], "C"),
        (["Cm", "Cmin", "Cmi", "C-"], [0, 3, 7], "Cm"),
        (["C5"], [0, 7], "C5"),
        (["C6", "CM6", "Cmaj6"], [0, 4, 7, 9], "C6"),
        (["Cm6", "C-6"], [0, 3, 7, 9], "Cm6"),
        (["C6/9", "C69"], [0, 2, 4, 7, 9], "C6/9"),
        (["Cm6/9", "Cm69"], [0, 2, 3, 7, 9], "Cm6/9"),
        (["C7"], [0, 4, 7, 10], "C7"),
        (["Cmaj7", "CM7", "CMaj7", "CΔ", "CΔ7", "C^7", "Cma7"], [0, 4, 7, 11], "Cmaj7"),
        (["Cm7", "C-7", "Cmin7", "Cmi7"], [0, 3, 7, 10], "Cm7"),
        (["CmMaj7", "Cm(maj7)", "C-Δ7", "CmM7", "CminMaj7", "C-maj7"], [0, 3, 7, 11], "CmMaj7"),
        (["Cm7b5", "Cø", "Cø7", "C-7b5", "Cm7(b5)", "Cm7♭5", "CØ7"], [0, 3, 6, 10], "Cm7b5"),
        (["Cdim", "C°", "Co"], [0, 3, 6], "Cdim"),
        (["Cdim7", "C°7", "Co7"], [0, 3, 6, 9], "Cdim7"),
        (["Caug", "C+", "C+5", "C(#5)"], [0, 4, 8], "Caug"),
        (["C7#5", "C+7", "Caug7", "C7+5", "C7(#5)"], [0, 4, 8, 10], "C7#5"),
        (["Cmaj7#5", "C+maj7", "CΔ7#5", "Caugmaj7"], [0, 4, 8, 11], "Cmaj7#5"),
        (["Csus2"], [0, 2, 7], "Csus2"),
        (["Csus4", "Csus"], [0, 5, 7], "Csus4"),
        (["C7sus4", "C7sus"], [0, 5, 7, 10], "C7sus4"),
        (["C9sus4", "C9sus"], [0, 2, 5, 7, 10], "C9sus4"),
        (["C13sus4"], [0, 2, 5, 7, 9, 10], "C13sus4"),
        (["Cadd9", "C(add9)", "C2", "Cadd2"], [0, 2, 4, 7], "Cadd9"),
        (["Cmadd9", "Cm(add9)", "C-add9"], [0, 2, 3, 7], "Cmadd9"),
        (["Cadd11", "Cadd4"], [0, 4, 5, 7], "Cadd11"),
        (["C9"], [0, 2, 4, 7, 10], "C9"),
        (["Cmaj9", "CΔ9", "CM9"], [0, 2, 4, 7, 11], "Cmaj9"),
        (["Cm9", "C-9"], [0, 2, 3, 7, 10], "Cm9"),
        (["CmMaj9", "C-Maj9", "CmΔ9"], [0, 2, 3, 7, 11], "CmMaj9"),
        (["C11"], [0, 2, 4, 5, 7, 10], "C11"),
        (["Cm11", "C-11"], [0, 2, 3, 5, 7, 10], "Cm11"),
        (["Cmaj11"], [0, 2, 4, 5, 7, 11], "Cmaj11"),
        (["C13"], [0, 2, 4, 7, 9, 10], "C13"),
        (["Cmaj13", "CΔ13"], [0, 2, 4, 7, 9, 11], "Cmaj13"),
        (["Cm13", "C-13"], [0, 2, 3, 5, 7, 9, 10], "Cm13"),
        (["C7b5", "C7(b5)", "C7-5"], [0, 4, 6, 10], "C7b5"),
        (["C7b9", "C7(b9)", "C7-9", "C7♭9"], [0, 1, 4, 7, 10], "C7b9"),
        (["C7#9", "C7(#9)", "C7+9", "C7♯9"], [0, 3, 4, 7, 10], "C7#9"),
        (["C7#11", "C7(#11)"], [0, 4, 6, 7, 10], "C7#11"),
        (["C7b13", "C7(b13)"], [0, 4, 7, 8, 10], "C7b13"),
        (["C7alt", "Calt"], [0, 1, 3, 4, 6, 8, 10], "C7alt"),
        (["C7b9#11", "C7(b9,#11)", "C7(b9 #11)"], [0, 1, 4, 6, 7, 10], "C7b9#11"),
        (["C7#9b13", "C7(#9,b13)"], [0, 3, 4, 7, 8, 10], "C7#9b13"),
        (["C9#11", "C9(#11)"], [0, 2, 4, 6, 7, 10], "C9#11"),
        (["C13#11", "C13(#11)"], [0, 2, 4, 6, 7, 9, 10], "C13#11"),
        (["C13b9", "C13(b9)", "C7(b9,13)"], [0, 1, 4, 7, 9, 10], "C13b9"),
        (["Cmaj7#11", "CΔ7(#11)", "Cmaj7(#11)"], [0, 4, 6, 7, 11], "Cmaj7#11"),
        (["Cm9b5", "Cø9"], [0, 2, 3, 6, 10], "Cm9b5"),
        (["C7no3", "C7(no3)", "C7omit3"], [0, 7, 10], "C7no3"),
        (["Cmaj7no5", "Cmaj7(omit5)"], [0, 4, 11], "Cmaj7no5"),
        (["C(b5)"], [0, 4, 6], "C(b5)"),
    ]

    @Test(arguments: families)
    func everyFormOfAFamilyReadsAsItsPitchClasses(_ forms: [String], _ pitchClasses: [Int], _ canonical: String) throws {
        for form in forms {
            let chord = try ChordSymbol(parsing: form)
            #expect(chord.pitchClasses.map(\.value).sorted() == pitchClasses, "\(form)")
            #expect(chord.description == canonical, "\(form)")
            #expect(chord.root == NoteName(.c) && chord.slashBass == nil, "\(form)")
        }
    }

    @Test(arguments: families)
    func canonicalNamesParseBackToTheSameChord(_ forms: [String], _ pitchClasses: [Int], _ canonical: String) throws {
        let chord = try ChordSymbol(parsing: canonical)
        #expect(try ChordSymbol(parsing: chord.description) == chord)
    }

    @Test func slashBassJoinsTheSetAndSoundsLowest() throws {
        let bFlatOverD = try ChordSymbol(parsing: "Bb/D")
        #expect(bFlatOverD.root.description == "Bb")
        #expect(bFlatOverD.bass.description == "D")
        #expect(bFlatOverD.pitchClasses.map(\.value).sorted() == [2, 5, 10])
        let cOverBFlat = try ChordSymbol(parsing: "C/Bb")
        #expect(cOverBFlat.pitchClasses.map(\.value).sorted() == [0, 4, 7, 10])
        #expect(cOverBFlat.spelling.map(\.description) == ["Bb", "C", "E", "G"])
        #expect(try ChordSymbol(parsing: "D/F#").bass.description == "F#")
        #expect(try ChordSymbol(parsing: "Am7/G").description == "Am7/G")
        #expect(try ChordSymbol(parsing: "C/C").slashBass == nil)
    }

    @Test func unicodeAccidentalsReadAsTheirASCIIForms() throws {
        #expect(try ChordSymbol(parsing: "B♭7") == ChordSymbol(parsing: "Bb7"))
        #expect(try ChordSymbol(parsing: "F♯m7♭5") == ChordSymbol(parsing: "F#m7b5"))
        #expect(try ChordSymbol(parsing: "E♭Δ7").description == "Ebmaj7")
        #expect(try ChordSymbol(parsing: "B♭7").unicodeDescription == "B♭7")
    }

    @Test func spellingFollowsTheChordNotTheKeyboard() throws {
        #expect(try ChordSymbol(parsing: "Ebm7").spelling.map(\.description) == ["Eb", "Gb", "Bb", "Db"])
        #expect(try ChordSymbol(parsing: "F#7").spelling.map(\.description) == ["F#", "A#", "C#", "E"])
        #expect(try ChordSymbol(parsing: "Bdim7").spelling.map(\.description) == ["B", "D", "F", "Ab"])
        #expect(try ChordSymbol(parsing: "C7#9").spelling.map(\.description) == ["C", "E", "G", "Bb", "D#"])
        #expect(try ChordSymbol(parsing: "Gb").spelling.map(\.description) == ["Gb", "Bb", "Db"])
    }

    @Test func dominantSeventhHasATritone() throws {
        let g7 = try ChordSymbol(parsing: "G7").pitchClasses
        #expect(g7.contains(PitchClass(11)) && g7.contains(PitchClass(5)))
    }

    @Test(arguments: ["", "H7", "Cmaj8", "C7(b9", "C/", "C7()", "Cm5", "Cxyz", "C/H", "7", "C7b10", "C add9"])
    func malformedSymbolsAreRefusedWithAReason(_ text: String) {
        #expect(throws: ChordSymbolError.self) { try ChordSymbol(parsing: text) }
    }

    @Test func errorsSayWhereReadingStopped() {
        #expect(throws: ChordSymbolError(symbol: "Cmaj8", offset: 4, reason: "'8' is not a chord number (use 6, 7, 9, 11, 13 or 6/9)")) {
            try ChordSymbol(parsing: "Cmaj8")
        }
    }

    @Test func closestKnownSymbolByEditDistance() {
        #expect(ChordSuggestions.closest(to: "Cmaj8") == "Cmaj7")
        #expect(ChordSuggestions.closest(to: "Dm7b55") == "Dm7b5")
        #expect(ChordSuggestions.closest(to: "Bbsuss4") == "Bbsus4")
        #expect(ChordSuggestions.closest(to: "Hm7") == "Bm7")
        #expect(ChordSuggestions.closest(to: "cmaj7") == "Cmaj7")
        #expect(ChordSuggestions.closest(to: "xyz") == nil)
        #expect(ChordSuggestions.closest(to: String(repeating: "x", count: 200)) == nil)
    }

    @Test func transposingKeepsTheStructureAndSpellsByInterval() throws {
        let chord = try ChordSymbol(parsing: "C7b9/E")
        let moved = chord.transposed(by: .minorThird)
        #expect(moved.description == "Eb7b9/G")
        #expect(moved.tones == chord.tones)
    }

    /// Any chord the grammar can build has a canonical name that reads back as the same chord.
    @Test func canonicalNameRoundTripsForGeneratedChords() async {
        let roots = ["C", "Db", "D", "Eb", "E", "F", "F#", "Gb", "G", "Ab", "A", "Bb", "B", "Cb", "E#", "G##"]
        let qualities = ["", "m", "dim", "aug", "ø", "5", "M", "-", "+", "°", "mMaj"]
        let numbers = ["", "6", "7", "9", "11", "13", "6/9", "2"]
        let modifiers = ["", "b5", "#5", "b9", "#9", "#11", "b13", "add9", "add11", "add13", "addb9", "add#11",
                         "sus2", "sus4", "no3", "no5", "(b9,#11)", "(13)", "alt", "(maj7)", "add6"]
        let basses = ["", "/E", "/Bb", "/G#", "/C"]
        let generator = zip(
            Gen.element(of: roots), Gen.element(of: qualities), Gen.element(of: numbers),
            Gen.element(of: modifiers).array(of: 0...3), Gen.element(of: basses))
        await propertyCheck(count: 4000, input: generator) { root, quality, number, modifiers, bass in
            let text = (root ?? "C") + (quality ?? "") + (number ?? "") + modifiers.compactMap { $0 }.joined() + (bass ?? "")
            guard let chord = try? ChordSymbol(parsing: text) else { return }
            let reread = try? ChordSymbol(parsing: chord.description)
            #expect(reread == chord, "\(text) -> \(chord.description)")
            #expect(chord.pitchClasses.contains(chord.root.pitchClass))
        }
    }
}
