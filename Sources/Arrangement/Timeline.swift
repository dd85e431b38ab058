import MusicTheory

/// A chart laid out in time: where each bar, beat and chord starts, in ticks.
public struct Timeline: Sendable {
    /// A chord from the chart placed on the timeline.
    public struct ChordEvent: Hashable, Sendable {
        public let chord: ChartChord
        /// 0-based bar, and the beat within it where the chord starts.
        public let bar: Int
        public let beat: Int
        public let start: Int
        public let duration: Int
        public var end: Int { start + duration }
    }

    public let meter: Meter
    public let ticksPerQuarter: Int
    public let ticksPerBeat: Int
    public let ticksPerBar: Int
    public let barCount: Int
    /// Chords in order; a chord held across a bar line is one event per bar.
    public let chords: [ChordEvent]
    /// (bar, label) for each section mark.
    public let sections: [(bar: Int, label: String)]

    /// Lays out `chart` at `ticksPerQuarter` (which must make a whole number of ticks per beat:
    /// any multiple of 8 does for meters up to /32).
    public init(chart: Chart, ticksPerQuarter: Int = Take.defaultTicksPerQuarter) {
        meter = chart.meter
        self.ticksPerQuarter = ticksPerQuarter
        ticksPerBeat = ticksPerQuarter * 4 / chart.meter.unit
        ticksPerBar = ticksPerBeat * chart.meter.beats
        barCount = chart.bars.count
        var chords: [ChordEvent] = []
        var sections: [(bar: Int, label: String)] = []
        for (barIndex, bar) in chart.bars.enumerated() {
            if let label = bar.section { sections.append((barIndex, label)) }
            var beat = 0
            for span in bar.spans {
                chords.append(ChordEvent(
                    chord: span.chord, bar: barIndex, beat: beat,
                    start: barIndex * ticksPerBar + beat * ticksPerBeat, duration: span.beats * ticksPerBeat))
                beat += span.beats
            }
        }
        self.chords = chords
        self.sections = sections
    }

    public var endTick: Int { barCount * ticksPerBar }

    /// The chord sounding at `tick`, nil outside the chart.
    public func chord(atTick tick: Int) -> ChordEvent? {
        var low = 0, high = chords.count
        while low < high {
            let middle = (low + high) / 2
            if chords[middle].end <= tick { low = middle + 1 } else { high = middle }
        }
        return low < chords.count && chords[low].start <= tick ? chords[low] : nil
    }

    /// Bar, beat and tick within the beat of a tick (all 0-based).
    public func position(ofTick tick: Int) -> (bar: Int, beat: Int, tick: Int) {
        let bar = tick / ticksPerBar
        let inBar = tick - bar * ticksPerBar
        return (bar, inBar / ticksPerBeat, inBar % ticksPerBeat)
    }

    /// Seconds from the start at `tempo` quarter notes per minute.
    public func seconds(atTick tick: Int, tempo: Double) -> Double {
        Double(tick) / Double(ticksPerQuarter) * 60 / tempo
    }
}
