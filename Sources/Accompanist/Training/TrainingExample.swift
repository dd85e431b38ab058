import Arrangement
import Foundation
import MusicTheory

/// One aligned example of the corpus (see `sideman corpus`): an 8-bar window of a chart, its
/// style and controls, and the notes MMA played, on the roll's grid of 12 ticks per quarter.
public struct TrainingExample: Sendable, Equatable {
    public let id: String
    public let template: String
    public let style: String
    /// The MMA groove that played it, and the chart text it played.
    public let groove: String
    public let chart: String
    public let sheet: LeadSheet
    public let tracks: [Track]
    public let density: Float
    public let complexity: Float
    public let swing: Float

    public var controls: GenerationControls {
        GenerationControls(style: style, density: density, complexity: complexity, swing: swing)
    }
}

/// A corpus file that cannot be read, with where and why: `train.jsonl:12: field 'chords': …`.
public struct CorpusFileError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let field: String
    public let message: String
    public var description: String { "\(file):\(line): field '\(field)': \(message)" }
}

extension TrainingExample {
    /// The JSON of one line, as `sideman corpus` writes it.
    struct Line: Decodable {
        struct Chord: Decodable { let tick: Int; let symbol: String }
        struct Notes: Decodable { let bass: [[Int]]; let keys: [[Int]]; let pad: [[Int]]; let drums: [[Int]] }
        let id: String
        let template: String
        let style: String
        let groove: String
        let chart: String
        let meterNumerator: Int
        let meterDenominator: Int
        let bars: Int
        let chords: [Chord]
        let density: Float
        let complexity: Float
        let swing: Float
        let fills: [Bool]
        let notes: Notes
    }

    /// Reads a JSON Lines file of examples; the first bad line stops it with a `CorpusFileError`.
    public static func read(contentsOf path: String) throws(CorpusFileError) -> [TrainingExample] {
        let name = path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CorpusFileError(file: name, line: 0, field: "file", message: "cannot be read")
        }
        var examples: [TrainingExample] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            examples.append(try parse(Data(line.utf8), decoder: decoder, file: name, line: index + 1))
        }
        return examples
    }

    static func parse(_ json: Data, decoder: JSONDecoder, file: String, line: Int) throws(CorpusFileError) -> TrainingExample {
        func fail(_ field: String, _ message: String) -> CorpusFileError { CorpusFileError(file: file, line: line, field: field, message: message) }
        let raw: Line
        do { raw = try decoder.decode(Line.self, from: json) } catch let DecodingError.keyNotFound(key, _) {
            throw fail(key.stringValue, "missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw fail(context.codingPath.map(\.stringValue).joined(separator: "."), "wrong type")
        } catch {
            throw fail("line", "not a JSON object of an example")
        }
        guard let meter = Meter(beats: raw.meterNumerator, unit: raw.meterDenominator), LeadSheet.supports(meter) else {
            throw fail("meterNumerator", "meter \(raw.meterNumerator)/\(raw.meterDenominator) is not one the model plays")
        }
        guard (1...64).contains(raw.bars) else { throw fail("bars", "\(raw.bars) bars") }
        var changes: [LeadSheet.Change] = []
        for chord in raw.chords {
            if chord.symbol == "N.C." || chord.symbol == "NC" {
                changes.append(LeadSheet.Change(tick: chord.tick, chord: .noChord))
                continue
            }
            guard let symbol = try? ChordSymbol(parsing: chord.symbol) else { throw fail("chords", "unknown chord '\(chord.symbol)'") }
            changes.append(LeadSheet.Change(tick: chord.tick, chord: .chord(symbol)))
        }
        let sheet = LeadSheet(meter: meter, bars: raw.bars, changes: changes,
                              fills: Set(raw.fills.enumerated().filter(\.element).map(\.offset)))
        var tracks: [Track] = []
        for (instrument, rows) in [(Instrument.bass, raw.notes.bass), (.keys, raw.notes.keys), (.pad, raw.notes.pad), (.drums, raw.notes.drums)] {
            var notes: [Note] = []
            for row in rows {
                guard row.count == 4, row[0] >= 0, row[1] >= 1, (0...127).contains(row[2]), (1...127).contains(row[3]) else {
                    throw fail("notes.\(instrument.rawValue)", "note \(row) is not [start, length, pitch, velocity]")
                }
                notes.append(Note(pitch: row[2], velocity: row[3], start: row[0], duration: row[1]))
            }
            tracks.append(Track(instrument, notes: notes))
        }
        return TrainingExample(id: raw.id, template: raw.template, style: raw.style, groove: raw.groove, chart: raw.chart,
                               sheet: sheet, tracks: tracks,
                               density: raw.density, complexity: raw.complexity, swing: raw.swing)
    }
}
