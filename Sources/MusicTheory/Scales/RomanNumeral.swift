/// A chord named by its scale degree in a key: `ii7`, `V7`, `♭VIImaj7`, `viiø7`, `V7/V`, `I/3`.
///
/// Degrees are counted against the major scale of the tonic in both modes, as pop and jazz
/// analysis does: in C minor E♭ is `♭III` and G7 is `V7`. Case shows the third: lower case for
/// minor and diminished chords.
public struct RomanNumeral: Hashable, Sendable, CustomStringConvertible {
    /// From the tonic to the chord's root, within the octave.
    public var degree: Interval
    public var tones: Set<ChordTone>
    /// From the chord's root to a slash bass, when there is one (`I/3` is C/E in C).
    public var bassInterval: Interval?

    public init(degree: Interval, tones: Set<ChordTone>, bassInterval: Interval? = nil) {
        self.degree = degree
        self.tones = tones
        self.bassInterval = bassInterval
    }

    /// The numeral of `chord` in `key`.
    public init(_ chord: ChordSymbol, in key: Key) {
        degree = Interval.between(key.tonic, chord.root)
        tones = chord.tones
        bassInterval = chord.slashBass.map { Interval.between(chord.root, $0) }
    }

    /// The chord this numeral stands for in `key`, spelled from the tonic by interval (E♯ stays
    /// E♯ in F♯; only double accidentals are respelt).
    public func chord(in key: Key) -> ChordSymbol {
        func plain(_ note: NoteName) -> NoteName {
            abs(note.accidental) > 1 ? note.simplified(preferFlats: key.prefersFlats) : note
        }
        let root = plain(key.tonic.transposed(by: degree))
        let bass = bassInterval.map { plain(root.transposed(by: $0)) }
        return ChordSymbol(root: root, tones: tones, bass: bass)
    }

    public var description: String {
        let majorReference = [0, 2, 4, 5, 7, 9, 11][degree.steps % 7]
        var offset = degree.semitones - majorReference
        if offset > 6 { offset -= 12 }
        if offset < -6 { offset += 12 }
        let accidental = String(repeating: offset < 0 ? "b" : "#", count: abs(offset))
        let upper = ["I", "II", "III", "IV", "V", "VI", "VII"][degree.steps % 7]
        let lowered = tones.contains(.minorThird)
        var text = accidental + (lowered ? upper.lowercased() : upper) + Self.figure(for: tones)
        if let bassInterval { text += "/" + bassInterval.degreeName }
        return text
    }

    /// The chord suffix with the quality the numeral's case already shows taken out.
    private static func figure(for tones: Set<ChordTone>) -> String {
        let suffix = ChordNaming.suffix(for: tones)
        guard tones.contains(.minorThird) else { return suffix == "aug" ? "+" : suffix }
        if suffix.hasPrefix("dim") { return "°" + suffix.dropFirst(3) }
        if suffix.hasPrefix("m"), let range = suffix.firstRange(of: "b5") {
            let number = suffix[suffix.index(after: suffix.startIndex)..<range.lowerBound]
            if ["7", "9", "11", "13"].contains(String(number)) {
                return "ø" + number + suffix[range.upperBound...]
            }
        }
        return suffix.hasPrefix("m") ? String(suffix.dropFirst()) : suffix
    }

    /// Parses `ii7`, `V7`, `bVII`, `♭VImaj7`, `viiø7`, `vii°7`, `III+`, `I/3`, `V7/V`.
    public static func parse(_ text: String, in key: Key) -> ChordSymbol? {
        let (main, target) = splitSecondary(text)
        guard var numeral = RomanNumeral(parsing: main) else { return nil }
        guard let target else { return numeral.chord(in: key) }
        guard let targetNumeral = RomanNumeral(parsing: target) else { return nil }
        let targetRoot = targetNumeral.chord(in: key).root
        numeral.bassInterval = nil
        let local = Key(targetRoot, minor: targetNumeral.tones.contains(.minorThird))
        return numeral.chord(in: local)
    }

    /// `V7/V` is V7 of V; `I/3` is an inversion: a roman numeral after the slash means the first.
    private static func splitSecondary(_ text: String) -> (String, String?) {
        guard let slash = text.lastIndex(of: "/") else { return (text, nil) }
        let target = text[text.index(after: slash)...]
        guard let first = target.drop(while: { "b#♭♯".contains($0) }).first, "IViv".contains(first) else {
            return (text, nil)
        }
        return (String(text[..<slash]), String(target))
    }

    /// Reads one numeral without a secondary target.
    public init?(parsing text: String) {
        var scanner = SymbolScanner(text)
        var offset = 0
        while let sign = scanner.accidentalSign() { offset += sign }
        let numerals = ["VII", "VI", "V", "IV", "III", "II", "I"]
        var steps: Int?
        var lowered = false
        for (index, numeral) in numerals.enumerated() {
            if scanner.consume(numeral) { steps = [6, 5, 4, 3, 2, 1, 0][index]; break }
            if scanner.consume(numeral.lowercased()) { steps = [6, 5, 4, 3, 2, 1, 0][index]; lowered = true; break }
        }
        guard let steps else { return nil }

        var figure = scanner.remainder
        var bassText: String?
        let searchStart = figure.firstRange(of: "6/9")?.upperBound ?? figure.startIndex
        if let slash = figure[searchStart...].firstIndex(of: "/") {
            bassText = String(figure[figure.index(after: slash)...])
            figure = String(figure[..<slash])
        }
        let chordText: String
        if figure.hasPrefix("+") && !lowered {
            chordText = "Caug" + figure.dropFirst()
        } else if lowered && !(figure.hasPrefix("°") || figure.hasPrefix("ø") || figure.hasPrefix("o")) {
            chordText = "Cm" + figure
        } else {
            chordText = "C" + figure
        }
        guard let chord = try? ChordSymbol(parsing: chordText) else { return nil }
        let reference = [0, 2, 4, 5, 7, 9, 11][steps]
        self.init(degree: Interval(steps: steps, semitones: reference + offset), tones: chord.tones)
        if let bassText {
            guard let interval = Interval(degreeName: bassText) else { return nil }
            bassInterval = interval
        }
    }
}

extension Interval {
    /// Reads a chord-degree name as `degreeName` writes it: `3`, `b3`, `#11`, `bb7`.
    public init?(degreeName: String) {
        var scanner = SymbolScanner(degreeName)
        var offset = 0
        while let sign = scanner.accidentalSign() { offset += sign }
        guard let number = scanner.integer(), scanner.isAtEnd, (1...15).contains(number) else { return nil }
        let steps = number - 1
        let reference = [0, 2, 4, 5, 7, 9, 11][steps % 7] + 12 * (steps / 7)
        self.init(steps: steps, semitones: reference + offset)
    }
}
