import Arrangement
import Foundation

/// Writes a corpus directory: the contract the model's piano-roll codec and trainer read.
///
/// `DIR/manifest.json`:
///
///     {"version":1, "seed":S, "ticksPerQuarter":12, "styles":[every style label],
///      "counts":{"train":N,"validation":N,"test":N},
///      "templates":{"train":[template ids],"validation":[…],"test":[…]},
///      "grooves":{"<MMA groove>":"<style>", …}}
///
/// `grooves` lists every groove the corpus used, fill grooves included.
///
/// `DIR/train.jsonl`, `DIR/validation.jsonl`, `DIR/test.jsonl`: one example a line, keys in this
/// order:
///
///     {"id":"ii-V-I-00042-Eb-1","template":"ii-V-I-00042","idiom":"ii-V-I","key":"Eb",
///      "meterNumerator":4,"meterDenominator":4,"tempo":120,"style":"swing","groove":"SwingPlus",
///      "bars":8,"chart":"<chart text as ChartPrinter prints it>",
///      "chords":[{"tick":0,"symbol":"Fm7"},…],"density":0.6300,"complexity":0.6667,"swing":0.8000,
///      "fills":[false,…],"notes":{"bass":[[start,length,pitch,velocity],…],"keys":[…],"pad":[…],"drums":[…]}}
///
/// - Times are integer ticks at 12 a quarter note from the example's start, rounded to the
///   nearest tick; lengths are at least 1 and end by the example's end. Every example is 8 bars,
///   cut from a render of 12 or 16 bars every 4 bars (see `CorpusPlan`, `CorpusWindowing`).
/// - The meter is the chart's: 4/4, 3/4, 5/4 or 6/8; a 6/8 bar is 3 quarter notes (36 ticks)
///   whatever MMA's file counts (see `GrooveFamily`); 12/8 grooves are 4/4.
/// - `key` is the key the progression was rendered in (`Eb`, `C#m`); `chart` is the 8 bars with
///   key, meter, tempo and style in its header; `chords` lists each chord change, canonical names
///   (`N.C.` for no chord) that `ChordSymbol(parsing:)` reads.
/// - Pitches are MIDI notes; drums are General MIDI drum notes as MMA played them (channel 10).
///   Parts come from MMA's tracks by `MMATrackMapping`.
/// - `density`: the example's note count (all four parts) as a percentile rank among the examples
///   of its style in the whole corpus (`DensityRank`); `complexity`: from the groove's name,
///   plain 0, `Sus` 1/3, `Plus` 2/3, both 1 (`GrooveFamily.complexity(ofGroove:)`); `swing`: share
///   of off-beat eighths played on the triplet, 0 when there are none (`CorpusWindowing.swing`).
///   All three are written with four decimals.
/// - `fills`: per bar, whether the family's fill groove played it.
///
/// Examples go to hidden `.SPLIT.jsonl.partial` files as they come, with a placeholder density;
/// `finish` ranks the densities, writes them in place, and renames the files into place.
public final class CorpusWriter {
    private struct Pending {
        let split: CorpusSplit
        let offset: UInt64
        let style: CorpusStyle
        let onsets: Int
    }

    public let directory: URL
    private var handles: [CorpusSplit: FileHandle] = [:]
    private var written: [CorpusSplit: UInt64] = [:]
    private var pending: [Pending] = []
    private var grooves: [String: CorpusStyle] = [:]

    public init(directory: URL) throws(CorpusError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CorpusError("cannot write the corpus to \(directory.path): \(error.localizedDescription)")
        }
        for split in CorpusSplit.allCases {
            let url = partialURL(split)
            guard FileManager.default.createFile(atPath: url.path, contents: nil),
                  let handle = try? FileHandle(forWritingTo: url)
            else { throw CorpusError("cannot write \(url.path)") }
            handles[split] = handle
            written[split] = 0
        }
    }

    /// Appends one example to its split's file.
    public func append(_ example: CorpusExample, split: CorpusSplit, fill: String?) throws(CorpusError) {
        let parts = example.jsonParts()
        let offset = (written[split] ?? 0) + UInt64(parts.head.utf8.count)
        let line = Data((parts.head + JSONText.unit(0) + parts.tail).utf8)
        try perform("write") { try handles[split]?.write(contentsOf: line) }
        written[split, default: 0] += UInt64(line.count)
        pending.append(Pending(split: split, offset: offset, style: example.style, onsets: example.onsetCount))
        grooves[example.groove] = example.style
        if let fill, example.fills.contains(true) { grooves[fill] = example.style }
    }

    /// Ranks densities, completes the split files and writes the manifest.
    public func finish(plan: CorpusPlan) throws(CorpusError) -> CorpusSummary {
        try writeDensities()
        for split in CorpusSplit.allCases {
            try perform("close") { try handles[split]?.close() }
            let final = directory.appendingPathComponent("\(split.rawValue).jsonl")
            try perform("rename") {
                if FileManager.default.fileExists(atPath: final.path) { try FileManager.default.removeItem(at: final) }
                try FileManager.default.moveItem(at: partialURL(split), to: final)
            }
        }
        let summary = CorpusSummary(
            counts: Dictionary(grouping: pending, by: \.split).mapValues(\.count),
            styleCounts: Dictionary(grouping: pending, by: \.style).mapValues(\.count))
        let manifest = manifestText(plan: plan, summary: summary)
        let path = directory.appendingPathComponent("manifest.json").path
        do {
            try writeFileAtomically(Array(manifest.utf8), to: path)
        } catch {
            throw CorpusError(error.description)
        }
        return summary
    }

    private func writeDensities() throws(CorpusError) {
        var byStyle: [CorpusStyle: [Int]] = [:]
        for (index, item) in pending.enumerated() { byStyle[item.style, default: []].append(index) }
        for indices in byStyle.values {
            let densities = DensityRank.percentiles(indices.map { pending[$0].onsets })
            for (index, density) in zip(indices, densities) {
                let item = pending[index]
                try perform("write") {
                    try handles[item.split]?.seek(toOffset: item.offset)
                    try handles[item.split]?.write(contentsOf: Data(JSONText.unit(density).utf8))
                }
            }
        }
    }

    private func manifestText(plan: CorpusPlan, summary: CorpusSummary) -> String {
        let splits = CorpusSplit.allCases
        let counts = splits.map { "\(JSONText.quoted($0.rawValue)):\(summary.counts[$0] ?? 0)" }
        let templates = splits.map { split in
            JSONText.quoted(split.rawValue) + ":" + JSONText.array(plan.templateIDs(in: split).map(JSONText.quoted))
        }
        let grooveItems = grooves.sorted { $0.key < $1.key }.map {
            JSONText.quoted($0.key) + ":" + JSONText.quoted($0.value.rawValue)
        }
        let lines = [
            "\"version\":1", "\"seed\":\(plan.seed)", "\"ticksPerQuarter\":\(CorpusWindowing.ticksPerQuarter)",
            "\"styles\":" + JSONText.array(CorpusStyle.allCases.map { JSONText.quoted($0.rawValue) }),
            "\"counts\":{" + counts.joined(separator: ",") + "}",
            "\"templates\":{" + templates.joined(separator: ",") + "}",
            "\"grooves\":{" + grooveItems.joined(separator: ",") + "}",
        ]
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    private func partialURL(_ split: CorpusSplit) -> URL {
        directory.appendingPathComponent(".\(split.rawValue).jsonl.partial")
    }

    private func perform(_ what: String, _ body: () throws -> Void) throws(CorpusError) {
        do {
            try body()
        } catch {
            throw CorpusError("cannot \(what) the corpus files in \(directory.path): \(error.localizedDescription)")
        }
    }
}

/// How many examples a corpus holds, per split and per style.
public struct CorpusSummary: Sendable {
    public let counts: [CorpusSplit: Int]
    public let styleCounts: [CorpusStyle: Int]

    public var total: Int { counts.values.reduce(0, +) }
}
