import MusicTheory

/// The plain built-in accompaniment (`--engine pattern`): the chord's bass note on each change
/// and a fifth on the strong beats, block chords on the beats, the chord held on the pad, and a
/// basic beat for the meter. No model, no randomness: the same chart always gives the same take.
public enum PatternArranger {
    /// General MIDI drum notes the pattern uses.
    enum Drum {
        static let kick = 36, snare = 38, closedHat = 42, openHat = 46, ride = 51
    }

    public static func arrange(_ chart: Chart, ticksPerQuarter: Int = Take.defaultTicksPerQuarter) -> Take {
        let timeline = Timeline(chart: chart, ticksPerQuarter: ticksPerQuarter)
        var bass = Track(.bass), keys = Track(.keys), pad = Track(.pad), drums = Track(.drums)
        for event in timeline.chords {
            guard let chord = event.chord.symbol else { continue }
            addBass(chord, event, timeline, to: &bass)
            addKeys(chord, event, timeline, to: &keys)
            for pitch in padVoicing(chord) {
                pad.add(Note(pitch: pitch, velocity: 56, start: event.start, duration: event.duration))
            }
        }
        for bar in 0..<timeline.barCount { addBeat(bar: bar, timeline, to: &drums) }
        return Take(ticksPerQuarter: ticksPerQuarter, tempo: chart.tempo, meter: chart.meter, title: chart.title,
                    tracks: [bass, keys, pad, drums])
    }

    /// Beats of the bar that are strong: the downbeat and, in compound and long meters, the start
    /// of each group (6/8: 1 and 4; 4/4: 1 and 3; 5/4: 1 and 4; 7/8: 1, 3, 5).
    static func strongBeats(_ meter: Meter) -> [Int] {
        switch (meter.beats, meter.unit) {
        case (4, _): [0, 2]
        case (5, _): [0, 3]
        case (6, 8), (6, 16): [0, 3]
        case (7, _): [0, 2, 4]
        case (9, _): [0, 3, 6]
        case (12, _): [0, 3, 6, 9]
        default: [0]
        }
    }

    private static func addBass(_ chord: ChordSymbol, _ event: Timeline.ChordEvent, _ timeline: Timeline, to track: inout Track) {
        let root = lowRegister(chord.bass.pitchClass)
        let strong = strongBeats(timeline.meter).filter { $0 >= event.beat && $0 < event.beat + event.duration / timeline.ticksPerBeat }
        let starts = ([event.beat] + strong.filter { $0 != event.beat }).sorted()
        for (index, beat) in starts.enumerated() {
            let start = event.start + (beat - event.beat) * timeline.ticksPerBeat
            let end = index + 1 < starts.count ? event.start + (starts[index + 1] - event.beat) * timeline.ticksPerBeat : event.end
            // The first note is the chord's bass; later strong beats alternate to the fifth.
            let fifth = chord.tones.contains(.fifth) ? 7 : (chord.tones.contains(.flatFifth) ? 6 : 0)
            let pitch = index == 0 || chord.slashBass != nil ? root : lowRegister(chord.root.pitchClass.transposed(by: fifth))
            track.add(Note(pitch: pitch, velocity: index == 0 ? 100 : 88, start: start, duration: max(1, (end - start) * 9 / 10)))
        }
    }

    private static func addKeys(_ chord: ChordSymbol, _ event: Timeline.ChordEvent, _ timeline: Timeline, to track: inout Track) {
        let voicing = keysVoicing(chord)
        let firstBeat = event.beat, beats = event.duration / timeline.ticksPerBeat
        for beat in firstBeat..<(firstBeat + beats) {
            let start = event.start + (beat - firstBeat) * timeline.ticksPerBeat
            let accent = strongBeats(timeline.meter).contains(beat) ? 84 : 70
            for pitch in voicing {
                track.add(Note(pitch: pitch, velocity: accent, start: start, duration: timeline.ticksPerBeat * 3 / 4))
            }
        }
    }

    private static func addBeat(bar: Int, _ timeline: Timeline, to track: inout Track) {
        let meter = timeline.meter
        let (kicks, snares) = drumHits(meter)
        let barStart = bar * timeline.ticksPerBar
        let short = max(1, timeline.ticksPerBeat / 4)
        for beat in 0..<meter.beats {
            let start = barStart + beat * timeline.ticksPerBeat
            if kicks.contains(beat) {
                track.add(Note(pitch: Drum.kick, velocity: beat == 0 ? 110 : 96, start: start, duration: short))
            } else if snares.contains(beat) {
                track.add(Note(pitch: Drum.snare, velocity: 96, start: start, duration: short))
            }
            track.add(Note(pitch: Drum.closedHat, velocity: kicks.contains(beat) ? 80 : 64, start: start, duration: short))
            // Quarter-note meters get an offbeat hat between the beats.
            if meter.unit <= 4 {
                track.add(Note(pitch: Drum.closedHat, velocity: 52, start: start + timeline.ticksPerBeat / 2, duration: short))
            }
        }
    }

    /// Kick and snare beats: 1 and 3 against 2 and 4 in 4/4, oom-pah-pah in 3/4, and otherwise
    /// the kick on every other group of the bar and the snare on the groups between (6/8: 1 and 4).
    static func drumHits(_ meter: Meter) -> (kicks: [Int], snares: [Int]) {
        switch (meter.beats, meter.unit) {
        case (4, 4), (4, 2): return ([0, 2], [1, 3])
        case (2, _): return ([0], [1])
        case (3, 4), (3, 2): return ([0], [1, 2])
        default:
            let groups = strongBeats(meter)
            let kicks = groups.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            let snares = groups.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            return (kicks, snares.isEmpty && meter.beats > 1 ? [meter.beats / 2] : snares)
        }
    }

    /// A pitch class in the bass register, E1 (28) to D#2 (39).
    private static func lowRegister(_ pitchClass: PitchClass) -> Int {
        28 + (pitchClass.value - 4 + 12) % 12
    }

    /// Up to four chord tones in close position from G3 up: root, third, seventh (or sixth), then
    /// the fifth or the first extension.
    static func keysVoicing(_ chord: ChordSymbol) -> [Int] {
        let root = chord.root.pitchClass.value
        let semitones = [0] + chord.tones.sorted().map { $0.interval.semitones % 12 }
        let chosen = Array(semitones.prefix(4))
        return chosen.map { 55 + (root + $0 - 7 + 24) % 12 }.sorted()
    }

    /// Root, third and fifth (or what the chord has) spread over an octave from C4.
    static func padVoicing(_ chord: ChordSymbol) -> [Int] {
        let root = chord.root.pitchClass.value
        let semitones = [0] + chord.tones.sorted().map { $0.interval.semitones % 12 }
        return semitones.prefix(3).map { 60 + (root + $0) % 12 }.sorted()
    }
}
