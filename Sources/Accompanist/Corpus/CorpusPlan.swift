import MusicTheory
import Tensor

/// The three parts of the corpus. A progression template belongs to exactly one.
public enum CorpusSplit: String, CaseIterable, Sendable {
    case train, validation, test
}

/// One MMA render: a template in a key, played by one groove (with fill bars), cut afterwards
/// into 8-bar windows at 4-bar steps.
public struct RenderJob: Sendable {
    /// Position in the plan: renders are written in this order whatever order they finish in.
    public let index: Int
    public let template: ProgressionTemplate
    public let split: CorpusSplit
    public let key: Key
    public let style: CorpusStyle
    public let family: GrooveFamily
    public let groove: String
    /// Quarter notes per minute.
    public let tempo: Int
    /// 0-based bars played by the family's fill groove instead of `groove`.
    public let fillBars: Set<Int>
    /// MMA's `RndSeed`, so the render repeats exactly.
    public let mmaSeed: Int
    /// The template in `key`, repeated to 12 or 16 bars, with tempo and style in its header.
    public let chart: Chart

    /// 8-bar windows starting every 4 bars.
    public var windowCount: Int { (chart.bars.count - CorpusPlan.windowBars) / CorpusPlan.windowStep + 1 }

    /// `TEMPLATE in KEY with GROOVE`, for progress and error messages.
    public var summary: String { "\(template.id) in \(key) with \(groove)" }
}

/// Everything the corpus will hold, decided from the seed before anything is rendered: the
/// templates, their split, and one render per template and key with its style, groove, tempo
/// and fill bars.
///
/// Splits are drawn per idiom (10% validation, 10% test, the rest train), so every idiom, and
/// through the idioms every style, reaches the held-out sets. Each template is rendered in
/// `keysPerProgression` keys drawn from the twelve. Styles are drawn from those the idiom suits
/// in its meter, the rarer-used first, and within a style the least-used groove file.
public struct CorpusPlan: Sendable {
    public static let windowBars = 8
    public static let windowStep = 4
    public static let heldOutShare = 0.1

    public let seed: UInt64
    public let templates: [ProgressionTemplate]
    public let splits: [String: CorpusSplit]
    public let jobs: [RenderJob]

    public init(seed: UInt64, progressions: Int, keysPerProgression: Int) {
        self.seed = seed
        templates = ProgressionGenerator.templates(count: progressions, seed: seed)
        var random = RandomSource(seed: seed ^ 0x5_1157)
        splits = Self.assignSplits(templates, random: &random)
        var chooser = RenderChooser(random: RandomSource(seed: seed ^ 0x9_2004))
        var jobs: [RenderJob] = []
        for template in templates {
            for key in chooser.keys(for: template, count: keysPerProgression) {
                let split = splits[template.id] ?? .train
                jobs.append(chooser.job(index: jobs.count, template: template, split: split, key: key))
            }
        }
        self.jobs = jobs
    }

    /// Examples the plan will write.
    public var exampleCount: Int { jobs.reduce(0) { $0 + $1.windowCount } }

    /// The ids of the templates in a split, in plan order.
    public func templateIDs(in split: CorpusSplit) -> [String] {
        templates.map(\.id).filter { splits[$0] == split }
    }

    private static func assignSplits(
        _ templates: [ProgressionTemplate], random: inout RandomSource
    ) -> [String: CorpusSplit] {
        var result: [String: CorpusSplit] = [:]
        for idiom in Idiom.allCases {
            let ids = templates.filter { $0.idiom == idiom }.map(\.id).shuffled(using: &random)
            let heldOut = ids.count >= 3 ? max(1, Int((Double(ids.count) * heldOutShare).rounded())) : 0
            for (position, id) in ids.enumerated() {
                result[id] = position < heldOut ? .validation : position < 2 * heldOut ? .test : .train
            }
        }
        return result
    }
}

/// The seeded choices of each render, balancing styles and groove files as it goes.
struct RenderChooser {
    var random: RandomSource
    private var styleUses: [CorpusStyle: Int] = [:]
    private var familyUses: [String: Int] = [:]

    init(random: RandomSource) { self.random = random }

    /// `count` different keys of the template's mode (all twelve when `count` is 12 or more).
    mutating func keys(for template: ProgressionTemplate, count: Int) -> [Key] {
        let offsets = Array(0..<12).shuffled(using: &random).prefix(max(1, min(count, 12)))
        return offsets.map { template.key.transposed(bySemitones: $0) }
    }

    mutating func job(index: Int, template: ProgressionTemplate, split: CorpusSplit, key: Key) -> RenderJob {
        let style = pickStyle(for: template.idiom)
        let family = pickFamily(style, in: template.idiom.meter)
        let groove = family.grooves[pickIndex(family.grooves.count)]
        let chart = renderChart(template, in: key, style: style, tempo: pickTempo(family.tempoRange))
        return RenderJob(
            index: index, template: template, split: split, key: key, style: style, family: family, groove: groove,
            tempo: Int(chart.tempo), fillBars: pickFills(family, bars: chart.bars.count),
            mmaSeed: Int(random.next() & 0x7FFF_FFFF), chart: chart)
    }

    /// The template in `key`, repeated until it is at least 12 bars and a whole number of 4-bar
    /// phrases long (templates are 2, 4, 8, 12 or 16 bars: renders are 12 or 16).
    func renderChart(_ template: ProgressionTemplate, in key: Key, style: CorpusStyle, tempo: Int) -> Chart {
        var chart = (try? template.chart.transposed(to: key)) ?? template.chart
        let length = chart.bars.count
        var repeats = max(1, (12 + length - 1) / length)
        while (repeats * length) % CorpusPlan.windowStep != 0 { repeats += 1 }
        chart.bars = Array(repeating: chart.bars, count: repeats).flatMap { $0 }
        chart.tempo = Double(tempo)
        chart.style = style.rawValue
        return chart
    }

    private mutating func pickIndex(_ count: Int) -> Int { min(Int(random.nextUnit() * Double(count)), count - 1) }

    private mutating func pickStyle(for idiom: Idiom) -> CorpusStyle {
        let available = GrooveCatalog.styles(in: idiom.meter)
        let styles = idiom.styles.filter(available.contains)
        let weights = styles.map { 1 / pow2(1 + Double(styleUses[$0, default: 0])) }
        var point = random.nextUnit() * weights.reduce(0, +)
        var chosen = styles.last ?? .pop
        for (style, weight) in zip(styles, weights) {
            point -= weight
            if point < 0 { chosen = style; break }
        }
        styleUses[chosen, default: 0] += 1
        return chosen
    }

    private mutating func pickFamily(_ style: CorpusStyle, in meter: Meter) -> GrooveFamily {
        let families = GrooveCatalog.families(style, in: meter)
        let fewest = families.map { familyUses[$0.file, default: 0] }.min() ?? 0
        let candidates = families.filter { familyUses[$0.file, default: 0] == fewest }
        guard !candidates.isEmpty else { return GrooveCatalog.families[0] }
        let family = candidates[pickIndex(candidates.count)]
        familyUses[family.file, default: 0] += 1
        return family
    }

    private mutating func pickTempo(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + 2 * pickIndex((range.upperBound - range.lowerBound) / 2 + 1)
    }

    /// Fills at some phrase ends (the fourth bar of a phrase), and now and then anywhere, for
    /// seven renders in ten of families that have a fill groove.
    private mutating func pickFills(_ family: GrooveFamily, bars: Int) -> Set<Int> {
        guard family.fill != nil, random.nextUnit() < 0.7 else { return [] }
        var fills: Set<Int> = []
        for bar in 0..<bars {
            let phraseEnd = bar % 4 == 3
            if random.nextUnit() < (phraseEnd ? 0.35 : 0.03) { fills.insert(bar) }
        }
        return fills
    }
}

private func pow2(_ value: Double) -> Double { value * value }
