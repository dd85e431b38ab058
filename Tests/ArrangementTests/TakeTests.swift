import Arrangement
import MusicTheory
import PropertyBased
import TestSupport
import Testing

/// Takes written as MIDI files as DESIGN.md asks, and read back unchanged.
@Suite struct TakeMIDITests {
    static func randomTake(seed: UInt64) -> Take {
        var random = SplitMix64(seed: seed)
        let meters = ["3/4", "4/4", "5/4", "6/8", "7/8", "12/8"].compactMap { Meter($0) }
        var tracks: [Track] = []
        for instrument in Instrument.allCases where Bool.random(using: &random) || instrument == .keys {
            var track = Track(instrument)
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                track.add(Note(pitch: Int.random(in: 24...100, using: &random), velocity: Int.random(in: 1...127, using: &random),
                               start: Int.random(in: 0...(16 * 480), using: &random), duration: Int.random(in: 1...1920, using: &random)))
            }
            tracks.append(track)
        }
        return Take(tempo: Double(Int.random(in: 40...240, using: &random)), meter: meters.randomElement(using: &random) ?? .common,
                    title: Bool.random(using: &random) ? "Take \(random.next() % 10)" : nil, tracks: tracks)
    }

    /// Overlapping notes of one pitch make note ons and offs that pair either way; keep them apart.
    static func withoutSamePitchOverlaps(_ take: Take) -> Take {
        var take = take
        take.tracks = take.tracks.map { track in
            var kept: [Note] = []
            for note in track.notes where !kept.contains(where: { $0.pitch == note.pitch && $0.start < note.end && note.start < $0.end }) {
                kept.append(note)
            }
            return Track(track.instrument, notes: kept)
        }
        return take
    }

    @Test func takeWrittenAsMIDIReadsBackEqual() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let take = Self.withoutSamePitchOverlaps(Self.randomTake(seed: seed))
            let reread = try? MIDIFile(bytes: take.midiFile.bytes())
            #expect(reread.map(Take.init(midi:)) == take)
        }
    }

    @Test func midiFileHasAConductorAndOneNamedTrackPerInstrument() throws {
        var bass = Track(.bass), drums = Track(.drums), keys = Track(.keys), pad = Track(.pad)
        bass.add(Note(pitch: 36, velocity: 100, start: 0, duration: 480))
        drums.add(Note(pitch: 42, velocity: 90, start: 0, duration: 60))
        keys.add(Note(pitch: 64, velocity: 70, start: 0, duration: 960))
        pad.add(Note(pitch: 72, velocity: 50, start: 0, duration: 1920))
        let file = Take(tempo: 90, meter: Meter(beats: 6, unit: 8) ?? .common, tracks: [bass, keys, pad, drums]).midiFile
        #expect(file.format == .multiTrack && file.ticksPerQuarter == 480)
        #expect(file.tracks.map(\.name) == [nil, "Bass", "Keys", "Pad", "Drums"])
        let conductor = file.tracks[0].events.map(\.message)
        #expect(conductor.contains(.meta(.tempo(microsecondsPerQuarter: 666_667))))
        #expect(conductor.contains(.meta(.timeSignature(numerator: 6, denominator: 8, clocksPerClick: 12, thirtySecondsPerQuarter: 8))))
        let drumChannels = Set(file.tracks[4].events.compactMap(\.message.channel))
        #expect(drumChannels == [9])
        let bassChannels = Set(file.tracks[1].events.compactMap(\.message.channel))
        #expect(bassChannels == [0])
    }

    @Test func aNoteStruckAgainWhereTheLastEndsIsTwoNotes() throws {
        var keys = Track(.keys)
        keys.add(Note(pitch: 60, velocity: 80, start: 0, duration: 480))
        keys.add(Note(pitch: 60, velocity: 80, start: 480, duration: 480))
        let take = Take(tracks: [keys])
        let reread = Take(midi: try MIDIFile(bytes: take.midiFile.bytes()))
        #expect(reread.track(.keys)?.notes.count == 2)
    }
}

/// A chart laid out in ticks, bars and beats.
@Suite struct TimelineTests {
    @Test func sixEightHasSixEighthBeatsToTheBar() throws {
        let timeline = Timeline(chart: try Chart(parsing: "meter: 6/8\n| C G | F |"))
        #expect(timeline.ticksPerBeat == 240 && timeline.ticksPerBar == 1440 && timeline.endTick == 2880)
        #expect(timeline.chords.map(\.start) == [0, 720, 1440])
        #expect(timeline.chord(atTick: 719)?.chord.description == "C")
        #expect(timeline.chord(atTick: 720)?.chord.description == "G")
        #expect(timeline.chord(atTick: 2880) == nil)
    }

    @Test func positionsCountBarsAndBeatsFromZero() throws {
        let timeline = Timeline(chart: try Chart(parsing: "meter: 3/4\n| C | F |"))
        #expect(timeline.position(ofTick: 480 * 4 + 100) == (1, 1, 100))
    }

    @Test func tempoIsQuarterNotesPerMinuteInEveryMeter() throws {
        let timeline = Timeline(chart: try Chart(parsing: "meter: 6/8\n| C |"))
        // One bar of 6/8 is three quarter notes: 1.5 s at 120.
        #expect(timeline.seconds(atTick: timeline.ticksPerBar, tempo: 120) == 1.5)
    }

    @Test func sectionsAreKeptWithTheirBars() throws {
        let timeline = Timeline(chart: try Chart(parsing: "[A] | C | F | [B] | G |"))
        #expect(timeline.sections.map(\.bar) == [0, 2] && timeline.sections.map(\.label) == ["A", "B"])
    }
}
