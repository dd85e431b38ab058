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
        let bar = ProgressBar(total: 0, unit: "examples")
        do {
            let executable = try MMARunner.locate(mma)
            let plan = CorpusPlan(seed: seed, progressions: progressions, keysPerProgression: keys)
            let summary = try CorpusBuilder.build(
                plan: plan, into: URL(fileURLWithPath: out), mma: executable, jobs: jobs
            ) { bar.update($0.examplesDone, total: $0.examplesTotal) }
            bar.finish()
            print(Self.report(summary, plan: plan, seconds: Date().timeIntervalSince(started), out: out))
        } catch {
            bar.finish()
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
