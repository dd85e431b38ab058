/// A chord symbol as lead sheets write it: a root, the tones above it, and an optional slash bass.
///
/// Two symbols are equal when they have the same spelled root, tones and bass, however they were
/// typed: `Cm7b5`, `Cø7` and `C-7(b5)` are one chord. `description` gives the canonical name, which
/// parses back to an equal chord.
public struct ChordSymbol: Hashable, Sendable, CustomStringConvertible {
    public var root: NoteName
    /// The tones above the root (the root itself is implied).
    public var tones: Set<ChordTone>
    /// The slash bass, when it differs from the root.
    public var slashBass: NoteName?

    public init(root: NoteName, tones: Set<ChordTone>, bass: NoteName? = nil) {
        self.root = root
        self.tones = tones
        self.slashBass = bass == root ? nil : bass
    }

    /// Parses a chord symbol in ASCII or with ♭ ♯ Δ ø °; see `ChordSymbolParser` for the grammar.
    public init(parsing text: String) throws(ChordSymbolError) {
        self = try ChordSymbolParser.parse(text)
    }

    /// The sounding bass: the slash note, else the root.
    public var bass: NoteName { slashBass ?? root }

    /// The quality and extensions after the root, canonical: `m7b5`, `13#11`, `6/9`, `7alt`.
    public var suffix: String { ChordNaming.suffix(for: tones) }

    /// The canonical name: root, suffix and slash bass.
    public var description: String {
        var name = root.description + suffix
        if let slashBass { name += "/" + slashBass.description }
        return name
    }

    /// The canonical name with ♭ and ♯ in the note names.
    public var unicodeDescription: String {
        var name = root.unicodeDescription + suffix
        if let slashBass { name += "/" + slashBass.unicodeDescription }
        return name
    }

    /// The chord's notes spelled from the root upward by function (root, then tones in order),
    /// with a slash bass that is not a chord tone placed first.
    public var spelling: [NoteName] {
        var notes = [root] + tones.sorted().map { root.transposed(by: $0.interval) }
        if let slashBass, !notes.contains(where: { $0.pitchClass == slashBass.pitchClass }) {
            notes.insert(slashBass, at: 0)
        }
        return notes
    }

    /// The pitch classes that sound: root, tones and slash bass.
    public var pitchClasses: Set<PitchClass> {
        var set: Set<PitchClass> = [root.pitchClass, bass.pitchClass]
        for tone in tones { set.insert(root.pitchClass.transposed(by: tone.interval.semitones)) }
        return set
    }

    /// The same chord moved by an interval, spelled by letter steps (C7 up a major second is D7).
    public func transposed(by interval: Interval) -> ChordSymbol {
        ChordSymbol(root: root.transposed(by: interval), tones: tones, bass: slashBass?.transposed(by: interval))
    }

    /// Whether the chord has a minor third (and so reads as minor or diminished).
    public var isMinor: Bool { tones.contains(.minorThird) }
}

/// Why a chord symbol did not parse: what was expected where.
public struct ChordSymbolError: Error, Equatable, Sendable, CustomStringConvertible {
    public let symbol: String
    /// 0-based character offset in `symbol` where reading stopped.
    public let offset: Int
    public let reason: String

    public var description: String { "\(reason) in chord '\(symbol)' at character \(offset + 1)" }
}
