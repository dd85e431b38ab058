import Arrangement
import MusicTheory

/// Cuts an MMA render into the corpus's examples: notes mapped to parts, MMA's beats turned into
/// real time at 12 ticks a quarter note, eight bars at a time every four bars.
///
/// A note belongs to the window its quantised start falls in; one that sounds on past the window's
/// end is cut there, and one that started before the window is left out. Lengths are at least a tick.
public enum CorpusWindowing {
    /// Corpus resolution: sixteenths (3 ticks) and eighth- and quarter-note triplets (4 and 8) land on ticks.
    public static let ticksPerQuarter = 12

    /// A note of the render, in quarter notes from its start.
    struct TimedNote {
        let start: Double
        let end: Double
        let pitch: Int
        let velocity: Int
    }

    /// The examples of one render.
    static func examples(of job: RenderJob, midi: MIDIFile) -> [CorpusExample] {
        let notes = timedNotes(midi, family: job.family)
        return (0..<job.windowCount).map { example(job, window: $0, notes: notes) }
    }

    /// The render's notes per part, MMA's beats converted to the chart's quarter notes.
    static func timedNotes(_ midi: MIDIFile, family: GrooveFamily) -> [Instrument: [TimedNote]] {
        let parts = MMATrackMapping.parts(of: midi)
        let scale = family.quartersPerMMABeat / Double(midi.ticksPerQuarter)
        var result: [Instrument: [TimedNote]] = [:]
        for note in midi.notes {
            guard let part = parts[note.track] else { continue }
            result[part, default: []].append(TimedNote(
                start: Double(note.start) * scale, end: Double(note.end) * scale,
                pitch: note.pitch, velocity: note.velocity))
        }
        return result
    }

    static func example(_ job: RenderJob, window: Int, notes: [Instrument: [TimedNote]]) -> CorpusExample {
        let firstBar = window * CorpusPlan.windowStep
        let bars = firstBar..<(firstBar + CorpusPlan.windowBars)
        let ticksPerBar = Int((job.family.quartersPerBar * Double(ticksPerQuarter)).rounded())
        let ticks = (bars.lowerBound * ticksPerBar)..<(bars.upperBound * ticksPerBar)
        var chart = job.chart
        chart.bars = Array(job.chart.bars[bars]).map { ChartBar($0.spans) }
        var windowNotes: [Instrument: [Note]] = [:]
        var onsets: [[Double]] = []
        for part in Instrument.allCases {
            let inside = (notes[part] ?? []).filter { ticks.contains(tick($0.start)) }
            windowNotes[part] = inside.map { note(of: $0, in: ticks) }.sorted()
            onsets.append(inside.map(\.start))
        }
        return CorpusExample(
            id: "\(job.template.id)-\(job.key)-\(window)", template: job.template.id, idiom: job.template.idiom,
            key: job.key, meter: job.chart.meter, tempo: job.tempo, style: job.style, groove: job.groove,
            chart: chart, chords: chordChanges(chart), complexity: GrooveFamily.complexity(ofGroove: job.groove),
            swing: swing(onsets), fills: bars.map(job.fillBars.contains), notes: windowNotes)
    }

    static func tick(_ quarters: Double) -> Int { Int((quarters * Double(ticksPerQuarter)).rounded()) }

    private static func note(of timed: TimedNote, in window: Range<Int>) -> Note {
        let start = tick(timed.start)
        let end = min(tick(timed.end), window.upperBound)
        return Note(
            pitch: timed.pitch, velocity: timed.velocity, start: start - window.lowerBound, duration: max(1, end - start))
    }

    /// Each chord change of the chart, at 12 ticks a quarter; a chord held into the next bar is
    /// one change.
    static func chordChanges(_ chart: Chart) -> [CorpusExample.ChordChange] {
        var changes: [CorpusExample.ChordChange] = []
        let events = Timeline(chart: chart, ticksPerQuarter: ticksPerQuarter).chords
        for event in events where changes.last?.chord != event.chord {
            changes.append(CorpusExample.ChordChange(tick: event.start, chord: event.chord))
        }
        return changes
    }

    /// The share of off-beat eighths played swung: of the onsets between two beats (a quarter
    /// note apart), those nearer the straight eighth (half way) count straight, those nearer the
    /// triplet eighth (two thirds of the way) count swung. 0 is straight, 1 fully swung; with no
    /// off-beat eighths at all it is 0 (nothing swings).
    ///
    /// `onsets` are note starts in quarter notes, one array per part. Within a part, notes less than
    /// a tenth of a quarter after an onset are the same onset (MMA strums its chords), so a chord
    /// counts once, at its first note.
    static func swing(_ onsets: [[Double]]) -> Double {
        var straight = 0, swung = 0
        for part in onsets {
            var clusterStart = -Double.infinity
            for start in part.sorted() where start - clusterStart > 0.1 {
                clusterStart = start
                let phase = start - start.rounded(.down)
                if phase >= 11.0 / 24 && phase < 14.0 / 24 { straight += 1 }
                if phase >= 14.0 / 24 && phase < 17.0 / 24 { swung += 1 }
            }
        }
        return straight + swung == 0 ? 0 : Double(swung) / Double(straight + swung)
    }
}
