import Arrangement

/// The whole evaluation of a model on held-out examples, as `sideman eval` reports it.
public struct EvaluationRun {
    public struct Report: Sendable {
        /// By source ("model", "untrained", "mma"), overall and per style.
        public var overall: [String: Evaluator.Figures] = [:]
        public var byStyle: [String: [String: Evaluator.Figures]] = [:]
        /// Mean 1 − Jaccard between the takes of two seeds.
        public var seedDistance = 0.0
        /// Whether generating again with the same seed gave the same notes every time.
        public var sameSeedSameTake = true
        /// Spearman correlation of note count with the density control, pooled over charts.
        public var densityCorrelation = Double.nan
        public var examples = 0
    }

    public let model: DenoisingModel
    public let untrained: DenoisingModel
    public let settings: SamplerSettings
    /// Each style's onset histogram in MMA's renders (from the training split).
    public let references: [String: [Double]]

    public init(model: DenoisingModel, untrained: DenoisingModel, settings: SamplerSettings, references: [String: [Double]]) {
        self.model = model
        self.untrained = untrained
        self.settings = settings
        self.references = references
    }

    /// Runs every figure over `examples`; the density sweep uses the first `densityCharts`.
    public func run(_ examples: [TrainingExample], densityCharts: Int = 10, progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        var report = Report()
        let sampler = Sampler(model: model), baseline = Sampler(model: untrained)
        let densities: [Float] = [0.1, 0.3, 0.5, 0.7, 0.9]
        let sweep = min(densityCharts, examples.count)
        let total = examples.count + sweep
        var densityValues: [Double] = [], noteCounts: [Double] = []
        for (index, example) in examples.enumerated() {
            var request = GenerationRequest(sheet: example.sheet, controls: example.controls, settings: settings)
            let take = try sampler.generate(request)
            request.settings.seed = settings.seed &+ 1
            let other = try sampler.generate(request)
            request.settings.seed = settings.seed
            if try sampler.generate(request) != take { report.sameSeedSameTake = false }
            report.seedDistance += Metrics.takeDistance(take.tracks, other.tracks)
            let untrainedTake = try baseline.generate(request)
            for (source, tracks) in [("model", take.tracks), ("untrained", untrainedTake.tracks), ("mma", example.tracks)] {
                report.overall[source, default: Evaluator.Figures()].add(tracks, sheet: example.sheet, style: example.style, references: references)
                report.byStyle[example.style, default: [:]][source, default: Evaluator.Figures()]
                    .add(tracks, sheet: example.sheet, style: example.style, references: references)
            }
            progress(index + 1, total)
        }
        // Note count against the density control, chart by chart, everything else held.
        for (index, example) in examples.prefix(sweep).enumerated() {
            for density in densities {
                var controls = example.controls
                controls.density = density
                let take = try sampler.generate(GenerationRequest(sheet: example.sheet, controls: controls, settings: settings))
                densityValues.append(Double(density))
                noteCounts.append(Double(take.tracks.reduce(0) { $0 + $1.notes.count }))
            }
            progress(examples.count + index + 1, total)
        }
        report.densityCorrelation = meanCorrelation(densityValues, noteCounts, groups: sweep, size: densities.count)
        report.seedDistance /= Double(max(examples.count, 1))
        report.examples = examples.count
        return report
    }

    /// The mean over charts of each chart's Spearman correlation between density and note count.
    private func meanCorrelation(_ x: [Double], _ y: [Double], groups: Int, size: Int) -> Double {
        guard groups > 0 else { return .nan }
        let values = (0..<groups).map { g in Metrics.rankCorrelation(Array(x[(g * size)..<((g + 1) * size)]), Array(y[(g * size)..<((g + 1) * size)])) }
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }
}

extension EvaluationRun.Report {
    /// The targets the shipped model must meet; each failure as one line (empty when all are met).
    public var failures: [String] {
        var lines: [String] = []
        guard let model = overall["model"], let mma = overall["mma"] else { return ["no takes were evaluated"] }
        if !(model.keysChordTones.value >= 0.95) { lines.append("keys chord-tone ratio \(model.keysChordTones.value) is below 0.95") }
        if !(model.bassOnTheChange.value >= mma.bassOnTheChange.value - 0.03) {
            lines.append("bass on the change \(model.bassOnTheChange.value) is more than 0.03 below MMA's \(mma.bassOnTheChange.value)")
        }
        if model.outOfRange > 0 { lines.append("\(model.outOfRange) notes out of range") }
        if !(model.meanStyleDistance < model.meanOtherStyleDistance) {
            lines.append("style distance \(model.meanStyleDistance) to the requested style is not below \(model.meanOtherStyleDistance) to the others")
        }
        if !(seedDistance >= 0.2) { lines.append("takes of two seeds are \(seedDistance) apart, below 0.2") }
        if !sameSeedSameTake { lines.append("the same seed gave different takes") }
        if !(densityCorrelation >= 0.9) { lines.append("note count follows density with rank correlation \(densityCorrelation), below 0.9") }
        return lines
    }
}
