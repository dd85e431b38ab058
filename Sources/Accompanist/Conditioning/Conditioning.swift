import Glibc
import MusicTheory
import Tensor

/// What the musician asks of a take besides the chords: the style and the generator controls.
public struct GenerationControls: Sendable, Equatable, Codable {
    /// A style the model knows (see the model's `styles`), or nil for none in particular.
    public var style: String?
    /// 0...1: how many notes, relative to what the style usually plays.
    public var density: Float
    /// 0...1: plain to busy variations (MMA's plain, plus and sus variants in the corpus).
    public var complexity: Float
    /// 0...1: straight to fully swung eighths.
    public var swing: Float

    public init(style: String? = nil, density: Float = 0.5, complexity: Float = 0.3, swing: Float = 0.5) {
        self.style = style
        self.density = density
        self.complexity = complexity
        self.swing = swing
    }
}

/// The per-token features the denoiser reads beside the noisy roll: the chord at each half of the
/// token, where the token sits in the bar and the phrase, the meter, and whether its bar is a fill.
///
/// Chord features, for each half of the token (ticks 0 and 6): the root (12, one-hot), a no-chord
/// flag, the bass relative to the root (12, one-hot), the chord's pitch classes relative to the
/// root (12), and whether a change falls in that half. Dropping the chords (for classifier-free
/// guidance) zeroes those 76 values, which no real chord or N.C. does.
public enum TokenFeatures {
    public static let chordWidth = 38
    public static let chordFeatures = 2 * chordWidth
    static let tokenInBar = chordFeatures          // 8, one-hot
    static let barInPhrase = tokenInBar + 8        // 8, one-hot (bar mod 8)
    static let meterFeatures = barInPhrase + 8     // 6, one-hot
    static let fillFeature = meterFeatures + 6
    static let lastBarFeature = fillFeature + 1
    public static let count = lastBarFeature + 1

    /// The meters the model tells apart; any other meter of whole quarters reads as the last.
    public static let meters = ["3/4", "4/4", "5/4", "6/8", "12/8", "other"]

    /// Writes (tokens × count) features for the sheet into `out`.
    public static func write(_ sheet: LeadSheet, into out: UnsafeMutablePointer<Float>) {
        out.update(repeating: 0, count: sheet.tokens * count)
        let meterIndex = meters.firstIndex(of: sheet.meter.description) ?? meters.count - 1
        for token in 0..<sheet.tokens {
            let row = out + token * count
            let bar = token / sheet.tokensPerBar
            for half in 0..<2 { writeChord(sheet, tick: token * RollLayout.ticksPerToken + half * 6, into: row + half * chordWidth) }
            row[tokenInBar + min(token % sheet.tokensPerBar, 7)] = 1
            row[barInPhrase + bar % 8] = 1
            row[meterFeatures + meterIndex] = 1
            if sheet.fills.contains(bar) { row[fillFeature] = 1 }
            if bar == sheet.bars - 1 { row[lastBarFeature] = 1 }
        }
    }

    /// Zeroes the chord features of every token: the unconditional input of guidance.
    public static func dropChords(_ features: UnsafeMutablePointer<Float>, tokens: Int) {
        for token in 0..<tokens { (features + token * count).update(repeating: 0, count: chordFeatures) }
    }

    private static func writeChord(_ sheet: LeadSheet, tick: Int, into row: UnsafeMutablePointer<Float>) {
        let index = sheet.changeIndex(atTick: tick)
        let change = sheet.changes[index]
        // A change in this half: the chord starting here, or the next one starting within 6 ticks.
        let next = index + 1 < sheet.changes.count ? sheet.changes[index + 1].tick : Int.max
        if change.tick == tick || (next > tick && next < tick + 6) { row[37] = 1 }
        guard let symbol = change.chord.symbol else {
            row[12] = 1
            return
        }
        let root = symbol.root.pitchClass
        row[root.value] = 1
        row[13 + symbol.bass.pitchClass.semitones(above: root)] = 1
        for pitchClass in symbol.pitchClasses { row[25 + pitchClass.semitones(above: root)] = 1 }
    }
}

/// The per-sequence conditioning: style and controls, and the diffusion time.
public enum GlobalFeatures {
    /// density, complexity, swing.
    public static let controls = 3
    /// Width of the sinusoidal embedding of the diffusion time.
    public static let timeEmbedding = 64

    /// sin/cos of t·1000 at geometrically spaced frequencies (as DDPM embeds its step).
    public static func embedTime<T: BinaryFloatingPoint>(_ t: Double, into out: UnsafeMutablePointer<T>) {
        let half = timeEmbedding / 2
        for i in 0..<half {
            let frequency = Double.exp(-Double.log(10_000) * Double(i) / Double(half))
            let angle = t * 1000 * frequency
            out[i] = T(sin(angle))
            out[half + i] = T(cos(angle))
        }
    }
}
