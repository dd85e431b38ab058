import Accompanist
import ArgumentParser
import Arrangement
import MusicTheory
import Studio
import Tensor

/// How `generate` and `play` make the accompaniment: the engine and, for the model, its controls.
struct GenerationOptions: ParsableArguments {
    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case model, pattern
    }

    @Option(help: "model: the diffusion model; pattern: the plain built-in pattern (root bass, block chords, a basic beat for the meter).")
    var engine: Engine = .model

    @Option(help: "A model file (default: the shipped model).")
    var model: String?

    @Option(help: "Style (default: the chart's style: header).")
    var style: String?

    @Option(help: "Random seed: the same seed gives the same take.")
    var seed: UInt64 = 1

    @Option(help: "Sampler steps, 4…50 (default: the model's).")
    var steps: Int?

    @Option(help: "Guidance: how closely the take follows the chords (default: the model's).")
    var guidance: Float?

    @Option(help: "Sampler: ddim or dpm++2m (default: the model's).")
    var sampler: SamplerSettings.Method?

    @Option(help: "Density, 0…1: how many notes.")
    var density: Float = 0.5

    @Option(help: "Complexity, 0…1: plain to busy.")
    var complexity: Float = 0.3

    @Option(help: "Swing, 0…1: straight to swung eighths.")
    var swing: Float = 0.5

    @Option(parsing: .upToNextOption, help: "Bars (1-based) to play as fills.")
    var fill: [Int] = []

    func validate() throws {
        if let steps, !SamplerSettings.stepRange.contains(steps) { throw ValidationError("--steps must be 4…50") }
        if let guidance, !(0...20).contains(guidance) { throw ValidationError("--guidance must be 0…20") }
        for (name, value) in [("density", density), ("complexity", complexity), ("swing", swing)] where !(0...1).contains(value) {
            throw ValidationError("--\(name) must be 0…1")
        }
    }

    /// The take for a chart, from the engine chosen.
    func take(for chart: Chart) throws -> Take {
        guard engine == .model else { return PatternArranger.arrange(chart) }
        // One BLAS thread: a take's products are small enough that a second thread costs more
        // than it brings, and while playing the other core belongs to the audio thread.
        BLASThreads.set(1)
        let loaded = try ModelChoice.load(model)
        var settings = loaded.defaults.settings(seed: seed)
        if let steps { settings.steps = steps }
        if let guidance { settings.guidance = guidance }
        if let sampler { settings.method = sampler }
        do {
            let controls = try ModelArrangement.controls(for: chart, style: style, density: density, complexity: complexity, swing: swing,
                                                         styles: loaded.denoiser.configuration.styles)
            let sheet = try ModelArrangement.sheet(for: chart, fills: fill)
            return try ModelArrangement.arrange(chart, model: loaded.denoiser,
                                                request: GenerationRequest(sheet: sheet, controls: controls, settings: settings)).take
        } catch let error as ArrangementError {
            throw CommandFailure(error.description)
        }
    }
}

extension SamplerSettings.Method: ExpressibleByArgument {}
