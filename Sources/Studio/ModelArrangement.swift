import Accompanist
import Arrangement
import MusicTheory

/// Why the model cannot accompany a chart as asked, in one line.
public struct ArrangementError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public var description: String { message }
}

/// A chart accompanied by the model: the lead sheet, the sampler, and the take at sideman's
/// resolution (480 ticks per quarter) with the chart's tempo and meter.
public enum ModelArrangement {
    /// The controls for a chart: the style given, else the chart's `style:` header; a style the
    /// model does not know is an error that lists the ones it does.
    public static func controls(for chart: Chart, style: String?, density: Float, complexity: Float, swing: Float,
                                styles: [String]) throws(ArrangementError) -> GenerationControls {
        let chosen = (style ?? chart.style)?.lowercased()
        if let chosen, !styles.contains(chosen) {
            throw ArrangementError(message: "unknown style '\(chosen)'; the model knows: \(styles.joined(separator: ", "))")
        }
        return GenerationControls(style: chosen, density: density, complexity: complexity, swing: swing)
    }

    public static let maximumBars = 256

    /// 12/8 is played as 4/4 with a triplet feel, as MMA's library writes it: each dotted-quarter
    /// beat becomes a quarter (time × 2/3 on the way in, × 3/2 on the way out) and swing is full.
    public static func isCompoundQuadruple(_ meter: Meter) -> Bool { meter.beats == 12 && meter.unit == 8 }

    /// The lead sheet of a chart, with the bars asked to be fills (1-based in, 0-based kept).
    public static func sheet(for chart: Chart, fills: [Int] = []) throws(ArrangementError) -> LeadSheet {
        guard LeadSheet.supports(chart.meter) else {
            throw ArrangementError(message: "meter \(chart.meter): the model plays meters of whole quarter notes (3/4, 4/4, 5/4, 6/8, 12/8 …)")
        }
        var sheet = LeadSheet(chart: chart)
        if isCompoundQuadruple(chart.meter) {
            sheet = LeadSheet(meter: .common, bars: sheet.bars,
                              changes: sheet.changes.map { LeadSheet.Change(tick: $0.tick * 2 / 3, chord: $0.chord) })
        }
        guard sheet.bars > 0 else { throw ArrangementError(message: "the chart has no bars") }
        // Attention grows with the square of the length: past this, memory and time balloon.
        guard sheet.bars <= maximumBars else {
            throw ArrangementError(message: "the chart has \(sheet.bars) bars; the model writes at most \(maximumBars) at a time")
        }
        for bar in fills where !(1...sheet.bars).contains(bar) {
            throw ArrangementError(message: "--fill \(bar): the chart has bars 1…\(sheet.bars)")
        }
        sheet.fills = Set(fills.map { $0 - 1 })
        return sheet
    }

    /// Samples a take for the chart and converts it to a `Take`.
    public static func arrange(_ chart: Chart, model: DenoisingModel, request: GenerationRequest,
                               progress: ((Int, Int) -> Void)? = nil) throws -> (take: Take, result: GenerationResult) {
        var request = request
        let stretched = isCompoundQuadruple(chart.meter)
        if stretched { request.controls.swing = 1 }
        let result = try Sampler(model: model).generate(request, progress: progress)
        // To sideman's 480 ticks per quarter, and for 12/8 back from 4/4 (× 3/2).
        let (numerator, denominator) = stretched ? (3 * Take.defaultTicksPerQuarter, 2 * RollLayout.ticksPerQuarter)
                                                 : (Take.defaultTicksPerQuarter, RollLayout.ticksPerQuarter)
        let tracks = result.tracks.map { track in
            Track(track.instrument, notes: track.notes.map {
                Note(pitch: $0.pitch, velocity: $0.velocity, start: $0.start * numerator / denominator,
                     duration: max(1, $0.duration * numerator / denominator))
            })
        }
        return (Take(tempo: chart.tempo, meter: chart.meter, title: chart.title, tracks: tracks), result)
    }
}
