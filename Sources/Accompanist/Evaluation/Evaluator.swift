import Arrangement

/// Runs the evaluation the model issue defines over held-out examples: the model's takes, an
/// untrained model's, and MMA's own renders (the examples' notes), side by side, per style and
/// overall.
public struct Evaluator {
    /// The figures of one source (the model, the untrained model, MMA) over a set of examples.
    public struct Figures: Sendable, Equatable {
        public var keysChordTones = Metrics.Share()
        public var bassOnTheChange = Metrics.Share()
        public var bassChordTones = Metrics.Share()
        public var notes: [Instrument: Int] = [:]
        public var bars = 0
        public var outOfRange = 0
        /// Onset-histogram distance to the requested style's reference, summed, and to the other
        /// styles' references (their mean), summed; with how many takes were measured.
        public var styleDistance = 0.0
        public var otherStyleDistance = 0.0
        public var takes = 0

        public var notesPerBar: [Instrument: Double] {
            notes.mapValues { Double($0) / Double(max(bars, 1)) }
        }
        public var meanStyleDistance: Double { takes > 0 ? styleDistance / Double(takes) : .nan }
        public var meanOtherStyleDistance: Double { takes > 0 ? otherStyleDistance / Double(takes) : .nan }

        mutating func add(_ tracks: [Track], sheet: LeadSheet, style: String, references: [String: [Double]]) {
            keysChordTones = keysChordTones + Metrics.keysChordTones(tracks, sheet: sheet)
            bassOnTheChange = bassOnTheChange + Metrics.bassOnTheChange(tracks, sheet: sheet)
            bassChordTones = bassChordTones + Metrics.bassChordTones(tracks, sheet: sheet)
            for track in tracks { notes[track.instrument, default: 0] += track.notes.count }
            bars += sheet.bars
            outOfRange += Metrics.outOfRange(tracks)
            let histogram = Metrics.onsetHistogram(tracks)
            guard let own = references[style] else { return }
            let others = references.filter { $0.key != style }.values.map { Metrics.histogramDistance(histogram, $0) }
            styleDistance += Metrics.histogramDistance(histogram, own)
            otherStyleDistance += others.isEmpty ? 0 : others.reduce(0, +) / Double(others.count)
            takes += 1
        }
    }

    /// Each style's mean onset histogram over `examples` (MMA's renders): what a style sounds like.
    public static func styleReferences(_ examples: [TrainingExample]) -> [String: [Double]] {
        var sums: [String: [Double]] = [:], counts: [String: Int] = [:]
        for example in examples {
            let histogram = Metrics.onsetHistogram(example.tracks)
            sums[example.style] = zip(sums[example.style] ?? histogram.map { _ in 0 }, histogram).map { $0 + $1 }
            counts[example.style, default: 0] += 1
        }
        return sums.reduce(into: [:]) { result, pair in
            result[pair.key] = pair.value.map { $0 / Double(counts[pair.key] ?? 1) }
        }
    }
}
