/// The closest known chord symbol to a misspelt one, by edit distance, for error messages.
public enum ChordSuggestions {
    /// Chord suffixes as lead sheets commonly write them, canonical and familiar spellings both.
    static let suffixes = [
        "", "m", "5", "6", "m6", "6/9", "m6/9", "7", "maj7", "M7", "Δ7", "m7", "-7", "mMaj7", "m(maj7)",
        "m7b5", "ø7", "dim", "dim7", "°7", "aug", "+", "7#5", "maj7#5", "sus2", "sus4", "7sus4", "9sus4",
        "add9", "madd9", "add11", "9", "maj9", "m9", "11", "m11", "13", "maj13", "m13", "7b9", "7#9",
        "7#11", "7b13", "7b5", "7alt", "9#11", "13#11", "13b9", "7b9b13", "maj7#11", "m7b9", "mMaj9",
    ]

    /// The known symbol nearest to `text`, or nil when nothing is reasonably close. The root is
    /// kept when it reads (a lower-case `c` or German `H` is read as `C` or `B`); the suffix is
    /// matched against common suffixes by edit distance.
    public static func closest(to text: String) -> String? {
        // Nothing this long is a misspelt chord, and the distance is quadratic in the length.
        guard !text.isEmpty, text.count <= 24 else { return nil }
        var scanner = SymbolScanner(text)
        if scanner.noteName() == nil {
            guard let first = text.first, let fixed = rootLetterFix[first] else { return nil }
            scanner = SymbolScanner(String(fixed) + text.dropFirst())
            _ = scanner.noteName()
        }
        let root = String(scanner.characters[..<scanner.position])
        let typed = Array(scanner.remainder.unicodeScalars)
        var best: (distance: Int, suffix: String)?
        for suffix in suffixes {
            let distance = editDistance(typed, Array(suffix.unicodeScalars))
            if best.map({ distance < $0.distance }) ?? true { best = (distance, suffix) }
        }
        guard let best, best.distance <= max(2, typed.count / 2) else { return nil }
        return root + best.suffix
    }

    private static let rootLetterFix: [Character: Character] = [
        "a": "A", "b": "B", "c": "C", "d": "D", "e": "E", "f": "F", "g": "G", "H": "B", "h": "B",
    ]

    /// Levenshtein distance between two sequences.
    static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
