/// What sounds over a stretch of time, reduced to weights per pitch class: all notes, and the
/// notes in the bass. Weights are any positive measure (beats times velocity, say).
public struct PitchProfile: Sendable, Equatable {
    public private(set) var weights = [Double](repeating: 0, count: 12)
    public private(set) var bassWeights = [Double](repeating: 0, count: 12)

    public init() {}

    /// A profile of simultaneous pitches (MIDI numbers) with weights; the lowest is the bass.
    public init(pitches: [(midi: Int, weight: Double)]) {
        for pitch in pitches { add(midi: pitch.midi, weight: pitch.weight) }
        if let lowest = pitches.min(by: { $0.midi < $1.midi }) { addBass(midi: lowest.midi, weight: lowest.weight) }
    }

    /// Adds weight to a pitch class (a negative weight takes some back, never below zero).
    public mutating func add(midi: Int, weight: Double) {
        guard weight.isFinite else { return }
        let index = PitchClass(midi: midi).value
        weights[index] = max(0, weights[index] + weight)
    }

    public mutating func addBass(midi: Int, weight: Double) {
        guard weight.isFinite, weight > 0 else { return }
        bassWeights[PitchClass(midi: midi).value] += weight
    }

    public var total: Double { weights.reduce(0, +) }

    public static func + (lhs: PitchProfile, rhs: PitchProfile) -> PitchProfile {
        var sum = lhs
        for i in 0..<12 {
            sum.weights[i] += rhs.weights[i]
            sum.bassWeights[i] += rhs.bassWeights[i]
        }
        return sum
    }

    /// What `lhs` holds beyond `rhs` (for spans taken from running totals); never below zero.
    public static func - (lhs: PitchProfile, rhs: PitchProfile) -> PitchProfile {
        var difference = lhs
        for i in 0..<12 {
            difference.weights[i] = max(0, lhs.weights[i] - rhs.weights[i])
            difference.bassWeights[i] = max(0, lhs.bassWeights[i] - rhs.bassWeights[i])
        }
        return difference
    }
}

/// Names the chord that best explains a pitch profile, by matching chord templates on all twelve
/// roots: credit for weight inside the chord, debit for weight outside it and for missing chord
/// tones, a bonus when the bass sits on the root, and a small cost for each extra tone so the
/// simpler of two equal explanations wins.
public enum ChordRecognizer {
    public struct Match: Sendable, Equatable {
        public let chord: ChordSymbol
        /// Higher is better; about 1 for a clean match of a chord with its root in the bass.
        public let score: Double
    }

    struct Template {
        let tones: Set<ChordTone>
        /// Semitones above the root of each tone, root included.
        let offsets: [Int]
        let cost: Double

        var isSuspended: Bool { tones.contains(.suspendedSecond) || tones.contains(.suspendedFourth) }
    }

    /// The chord kinds recognised; the cost keeps rarer kinds from winning ties.
    static let templates: [Template] = {
        let kinds: [(String, Double)] = [
            ("", 0), ("m", 0), ("7", 0.02), ("maj7", 0.03), ("m7", 0.03), ("m7b5", 0.05), ("dim", 0.06),
            ("dim7", 0.06), ("aug", 0.08), ("sus4", 0.06), ("sus2", 0.08), ("7sus4", 0.07), ("6", 0.05),
            ("m6", 0.06), ("9", 0.06), ("m9", 0.07), ("maj9", 0.07), ("mMaj7", 0.08), ("7b9", 0.08), ("5", 0.1),
        ]
        return kinds.compactMap { suffix, cost in
            guard let chord = try? ChordSymbol(parsing: "C" + suffix) else { return nil }
            let offsets = [0] + chord.tones.sorted().map { $0.interval.semitones % 12 }
            return Template(tones: chord.tones, offsets: offsets, cost: cost)
        }
    }()

    /// Weight a chord tone must reach (as a share of the whole) not to count as missing.
    static let presence = 0.03
    /// Share of the bass line a tone must have to count as half present.
    static let bassPresence = 0.2
    /// Songs mostly build chords on their key's scale: a small lean that settles near ties.
    static let diatonicRootBonus = 0.05
    static let bassBonus = 0.2
    /// Alternating basses (country, polka, waltz) and second inversions put the fifth in the bass.
    static let fifthBassBonus = 0.1

    /// The best-scoring chord, spelled in `key` (or plainly without one); nil when nothing sounds.
    public static func bestMatch(for profile: PitchProfile, key: Key? = nil) -> Match? {
        let total = profile.total
        guard total > 0 else { return nil }
        let weights = profile.weights.map { $0 / total }
        let bassTotal = profile.bassWeights.reduce(0, +)
        let bass = profile.bassWeights.map { bassTotal > 0 ? $0 / bassTotal : 0 }
        var best: (score: Double, root: Int, template: Template)?
        for root in 0..<12 {
            for template in templates {
                var score = self.score(template, root: root, weights: weights, bass: bass)
                if let scale = key?.scale, scale.contains(PitchClass(root)) { score += diatonicRootBonus }
                if best.map({ score > $0.score }) ?? true { best = (score, root, template) }
            }
        }
        guard let best else { return nil }
        return Match(chord: spell(best.template, root: best.root, bass: bass, key: key), score: best.score)
    }

    /// The chord of a set of simultaneous pitches (MIDI numbers) with weights such as durations.
    public static func recognize(pitches: [(midi: Int, weight: Double)], key: Key? = nil) -> ChordSymbol? {
        bestMatch(for: PitchProfile(pitches: pitches), key: key)?.chord
    }

    static func score(_ template: Template, root: Int, weights: [Double], bass: [Double]) -> Double {
        var inside = 0.0
        var missing = 0.0
        for (index, offset) in template.offsets.enumerated() {
            let pitchClass = (root + offset) % 12
            inside += weights[pitchClass]
            // A tone only the bass plays is half missing: rootless voicings leave the root to
            // the bass, but a walking bass passes through tones of other chords.
            if weights[pitchClass] < presence {
                let cost = missingCost(index: index, offset: offset, template: template)
                missing += bass[pitchClass] < bassPresence ? cost : cost / 2
            }
        }
        let outside = 1 - inside
        let bassFit = bassBonus * bass[root] + fifthBassBonus * bass[(root + 7) % 12]
        return inside - outside - missing - template.cost + bassFit
    }

    /// An absent root or third says more than an absent fifth, which accompaniment often leaves
    /// out, except in a suspended chord, which without its fifth is another chord inverted.
    private static func missingCost(index: Int, offset: Int, template: Template) -> Double {
        if index == 0 { return 0.3 }
        if offset == 7 { return template.isSuspended ? 0.25 : 0.05 }
        return 0.25
    }

    /// Spells the match, adding a slash bass when one chord tone other than the root holds most of
    /// the bass weight (an inversion).
    private static func spell(_ template: Template, root: Int, bass: [Double], key: Key?) -> ChordSymbol {
        let rootName = key?.spelling(of: PitchClass(root)) ?? NoteName.defaultSpelling(of: PitchClass(root))
        var chord = ChordSymbol(root: rootName, tones: template.tones)
        if let strongest = bass.indices.max(by: { bass[$0] < bass[$1] }), strongest != root, bass[strongest] >= 0.6,
           let tone = template.tones.first(where: { (root + $0.interval.semitones) % 12 == strongest }) {
            chord.slashBass = rootName.transposed(by: tone.interval)
        }
        return chord
    }
}
