import ArgumentParser
import Arrangement
import Dispatch
import Studio
import Synthesis

/// `sideman bench`: how fast the synthesizer renders, offline and period by period.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the synthesizer: offline render speed and per-period render time.",
        discussion: """
            The arrangement: 8 bars at 120 bpm, bass in eighths, four-note keys chords on every eighth, \
            a sustained pad, sixteenth-note drums, reverb and limiter on. Runs on this thread alone.
            """
    )

    @Option(help: "Sample rate in Hz.")
    var rate: Int = 48000

    @Option(help: "Period in frames for the per-period figures.")
    var period: Int = 256

    @Option(help: "Offline renders to take the median of.")
    var runs: Int = 5

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard (8000...192_000).contains(rate) else { throw ValidationError("--rate must be 8000…192000") }
        guard (16...8192).contains(period) else { throw ValidationError("--period must be 16…8192") }
        guard (1...100).contains(runs) else { throw ValidationError("--runs must be 1…100") }
    }

    func run() throws {
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
        let periods = PeriodTiming.measure(take: take, settings: settings)
        let periodSeconds = Double(period) / Double(rate)
        let realTime = audioSeconds / offlineMedian
        if json {
            print(JSON.object([
                ("rate", .integer(rate)), ("period", .integer(period)), ("audioSeconds", .number(audioSeconds)),
                ("renderSeconds", .number(offlineMedian)), ("timesRealTime", .number(realTime)),
                ("periodMicrosP50", .number(periods.p50 * 1e6)), ("periodMicrosP99", .number(periods.p99 * 1e6)),
                ("periodMicrosMax", .number(periods.max * 1e6)), ("periodMicros", .number(periodSeconds * 1e6)),
            ]).text)
        } else {
            print("offline render: \(format(audioSeconds)) s of audio in \(format(offlineMedian * 1000)) ms (median of \(runs)) = \(format(realTime))× real time")
            print("per period (\(period) frames at \(rate) Hz = \(format(periodSeconds * 1e6)) µs): "
                  + "p50 \(format(periods.p50 * 1e6)) µs (\(format(periods.p50 / periodSeconds * 100))%), "
                  + "p99 \(format(periods.p99 * 1e6)) µs (\(format(periods.p99 / periodSeconds * 100))%), "
                  + "max \(format(periods.max * 1e6)) µs")
        }
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
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
