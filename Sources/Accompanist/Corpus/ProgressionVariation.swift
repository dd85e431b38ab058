import MusicTheory
import Tensor

/// Turns a stock form into one of many distinct progressions: harmonic rhythm (bars stretched or
/// paired), colour (sevenths, 9/11/13, altered dominants, add9, sus), substitutions (tritone
/// substitutes, inserted secondary dominants, sus-to-dominant resolutions), slash chords
/// (inversions, `IV/5` for a dominant, bass lines) and, rarely, a no-chord break.
///
/// How much of each an idiom gets follows its `jazziness` and `slashRate`. Everything is drawn
/// from the generator passed in, so a seed gives the same progressions.
struct ProgressionVariation {
    let idiom: Idiom
    let minor: Bool
    var random: RandomSource

    /// Bar lengths a progression may end up with, so renders cut cleanly into 8-bar windows.
    static let allowedLengths: Set<Int> = [2, 4, 8, 12, 16]

    mutating func vary(_ form: [[ChordSymbol]]) -> [[ChartChord]] {
        var bars = rhythm(form)
        let colourRate = [0.0, 0.35, 0.75][Int(random.nextUnit() * 3)]
        bars = bars.map { $0.map { chance(colourRate) ? colour($0) : $0 } }
        bars = substitute(bars)
        bars = bars.map { $0.map { chance(idiom.slashRate) ? slash($0) : $0 } }
        var chart = bars.map { $0.map(ChartChord.chord) }
        if idiom.meter.beats % 2 == 0, chance(0.03), let last = chart.last, last.count == 1 {
            chart[chart.count - 1] = [last[0], .noChord]
        }
        return chart
    }

    private mutating func chance(_ probability: Double) -> Bool { random.nextUnit() < probability }

    private mutating func pick<T>(_ options: [T]) -> T {
        options[min(Int(random.nextUnit() * Double(options.count)), options.count - 1)]
    }

    // MARK: harmonic rhythm

    /// A short form may be stretched to two bars a chord; a longer one with a chord a bar may
    /// pair its bars (two chords a bar) in meters that split evenly.
    private mutating func rhythm(_ bars: [[ChordSymbol]]) -> [[ChordSymbol]] {
        var result = bars
        if bars.count <= 4, chance(0.3) {
            result = bars.flatMap { bar in bar.count == 1 ? [bar, bar] : bar.map { [$0] } }
        } else if bars.count >= 4, bars.count % 2 == 0, bars.allSatisfy({ $0.count == 1 }),
                  idiom.meter.beats != 3, chance(0.25) {
            result = stride(from: 0, to: bars.count, by: 2).map { bars[$0] + bars[$0 + 1] }
        }
        return Self.allowedLengths.contains(result.count) ? result : bars
    }

    // MARK: colour

    private mutating func colour(_ chord: ChordSymbol) -> ChordSymbol {
        let jazz = chance(idiom.jazziness)
        let options: [String]
        switch chord.tones {
        case ChordVocabulary.tones("") where chord.root.pitchClass.value == 7:
            options = ["7", "sus4", "add9", "9", "7sus4"]
        case ChordVocabulary.tones(""):
            options = jazz ? ["6", "maj7", "6/9", "maj9"] : ["add9", "sus2", "sus4", "6", "maj7"]
        case ChordVocabulary.tones("maj7"): options = ["maj9", "6/9", "maj7#11", "6", "maj13"]
        case ChordVocabulary.tones("7"):
            if minor || !jazz {
                options = minor ? ["7b9", "7alt", "7b13", "7#9", "7b9b13"] : ["9", "7sus4", "13", "9sus4"]
            } else {
                options = ["9", "13", "7b9", "7#9", "7b13", "7alt", "13b9", "7#11", "9sus4", "7sus4b9"]
            }
        case ChordVocabulary.tones("m"): options = jazz ? ["m7", "m9", "m6", "m11"] : ["m7", "madd9", "m9"]
        case ChordVocabulary.tones("m7"): options = ["m9", "m11", "m13"]
        case ChordVocabulary.tones("m7b5"): options = ["m9b5", "m7b5"]
        default: return chord
        }
        return chord.with(tones: ChordVocabulary.tones(pick(options)))
    }

    // MARK: substitutions

    /// Tritone substitutes for dominants that fall a fifth, a secondary dominant slipped into the
    /// second half of a bar before its target, and a dominant bar that starts suspended.
    private mutating func substitute(_ bars: [[ChordSymbol]]) -> [[ChordSymbol]] {
        var result = bars
        for index in result.indices {
            let next = index + 1 < result.count ? result[index + 1].first : result.first?.first
            result[index] = result[index].enumerated().map { position, chord in
                let following = position + 1 < result[index].count ? result[index][position + 1] : next
                guard let following, chord.isDominant, chord.falls(to: following), chance(0.2 * idiom.jazziness) else {
                    return chord
                }
                return chord.tritoneSubstitute
            }
            result[index] = insertions(result[index], before: next)
        }
        return result
    }

    private mutating func insertions(_ bar: [ChordSymbol], before next: ChordSymbol?) -> [ChordSymbol] {
        guard bar.count == 1, idiom.meter.beats % 2 == 0 else { return bar }
        let chord = bar[0]
        if chord.tones == ChordVocabulary.tones("7"), chance(0.1) {
            return [chord.with(tones: ChordVocabulary.tones("7sus4")), chord]
        }
        if let next, !next.isDominant, next.root != chord.root, chance(0.15 * idiom.jazziness) {
            let tones = ChordVocabulary.tones(next.isMinor ? "7b9" : "7")
            let dominant = ChordSymbol(root: next.root.transposed(by: .perfectFifth).plain, tones: tones)
            return [chord, dominant]
        }
        return bar
    }

    // MARK: slash chords

    private mutating func slash(_ chord: ChordSymbol) -> ChordSymbol {
        guard chord.slashBass == nil else { return chord }
        if chord.isDominant {
            if chance(0.5) { return chord.over(.majorThird) }
            // The gospel dominant: the major triad a step below over the dominant's root (F/G).
            let root = chord.root.transposed(by: Interval(steps: -1, semitones: -2)).plain
            return ChordSymbol(root: root, tones: ChordVocabulary.tones(""), bass: chord.root)
        }
        switch chord.tones {
        case ChordVocabulary.tones(""): return chord.over(chance(0.6) ? .majorThird : .perfectFifth)
        case ChordVocabulary.tones("m7"): return chord.over(chance(0.5) ? .minorSeventh : .minorThird)
        case ChordVocabulary.tones("m"): return chord.over(chance(0.5) ? .minorThird : .perfectFifth)
        case ChordVocabulary.tones("maj7"): return chord.over(.majorThird)
        default: return chord
        }
    }
}

extension ChordSymbol {
    /// Whether the chord has a major third and a minor seventh: a dominant of some kind.
    var isDominant: Bool { tones.contains(.majorThird) && tones.contains(.minorSeventh) }

    /// Whether `next`'s root is a fifth below this chord's root (a dominant resolving).
    func falls(to next: ChordSymbol) -> Bool {
        next.root.pitchClass == root.pitchClass.transposed(by: -7)
    }

    /// The dominant a tritone away (D♭7 for G7), spelled with flats.
    var tritoneSubstitute: ChordSymbol {
        ChordSymbol(root: root.transposed(by: .diminishedFifth).plain, tones: tones)
    }

    func with(tones: Set<ChordTone>) -> ChordSymbol { ChordSymbol(root: root, tones: tones, bass: slashBass) }

    /// The chord over one of its own tones: `over(.majorThird)` of C is C/E.
    func over(_ interval: Interval) -> ChordSymbol {
        ChordSymbol(root: root, tones: tones, bass: root.transposed(by: interval).plain)
    }
}

extension NoteName {
    /// The same pitch class without double accidentals or E♯, B♯, C♭, F♭, leaning flat.
    var plain: NoteName { simplified(preferFlats: true) }
}
