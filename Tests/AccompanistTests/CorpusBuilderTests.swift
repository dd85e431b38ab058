@testable import Accompanist
import Arrangement
import Foundation
import MusicTheory
import TestSupport
import Testing

/// Whole corpora through mma: the same seed writes the same bytes, the files follow the contract,
/// and fill flags mark the bars MMA's fill groove played.
@Suite(.enabled(if: mmaAvailable, "mma is not installed (make test installs it)"))
struct CorpusBuilderTests {
    static let files = ["manifest.json", "train.jsonl", "validation.jsonl", "test.jsonl"]

    private func build(seed: UInt64, jobs: Int) throws -> URL {
        let directory = try makeTemporaryDirectory("sideman-corpus")
        let plan = CorpusPlan(seed: seed, progressions: 6, keysPerProgression: 1)
        let mma = try #require(findExecutable("mma"))
        _ = try CorpusBuilder.build(plan: plan, into: directory, mma: mma, jobs: jobs)
        return directory
    }

    private func contents(_ directory: URL) throws -> [Data] {
        try Self.files.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
    }

    @Test func sameSeedWritesSameBytes() throws {
        let first = try contents(try build(seed: 11, jobs: 2))
        #expect(try contents(try build(seed: 11, jobs: 1)) == first)
        #expect(try contents(try build(seed: 12, jobs: 2)) != first)
    }

    @Test func filesFollowTheContract() throws {
        let directory = try build(seed: 21, jobs: 2)
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect(manifest["version"] as? Int == 1)
        #expect(manifest["seed"] as? Int == 21)
        #expect(manifest["ticksPerQuarter"] as? Int == 12)
        #expect(manifest["styles"] as? [String] == CorpusStyle.allCases.map(\.rawValue))
        let counts = try #require(manifest["counts"] as? [String: Int])
        let templates = try #require(manifest["templates"] as? [String: [String]])
        let grooves = try #require(manifest["grooves"] as? [String: String])
        for split in CorpusSplit.allCases.map(\.rawValue) {
            let text = try String(contentsOf: directory.appendingPathComponent("\(split).jsonl"), encoding: .utf8)
            let lines = text.split(separator: "\n")
            #expect(lines.count == counts[split])
            for line in lines { try checkExample(String(line), templates: templates[split] ?? [], grooves: grooves) }
        }
    }

    private func checkExample(_ line: String, templates: [String], grooves: [String: String]) throws {
        let keys = ["id", "template", "idiom", "key", "meterNumerator", "meterDenominator", "tempo", "style", "groove",
                    "bars", "chart", "chords", "density", "complexity", "swing", "fills", "notes"]
        let positions = keys.compactMap { line.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted(), "\(line.prefix(200))")
        let example = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(templates.contains(example["template"] as? String ?? ""))
        #expect(grooves[example["groove"] as? String ?? ""] == example["style"] as? String)
        #expect(example["bars"] as? Int == 8)
        #expect((example["fills"] as? [Bool])?.count == 8)
        let chart = try Chart(parsing: example["chart"] as? String ?? "")
        #expect(chart.bars.count == 8)
        for change in example["chords"] as? [[String: Any]] ?? [] {
            let symbol = change["symbol"] as? String ?? ""
            #expect(symbol == "N.C." || (try? ChordSymbol(parsing: symbol)) != nil, "\(symbol)")
        }
        let notes = try #require(example["notes"] as? [String: [[Int]]])
        #expect(Set(notes.keys) == ["bass", "keys", "pad", "drums"])
        for value in ["density", "complexity", "swing"] {
            #expect((0...1).contains(example[value] as? Double ?? -1), "\(value)")
        }
    }

    @Test func densityRisesWithNoteCountWithinAStyle() throws {
        let directory = try build(seed: 31, jobs: 2)
        var byStyle: [String: [(count: Int, density: Double)]] = [:]
        for split in CorpusSplit.allCases.map(\.rawValue) {
            let text = try String(contentsOf: directory.appendingPathComponent("\(split).jsonl"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let example = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let notes = try #require(example["notes"] as? [String: [[Int]]])
                let count = notes.values.reduce(0) { $0 + $1.count }
                byStyle[example["style"] as? String ?? "", default: []].append((count, example["density"] as? Double ?? -1))
            }
        }
        for (style, items) in byStyle {
            for a in items {
                for b in items where a.count < b.count { #expect(a.density < b.density, "\(style)") }
            }
        }
    }

    @Test func fillFlagsMarkTheBarsTheFillGroovePlayed() throws {
        let chart = "key: C\n| C | Am | F | G7 | C | Am | Dm | G7 | C | F | G7 | C |"
        let withFills = try makeJob(chart, groove: "Swing", fills: [3, 7])
        let without = try makeJob(chart, groove: "Swing")
        let source = MMAScript.source(for: withFills)
        #expect(source.contains("Groove SwingFill\n4 G7@1\nGroove Swing\n5 C@1"))
        let runner = try makeRunner()
        let filled = CorpusWindowing.examples(of: withFills, midi: try runner.render(source, name: "fill", label: "fill"))
        let plain = CorpusWindowing.examples(
            of: without, midi: try runner.render(MMAScript.source(for: without), name: "plain", label: "plain"))
        #expect(filled[0].fills == [false, false, false, true, false, false, false, true])
        #expect(filled[1].fills == [false, false, false, true, false, false, false, false])
        #expect(plain[0].fills == Array(repeating: false, count: 8))
        // The same seed plays the same bars until the fill, and something else in it.
        for bar in 0..<3 {
            #expect(notes(filled[0], .drums, bar: bar, ticksPerBar: 48) == notes(plain[0], .drums, bar: bar, ticksPerBar: 48))
        }
        #expect(notes(filled[0], .drums, bar: 3, ticksPerBar: 48) != notes(plain[0], .drums, bar: 3, ticksPerBar: 48))
    }
}
