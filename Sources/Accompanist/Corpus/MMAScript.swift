import MusicTheory

/// The MMA source that renders one `RenderJob`: a fixed `RndSeed`, the `DefChord` lines its chords
/// need, the tempo and groove, then one chord line per bar with each chord placed by `@beat`.
///
/// Beats are MMA's (see `GrooveFamily.mmaBeatsPerBar`): a chord on the fourth eighth of a 6/8 bar
/// is at `@4` in a `Time 6` file, `@2.5` in `afro-cuban` (`Time 3`) and `@2` in `68march`
/// (`Time 2`). A fill bar switches to the family's fill groove for that bar and back after it.
public enum MMAScript {
    public static func source(for job: RenderJob) -> String {
        source(chart: job.chart, family: job.family, groove: job.groove, tempo: Double(job.tempo), fillBars: job.fillBars,
               seed: job.mmaSeed, comment: job.summary)
    }

    /// The MMA source that plays `chart` with `groove` (of `family`) at `tempo` quarter notes a minute.
    public static func source(chart: Chart, family: GrooveFamily, groove: String, tempo: Double, fillBars: Set<Int> = [],
                              seed: Int, comment: String) -> String {
        let chords = chart.bars.map { bar in bar.spans.map { MMAChord($0.chord) } }
        var lines = ["// sideman corpus: \(comment)", "RndSeed \(seed)"]
        var defined: Set<String> = []
        for definition in chords.joined().compactMap(\.definition) where defined.insert(definition).inserted {
            lines.append(definition)
        }
        let mmaTempo = (tempo / family.quartersPerMMABeat).rounded()
        lines += ["Tempo \(Int(mmaTempo))", "Groove \(groove)"]
        var playing = groove
        for (index, bar) in chart.bars.enumerated() {
            let wanted = fillBars.contains(index) ? (family.fill ?? groove) : groove
            if wanted != playing {
                lines.append("Groove \(wanted)")
                playing = wanted
            }
            lines.append("\(index + 1) " + barTokens(bar, chords: chords[index], family: family, meter: chart.meter).joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `NAME@BEAT` for each chord of the bar, in MMA's beats.
    static func barTokens(_ bar: ChartBar, chords: [MMAChord], family: GrooveFamily, meter: Meter) -> [String] {
        var beat = 0
        var tokens: [String] = []
        for (span, chord) in zip(bar.spans, chords) {
            let mmaBeat = 1 + Double(beat * family.mmaBeatsPerBar) / Double(meter.beats)
            tokens.append(chord.name + "@" + formatBeat(mmaBeat))
            beat += span.beats
        }
        return tokens
    }

    /// `3`, `2.5`, `1.6667`: at most four decimals, no trailing zeros.
    static func formatBeat(_ beat: Double) -> String {
        let tenThousandths = Int((beat * 10_000).rounded())
        let whole = tenThousandths / 10_000
        var fraction = String(zeroPadded(tenThousandths % 10_000, width: 4))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }
}
