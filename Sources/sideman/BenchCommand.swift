import Accompanist
import ArgumentParser
import Arrangement
import Dispatch
import Studio
import Synthesis

/// `sideman bench`: how fast the model writes a take, and how fast the synthesizer renders it.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the model's generation speed and the synthesizer's render speed.",
        discussion: """
            Generation: 8 bars of all tracks with the model's default sampler, steps and guidance, on one \
            BLAS thread (the other core belongs to audio while playing), then on two; the median of several \
            runs, the GFLOP/s achieved, and a plain sgemm over the same matrix shapes on one thread.

            Synthesis: 8 bars at 120 bpm, bass in eighths, four-note keys chords on every eighth, a \
            sustained pad, sixteenth-note drums, reverb and limiter on, on this thread alone.
            """
    )

    @Option(help: "Sample rate in Hz.")
    var rate: Int = 48000

    @Option(help: "Period in frames for the per-period figures.")
    var period: Int = 256

    @Option(help: "Generations and offline renders to take the median of.")
    var runs: Int = 7

    @Option(help: "A model file (default: the shipped model).")
    var model: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard (8000...192_000).contains(rate) else { throw ValidationError("--rate must be 8000…192000") }
        guard (16...8192).contains(period) else { throw ValidationError("--period must be 16…8192") }
        guard (1...100).contains(runs) else { throw ValidationError("--runs must be 1…100") }
    }

    func run() throws {
        let model = try ModelChoice.benchmarkModel(self.model)
        let oneThread = GenerationBenchmark.run(model: model.denoiser, settings: model.settings, threads: 1, runs: runs)
        let twoThreads = GenerationBenchmark.run(model: model.denoiser, settings: model.settings, threads: 2, runs: runs)
        let synth = synthFigures()
        if json {
            print(JSON.object([
                ("bars", .integer(oneThread.bars)), ("threads", .integer(1)), ("steps", .integer(oneThread.steps)),
                ("generateMsP50", .number(oneThread.medianMilliseconds)), ("gflops", .number(oneThread.gflops)),
                ("sgemmGflops", .number(oneThread.sgemmGFLOPs)),
                ("sampler", .string(model.settings.method.rawValue)), ("guidance", .number(Double(model.settings.guidance))),
                ("model", .string(model.description)), ("parameters", .integer(model.denoiser.configuration.parameterCount)),
                ("flopsPerGeneration", .number(oneThread.flopsPerGeneration)),
                ("twoThreads", .object([("generateMsP50", .number(twoThreads.medianMilliseconds)), ("gflops", .number(twoThreads.gflops))])),
                ("synth", synth.json),
            ]).text)
        } else {
            print("model: \(model.description), \(model.denoiser.configuration.parameterCount) parameters; "
                  + "\(model.settings.method.rawValue), \(oneThread.steps) steps, guidance \(format(Double(model.settings.guidance)))")
            for figures in [oneThread, twoThreads] {
                print("generate \(figures.bars) bars, \(figures.threads) BLAS thread\(figures.threads == 1 ? "" : "s"): "
                      + "\(format(figures.medianMilliseconds)) ms (median of \(runs)), \(format(figures.flopsPerGeneration / 1e9)) GFLOP, "
                      + "\(format(figures.gflops)) GFLOP/s")
            }
            print("sgemm, same shapes, 1 thread: \(format(oneThread.sgemmGFLOPs)) GFLOP/s; "
                  + "the sampler achieves \(format(oneThread.gflops / oneThread.sgemmGFLOPs * 100))% of it")
            synth.printLines(runs: runs)
        }
    }

    /// The synthesizer's figures.
    struct SynthFigures {
        let rate: Int, period: Int, audioSeconds: Double, renderSeconds: Double
        let periods: (p50: Double, p99: Double, max: Double)
        var realTime: Double { audioSeconds / renderSeconds }
        var periodSeconds: Double { Double(period) / Double(rate) }

        var json: JSON {
            .object([
                ("rate", .integer(rate)), ("period", .integer(period)), ("audioSeconds", .number(audioSeconds)),
                ("renderSeconds", .number(renderSeconds)), ("timesRealTime", .number(realTime)),
                ("periodMicrosP50", .number(periods.p50 * 1e6)), ("periodMicrosP99", .number(periods.p99 * 1e6)),
                ("periodMicrosMax", .number(periods.max * 1e6)), ("periodMicros", .number(periodSeconds * 1e6)),
            ])
        }

        func printLines(runs: Int) {
            print("synth offline render: \(format(audioSeconds)) s of audio in \(format(renderSeconds * 1000)) ms (median of \(runs)) = \(format(realTime))× real time")
            print("synth per period (\(period) frames at \(rate) Hz = \(format(periodSeconds * 1e6)) µs): "
                  + "p50 \(format(periods.p50 * 1e6)) µs (\(format(periods.p50 / periodSeconds * 100))%), "
                  + "p99 \(format(periods.p99 * 1e6)) µs (\(format(periods.p99 / periodSeconds * 100))%), "
                  + "max \(format(periods.max * 1e6)) µs")
        }
    }

    private func synthFigures() -> SynthFigures {
        let take = BenchmarkTake.dense()
        var settings = SoundSettings()
        settings.sampleRate = rate
        settings.period = period

        var offline: [Double] = []
        var audioSeconds = 0.0
        for _ in 0..<runs {
            let started = DispatchTime.now().uptimeNanoseconds
            let buffer = Bounce.render(take, settings: settings)
            offline.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            audioSeconds = Double(buffer.frameCount) / Double(rate)
        }
        let offlineMedian = offline.sorted()[offline.count / 2]
        return SynthFigures(rate: rate, period: period, audioSeconds: audioSeconds, renderSeconds: offlineMedian,
                            periods: PeriodTiming.measure(take: take, settings: settings))
    }
}

/// A figure to one decimal, without a trailing ".0".
private func format(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}

/// Render time of each period of the benchmark take, as the audio thread would see them.
enum PeriodTiming {
    static func measure(take: Take, settings: SoundSettings) -> (p50: Double, p99: Double, max: Double) {
        let engine = SynthEngine(sampleRate: Double(settings.sampleRate), patches: settings.layout.patches)
        let performer = Performer(engine: engine)
        performer.setTempo(take.tempo)
        performer.isLooping = true
        performer.play(take.score(layout: settings.layout))
        let period = settings.period
        let left = UnsafeMutablePointer<Float>.allocate(capacity: period)
        let right = UnsafeMutablePointer<Float>.allocate(capacity: period)
        defer { left.deallocate(); right.deallocate() }
        let count = 20 * settings.sampleRate / period
        var times: [Double] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            let started = DispatchTime.now().uptimeNanoseconds
            performer.render(left: left, right: right, frames: period)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        times.sort()
        return (times[times.count / 2], times[times.count * 99 / 100], times.last ?? 0)
    }
}
