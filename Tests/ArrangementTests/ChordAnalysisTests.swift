import Arrangement
import MusicTheory
import Testing

/// `analyze`: the chords of each bar of a MIDI file, found from its notes alone.
@Suite struct ChordAnalysisTests {
    private let beat = 480

    private func note(_ pitch: Int, _ startBeat: Double, _ beats: Double, velocity: Int = 80) -> Note {
        Note(pitch: pitch, velocity: velocity, start: Int(startBeat * Double(beat)), duration: Int(beats * Double(beat)))
    }

    private func analyse(_ tracks: [Track], meter: Meter = .common, tempo: Double = 120) throws -> [[String]] {
        let file = try MIDIFile(bytes: Take(tempo: tempo, meter: meter, tracks: tracks).midiFile.bytes())
        return try ChordAnalysis(midi: file).bars.map { $0.spans.map { "\($0.chord):\($0.beats)" } }
    }

    @Test func blockChordsWithRootsInTheBassAreNamed() throws {
        var keys = Track(.keys), bass = Track(.bass)
        for (bar, voicing) in [[60, 64, 67, 71], [57, 60, 64, 67], [62, 65, 69, 72], [55, 59, 62, 65]].enumerated() {
            for pitch in voicing { keys.add(note(pitch, Double(bar * 4), 4)) }
            bass.add(note(voicing[0] - 24, Double(bar * 4), 4))
        }
        #expect(try analyse([bass, keys]) == [["Cmaj7:4"], ["Am7:4"], ["Dm7:4"], ["G7:4"]])
    }

    @Test func aChangeInsideABarIsFound() throws {
        var keys = Track(.keys)
        for pitch in [62, 65, 69, 72] { keys.add(note(pitch, 0, 2)) }
        for pitch in [55, 59, 62, 65] { keys.add(note(pitch, 2, 2)) }
        #expect(try analyse([keys]) == [["Dm7:2", "G7:2"]])
    }

    @Test func theBassTellsASixthFromAMinorSeventh() throws {
        var keys = Track(.keys), bass = Track(.bass)
        for pitch in [60, 64, 67, 69] { keys.add(note(pitch, 0, 4)); keys.add(note(pitch, 4, 4)) }
        bass.add(note(36, 0, 4))   // C under C E G A: C6
        bass.add(note(45, 4, 4))   // A under the same notes: Am7
        #expect(try analyse([bass, keys]) == [["C6:4"], ["Am7:4"]])
    }

    @Test func walkingBassPassingTonesDoNotBecomeChords() throws {
        var keys = Track(.keys), bass = Track(.bass)
        for pitch in [60, 64, 67] { keys.add(note(pitch, 0, 4)) }
        for (index, pitch) in [36, 38, 40, 41].enumerated() { bass.add(note(pitch, Double(index), 1)) }   // C D E F
        #expect(try analyse([bass, keys]) == [["C:4"]])
    }

    @Test func drumsAreIgnoredAndSilenceIsNoChord() throws {
        var drums = Track(.drums), keys = Track(.keys)
        for index in 0..<8 { drums.add(note(38 + index % 3, Double(index), 0.5)) }
        for pitch in [60, 64, 67] { keys.add(note(pitch, 4, 4)) }
        #expect(try analyse([drums, keys]) == [["N.C.:4"], ["C:4"]])
    }

    @Test func waltzAndSixEightBarsFollowTheirMeter() throws {
        var keys = Track(.keys)
        for pitch in [57, 60, 64] { keys.add(note(pitch, 0, 3)) }           // Am for a bar of 3/4
        #expect(try analyse([keys], meter: Meter(beats: 3, unit: 4) ?? .common) == [["Am:3"]])
        var six = Track(.keys)
        for pitch in [60, 64, 67] { six.add(note(pitch, 0, 1.5)) }          // C, then F, dotted quarters
        for pitch in [53, 57, 60] { six.add(note(pitch, 1.5, 1.5)) }
        let sixEight = try analyse([six], meter: Meter(beats: 6, unit: 8) ?? .common)
        #expect(sixEight == [["C:3", "F:3"]], "\(sixEight)")
    }

    @Test func theFirstTempoAndMeterAreReported() throws {
        var file = Take(tempo: 100, meter: Meter(beats: 3, unit: 4) ?? .common, tracks: [Track(.keys, notes: [note(60, 0, 1)])]).midiFile
        file.tracks[0].events.insert(MIDIEvent(tick: 960, .meta(.tempo(microsecondsPerQuarter: 400_000))), at: 2)
        file.tracks[0].events.insert(MIDIEvent(tick: 960, .meta(.timeSignature(numerator: 4, denominator: 4, clocksPerClick: 24, thirtySecondsPerQuarter: 8))), at: 2)
        let analysis = try ChordAnalysis(midi: try MIDIFile(bytes: file.bytes()))
        #expect(analysis.tempo == 100 && analysis.meter.description == "3/4")
    }

    @Test func aTempoBeyondWhatChartsAllowIsKeptButTheChartStaysReadable() throws {
        let fast = Take(tempo: 600, tracks: [Track(.keys, notes: [note(60, 0, 1), note(64, 0, 1), note(67, 0, 1)])])
        let analysis = try ChordAnalysis(midi: try MIDIFile(bytes: fast.midiFile.bytes()))
        #expect(analysis.tempo == 600 && analysis.chart.tempo == Chart.tempoRange.upperBound)
        #expect(try Chart(parsing: analysis.chart.text) == analysis.chart)
    }

    @Test func aFileLongerThanTheLimitIsRefused() throws {
        let far = Take(tracks: [Track(.keys, notes: [Note(pitch: 60, velocity: 80, start: 480 * 4 * 5000, duration: 480)])])
        #expect(throws: ChordAnalysisError.self) { try ChordAnalysis(midi: far.midiFile) }
    }

    @Test func chordsAreSpelledInTheKeyOfTheFile() throws {
        var keys = Track(.keys)
        for (bar, voicing) in [[63, 67, 70], [68, 72, 75], [70, 74, 77], [63, 67, 70]].enumerated() {   // Eb Ab Bb Eb
            for pitch in voicing { keys.add(note(pitch, Double(bar * 4), 4)) }
        }
        #expect(try analyse([keys]) == [["Eb:4"], ["Ab:4"], ["Bb:4"], ["Eb:4"]])
    }
}
