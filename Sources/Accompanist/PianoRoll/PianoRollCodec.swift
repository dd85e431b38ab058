import Arrangement
import MusicTheory

/// Notes to the model's piano roll and back (see `RollLayout`).
///
/// Decoding only reads the roll: a lane above the threshold is a note; pitches are moved by
/// octaves into the instrument's range, and overlapping notes of one pitch are merged. Nothing
/// else is changed: no snapping to chord tones, no added roots. What the musician hears is what
/// the model wrote.
public enum PianoRollCodec {
    /// The default onset threshold: a lane above it is a struck note (silence is −1, a note its
    /// velocity / 127). A model file may set its own (see `ModelDefaults`).
    public static let threshold: Float = -0.2

    /// The playable range of each instrument (MIDI notes).
    public static func range(of instrument: Instrument) -> ClosedRange<Int> {
        switch instrument {
        case .bass: 28...67
        case .keys: 36...96
        case .pad: 36...96
        case .drums: 0...127
        }
    }

    /// Writes the notes (timed at 12 ticks per quarter, from the sheet's start) into `roll`, a
    /// (tokens × valuesPerToken) buffer, which is cleared to silence first. Notes past the sheet's
    /// end are left out; pitches outside a track's lanes are moved by octaves into them.
    public static func encode(_ tracks: [Track], sheet: LeadSheet, into roll: UnsafeMutablePointer<Float>) {
        let ticks = sheet.ticks
        roll.update(repeating: RollLayout.silent, count: sheet.tokens * RollLayout.valuesPerToken)
        for track in tracks {
            for note in track.notes where note.start >= 0 && note.start < ticks {
                let base = note.start * RollLayout.channelsPerTick
                let strike = Float(min(max(note.velocity, 1), 127)) / 127
                if track.instrument == .drums {
                    let lane = base + RollLayout.drumOffset + RollLayout.drumLane(ofNote: note.pitch)
                    roll[lane] = max(roll[lane], strike)
                    continue
                }
                guard let layout = RollLayout.pitched.first(where: { $0.instrument == track.instrument }) else { continue }
                var lane = note.pitch - layout.reference(root: root(at: note.start, in: sheet))
                while lane < 0 { lane += 12 }
                while lane >= layout.lanes { lane -= 12 }
                roll[base + layout.offset + lane] = max(roll[base + layout.offset + lane], strike)
                let length = base + layout.lengthChannel
                roll[length] = max(roll[length], RollLayout.lengthValue(ticks: note.duration))
            }
        }
    }

    /// The notes a roll holds, per track (bass, keys, pad, drums), timed at 12 ticks per quarter.
    public static func decode(_ roll: UnsafePointer<Float>, sheet: LeadSheet, threshold: Float = threshold) -> [Track] {
        let found = strikes(roll, sheet: sheet, threshold: threshold)
        return Instrument.allCases.map { instrument in
            Track(instrument, notes: mergeOverlaps(found.filter { $0.instrument == instrument }.map(\.note)))
        }
    }

    /// Every lane above the threshold as a note, with the index in the roll it was read from.
    static func strikes(_ roll: UnsafePointer<Float>, sheet: LeadSheet, threshold: Float = threshold) -> [(instrument: Instrument, note: Note, index: Int)] {
        var found: [(Instrument, Note, Int)] = []
        for tick in 0..<sheet.ticks {
            let start = tick * RollLayout.channelsPerTick
            let base = roll + start
            let root = root(at: tick, in: sheet)
            for layout in RollLayout.pitched {
                let reference = layout.reference(root: root)
                let lengthValue = base[layout.lengthChannel]
                // A length the model left silent reads as an eighth note.
                let length = lengthValue > threshold ? RollLayout.ticks(lengthValue: lengthValue) : 6
                for lane in 0..<layout.lanes where base[layout.offset + lane] > threshold {
                    let pitch = fold(reference + lane, into: range(of: layout.instrument))
                    found.append((layout.instrument, Note(pitch: pitch, velocity: velocity(base[layout.offset + lane]), start: tick,
                                                          duration: length), start + layout.offset + lane))
                }
            }
            for lane in 0..<RollLayout.drumLanes where base[RollLayout.drumOffset + lane] > threshold {
                found.append((.drums, Note(pitch: RollLayout.drumFamilies[lane].plays, velocity: velocity(base[RollLayout.drumOffset + lane]),
                                           start: tick, duration: 3), start + RollLayout.drumOffset + lane))
            }
        }
        return found
    }

    /// The root pitch class the lanes are counted from at `tick` (C where there is no chord).
    static func root(at tick: Int, in sheet: LeadSheet) -> Int {
        sheet.chord(atTick: tick).symbol?.root.pitchClass.value ?? 0
    }

    static func velocity(_ value: Float) -> Int { min(127, max(1, Int((value * 127).rounded()))) }

    static func fold(_ pitch: Int, into range: ClosedRange<Int>) -> Int {
        var pitch = pitch
        while pitch < range.lowerBound { pitch += 12 }
        while pitch > range.upperBound { pitch -= 12 }
        return pitch
    }

    /// One pitch sounds once at a time: a note still ringing when the same pitch strikes again is
    /// cut there, and two strikes on one tick keep the louder.
    static func mergeOverlaps(_ notes: [Note]) -> [Note] {
        var byPitch: [Int: [Note]] = [:]
        for note in notes { byPitch[note.pitch, default: []].append(note) }
        var merged: [Note] = []
        for (_, group) in byPitch {
            let sorted = group.sorted { ($0.start, -$0.velocity) < ($1.start, -$1.velocity) }
            var kept: [Note] = []
            for note in sorted {
                if let last = kept.last, last.start == note.start { continue }
                if var last = kept.last, last.end > note.start {
                    last.duration = note.start - last.start
                    kept[kept.count - 1] = last
                }
                kept.append(note)
            }
            merged += kept
        }
        return merged.sorted()
    }
}
