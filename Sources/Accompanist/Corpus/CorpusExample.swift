import Arrangement
import MusicTheory

/// One aligned training example: eight bars of chart and the four parts MMA played over them.
/// `CorpusWriter` documents the JSON it becomes.
public struct CorpusExample: Sendable {
    /// A chord change inside the example: its tick from the example's start, and the chord.
    public struct ChordChange: Sendable, Hashable {
        public let tick: Int
        public let chord: ChartChord
    }

    /// `TEMPLATE-KEY-WINDOW`, e.g. `ii-V-I-00042-Eb-1`.
    public let id: String
    public let template: String
    public let idiom: Idiom
    public let key: Key
    public let meter: Meter
    /// Quarter notes per minute.
    public let tempo: Int
    public let style: CorpusStyle
    public let groove: String
    /// The example's eight bars as a chart (key, meter, tempo and style in its header).
    public let chart: Chart
    public let chords: [ChordChange]
    public let complexity: Double
    public let swing: Double
    /// One flag per bar: played by the family's fill groove.
    public let fills: [Bool]
    /// Notes per part in corpus ticks (12 a quarter note) from the example's start, sorted.
    public let notes: [Instrument: [Note]]

    /// Notes of all four parts: what `density` ranks.
    public var onsetCount: Int { notes.values.reduce(0) { $0 + $1.count } }
}

/// Minimal JSON text for the corpus files: fixed key order and fixed number formats, so the same
/// corpus is the same bytes.
enum JSONText {
    static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A number in 0…1 with exactly four decimals (`0.6250`, `1.0000`): always six characters.
    static func unit(_ value: Double) -> String {
        let scaled = Int((min(max(value, 0), 1) * 10_000).rounded())
        return "\(scaled / 10_000).\(zeroPadded(scaled % 10_000, width: 4))"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}

extension CorpusExample {
    /// The example's JSON line in two parts around the density value, which is only known when
    /// the whole corpus is (see `CorpusWriter`).
    func jsonParts() -> (head: String, tail: String) {
        let chordItems = chords.map { "{\"tick\":\($0.tick),\"symbol\":\(JSONText.quoted($0.chord.description))}" }
        var head = "{\"id\":\(JSONText.quoted(id)),\"template\":\(JSONText.quoted(template))"
        head += ",\"idiom\":\(JSONText.quoted(idiom.rawValue)),\"key\":\(JSONText.quoted(key.description))"
        head += ",\"meterNumerator\":\(meter.beats),\"meterDenominator\":\(meter.unit),\"tempo\":\(tempo)"
        head += ",\"style\":\(JSONText.quoted(style.rawValue)),\"groove\":\(JSONText.quoted(groove))"
        head += ",\"bars\":\(chart.bars.count),\"chart\":\(JSONText.quoted(chart.text))"
        head += ",\"chords\":\(JSONText.array(chordItems)),\"density\":"
        var tail = ",\"complexity\":\(JSONText.unit(complexity)),\"swing\":\(JSONText.unit(swing))"
        tail += ",\"fills\":\(JSONText.array(fills.map { $0 ? "true" : "false" })),\"notes\":{"
        tail += Instrument.allCases.map { part in
            let items = (notes[part] ?? []).map { "[\($0.start),\($0.duration),\($0.pitch),\($0.velocity)]" }
            return JSONText.quoted(part.rawValue) + ":" + JSONText.array(items)
        }.joined(separator: ",")
        return (head, tail + "}}\n")
    }
}
