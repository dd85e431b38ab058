import MusicTheory
import Tensor

/// One progression before transposition: the unit the corpus is split by, so that no progression
/// is heard in two splits, in any key.
public struct ProgressionTemplate: Sendable, Hashable {
    /// `IDIOM-NNNNN`, e.g. `ii-V-I-00042`: unique within a corpus.
    public let id: String
    public let idiom: Idiom
    /// The progression in C or C minor (`key:` set), in the idiom's meter, at most 16 bars.
    public let chart: Chart

    public var key: Key { chart.key ?? Key(NoteName(.c)) }

    /// The progression with its key taken out: meter, then per chord its root and bass in
    /// semitones above the first chord's root, its tones and its beats. Templates that are one
    /// progression in two keys (`Am F C G` and `Cm Ab Eb Bb`) have the same signature.
    public var signature: String { Self.signature(of: chart) }

    static func signature(of chart: Chart) -> String {
        let spans = chart.bars.flatMap(\.spans)
        let reference = spans.lazy.compactMap(\.chord.symbol).first?.root.pitchClass ?? PitchClass(0)
        let items = spans.map { span -> String in
            guard let chord = span.chord.symbol else { return "NC:\(span.beats)" }
            let tones = chord.tones.map(\.rawValue).sorted().map(String.init).joined(separator: ".")
            let root = chord.root.pitchClass.semitones(above: reference)
            return "\(root):\(tones):\(chord.bass.pitchClass.semitones(above: reference)):\(span.beats)"
        }
        return "\(chart.meter) " + items.joined(separator: " ")
    }
}

/// Writes distinct progression templates: stock forms of each idiom, varied (see
/// `ProgressionVariation`), no two the same progression in any keys (see `signature`).
public enum ProgressionGenerator {
    /// Up to `count` distinct templates drawn from `seed`, in a fixed order; fewer only when the
    /// idioms cannot yield that many distinct progressions (tens of thousands can be had).
    public static func templates(count: Int, seed: UInt64) -> [ProgressionTemplate] {
        var random = RandomSource(seed: seed)
        var templates: [ProgressionTemplate] = []
        var seen: Set<String> = []
        var attempts = 0
        while templates.count < count, attempts < count * 50 + 1000 {
            attempts += 1
            let idiom = pickIdiom(&random)
            let forms = idiom.forms
            let form = forms[min(Int(random.nextUnit() * Double(forms.count)), forms.count - 1)]
            guard let chart = chart(of: form, idiom: idiom, random: &random),
                  seen.insert(ProgressionTemplate.signature(of: chart)).inserted
            else { continue }
            let id = idiom.rawValue + "-" + zeroPadded(templates.count + 1, width: 5)
            templates.append(ProgressionTemplate(id: id, idiom: idiom, chart: chart))
        }
        return templates
    }

    /// The form varied once, as a chart in C or C minor.
    static func chart(of form: ProgressionForm, idiom: Idiom, random: inout RandomSource) -> Chart? {
        guard let bars = form.bars else { return nil }
        var variation = ProgressionVariation(idiom: idiom, minor: form.minor, random: random)
        let varied = variation.vary(bars)
        random = variation.random
        let lines = ["key: \(form.key)", "meter: \(idiom.meter)", ""]
            + varied.map { "| " + $0.map(\.description).joined(separator: " ") + " |" }
        return try? Chart(parsing: lines.joined(separator: "\n"))
    }

    private static func pickIdiom(_ random: inout RandomSource) -> Idiom {
        let total = Idiom.allCases.reduce(0) { $0 + $1.weight }
        var point = random.nextUnit() * total
        for idiom in Idiom.allCases {
            point -= idiom.weight
            if point < 0 { return idiom }
        }
        return .popLoop
    }
}

/// `value` in decimal with leading zeros to `width` digits.
func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
