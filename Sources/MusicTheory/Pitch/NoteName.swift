/// A pitch class: one of the twelve semitones of the octave, 0 = C.
public struct PitchClass: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 0...11, C = 0.
    public let value: Int

    /// Wraps any integer into the octave, so `PitchClass(-1)` is B.
    public init(_ value: Int) {
        self.value = ((value % 12) + 12) % 12
    }

    /// The pitch class of a MIDI note number.
    public init(midi: Int) { self.init(midi) }

    public func transposed(by semitones: Int) -> PitchClass { PitchClass(value + semitones) }

    /// Semitones from `other` up to `self`, 0...11.
    public func semitones(above other: PitchClass) -> Int { PitchClass(value - other.value).value }

    public static func < (lhs: PitchClass, rhs: PitchClass) -> Bool { lhs.value < rhs.value }

    public var description: String { NoteName.defaultSpelling(of: self).description }
}

/// The seven note letters, in scale order from C.
public enum Letter: Int, CaseIterable, Sendable {
    case c, d, e, f, g, a, b

    /// The pitch class of the natural note.
    public var naturalPitchClass: Int { [0, 2, 4, 5, 7, 9, 11][rawValue] }

    /// The letter `steps` scale steps above (negative goes down), wrapping round the octave.
    public func advanced(by steps: Int) -> Letter {
        Letter(rawValue: ((rawValue + steps) % 7 + 7) % 7) ?? .c
    }

    public var symbol: Character { ["C", "D", "E", "F", "G", "A", "B"][rawValue] }

    public init?(symbol: Character) {
        guard let index = "CDEFGAB".firstIndex(of: symbol) else { return nil }
        self.init(rawValue: "CDEFGAB".distance(from: "CDEFGAB".startIndex, to: index))
    }
}

/// A spelled note name: a letter and an accidental, so B♭ and A♯ stay apart.
public struct NoteName: Hashable, Sendable, CustomStringConvertible {
    public var letter: Letter
    /// Semitones of alteration: -2 double flat ... +2 double sharp.
    public var accidental: Int

    public init(_ letter: Letter, _ accidental: Int = 0) {
        self.letter = letter
        self.accidental = accidental
    }

    public var pitchClass: PitchClass { PitchClass(letter.naturalPitchClass + accidental) }

    /// ASCII spelling, as lead sheets type it: `Bb`, `F#`, `Ebb`, `Fx` is written `F##`.
    public var description: String {
        let sign = accidental < 0 ? "b" : "#"
        return String(letter.symbol) + String(repeating: sign, count: abs(accidental))
    }

    /// Spelling with the music symbols ♭ and ♯.
    public var unicodeDescription: String {
        let sign = accidental < 0 ? "♭" : "♯"
        return String(letter.symbol) + String(repeating: sign, count: abs(accidental))
    }

    /// Parses `C`, `Bb`, `B♭`, `F#`, `F♯`, `Ebb`, `G##`; nil for anything else.
    public init?(_ text: some StringProtocol) {
        var scanner = SymbolScanner(String(text))
        guard let name = scanner.noteName(), scanner.isAtEnd else { return nil }
        self = name
    }

    /// The note `interval` above this one, spelled by letter steps: E♭ + major third = G, C + augmented fourth = F♯.
    public func transposed(by interval: Interval) -> NoteName {
        let letter = letter.advanced(by: interval.steps)
        let target = pitchClass.value + interval.semitones
        var accidental = (target - letter.naturalPitchClass) % 12
        if accidental > 6 { accidental -= 12 }
        if accidental < -6 { accidental += 12 }
        return NoteName(letter, accidental)
    }

    /// The same pitch class with at most one accidental, leaning to flats or sharps as asked.
    /// Used when transposition lands on a double accidental (or E♯, B♭♭ and friends).
    public func simplified(preferFlats: Bool) -> NoteName {
        if abs(accidental) <= 1 && !isOddEnharmonic { return self }
        return NoteName.spelling(of: pitchClass, preferFlats: preferFlats)
    }

    /// E♯, B♯, F♭ and C♭: correct in some keys, but rarely what a chart means.
    public var isOddEnharmonic: Bool {
        (accidental == 1 && (letter == .e || letter == .b)) || (accidental == -1 && (letter == .f || letter == .c))
    }

    /// A plain spelling of a pitch class: naturals where possible, then one flat or one sharp.
    public static func spelling(of pitchClass: PitchClass, preferFlats: Bool) -> NoteName {
        let flats: [NoteName] = [.init(.c), .init(.d, -1), .init(.d), .init(.e, -1), .init(.e), .init(.f),
                                 .init(.g, -1), .init(.g), .init(.a, -1), .init(.a), .init(.b, -1), .init(.b)]
        let sharps: [NoteName] = [.init(.c), .init(.c, 1), .init(.d), .init(.d, 1), .init(.e), .init(.f),
                                  .init(.f, 1), .init(.g), .init(.g, 1), .init(.a), .init(.a, 1), .init(.b)]
        return (preferFlats ? flats : sharps)[pitchClass.value]
    }

    /// The spelling lead sheets use most without a key: C C♯ D E♭ E F F♯ G A♭ A B♭ B.
    public static func defaultSpelling(of pitchClass: PitchClass) -> NoteName {
        let sharpsPreferred: Set<Int> = [1, 6]
        return spelling(of: pitchClass, preferFlats: !sharpsPreferred.contains(pitchClass.value))
    }
}
