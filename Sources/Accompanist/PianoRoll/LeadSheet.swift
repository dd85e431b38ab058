import Arrangement
import MusicTheory

/// What the model accompanies: the meter, the number of bars, and the chord changes on the
/// roll's grid of 12 ticks per quarter note.
public struct LeadSheet: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public let tick: Int
        public let chord: ChartChord
        public init(tick: Int, chord: ChartChord) {
            self.tick = tick
            self.chord = chord
        }
    }

    public let meter: Meter
    public let bars: Int
    /// Sorted by tick; the first at tick 0.
    public let changes: [Change]
    /// Bars the musician asked to be fills.
    public var fills: Set<Int>

    /// Meters whose bar is not a whole number of quarter notes (5/8, 7/8…) do not fit the roll's
    /// tokens; so far the model plays meters of whole quarters (3/4, 4/4, 5/4, 6/8, 12/8…).
    public static func supports(_ meter: Meter) -> Bool {
        (meter.beats * 48) % meter.unit == 0 && (meter.beats * 48 / meter.unit) % RollLayout.ticksPerToken == 0
    }

    public init(meter: Meter, bars: Int, changes: [Change], fills: Set<Int> = []) {
        precondition(Self.supports(meter), "LeadSheet: meter \(meter) is not a whole number of quarter notes")
        self.meter = meter
        self.bars = bars
        let sorted = changes.sorted { $0.tick < $1.tick }
        self.changes = sorted.first?.tick == 0 ? sorted : [Change(tick: 0, chord: .noChord)] + sorted
        self.fills = fills
    }

    /// The chart's chords on the roll's grid.
    public init(chart: Chart, fills: Set<Int> = []) {
        let timeline = Timeline(chart: chart, ticksPerQuarter: RollLayout.ticksPerQuarter)
        self.init(meter: chart.meter, bars: timeline.barCount,
                  changes: timeline.chords.map { Change(tick: $0.start, chord: $0.chord) }, fills: fills)
    }

    public var ticksPerBar: Int { meter.beats * 48 / meter.unit }
    public var tokensPerBar: Int { ticksPerBar / RollLayout.ticksPerToken }
    public var tokens: Int { bars * tokensPerBar }
    public var ticks: Int { bars * ticksPerBar }

    /// The index of the change sounding at `tick`.
    public func changeIndex(atTick tick: Int) -> Int {
        var low = 0, high = changes.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if changes[middle].tick <= tick { low = middle } else { high = middle - 1 }
        }
        return low
    }

    public func chord(atTick tick: Int) -> ChartChord { changes[changeIndex(atTick: tick)].chord }
}
