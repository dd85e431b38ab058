/// A meter: beats per bar and the note value of one beat. 6/8 has six beats of an eighth.
public struct Meter: Hashable, Sendable, CustomStringConvertible {
    /// Beats in a bar, 1...32.
    public let beats: Int
    /// The beat's note value: 2 for halves, 4 for quarters, 8 for eighths (a power of two, 1...32).
    public let unit: Int

    public static let common = Meter(validBeats: 4, unit: 4)

    private init(validBeats: Int, unit: Int) {
        self.beats = validBeats
        self.unit = unit
    }

    /// A meter, or nil when the numbers are out of range or the unit is not a power of two.
    public init?(beats: Int, unit: Int) {
        guard (1...32).contains(beats), [1, 2, 4, 8, 16, 32].contains(unit) else { return nil }
        self.init(validBeats: beats, unit: unit)
    }

    /// Parses `4/4`, `6/8`, `12/8`.
    public init?(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let beats = Int(parts[0].trimmingWhitespace()), let unit = Int(parts[1].trimmingWhitespace())
        else { return nil }
        self.init(beats: beats, unit: unit)
    }

    /// Length of one beat in quarter notes: 1 in 4/4, 0.5 in 6/8.
    public var quarterNotesPerBeat: Double { 4.0 / Double(unit) }

    public var description: String { "\(beats)/\(unit)" }
}

/// What sounds over a stretch of a bar: a chord symbol, or no chord (bass and keys rest).
public enum ChartChord: Hashable, Sendable, CustomStringConvertible {
    case chord(ChordSymbol)
    case noChord

    public var symbol: ChordSymbol? {
        if case .chord(let symbol) = self { return symbol }
        return nil
    }

    public var description: String { symbol?.description ?? "N.C." }
}

/// A chord held for a whole number of beats.
public struct ChordSpan: Hashable, Sendable {
    public var chord: ChartChord
    public var beats: Int

    public init(_ chord: ChartChord, beats: Int) {
        self.chord = chord
        self.beats = beats
    }
}

/// One bar of a chart: chord spans filling the meter's beats, and the section that starts here.
public struct ChartBar: Hashable, Sendable {
    public var spans: [ChordSpan]
    /// The label of a section (`[A]`, `[Chorus]`) that begins with this bar.
    public var section: String?

    public init(_ spans: [ChordSpan], section: String? = nil) {
        self.spans = spans
        self.section = section
    }

    public var beats: Int { spans.reduce(0) { $0 + $1.beats } }

    /// The chord sounding on `beat` (0-based).
    public func chord(atBeat beat: Int) -> ChartChord? {
        var start = 0
        for span in spans {
            if beat < start + span.beats { return span.chord }
            start += span.beats
        }
        return nil
    }
}

/// A header field the chart format does not know, kept so it survives normalisation.
public struct ChartField: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A chord chart: header fields and bars. See DESIGN.md "Chart text" for the text format, and
/// `ChartParser` and `ChartPrinter` for reading and writing it.
public struct Chart: Hashable, Sendable {
    public var title: String?
    public var key: Key?
    public var meter: Meter
    /// Quarter notes per minute, in every meter (as MIDI counts tempo).
    public var tempo: Double
    public var style: String?
    public var otherFields: [ChartField]
    public var bars: [ChartBar]

    public static let defaultTempo = 120.0
    public static let tempoRange = 20.0...400.0

    public init(
        title: String? = nil, key: Key? = nil, meter: Meter = .common, tempo: Double = Chart.defaultTempo,
        style: String? = nil, otherFields: [ChartField] = [], bars: [ChartBar] = []
    ) {
        self.title = title
        self.key = key
        self.meter = meter
        self.tempo = tempo
        self.style = style
        self.otherFields = otherFields
        self.bars = bars
    }

    /// Parses chart text; see `ChartParser`.
    public init(parsing text: String) throws(ChartParseFailure) {
        self = try ChartParser.parse(text)
    }

    /// The normalised text; parsing it gives back an equal chart.
    public var text: String { ChartPrinter.print(self) }

    /// Chord-time per pitch class (in beats), for key finding.
    public var pitchClassWeights: [Double] {
        var weights = [Double](repeating: 0, count: 12)
        for bar in bars {
            for span in bar.spans {
                guard let chord = span.chord.symbol else { continue }
                for pitchClass in chord.pitchClasses { weights[pitchClass.value] += Double(span.beats) }
            }
        }
        return weights
    }

    /// The chart's key, else the key its chords suggest.
    public var keyOrEstimate: Key { key ?? Key.estimate(from: pitchClassWeights) }
}
