import MusicTheory

/// The MMA source that renders one `RenderJob`: a fixed `RndSeed`, the `DefChord` lines its chords
/// need, the tempo and groove, then one chord line per bar with each chord placed by `@beat`.
///
/// Beats are MMA's (see `GrooveFamily.mmaBeatsPerBar`): a chord on the fourth eighth of a 6/8 bar
/// is at `@4` in a `Time 6` file, `@2.5` in `afro-cuban` (`Time 3`) and `@2` in `68march`
/// (`Time 2`). A fill bar switches to the family's fill groove for that bar and back after it.
public enum MMAScript {
    public static func source(for job: RenderJob) -> String {
        let chords = job.chart.bars.map { bar in bar.spans.map { MMAChord($0.chord) } }
        var lines = ["// sideman corpus: \(job.summary)", "RndSeed \(job.mmaSeed)"]
        var defined: Set<String> = []
        for definition in chords.joined().compactMap(\.definition) where defined.insert(definition).inserted {
            lines.append(definition)
        }
        let mmaTempo = (Double(job.tempo) / job.family.quartersPerMMABeat).rounded()
        lines += ["Tempo \(Int(mmaTempo))", "Groove \(job.groove)"]
        var playing = job.groove
        for (index, bar) in job.chart.bars.enumerated() {
            let wanted = job.fillBars.contains(index) ? (job.family.fill ?? job.groove) : job.groove
            if wanted != playing {
                lines.append("Groove \(wanted)")
                playing = wanted
            }
            lines.append("\(index + 1) " + barTokens(bar, chords: chords[index], job: job).joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `NAME@BEAT` for each chord of the bar, in MMA's beats.
    static func barTokens(_ bar: ChartBar, chords: [MMAChord], job: RenderJob) -> [String] {
        var beat = 0
        var tokens: [String] = []
        for (span, chord) in zip(bar.spans, chords) {
            let mmaBeat = 1 + Double(beat * job.family.mmaBeatsPerBar) / Double(job.chart.meter.beats)
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
