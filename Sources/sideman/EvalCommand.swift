import Accompanist
import ArgumentParser
import Foundation
import Tensor

/// `sideman eval`: the model against MMA and an untrained model on held-out progressions.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure a model on held-out progressions, beside MMA's renders and an untrained model.",
        discussion: """
            Keys chord-tone ratio: keys and pad onsets whose pitch class is in the chord sounding then. \
            Bass on the change: chord changes whose first bass onset in [change − 1/32 beat, change + 1 beat) \
            is the chord's bass. Also the bass chord-tone ratio, notes per bar per track, notes out of range, \
            onset-histogram distance to the requested style and to the others, the distance between the \
            takes of two seeds (1 − Jaccard of (track, sixteenth, pitch) onsets), and the rank correlation \
            of note count with the density control. With --check, exits 1 when a target is missed.
            """
    )

    @Option(help: "A model file (default: the shipped model).")
    var model: String?

    @Option(help: "A corpus directory: its test split is evaluated.")
    var corpus: String?

    @Option(help: "A JSON Lines file of held-out examples (as a corpus split).")
    var examples: String?

    @Option(help: "Evaluate at most this many examples.")
    var limit: Int = 200

    @Option(help: "Charts to sweep the density control over.")
    var densityCharts: Int = 10

    @Option(help: "Steps instead of the model's default (to choose defaults).")
    var steps: Int?

    @Option(help: "Guidance instead of the model's default.")
    var guidance: Float?

    @Option(help: "Onset threshold instead of the model's default.")
    var threshold: Float?

    @Option(help: "Also time `sideman generate` against `mma` (whole processes) on this many 16-bar charts.")
    var timing: Int = 0

    @Flag(help: "Record the figures in the --model file's metadata ('metrics'), for its model card.")
    var record = false

    @Flag(help: "Exit 1 when the model misses a target.")
    var check = false

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard (corpus == nil) != (examples == nil) else { throw ValidationError("give --corpus DIR or --examples FILE") }
        guard limit >= 1, densityCharts >= 0 else { throw ValidationError("--limit must be positive") }
        guard !record || model != nil else { throw ValidationError("--record needs --model FILE") }
    }

    func run() throws {
        let loaded = try ModelChoice.load(model)
        let path = examples ?? (corpus! as NSString).appendingPathComponent("test.jsonl")
        var heldOut: [TrainingExample]
        do { heldOut = try TrainingExample.read(contentsOf: path) } catch { throw CommandFailure(error.description) }
        heldOut = Self.spread(heldOut, limit: limit)
        guard let referencesText = loaded.metadata["styleReferences"],
              let references = try? JSONDecoder().decode([String: [Double]].self, from: Data(referencesText.utf8)) else {
            throw CommandFailure("\(loaded.path): metadata 'styleReferences' is missing (train the model with this sideman)")
        }
        let untrained = Denoiser<Float>(configuration: loaded.denoiser.configuration)
        var random = RandomSource(seed: 7)
        untrained.initialise(using: &random)
        let bar = ProgressBar(total: heldOut.count + min(densityCharts, heldOut.count), unit: "takes")
        var settings = loaded.defaults.settings(seed: 1)
        if let steps { settings.steps = steps }
        if let guidance { settings.guidance = guidance }
        if let threshold { settings.threshold = threshold }
        let run = EvaluationRun(model: loaded.denoiser, untrained: untrained, settings: settings, references: references)
        let report = try run.run(heldOut, densityCharts: densityCharts) { done, _ in bar.update(done) }
        bar.finish()
        if json { print(EvalReportText.json(report).text) } else { print(EvalReportText.table(report)) }
        if record, let model {
            let metrics = EvalReportText.json(report).text
            do { try ModelFile.rewrite(model, defaults: loaded.defaults, metadata: ["metrics": metrics]) } catch {
                throw CommandFailure("\(model): \(error)")
            }
        }
        if timing > 0 {
            let mma: String
            do { mma = try MMARunner.locate(nil) } catch { throw CommandFailure(error.description) }
            let figures = try GenerateTiming.measure(heldOut, charts: timing, runs: 5, model: model, mma: mma)
            print(String(format: "whole process, 16 bars, median over %d charts × 5 runs: sideman generate %.0f ms, mma %.0f ms (%.2f×)",
                         figures.charts, figures.sidemanMilliseconds, figures.mmaMilliseconds, figures.ratio))
            if check && figures.ratio > 1.5 { throw CommandFailure("below target: sideman generate takes \(figures.ratio)× mma's time, above 1.5×") }
        }
        if check && !report.failures.isEmpty {
            throw CommandFailure("below target: " + report.failures.joined(separator: "; "))
        }
    }

    /// At most `limit` examples, taken evenly across the file (so every style keeps its share).
    static func spread(_ examples: [TrainingExample], limit: Int) -> [TrainingExample] {
        guard examples.count > limit else { return examples }
        return (0..<limit).map { examples[$0 * examples.count / limit] }
    }
}

/// The evaluation report as a table and as JSON.
enum EvalReportText {
    static let sources = ["model", "untrained", "mma"]

    static func table(_ report: EvaluationRun.Report) -> String {
        func row(_ name: String, _ f: Evaluator.Figures) -> String {
            let perBar = f.notesPerBar
            let notes = ["bass", "keys", "pad", "drums"].map { String(format: "%.1f", perBar[.init(rawValue: $0)!] ?? 0) }.joined(separator: "/")
            func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
            return "  " + pad(name, 11) + String(format: "%6.3f   %6.3f   %6.3f  ", f.keysChordTones.value, f.bassOnTheChange.value,
                                                 f.bassChordTones.value)
                + pad(notes, 20) + String(format: "%5d  %5.3f / %5.3f", f.outOfRange, f.meanStyleDistance, f.meanOtherStyleDistance)
        }
        var lines = ["             keys CT  bass@chg  bass CT  notes/bar b/k/p/d  range  style own / other"]
        lines.append("all \(report.examples) held-out examples")
        for source in sources { if let f = report.overall[source] { lines.append(row(source, f)) } }
        for style in report.byStyle.keys.sorted() {
            lines.append("\(style)")
            for source in sources { if let f = report.byStyle[style]?[source] { lines.append(row(source, f)) } }
        }
        lines.append(String(format: "takes of two seeds: distance %.3f; the same seed again: %@", report.seedDistance,
                            report.sameSeedSameTake ? "the same notes" : "DIFFERENT notes"))
        lines.append(String(format: "note count against density: rank correlation %.3f", report.densityCorrelation))
        let failures = report.failures
        lines.append(failures.isEmpty ? "all targets met" : "missed: " + failures.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }

    static func json(_ report: EvaluationRun.Report) -> JSON {
        func figures(_ f: Evaluator.Figures) -> JSON {
            .object([
                ("keysChordToneRatio", .number(f.keysChordTones.value)), ("bassOnTheChange", .number(f.bassOnTheChange.value)),
                ("bassChordToneRatio", .number(f.bassChordTones.value)),
                ("notesPerBar", .object(["bass", "keys", "pad", "drums"].map { ($0, .number(f.notesPerBar[.init(rawValue: $0)!] ?? 0)) })),
                ("outOfRange", .integer(f.outOfRange)), ("styleDistance", .number(f.meanStyleDistance)),
                ("otherStyleDistance", .number(f.meanOtherStyleDistance)),
            ])
        }
        func sources(_ all: [String: Evaluator.Figures]) -> JSON { .object(Self.sources.compactMap { s in all[s].map { (s, figures($0)) } }) }
        return .object([
            ("examples", .integer(report.examples)), ("overall", sources(report.overall)),
            ("styles", .object(report.byStyle.keys.sorted().map { ($0, sources(report.byStyle[$0]!)) })),
            ("seedDistance", .number(report.seedDistance)), ("sameSeedSameTake", .bool(report.sameSeedSameTake)),
            ("densityRankCorrelation", .number(report.densityCorrelation)),
            ("failures", .array(report.failures.map(JSON.string))),
        ])
    }
}
