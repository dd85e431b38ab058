import MusicTheory

/// Every chord kind the corpus's progressions use, as the suffix our chord names give it.
///
/// The list is what the translation to MMA is checked against: `MMAChordTests` renders each kind
/// through mma and compares the pitch classes, and `ProgressionGeneratorTests` checks that the
/// generator writes no other kind.
public enum ChordVocabulary {
    public static let suffixes: [String] = [
        "", "m", "dim", "aug", "sus2", "sus4", "6", "m6", "maj7", "m7", "7", "mMaj7", "m7b5", "dim7",
        "7sus4", "add9", "madd9", "6/9", "maj9", "m9", "9", "m11", "13", "m13", "maj13", "7b9", "7#9", "7b13",
        "7#11", "9sus4", "7alt", "maj7#11", "13b9", "7sus4b9", "7b9b13", "m9b5",
    ]

    /// The tones of a suffix's chord (`tones("m7")` is a minor third, fifth and minor seventh).
    /// A suffix outside the vocabulary is parsed on the spot, and an unreadable one reads as a
    /// major triad.
    public static func tones(_ suffix: String) -> Set<ChordTone> {
        if let tones = table[suffix] { return tones }
        return Self.parse(suffix) ?? [.majorThird, .fifth]
    }

    private static let table: [String: Set<ChordTone>] = Dictionary(
        uniqueKeysWithValues: suffixes.compactMap { suffix in parse(suffix).map { (suffix, $0) } })

    private static func parse(_ suffix: String) -> Set<ChordTone>? {
        (try? ChordSymbol(parsing: "C" + suffix))?.tones
    }
}
