/// A major or minor key: a spelled tonic and a mode. Gives the key signature and spells pitch
/// classes the way a chart in that key would.
public struct Key: Hashable, Sendable, CustomStringConvertible {
    public var tonic: NoteName
    public var isMinor: Bool

    public init(_ tonic: NoteName, minor: Bool = false) {
        self.tonic = tonic
        self.isMinor = minor
    }

    /// Parses `Bb`, `B♭`, `Gm`, `G minor`, `F# major`, `Ebmin`, `C-`.
    public init?(_ text: String) {
        var scanner = SymbolScanner(text.trimmingWhitespace())
        guard let tonic = scanner.noteName() else { return nil }
        let rest = scanner.remainder.trimmingWhitespace()
        // Case matters for the single letter: `M` is major, `m` minor.
        if rest == "M" { self.init(tonic, minor: false); return }
        switch rest.lowercased() {
        case "", "maj", "major": self.init(tonic, minor: false)
        case "m", "min", "minor", "-": self.init(tonic, minor: true)
        default: return nil
        }
    }

    /// `Bb` for B-flat major, `Gm` for G minor: the form a chart's `key:` header takes.
    public var description: String { tonic.description + (isMinor ? "m" : "") }

    /// Sharps (positive) or flats (negative) in the key signature: D major is 2, E♭ major -3, G minor -2.
    public var signature: Int {
        let letterFifths = [0, 2, 4, -1, 1, 3, 5][tonic.letter.rawValue]
        return letterFifths + 7 * tonic.accidental - (isMinor ? 3 : 0)
    }

    public var prefersFlats: Bool { signature < 0 }

    public var scale: Scale { Scale(tonic, isMinor ? .naturalMinor : .major) }

    /// Spells a pitch class in this key: scale notes by the key signature; chromatic notes as
    /// ♭2 ♭3 ♯4 ♭6 ♭7 or 3 6 7 above the tonic, then without double accidentals.
    public func spelling(of pitchClass: PitchClass) -> NoteName {
        let diatonic = scale.notes
        if let note = diatonic.first(where: { $0.pitchClass == pitchClass }) {
            return abs(note.accidental) <= 1 ? note : note.simplified(preferFlats: prefersFlats)
        }
        let chromatic: [Interval] = [
            .unison, .minorSecond, .majorSecond, .minorThird, .majorThird, .perfectFourth,
            .augmentedFourth, .perfectFifth, .minorSixth, .majorSixth, .minorSeventh, .majorSeventh,
        ]
        let note = tonic.transposed(by: chromatic[pitchClass.semitones(above: tonic.pitchClass)])
        return note.simplified(preferFlats: prefersFlats)
    }

    /// The key `semitones` away, spelled with the fewer accidentals (D♭, not C♯; a tie goes flat).
    public func transposed(bySemitones semitones: Int) -> Key {
        let pitchClass = tonic.pitchClass.transposed(by: semitones)
        let candidates = [NoteName.spelling(of: pitchClass, preferFlats: true), NoteName.spelling(of: pitchClass, preferFlats: false)]
            .map { Key($0, minor: isMinor) }
        return candidates.min { abs($0.signature) < abs($1.signature) } ?? self
    }

    /// The most likely key of a pitch-class weight profile (durations), by correlation with the
    /// Krumhansl–Kessler major and minor profiles.
    public static func estimate(from weights: [Double]) -> Key {
        precondition(weights.count == 12, "Key.estimate needs 12 pitch-class weights")
        let major = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
        let minor = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]
        var best = (score: -Double.infinity, key: Key(NoteName(.c)))
        for isMinor in [false, true] {
            for tonic in 0..<12 {
                let profile = (0..<12).map { (isMinor ? minor : major)[($0 - tonic + 12) % 12] }
                let score = correlation(weights, profile)
                if score > best.score {
                    let name = NoteName.spelling(of: PitchClass(tonic), preferFlats: true)
                    best = (score, Key(name, minor: isMinor).transposed(bySemitones: 0))
                }
            }
        }
        return best.key
    }

    private static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let meanA = a.reduce(0, +) / 12, meanB = b.reduce(0, +) / 12
        var numerator = 0.0, sumA = 0.0, sumB = 0.0
        for i in 0..<12 {
            numerator += (a[i] - meanA) * (b[i] - meanB)
            sumA += (a[i] - meanA) * (a[i] - meanA)
            sumB += (b[i] - meanB) * (b[i] - meanB)
        }
        let denominator = (sumA * sumB).squareRoot()
        return denominator > 0 ? numerator / denominator : 0
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
