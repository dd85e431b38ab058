import MusicTheory

/// One file of MMA's standard library (`/usr/share/mma/lib/stdlib/NAME.mma`): its grooves, the
/// style they stand for, and how its bars line up with the chart's.
///
/// MMA counts every bar in quarter notes (its `Time`), whatever the time signature it writes: a
/// 6/8 file with `Time 6` plays six quarter notes a bar, `afro-cuban` (`Time 3`) three and
/// `68march` (`Time 2`) two. `quartersPerMMABeat` undoes that, so that every 6/8 bar in the corpus
/// is three quarter notes long. Files written in 4 with triplets (the 12/8 `blues128`,
/// `ballad128`, `rock-128`, and `ballad68`) are recorded as 4/4; their triplet feel shows in `swing`.
public struct GrooveFamily: Sendable, Hashable {
    /// The library file name without `.mma`, e.g. `bossanova`.
    public let file: String
    public let style: CorpusStyle
    /// The meter of the examples rendered with this family.
    public let meter: Meter
    /// MMA's `Time`: beats of one quarter note each in one bar of MMA's output.
    public let mmaBeatsPerBar: Int
    /// The family's one-bar (or two-bar) fill groove, if it has a real one (see `GrooveCatalog`).
    public let fill: String?
    /// The grooves that play a song: intros, endings, fills and metronomes left out.
    public let grooves: [String]

    init(_ file: String, _ style: CorpusStyle, _ meter: String, mmaBeats: Int, fill: String?, _ grooves: [String]) {
        self.file = file
        self.style = style
        self.meter = Meter(meter) ?? .common
        self.mmaBeatsPerBar = mmaBeats
        self.fill = fill
        self.grooves = grooves
    }

    /// Quarter notes in one bar of the chart: 4 in 4/4, 3 in 3/4 and 6/8, 5 in 5/4.
    public var quartersPerBar: Double { Double(meter.beats) * meter.quarterNotesPerBeat }

    /// How long one of MMA's beats (a quarter note in its file) really is, in quarter notes.
    public var quartersPerMMABeat: Double { quartersPerBar / Double(mmaBeatsPerBar) }

    /// Quarter notes per minute for this family: the style's range, or a slower one in 6/8
    /// (a dotted quarter of 48 to 72) and a brisk one in 5/4.
    public var tempoRange: ClosedRange<Int> {
        if meter.unit == 8 { return 72...108 }
        if meter.beats == 5 { return 150...190 }
        return style.tempoRange
    }

    /// How elaborate a groove of this family is, from MMA's naming: 0 for a plain groove, 1/3 with
    /// `Sus` (a sustained layer added), 2/3 with `Plus` (an extra arpeggio or ornament line), 1 with
    /// both. Numbered and other variants (`Swing1`, `BluesTriple`, `JiveClap`) count as plain.
    public static func complexity(ofGroove groove: String) -> Double {
        let name = groove.lowercased()
        let sus = name.contains("sus") ? 1.0 : 0.0
        let plus = name.contains("plus") ? 2.0 : 0.0
        return (sus + plus) / 3
    }
}
