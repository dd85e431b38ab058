import MusicTheory

/// A chord as MMA's chord lines spell it, with the `DefChord` line it needs when MMA's chord
/// table has no type with the same notes.
///
/// MMA's names differ from ours (`M7` for `maj7`, `mb5` for the diminished triad, `dim` for our
/// `dim7`, `69` for `6/9`) and some of its types hold other notes than ours under the same name
/// (its `13` has no ninth, its `11` no third, its `7alt` is a `7b5b9`). So the translation goes by
/// pitch classes: a chord takes the MMA type whose notes are the same pitch classes above the root;
/// where there is none, it gets a type of its own, `X` and one letter per semitone offset
/// (`a` = 0 … `y` = 24), defined with `DefChord`. A slash bass that is a chord tone becomes MMA's
/// slash (an inversion); one that is not would be dropped by MMA, so the chord is rewritten as a
/// chord of its own on the bass note (`F/G` is G with C, F and A above).
public struct MMAChord: Hashable, Sendable {
    /// The token for a chord line: `Cm7`, `BbM7/D`, `GXafko`, or `z` (no chord: bass and keys rest).
    public let name: String
    /// `DefChord NAME (NOTES) (SCALE)` for a type MMA lacks.
    public let definition: String?

    /// The MMA spelling of a chart chord.
    public init(_ chord: ChartChord) {
        guard let symbol = chord.symbol else {
            self.init(name: "z", definition: nil)
            return
        }
        let offsets = Self.offsets(of: symbol)
        let bass = symbol.bass.pitchClass
        let chordTones = Set(offsets.map { symbol.root.pitchClass.transposed(by: $0) })
        if chordTones.contains(bass) {
            let type = MMAChordType(offsets: offsets)
            let slash = symbol.slashBass.map { "/" + Self.noteName(of: $0.pitchClass) } ?? ""
            self.init(name: Self.noteName(of: symbol.root.pitchClass) + type.name + slash, definition: type.definition)
        } else {
            let type = MMAChordType(offsets: Self.offsets(ofPitchClasses: symbol.pitchClasses, above: bass))
            self.init(name: Self.noteName(of: bass) + type.name, definition: type.definition)
        }
    }

    init(name: String, definition: String?) {
        self.name = name
        self.definition = definition
    }

    /// MMA's note names, one per pitch class (it takes any spelling, but these are all in its table).
    static let noteNames = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]

    static func noteName(of pitchClass: PitchClass) -> String { noteNames[pitchClass.value] }

    /// Semitones above the root of the chord's tones, root first, extensions above the octave.
    static func offsets(of chord: ChordSymbol) -> [Int] {
        [0] + chord.tones.sorted().map(\.interval.semitones)
    }

    /// Pitch classes as offsets above `bass`, sorted; tones a step above the bass go up an octave
    /// so the voicing does not start with a cluster.
    static func offsets(ofPitchClasses pitchClasses: Set<PitchClass>, above bass: PitchClass) -> [Int] {
        let offsets = pitchClasses.map { $0.semitones(above: bass) }.map { (1...2).contains($0) ? $0 + 12 : $0 }
        return Array(Set(offsets + [0])).sorted()
    }
}

/// A chord type for MMA: a name from its table, or a made-up name with its definition.
struct MMAChordType {
    let name: String
    let definition: String?

    /// The MMA type with the same pitch classes as `offsets`, else a defined one.
    init(offsets: [Int]) {
        let classes = Set(offsets.map { $0 % 12 })
        if let native = Self.table.first(where: { Set($0.offsets.map { $0 % 12 }) == classes }) {
            name = native.name
            definition = nil
            return
        }
        let letters = offsets.map { Character(Unicode.Scalar(UInt8(97 + min(max($0, 0), 24)))) }
        name = "X" + String(letters)
        let notes = offsets.map(String.init).joined(separator: ",")
        let scale = Self.scale(for: classes).map(String.init).joined(separator: ",")
        definition = "DefChord \(name) (\(notes)) (\(scale))"
    }

    /// MMA's chord table (MMA/chordtable.py), the types the corpus can meet, simplest first.
    static let table: [(name: String, offsets: [Int])] = [
        ("", [0, 4, 7]), ("m", [0, 3, 7]), ("mb5", [0, 3, 6]), ("aug", [0, 4, 8]), ("sus4", [0, 5, 7]),
        ("sus2", [0, 2, 7]), ("5", [0, 7]), ("6", [0, 4, 7, 9]), ("m6", [0, 3, 7, 9]), ("M7", [0, 4, 7, 11]),
        ("m7", [0, 3, 7, 10]), ("7", [0, 4, 7, 10]), ("mM7", [0, 3, 7, 11]), ("m7b5", [0, 3, 6, 10]),
        ("dim7", [0, 3, 6, 9]), ("7sus", [0, 5, 7, 10]), ("add9", [0, 4, 7, 14]), ("m(add9)", [0, 3, 7, 14]),
        ("69", [0, 4, 7, 14, 21]), ("m69", [0, 3, 7, 14, 21]), ("M9", [0, 4, 7, 11, 14]), ("m9", [0, 3, 7, 10, 14]),
        ("9", [0, 4, 7, 10, 14]), ("m11", [0, 3, 7, 10, 14, 17]), ("7b9", [0, 4, 7, 10, 13]),
        ("7#9", [0, 4, 7, 10, 15]), ("7b13", [0, 4, 7, 10, 20]), ("7#11", [0, 4, 7, 10, 18]),
        ("sus9", [0, 5, 7, 10, 14]), ("M7#11", [0, 4, 7, 11, 18]), ("aug7", [0, 4, 8, 10]),
        ("13b9", [0, 4, 7, 10, 13, 21]), ("7susb9", [0, 5, 7, 10, 13]), ("9#11", [0, 4, 7, 10, 14, 18]),
        ("7#9b13", [0, 4, 7, 10, 15, 20]), ("7b5", [0, 4, 6, 10]), ("M7#5", [0, 4, 8, 11]),
        ("m9b5", [0, 3, 6, 10, 14]), ("9#5", [0, 4, 8, 10, 14]), ("7b5b9", [0, 4, 6, 10, 13]),
        ("M11", [0, 4, 7, 11, 14, 17]), ("13", [0, 4, 7, 10, 21]), ("M13", [0, 4, 7, 11, 21]),
        ("m13", [0, 3, 7, 10, 21]), ("m7b9", [0, 3, 7, 10, 13]), ("mM7(add9)", [0, 3, 7, 11, 14]),
        ("13#11", [0, 4, 7, 10, 18, 21]), ("7b9#11", [0, 4, 7, 10, 13, 18]), ("7#5#9", [0, 4, 8, 10, 15]),
        ("aug7b9", [0, 4, 8, 10, 13]),
    ]

    /// A seven-note scale for MMA's walking bass and scale tracks: each degree takes the chord's
    /// own tone where it has one, else the plain major (or, over a minor third or seventh, the
    /// minor) degree.
    static func scale(for classes: Set<Int>) -> [Int] {
        func pick(_ choices: [Int], _ fallback: Int) -> Int { choices.first(where: classes.contains) ?? fallback }
        if classes.isSuperset(of: [3, 6, 9]) && classes.isDisjoint(with: [10, 11]) { return [0, 2, 3, 5, 6, 8, 9] }
        let minor = classes.contains(3) && !classes.contains(4)
        let second = pick([2, 1], 2)
        let third = pick([4, 3], minor ? 3 : 4)
        let fourth = !classes.contains(5) && classes.isSuperset(of: [6, 7]) ? 6 : 5
        let fifth = pick([7, 6, 8], 7)
        let sixth = pick([9, 8].filter { $0 != fifth }, minor ? 8 : 9)
        let seventh = pick([10, 11], minor || classes.contains(10) ? 10 : 11)
        return [0, second, third, fourth, fifth, sixth, seventh].sorted()
    }
}
