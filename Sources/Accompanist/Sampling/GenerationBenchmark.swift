import Dispatch
import MusicTheory
import Tensor

/// Measures generation: how long the sampler takes for 8 bars of all tracks, and how its speed
/// compares with a plain sgemm over the same matrix shapes (the ceiling for this model size).
public enum GenerationBenchmark {
    public struct Figures: Sendable {
        public let bars: Int
        public let threads: Int
        public let steps: Int
        public let milliseconds: [Double]
        public let flopsPerGeneration: Double
        public let sgemmGFLOPs: Double
        public var medianMilliseconds: Double { milliseconds.sorted()[milliseconds.count / 2] }
        public var gflops: Double { flopsPerGeneration / (medianMilliseconds / 1000) / 1e9 }
    }

    /// Eight bars of 4/4 with a chord or two in each.
    public static let chart = try! ChartParser.parse("""
        meter: 4/4
        tempo: 120
        | Cmaj7 | Am7 | Dm7 G7 | Cmaj7 | Fmaj7 | Fm6 | Em7 A7 | Dm7 G7 |
        """)

    /// Runs `runs` generations on `threads` BLAS threads (after one warm-up) and a plain sgemm of
    /// the model's shapes.
    public static func run(model: DenoisingModel, settings: SamplerSettings, controls: GenerationControls = GenerationControls(),
                           threads: Int, runs: Int) -> Figures {
        BLASThreads.set(threads)
        let sampler = Sampler(model: model)
        let sheet = LeadSheet(chart: chart)
        let request = GenerationRequest(sheet: sheet, controls: controls, settings: settings)
        _ = try? sampler.generate(request)
        var times: [Double] = []
        for run in 0..<runs {
            var seeded = request
            seeded.settings.seed = settings.seed &+ UInt64(run)
            let started = DispatchTime.now().uptimeNanoseconds
            _ = try? sampler.generate(seeded)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        }
        let configuration = model.configuration
        let flops = Double(settings.steps) * configuration.forwardFLOPs(batch: 2, tokensPerItem: sheet.tokens)
        return Figures(bars: sheet.bars, threads: threads, steps: settings.steps, milliseconds: times, flopsPerGeneration: flops,
                       sgemmGFLOPs: sgemmGFLOPs(configuration, rows: 2 * sheet.tokens))
    }

    /// GFLOP/s of cblas_sgemm alone over one forward pass's token-wise products (rows × in → out),
    /// repeated for about half a second.
    public static func sgemmGFLOPs(_ c: DenoiserConfiguration, rows: Int) -> Double {
        let d = c.width, hidden = c.feedForward * c.width
        var shapes = [(c.values, d), (c.features, d), (d, c.values)]
        for _ in 0..<c.layers { shapes += [(d, 3 * d), (d, d), (d, hidden), (hidden, d)] }
        let buffers = shapes.map { (Tensor<Float>(zeros: [rows, $0.0]), Tensor<Float>(zeros: [$0.1, $0.0]), Tensor<Float>(zeros: [rows, $0.1])) }
        for (a, b, _) in buffers { a.fill(0.5); b.fill(0.25) }
        let flops = shapes.reduce(0.0) { $0 + 2 * Double(rows * $1.0 * $1.1) }
        var passes = 0
        let started = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        while elapsed < 0.5 {
            for (a, b, out) in buffers { matmulForward(out: out, a: a, b: b, transposeB: true) }
            passes += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        }
        return flops * Double(passes) / elapsed / 1e9
    }
}
