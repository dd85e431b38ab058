import Foundation
import TestSupport
import Testing

/// `sideman corpus` at the command line: one-line errors when mma is missing or fails, and a
/// small corpus with its report when it works.
@Suite struct CorpusCommandTests {
    private func expectOneLineFailure(_ result: ProcessResult, mentioning texts: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("[") }
        #expect(lines.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        for text in texts { #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation) }
    }

    @Test func corpusSaysSoWhenMMAIsNotInstalled() throws {
        let out = try makeTemporaryDirectory().path
        let result = try sideman("corpus", "--out", out, "--progressions", "2", environment: ["PATH": "/nonexistent"])
        expectOneLineFailure(result, mentioning: "sideman: mma is not installed")
        let named = try sideman("corpus", "--out", out, "--mma", "/no/such/mma")
        expectOneLineFailure(named, mentioning: "mma not found at /no/such/mma")
    }

    @Test func corpusNamesTheRenderMMAFailedOn() throws {
        let out = try makeTemporaryDirectory().path
        let result = try sideman("corpus", "--out", out, "--progressions", "2", "--keys", "1", "--mma", "/bin/false")
        expectOneLineFailure(result, mentioning: "sideman: mma failed on ", " with ")
    }

    @Test func corpusRefusesOutOfRangeOptions() throws {
        let out = try makeTemporaryDirectory().path
        for (option, value) in [("--keys", "13"), ("--jobs", "0"), ("--progressions", "0")] {
            let result = try sideman("corpus", "--out", out, option, value)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix("Error: \(option) must be"), "\(result.stderr)")
        }
    }

    @Test(.enabled(if: findExecutable("mma") != nil || externalToolsRequired, "mma is not installed (make test installs it)"))
    func corpusWritesTheFilesAndReportsTheSplits() throws {
        let out = try makeTemporaryDirectory().path
        let result = try sideman("corpus", "--out", out, "--progressions", "3", "--keys", "1", "--seed", "4")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("splits: train"))
        #expect(result.stderr.contains("examples"))
        for file in ["manifest.json", "train.jsonl", "validation.jsonl", "test.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(file)"), "\(file)")
        }
    }
}
