import Accompanist
import ArgumentParser
import Foundation

/// `sideman corpus`: generate progressions, render them through MMA, and write the training corpus.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Build the training corpus: generated progressions rendered by MMA, cut into 8-bar examples.",
        discussion: """
            Progressions from many idioms are rendered in several keys with grooves of MMA's \
            standard library (Debian's mma must be installed), and written to DIR as manifest.json \
            and train/validation/test.jsonl, split by progression. The same seed writes the same files.
            """
    )

    @Option(help: "The directory to write the corpus to.")
    var out: String

    @Option(help: "Seed for every choice: the same seed writes the same files.")
    var seed: UInt64 = 1

    @Option(help: "Progression templates to generate (a tenth each go to validation and test).")
    var progressions: Int = 2000

    @Option(help: "Keys each progression is rendered in (1-12).")
    var keys: Int = 8

    @Option(help: "Renders to run at once.")
    var jobs: Int = 2

    @Option(help: "The mma executable (default: mma on PATH).")
    var mma: String?

    func validate() throws {
        guard progressions >= 1 else { throw ValidationError("--progressions must be at least 1") }
        guard (1...12).contains(keys) else { throw ValidationError("--keys must be within 1…12") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be within 1…64") }
    }

    func run() throws {
        let started = Date()
        var bar = ProgressBar()
        do {
            let executable = try MMARunner.locate(mma)
            let plan = CorpusPlan(seed: seed, progressions: progressions, keysPerProgression: keys)
            let summary = try CorpusBuilder.build(
                plan: plan, into: URL(fileURLWithPath: out), mma: executable, jobs: jobs
            ) { bar.show($0, since: started) }
            bar.end()
            print(Self.report(summary, plan: plan, seconds: Date().timeIntervalSince(started), out: out))
        } catch {
            bar.end()
            throw CommandFailure(error.description)
        }
    }

    static func report(_ summary: CorpusSummary, plan: CorpusPlan, seconds: Double, out: String) -> String {
        let splits = CorpusSplit.allCases.map { split in
            "\(split.rawValue) \(summary.counts[split] ?? 0) (\(plan.templateIDs(in: split).count) progressions)"
        }
        let styles = summary.styleCounts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
        return """
            wrote \(summary.total) examples to \(out) in \(ProgressBar.clock(seconds))
            splits: \(splits.joined(separator: ", "))
            styles: \(styles.joined(separator: ", "))
            """
    }
}

/// A one-line progress bar on stderr: examples done of all, rate, time left. On a terminal it
/// redraws in place (at most ten times a second); otherwise it prints a line every tenth of the way.
struct ProgressBar {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDrawn = Date.distantPast
    private var lastTenth = -1
    private var drawn = false

    mutating func show(_ progress: CorpusProgress, since start: Date) {
        let now = Date()
        let finished = progress.rendersDone == progress.rendersTotal
        let fraction = Double(progress.examplesDone) / Double(max(1, progress.examplesTotal))
        if isTerminal {
            guard finished || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
            lastDrawn = now
        } else {
            let tenth = Int(fraction * 10)
            guard tenth > lastTenth else { return }
            lastTenth = tenth
        }
        let line = Self.line(progress, fraction: fraction, elapsed: now.timeIntervalSince(start))
        FileHandle.standardError.write(Data((isTerminal ? "\r" + line : line + "\n").utf8))
        drawn = isTerminal
    }

    /// Ends the line a terminal bar was drawn on.
    mutating func end() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }

    static func line(_ progress: CorpusProgress, fraction: Double, elapsed: Double) -> String {
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(progress.examplesDone) / max(elapsed, 0.001)
        let left = rate > 0 ? Double(progress.examplesTotal - progress.examplesDone) / rate : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        return "[\(bar)] \(progress.examplesDone)/\(progress.examplesTotal) examples  "
            + "\(Int(rate.rounded()))/s  ETA \(clock(left))"
    }

    /// `1:05:09` or `4:07`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
