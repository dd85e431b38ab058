import Arrangement
import Foundation

/// How far a corpus build has come; reported after each render is written.
public struct CorpusProgress: Sendable {
    public let examplesDone: Int
    public let examplesTotal: Int
    public let rendersDone: Int
    public let rendersTotal: Int
}

/// Builds a corpus from a plan: renders run `jobs` at a time through mma, and their examples are
/// written in plan order, so a seed gives the same files however the renders interleave.
public enum CorpusBuilder {
    /// Renders every job of `plan` and writes the corpus into `directory` (see `CorpusWriter`).
    /// `progress` is called on the calling thread. Stops at the first render that fails, after the
    /// renders under way have finished, with an error naming it.
    public static func build(
        plan: CorpusPlan, into directory: URL, mma: String, jobs: Int,
        progress: (CorpusProgress) -> Void = { _ in }
    ) throws(CorpusError) -> CorpusSummary {
        guard !plan.jobs.isEmpty else { throw CorpusError("the plan has no progressions to render") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sideman-corpus-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw CorpusError("cannot create \(scratch.path): \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let writer = try CorpusWriter(directory: directory)
        let board = RenderBoard(jobs: plan.jobs, runner: MMARunner(executable: mma, directory: scratch))
        board.start(workers: max(1, jobs))
        defer { board.finish() }
        var done = 0
        for job in plan.jobs {
            let examples = try board.result(of: job.index).get()
            for example in examples { try writer.append(example, split: job.split, fill: job.family.fill) }
            done += examples.count
            progress(CorpusProgress(
                examplesDone: done, examplesTotal: plan.exampleCount,
                rendersDone: job.index + 1, rendersTotal: plan.jobs.count))
        }
        return try writer.finish(plan: plan)
    }

    /// One render cut into examples, or why it failed.
    static func render(_ job: RenderJob, runner: MMARunner) -> Result<[CorpusExample], CorpusError> {
        do throws(CorpusError) {
            let midi = try runner.render(MMAScript.source(for: job), name: "render-\(job.index)", label: job.summary)
            return .success(CorpusWindowing.examples(of: job, midi: midi))
        } catch {
            return .failure(error)
        }
    }
}

/// Hands out render jobs to worker threads and collects their results by job index.
/// Every method is safe from any thread.
final class RenderBoard: @unchecked Sendable {
    private let jobs: [RenderJob]
    private let runner: MMARunner
    private let condition = NSCondition()
    private let workers = DispatchGroup()
    private var next = 0
    private var stopped = false
    private var results: [Int: Result<[CorpusExample], CorpusError>] = [:]

    init(jobs: [RenderJob], runner: MMARunner) {
        self.jobs = jobs
        self.runner = runner
    }

    func start(workers count: Int) {
        for _ in 0..<count {
            workers.enter()
            DispatchQueue.global().async { [self] in
                while let index = take() { post(index, CorpusBuilder.render(jobs[index], runner: runner)) }
                workers.leave()
            }
        }
    }

    /// Blocks until job `index` has rendered; a failure stops the handing out of further jobs.
    func result(of index: Int) -> Result<[CorpusExample], CorpusError> {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result = results.removeValue(forKey: index) {
                if case .failure = result { stopped = true }
                return result
            }
            condition.wait()
        }
    }

    /// Stops handing out jobs and waits for the workers to finish the ones they hold.
    func finish() {
        condition.lock()
        stopped = true
        condition.unlock()
        workers.wait()
    }

    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, next < jobs.count else { return nil }
        next += 1
        return next - 1
    }

    private func post(_ index: Int, _ result: Result<[CorpusExample], CorpusError>) {
        condition.lock()
        results[index] = result
        condition.broadcast()
        condition.unlock()
    }
}
