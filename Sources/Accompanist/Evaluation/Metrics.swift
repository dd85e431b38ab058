import Arrangement
import MusicTheory

/// The figures `sideman eval` reports, each defined exactly as the model issue states them,
/// over a take (tracks on the roll's grid of 12 ticks per quarter) and its lead sheet.
public enum Metrics {
    /// A share: how many of how many.
    public struct Share: Sendable, Equatable {
        public var hits = 0
        public var total = 0
        public init(hits: Int = 0, total: Int = 0) {
            self.hits = hits
            self.total = total
        }
        public var value: Double { total > 0 ? Double(hits) / Double(total) : .nan }
        public static func + (a: Share, b: Share) -> Share { Share(hits: a.hits + b.hits, total: a.total + b.total) }
    }

    /// Keys and pad onsets whose pitch class is in the chord sounding at the onset (the chord's
    /// pitch-class set as parsed, extensions included). Onsets under N.C. have no chord to match
    /// and are left out.
    public static func keysChordTones(_ tracks: [Track], sheet: LeadSheet) -> Share {
        chordTones(tracks.filter { $0.instrument == .keys || $0.instrument == .pad }, sheet: sheet)
    }

    /// Bass onsets whose pitch class is in the chord sounding at the onset.
    public static func bassChordTones(_ tracks: [Track], sheet: LeadSheet) -> Share {
        chordTones(tracks.filter { $0.instrument == .bass }, sheet: sheet)
    }

    static func chordTones(_ tracks: [Track], sheet: LeadSheet) -> Share {
        var share = Share()
        for note in tracks.flatMap(\.notes) {
            guard let symbol = sheet.chord(atTick: note.start).symbol else { continue }
            share.total += 1
            if symbol.pitchClasses.contains(PitchClass(note.pitch)) { share.hits += 1 }
        }
        return share
    }

    /// Chord changes where the first bass onset in [change − 1/32 beat, change + 1 beat) is the
    /// chord's bass (the slash bass, else the root). Changes to N.C. are left out; a change with no
    /// bass onset in that window counts as missed.
    public static func bassOnTheChange(_ tracks: [Track], sheet: LeadSheet) -> Share {
        let bass = (tracks.first { $0.instrument == .bass }?.notes ?? []).sorted()
        let beat = Double(sheet.ticksPerBar) / Double(sheet.meter.beats)
        var share = Share()
        for change in sheet.changes {
            guard let symbol = change.chord.symbol, change.tick < sheet.ticks else { continue }
            share.total += 1
            let from = Double(change.tick) - beat / 32, until = Double(change.tick) + beat
            if let first = bass.first(where: { Double($0.start) >= from && Double($0.start) < until }),
               PitchClass(first.pitch) == symbol.bass.pitchClass {
                share.hits += 1
            }
        }
        return share
    }

    /// Note onsets per bar, per track.
    public static func notesPerBar(_ tracks: [Track], sheet: LeadSheet) -> [Instrument: Double] {
        Dictionary(uniqueKeysWithValues: tracks.map { ($0.instrument, Double($0.notes.count) / Double(max(sheet.bars, 1))) })
    }

    /// Notes outside their instrument's playable range.
    public static func outOfRange(_ tracks: [Track]) -> Int {
        tracks.reduce(0) { count, track in
            count + track.notes.filter { !PianoRollCodec.range(of: track.instrument).contains($0.pitch) }.count
        }
    }

    /// Where onsets fall: for each track, a histogram over the 12 ticks of a quarter note
    /// (sixteenths at 0 3 6 9, triplets at 0 4 8), normalised to sum to 1 over all tracks.
    public static func onsetHistogram(_ tracks: [Track]) -> [Double] {
        var histogram = [Double](repeating: 0, count: Instrument.allCases.count * RollLayout.ticksPerQuarter)
        for track in tracks {
            let row = Instrument.allCases.firstIndex(of: track.instrument)! * RollLayout.ticksPerQuarter
            for note in track.notes { histogram[row + note.start % RollLayout.ticksPerQuarter] += 1 }
        }
        let total = histogram.reduce(0, +)
        return total > 0 ? histogram.map { $0 / total } : histogram
    }

    /// Total variation distance between two histograms: half the L1 distance, 0...1.
    public static func histogramDistance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } / 2
    }

    /// 1 − Jaccard similarity of the sets of (track, sixteenth, pitch) onsets of two takes:
    /// 0 for the same notes, 1 for none in common.
    public static func takeDistance(_ a: [Track], _ b: [Track]) -> Double {
        func onsets(_ tracks: [Track]) -> Set<[Int]> {
            Set(tracks.flatMap { track in
                track.notes.map { [Instrument.allCases.firstIndex(of: track.instrument)!, $0.start / 3, $0.pitch] }
            })
        }
        let x = onsets(a), y = onsets(b)
        let union = x.union(y).count
        return union == 0 ? 0 : 1 - Double(x.intersection(y).count) / Double(union)
    }

    /// Spearman's rank correlation (ties take their mean rank).
    public static func rankCorrelation(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "rankCorrelation: \(x.count) and \(y.count) values")
        func ranks(_ values: [Double]) -> [Double] {
            let order = values.indices.sorted { values[$0] < values[$1] }
            var result = [Double](repeating: 0, count: values.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
                for k in i...j { result[order[k]] = Double(i + j) / 2 + 1 }
                i = j + 1
            }
            return result
        }
        let rx = ranks(x), ry = ranks(y)
        let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
        var covariance = 0.0, vx = 0.0, vy = 0.0
        for i in rx.indices {
            covariance += (rx[i] - mx) * (ry[i] - my)
            vx += (rx[i] - mx) * (rx[i] - mx)
            vy += (ry[i] - my) * (ry[i] - my)
        }
        return vx > 0 && vy > 0 ? covariance / (vx * vy).squareRoot() : .nan
    }
}
