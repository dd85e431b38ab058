import Foundation
import MusicTheory

/// The harmony of a MIDI file read back as a chart: tempo and meter from its first meta events,
/// and the chords of each bar, found by matching chord templates against the pitched notes
/// (drums on channel 10 are ignored).
///
/// Each bar is cut on beat boundaries into the spans that the chord templates explain best, with
/// a cost for every extra chord so a passing note in a walking bass does not become a chord.
public struct ChordAnalysis: Sendable {
    public let tempo: Double
    public let meter: Meter
    /// The key signature in the file, else the key its notes suggest; used to spell the chords.
    public let key: Key
    public let bars: [ChartBar]

    /// More bars than this is not a song; refusing keeps a hostile file from costing hours.
    public static let barLimit = 4_000
    /// Cost of each chord beyond the first in a bar, in score-beats (a clean match scores about 1 a beat).
    static let changeCost = 0.6
    /// Bars of sustain a note counts for at most: a longer pedal says nothing new.
    static let sustainLimitBars = 4

    public init(midi: MIDIFile) throws(ChordAnalysisError) {
        tempo = (midi.initialTempo * 100).rounded() / 100
        meter = midi.initialMeter
        let notes = midi.notes.filter { $0.channel != 9 && $0.duration > 0 }
        let ticksPerBeat = Double(midi.ticksPerQuarter) * meter.quarterNotesPerBeat
        let lastTick = notes.map(\.end).max() ?? 0
        let barCount = Int((Double(lastTick) / (ticksPerBeat * Double(meter.beats))).rounded(.up))
        guard barCount <= Self.barLimit else { throw ChordAnalysisError(bars: barCount) }

        let beats = Self.beatProfiles(
            notes, bassParts: Self.bassParts(notes, programs: Self.programs(midi)), beatCount: barCount * meter.beats,
            beatsPerBar: meter.beats, ticksPerBeat: ticksPerBeat, sustainLimit: Self.sustainLimitBars * meter.beats)
        let total = beats.reduce(PitchProfile(), +)
        key = midi.initialKey ?? Key.estimate(from: total.weights)
        var bars: [ChartBar] = []
        for bar in 0..<barCount {
            let slice = Array(beats[(bar * meter.beats)..<((bar + 1) * meter.beats)])
            bars.append(Self.segment(slice, key: key))
        }
        self.bars = bars
    }

    /// The analysis as a chart, ready to print (a tempo outside what charts allow is brought
    /// into their range; `tempo` keeps the file's own).
    public var chart: Chart {
        let tempo = min(max(tempo, Chart.tempoRange.lowerBound), Chart.tempoRange.upperBound)
        return Chart(key: key, meter: meter, tempo: tempo, bars: bars)
    }

    // MARK: profiles

    /// One profile per beat: each note adds its overlap with the beat (in beats, scaled by
    /// velocity, fading after the beat it is struck in).
    ///
    /// Notes of a bass part (see `bassParts`) do not count among the chord's notes, since a
    /// walking line passes through tones outside the chord; they make the bass line: in each beat,
    /// the bass note struck last in the bar, even when it has stopped sounding (a waltz bass struck
    /// on one is still the bass on two), or before any, the lowest one ringing on. A file without
    /// a bass part takes as its bass the lowest note struck so far in the bar, among all notes.
    static func beatProfiles(
        _ notes: [MIDINote], bassParts: Set<Int>, beatCount: Int, beatsPerBar: Int, ticksPerBeat: Double, sustainLimit: Int
    ) -> [PitchProfile] {
        var profiles = [PitchProfile](repeating: PitchProfile(), count: beatCount)
        var lowestStruck = [Int?](repeating: nil, count: beatCount)
        var lowestSounding = [Int?](repeating: nil, count: beatCount)
        for note in notes {
            let isBass = bassParts.isEmpty || bassParts.contains(Self.part(note))
            // A bass part speaks through the bass line only: its passing tones are not the chord's.
            let share = bassParts.isEmpty || !isBass ? 1.0 : 0.0
            let start = Double(note.start) / ticksPerBeat
            let end = min(Double(note.end) / ticksPerBeat, start + Double(sustainLimit))
            let loudness = 0.5 + 0.5 * Double(note.velocity) / 127
            let struckBeat = Int(start)
            if isBass, struckBeat < beatCount, lowestStruck[struckBeat].map({ note.pitch < $0 }) ?? true {
                lowestStruck[struckBeat] = note.pitch
            }
            var beat = struckBeat
            while beat < beatCount, Double(beat) < end {
                // A note says most about the harmony where it is struck; ringing on, it may
                // belong to the chord before.
                let fade = pow(sustainWeight, Double(beat - struckBeat))
                let overlap = min(end, Double(beat + 1)) - max(start, Double(beat))
                if overlap > 0 {
                    profiles[beat].add(midi: note.pitch, weight: overlap * fade * loudness * share)
                    if isBass, lowestSounding[beat].map({ note.pitch < $0 }) ?? true { lowestSounding[beat] = note.pitch }
                }
                beat += 1
            }
        }
        var barBass: Int?
        for beat in 0..<beatCount {
            if beat % beatsPerBar == 0 { barBass = nil }
            if let struck = lowestStruck[beat] {
                // A bass part's newest note is the bass; without one, the lowest note yet.
                barBass = bassParts.isEmpty ? min(barBass ?? struck, struck) : struck
            }
            if let bass = barBass ?? lowestSounding[beat] { profiles[beat].addBass(midi: bass, weight: 1) }
        }
        return profiles
    }

    /// A part is the notes of one channel in one track.
    static func part(track: Int, channel: Int) -> Int { track << 4 | channel }
    private static func part(_ note: MIDINote) -> Int { part(track: note.track, channel: note.channel) }

    /// The first General MIDI program of each part.
    static func programs(_ midi: MIDIFile) -> [Int: Int] {
        var programs: [Int: Int] = [:]
        for (index, track) in midi.tracks.enumerated() {
            for event in track.events {
                if case .programChange(let channel, let program) = event.message, programs[part(track: index, channel: Int(channel))] == nil {
                    programs[part(track: index, channel: Int(channel))] = Int(program)
                }
            }
        }
        return programs
    }

    /// The parts that play a bass line: those with a General MIDI bass program (33-40), and those
    /// low (median pitch at most C3) and one note at a time (at most a fifth of the notes start
    /// before the one before has ended).
    static func bassParts(_ notes: [MIDINote], programs: [Int: Int]) -> Set<Int> {
        var byPart: [Int: [MIDINote]] = [:]
        for note in notes { byPart[part(note), default: []].append(note) }
        var result: Set<Int> = []
        for (part, partNotes) in byPart {
            if let program = programs[part], (32...39).contains(program) {
                result.insert(part)
                continue
            }
            let pitches = partNotes.map(\.pitch).sorted()
            guard partNotes.count >= 2, pitches[pitches.count / 2] <= 48 else { continue }
            let sorted = partNotes.sorted { $0.start < $1.start }
            var overlapping = 0
            for (previous, next) in zip(sorted, sorted.dropFirst()) where next.start < previous.end - previous.duration / 4 {
                overlapping += 1
            }
            if overlapping * 5 <= sorted.count { result.insert(part) }
        }
        // When every part is a bass part, there is nothing above it to hear the chord in.
        return result.count == byPart.count ? [] : result
    }

    /// Weight of a note in each beat after the one it is struck in, relative to the beat before.
    static let sustainWeight = 0.25


    // MARK: segmentation

    /// Most places in a bar where a chord may change: every beat up to 12 beats, and evenly spread
    /// beats in longer bars, which keeps the search small whatever the meter.
    static let maximumChangePlaces = 12

    /// The best cut of one bar into chord spans, by dynamic programming over beat boundaries.
    static func segment(_ beats: [PitchProfile], key: Key) -> ChartBar {
        let count = beats.count
        let whole = beats.reduce(PitchProfile(), +)
        guard whole.total > 1e-6 else { return ChartBar([ChordSpan(.noChord, beats: count)]) }
        let step = (count + maximumChangePlaces - 1) / maximumChangePlaces
        let places = Array(stride(from: 0, to: count, by: step)) + [count]
        // prefix[i]: everything before places[i], so a span's profile is one subtraction away.
        var prefix = [PitchProfile()]
        for (from, to) in zip(places, places.dropFirst()) { prefix.append(prefix[prefix.count - 1] + beats[from..<to].reduce(PitchProfile(), +)) }

        // best[j]: the best score for beats before places[j], with the spans that reach it.
        var best: [(score: Double, spans: [ChordSpan])] = [(0, [])]
        for end in 1..<places.count {
            var choice: (score: Double, spans: [ChordSpan])?
            for start in 0..<end {
                let length = places[end] - places[start]
                let (chord, score) = explain(prefix[end] - prefix[start], key: key)
                let cost = best[start].spans.isEmpty ? 0 : changeCost
                let total = best[start].score + score * Double(length) - cost
                if choice.map({ total > $0.score }) ?? true {
                    choice = (total, best[start].spans + [ChordSpan(chord, beats: length)])
                }
            }
            best.append(choice ?? (0, []))
        }
        return ChartBar(merged(best[places.count - 1].spans))
    }

    /// The chord that explains a profile, and how well; silence is no chord, and fits perfectly.
    private static func explain(_ profile: PitchProfile, key: Key) -> (ChartChord, Double) {
        guard profile.total > 1e-6, let match = ChordRecognizer.bestMatch(for: profile, key: key) else {
            return (.noChord, 1)
        }
        return (.chord(match.chord), match.score)
    }

    /// Neighbouring spans of the same chord made one.
    private static func merged(_ spans: [ChordSpan]) -> [ChordSpan] {
        var result: [ChordSpan] = []
        for span in spans {
            if let last = result.last, last.chord == span.chord {
                result[result.count - 1].beats += span.beats
            } else {
                result.append(span)
            }
        }
        return result
    }
}

/// A MIDI file too long to analyse.
public struct ChordAnalysisError: Error, Sendable, CustomStringConvertible {
    public let bars: Int
    public var description: String { "the notes run for \(bars) bars, more than the \(ChordAnalysis.barLimit) analysed" }
}
