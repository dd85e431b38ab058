import Arrangement
import MusicTheory
import Testing
@testable import Accompanist

/// The piano roll: notes go in and come back out; pitches are relative to the chord; decoding
/// writes what the roll says and nothing else.
@Suite struct PianoRollCodecTests {
    static func sheet(_ text: String) throws -> LeadSheet {
        LeadSheet(chart: try ChartParser.parse(text))
    }

    static func roundTrip(_ tracks: [Track], _ sheet: LeadSheet) -> [Track] {
        var roll = [Float](repeating: 0, count: sheet.tokens * RollLayout.valuesPerToken)
        roll.withUnsafeMutableBufferPointer { PianoRollCodec.encode(tracks, sheet: sheet, into: $0.baseAddress!) }
        return roll.withUnsafeBufferPointer { PianoRollCodec.decode($0.baseAddress!, sheet: sheet) }
    }

    @Test func notesOnSixteenthsAndTripletsComeBackAsTheyWent() throws {
        let sheet = try Self.sheet("meter: 4/4\n| C | F7 | Am | G7/B |")
        let bass = Track(.bass, notes: [Note(pitch: 36, velocity: 100, start: 0, duration: 12),
                                        Note(pitch: 41, velocity: 90, start: 48, duration: 8),
                                        Note(pitch: 47, velocity: 80, start: 147, duration: 3)])
        let keys = Track(.keys, notes: [60, 64, 67].map { Note(pitch: $0, velocity: 70, start: 4, duration: 4) }
                                       + [63, 65, 69, 72].map { Note(pitch: $0, velocity: 64, start: 56, duration: 24) })
        let pad = Track(.pad, notes: [Note(pitch: 57, velocity: 50, start: 96, duration: 48)])
        let drums = Track(.drums, notes: [Note(pitch: 36, velocity: 120, start: 0, duration: 3),
                                          Note(pitch: 42, velocity: 60, start: 3, duration: 3),
                                          Note(pitch: 38, velocity: 110, start: 12, duration: 3)])
        let decoded = Self.roundTrip([bass, keys, pad, drums], sheet)
        #expect(decoded.map(\.instrument) == [.bass, .keys, .pad, .drums])
        #expect(decoded[0] == bass)
        #expect(decoded[1] == keys)
        #expect(decoded[2] == pad)
        #expect(decoded[3] == drums)
    }

    /// Lanes count from the root's pitch class in a fixed register window (bass: E1 up to D♯2), so a
    /// line moved with its chord, within that window, fills the same lanes.
    @Test func theSameLineOverATransposedChartFillsTheSameLanes() throws {
        let inC = try Self.sheet("| C7 | F |"), inD = try Self.sheet("| D7 | G |")
        let line = [Note(pitch: 36, velocity: 100, start: 0, duration: 12), Note(pitch: 40, velocity: 100, start: 12, duration: 12),
                    Note(pitch: 41, velocity: 100, start: 48, duration: 12)]
        func roll(_ sheet: LeadSheet, _ shift: Int) -> [Float] {
            var roll = [Float](repeating: 0, count: sheet.tokens * RollLayout.valuesPerToken)
            let track = Track(.bass, notes: line.map { var n = $0; n.pitch += shift; return n })
            roll.withUnsafeMutableBufferPointer { PianoRollCodec.encode([track], sheet: sheet, into: $0.baseAddress!) }
            return roll
        }
        // Compared by first difference: printing two whole rolls helps nobody.
        let difference = zip(roll(inC, 0), roll(inD, 2)).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(difference == nil)
    }

    /// A minor ninth over a major chord is a wrong note; the roll may hold it and the decoder
    /// must give it back, not correct it.
    @Test func decodingKeepsAWrongNoteAsWritten() throws {
        let sheet = try Self.sheet("| C |")
        let wrong = Track(.keys, notes: [Note(pitch: 61, velocity: 90, start: 0, duration: 12)])
        #expect(Self.roundTrip([wrong], sheet)[1] == wrong)
    }

    @Test func overlappingStrikesOfOnePitchAreMergedAndRangesHold() {
        let merged = PianoRollCodec.mergeOverlaps([Note(pitch: 40, velocity: 80, start: 0, duration: 24),
                                                   Note(pitch: 40, velocity: 90, start: 12, duration: 12),
                                                   Note(pitch: 40, velocity: 50, start: 12, duration: 12)])
        #expect(merged == [Note(pitch: 40, velocity: 80, start: 0, duration: 12), Note(pitch: 40, velocity: 90, start: 12, duration: 12)])
        #expect(PianoRollCodec.fold(70, into: PianoRollCodec.range(of: .bass)) == 58)
    }

    @Test func sixEightBarsAreThreeTokensAndFiveFourFive() throws {
        #expect(try Self.sheet("meter: 6/8\n| C | G |").tokens == 6)
        #expect(try Self.sheet("meter: 5/4\n| C | G |").tokens == 10)
        #expect(try Self.sheet("meter: 12/8\n| C |").tokens == 6)
        #expect(!LeadSheet.supports(try ChartParser.parse("meter: 7/8\n| C |").meter))
    }

    @Test func tokenFeaturesMarkTheChordItsChangeAndThePosition() throws {
        // G7/B from the third beat: root G, bass a major third above, a change in the first half of token 2.
        let sheet = try Self.sheet("| C . G7/B . |")
        var features = [Float](repeating: -9, count: sheet.tokens * TokenFeatures.count)
        features.withUnsafeMutableBufferPointer { TokenFeatures.write(sheet, into: $0.baseAddress!) }
        let token2 = Array(features[(2 * TokenFeatures.count)..<(3 * TokenFeatures.count)])
        #expect(token2[7] == 1 && token2[0] == 0)           // root G
        #expect(token2[13 + 4] == 1)                       // bass B: a major third up
        #expect([0, 4, 7, 10].allSatisfy { token2[25 + $0] == 1 } && token2[25 + 1] == 0)
        #expect(token2[37] == 1)                           // the change
        #expect(features[TokenFeatures.count + 37] == 0)   // token 1: no change
        #expect(token2[TokenFeatures.chordFeatures + 2] == 1)  // third token of the bar
        features.withUnsafeMutableBufferPointer { TokenFeatures.dropChords($0.baseAddress!, tokens: sheet.tokens) }
        #expect(features[0..<TokenFeatures.chordFeatures].allSatisfy { $0 == 0 })
    }
}
