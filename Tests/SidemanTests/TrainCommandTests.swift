import Foundation
import TestSupport
import Testing

/// `sideman train` on a corpus small enough to train in a moment: it writes a model file that
/// loads, a checkpoint it can resume from, and `model defaults` changes what the file ships with.
@Suite struct TrainCommandTests {
    /// A corpus directory as `sideman corpus` writes it, with a handful of two-bar examples.
    private func corpus() throws -> URL {
        let directory = try makeTemporaryDirectory()
        func example(_ index: Int) -> String {
            let root = 36 + index % 5
            let bass = (0..<8).map { "[\($0 * 12),10,\(root + ($0 % 2) * 7),100]" }.joined(separator: ",")
            let drums = (0..<8).map { "[\($0 * 12),3,\($0 % 2 == 0 ? 36 : 38),100]" }.joined(separator: ",")
            return """
                {"id":"e\(index)","template":"t\(index)","idiom":"pop","key":"C","meterNumerator":4,"meterDenominator":4,\
                "tempo":120,"style":"pop","groove":"8Beat","bars":2,"chart":"| C | G |","chords":[{"tick":0,"symbol":"C"},\
                {"tick":48,"symbol":"G"}],"density":0.5,"complexity":0,"swing":0,"fills":[false,false],\
                "notes":{"bass":[\(bass)],"keys":[[0,24,60,80],[48,24,62,80]],"pad":[],"drums":[\(drums)]}}
                """
        }
        try ((0..<6).map(example).joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("train.jsonl"), atomically: true, encoding: .utf8)
        try ((6..<8).map(example).joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("validation.jsonl"), atomically: true, encoding: .utf8)
        try #"{"version":1,"seed":1,"styles":["pop","rock"],"counts":{"train":6,"validation":2,"test":0}}"#
            .write(to: directory.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func trainingWritesAModelThatLoadsAndACheckpointThatResumes() throws {
        let directory = try corpus()
        let model = directory.appendingPathComponent("m.safetensors").path
        let arguments = ["train", "--corpus", directory.path, "--out", model, "--steps", "4", "--batch", "2", "--width", "32",
                         "--layers", "1", "--validate-every", "2", "--checkpoint-every", "2"]
        let trained = try sidemanRun(arguments)
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("4 steps"), "\(trained.stdout)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("m.checkpoint.safetensors").path))

        let resumed = try sidemanRun(arguments + ["--resume"])
        #expect(resumed.status == 0 && resumed.stderr.contains("resuming at step 4"), "\(resumed.stderr)")

        let info = try sideman("model", "info", model)
        #expect(info.status == 0 && info.stdout.contains("styles: pop, rock"), "\(info.stdout)\(info.stderr)")
        let defaults = try sideman("model", "defaults", model, "--steps", "9", "--guidance", "1.5")
        #expect(defaults.status == 0, "\(defaults.stderr)")
        #expect(try sideman("model", "info", model).stdout.contains("defaults: dpm++2m, 9 steps, guidance 1.5"))
    }

    @Test func aMissingCorpusOrABadWidthIsOneLineAndExitOne() throws {
        let missing = try sideman("train", "--corpus", "/no/such/corpus", "--out", "/tmp/never.safetensors")
        #expect(missing.status == 1 && missing.stderr.hasPrefix("sideman: /no/such/corpus/manifest.json: cannot be read"), "\(missing.stderr)")
        let width = try sideman("train", "--corpus", "/tmp", "--out", "/tmp/never.safetensors", "--width", "100")
        #expect(width.status != 0 && width.stderr.contains("--width must be a multiple of 32"), "\(width.stderr)")
    }

    private func sidemanRun(_ arguments: [String]) throws -> ProcessResult {
        try runProcess(sidemanExecutable, arguments)
    }
}
