@testable import Accompanist
import Arrangement
import Testing

/// MMA's tracks to sideman's parts, by track name, channel and program.
@Suite struct MMATrackMappingTests {
    private func part(_ name: String, program: Int?, channel: Int? = 0, bassByName: Bool = false) -> Instrument? {
        MMATrackMapping.part(of: TrackFacts(name: name, program: program, channel: channel), bassByName: bassByName)
    }

    @Test func drumsAreChannelTenOrDrumTracks() {
        #expect(part("Drum", program: 0, channel: 9) == .drums)
        #expect(part("ClosedHiHat", program: 0, channel: 9) == .drums)
        #expect(part("Drum-Snare", program: nil, channel: nil) == .drums)
    }

    @Test func bassProgramsOnBassAndWalkTracksAreTheBass() {
        #expect(part("Walk", program: 32) == .bass)
        #expect(part("Bass", program: 58) == .bass)
        #expect(part("Bass-Guitar", program: 33) == .bass)
        // A horn line on a Bass track is not the bass.
        #expect(part("Bass-Sax", program: 65) == .keys)
        #expect(part("Bass-Piano", program: 0) == .keys)
    }

    @Test func plainBassTracksAreTheBassWhenNoTrackHasABassProgram() {
        #expect(part("Bass", program: 26, bassByName: true) == .bass)
        #expect(part("Bass", program: 26, bassByName: false) == .keys)
        #expect(part("Bass-High", program: 26, bassByName: true) == .keys)
    }

    @Test func sustainedLayersAndEnsembleChordsAreThePad() {
        #expect(part("Chord-Sus", program: 48) == .pad)
        #expect(part("Chord-Sus", program: 16) == .pad)
        #expect(part("Bass-Sus", program: 52) == .pad)
        #expect(part("Chord", program: 44) == .pad)
        #expect(part("Chord-Warm", program: 89) == .pad)
        #expect(part("Arpeggio-Fiddle", program: 40) == .keys)
    }

    @Test func compingTracksAreTheKeysAndSolosAreLeftOut() {
        for name in ["Chord", "Chord-Piano", "Plectrum", "Arpeggio-Plus", "Scale", "Aria"] {
            #expect(part(name, program: 0) == .keys, "\(name)")
        }
        #expect(part("Solo", program: 65) == nil)
        #expect(part("Melody-Sax", program: 65) == nil)
        #expect(part("", program: nil, channel: nil) == nil)
    }

    @Test(.enabled(if: mmaAvailable, "mma is not installed (make test installs it)"))
    func renderedTracksMapToTheirParts() throws {
        let runner = try makeRunner()
        let source = "RndSeed 1\nGroove BossaNova3SusPlus\n1 C\n2 F\n3 G7\n4 C\n"
        let midi = try runner.render(source, name: "bossa", label: "BossaNova3SusPlus")
        let parts = MMATrackMapping.parts(of: midi)
        let named = Dictionary(uniqueKeysWithValues: midi.tracks.indices.compactMap { index in
            midi.tracks[index].name.map { ($0, parts[index]) }
        })
        #expect(named["Drum"] == .drums)
        #expect(named["Chord-Sus"] == .pad)
        #expect(named["Bass-Sus"] == .pad)
        #expect(named["Chord"] == .keys)
        #expect(named["Arpeggio"] == .keys)
        // BossaNova's bass is a guitar program on the Bass track.
        #expect(named["Bass"] == .bass)
        let bassPitches = midi.notes.filter { parts[$0.track] == .bass }.map(\.pitch)
        #expect(!bassPitches.isEmpty && bassPitches.allSatisfy { $0 < 55 })
    }
}
