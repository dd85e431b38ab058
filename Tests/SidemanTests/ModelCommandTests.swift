import Foundation
import TestSupport
import Testing

/// The shipped model from the command line: it is the default engine, a seed repeats a take,
/// styles and fills are checked, and `model info` reads the file's own metadata.
@Suite struct ModelCommandTests {
    private func chart(_ text: String = "style: bossa\ntempo: 130\n| Dm7 | G7 | Cmaj7 | A7 |\n") throws -> (directory: URL, path: String) {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("song.chart").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    @Test func theModelWritesEveryPartAndTheSameSeedTheSameFile() throws {
        let (directory, chart) = try chart()
        let out = { (name: String) in directory.appendingPathComponent(name).path }
        for (name, seed) in [("a.json", "3"), ("b.json", "3"), ("c.json", "4")] {
            let result = try sideman("generate", "--chart", chart, "--seed", seed, "--out", out(name))
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: out("a.json")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: out("b.json")))))
        #expect(a != (try Data(contentsOf: URL(fileURLWithPath: out("c.json")))))
        let tracks = (try JSONSerialization.jsonObject(with: a) as? [String: Any])?["tracks"] as? [[String: Any]] ?? []
        let counts = Dictionary(uniqueKeysWithValues: tracks.map { ($0["name"] as? String ?? "", ($0["notes"] as? [Any])?.count ?? 0) })
        // A bossa over four bars: a bass line, comping and a groove, not silence.
        #expect(counts["Bass", default: 0] >= 4 && counts["Keys", default: 0] >= 8 && counts["Drums", default: 0] >= 8, "\(counts)")
    }

    @Test func anUnknownStyleOrAFillOutsideTheChartIsOneLineAndExitOne() throws {
        let (_, chart) = try chart()
        let style = try sideman("generate", "--chart", chart, "--style", "polka", "--out", "/tmp/never.mid")
        #expect(style.status == 1)
        #expect(style.stderr.hasPrefix("sideman: unknown style 'polka'; the model knows: swing, bossa, latin"), "\(style.stderr)")
        let fill = try sideman("generate", "--chart", chart, "--fill", "9", "--out", "/tmp/never.mid")
        #expect(fill.status == 1 && fill.stderr.contains("--fill 9: the chart has bars 1…4"), "\(fill.stderr)")
        let meter = try sideman("generate", "--chart", try self.chart("meter: 7/8\n| C |\n").path, "--out", "/tmp/never.mid")
        #expect(meter.status == 1 && meter.stderr.contains("meter 7/8"), "\(meter.stderr)")
    }

    @Test func modelInfoPrintsTheShippedModelsMetadataAsJSON() throws {
        let result = try sideman("model", "info", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((json?["path"] as? String)?.hasSuffix("sideman-base.safetensors") == true)
        #expect(json?["parameters"] as? Int == 1_578_708)
        #expect((json?["sha256"] as? String)?.count == 64)
        let metadata = json?["metadata"] as? [String: String] ?? [:]
        #expect(metadata["format"] == "sideman-denoiser")
        for key in ["configuration", "defaults", "training", "data", "metrics", "tensorSHA256"] { #expect(metadata[key] != nil, "no '\(key)'") }
        let damaged = try sideman("model", "info", "/no/such/model.safetensors")
        #expect(damaged.status == 1 && damaged.stderr == "sideman: /no/such/model.safetensors: cannot be read\n")
    }
}
