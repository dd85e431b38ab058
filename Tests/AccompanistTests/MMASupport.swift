@testable import Accompanist
import Arrangement
import Foundation
import MusicTheory
import TestSupport
import Testing

/// Tests that render through mma run when it is installed, and fail without it when the test
/// command requires every tool (`make test` sets SIDEMAN_REQUIRE_TOOLS=1).
let mmaAvailable = findExecutable("mma") != nil || externalToolsRequired

/// A runner over the installed mma, with a fresh scratch directory.
func makeRunner() throws -> MMARunner {
    let mma = try #require(findExecutable("mma"), "mma is not installed (make test installs it)")
    return MMARunner(executable: mma, directory: try makeTemporaryDirectory("sideman-mma"))
}

/// A render job for a chart (with its `key:` and `meter:` header) played by one groove.
func makeJob(_ chartText: String, groove: String, fills: Set<Int> = [], seed: Int = 5) throws -> RenderJob {
    let family = try #require(GrooveCatalog.family(ofGroove: groove))
    let chart = try Chart(parsing: chartText)
    let template = ProgressionTemplate(id: "test-00001", idiom: .popLoop, chart: chart)
    return RenderJob(
        index: 0, template: template, split: .train, key: template.key, style: family.style, family: family,
        groove: groove, tempo: 100, fillBars: fills, mmaSeed: seed, chart: chart)
}

/// The notes of one part in one bar of an example.
func notes(_ example: CorpusExample, _ part: Instrument, bar: Int, ticksPerBar: Int) -> [Note] {
    (example.notes[part] ?? []).filter { $0.start / ticksPerBar == bar }
}
