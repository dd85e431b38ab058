/// A spelled interval: how many letter steps and how many semitones, so a minor third (2 steps,
/// 3 semitones) and an augmented second (1 step, 3 semitones) spell differently.
public struct Interval: Hashable, Sendable, CustomStringConvertible {
    /// Letter steps: 0 unison, 1 second, ... 7 octave, 8 ninth.
    public let steps: Int
    /// Size in semitones.
    public let semitones: Int

    public init(steps: Int, semitones: Int) {
        self.steps = steps
        self.semitones = semitones
    }

    /// The interval's number as musicians count it: 1 for a unison, 3 for a third, 9 for a ninth.
    public var number: Int { steps + 1 }

    /// Semitones of the perfect or major interval with the same number.
    private var referenceSemitones: Int {
        let withinOctave = [0, 2, 4, 5, 7, 9, 11][((steps % 7) + 7) % 7]
        return withinOctave + 12 * (steps / 7)
    }

    private var isPerfectKind: Bool { [0, 3, 4].contains(((steps % 7) + 7) % 7) }

    /// Quality letter and number: `P5`, `m3`, `M7`, `A4`, `d5`, `d7`, `m9`, `A11`.
    public var description: String {
        let offset = semitones - referenceSemitones
        let quality: String
        if isPerfectKind {
            switch offset {
            case 0: quality = "P"
            case let o where o > 0: quality = String(repeating: "A", count: o)
            default: quality = String(repeating: "d", count: -offset)
            }
        } else {
            switch offset {
            case 0: quality = "M"
            case -1: quality = "m"
            case let o where o > 0: quality = String(repeating: "A", count: o)
            default: quality = String(repeating: "d", count: -offset - 1)
            }
        }
        return quality + String(number)
    }

    /// Chord-degree spelling relative to the major scale: `1`, `b3`, `#5`, `bb7`, `b9`, `#11`.
    public var degreeName: String {
        let offset = semitones - referenceSemitones
        let sign = offset < 0 ? "b" : "#"
        return String(repeating: sign, count: abs(offset)) + String(number)
    }

    public static let unison = Interval(steps: 0, semitones: 0)
    public static let minorSecond = Interval(steps: 1, semitones: 1)
    public static let majorSecond = Interval(steps: 1, semitones: 2)
    public static let augmentedSecond = Interval(steps: 1, semitones: 3)
    public static let minorThird = Interval(steps: 2, semitones: 3)
    public static let majorThird = Interval(steps: 2, semitones: 4)
    public static let perfectFourth = Interval(steps: 3, semitones: 5)
    public static let augmentedFourth = Interval(steps: 3, semitones: 6)
    public static let diminishedFifth = Interval(steps: 4, semitones: 6)
    public static let perfectFifth = Interval(steps: 4, semitones: 7)
    public static let augmentedFifth = Interval(steps: 4, semitones: 8)
    public static let minorSixth = Interval(steps: 5, semitones: 8)
    public static let majorSixth = Interval(steps: 5, semitones: 9)
    public static let diminishedSeventh = Interval(steps: 6, semitones: 9)
    public static let minorSeventh = Interval(steps: 6, semitones: 10)
    public static let majorSeventh = Interval(steps: 6, semitones: 11)
    public static let octave = Interval(steps: 7, semitones: 12)
    public static let minorNinth = Interval(steps: 8, semitones: 13)
    public static let majorNinth = Interval(steps: 8, semitones: 14)
    public static let augmentedNinth = Interval(steps: 8, semitones: 15)
    public static let perfectEleventh = Interval(steps: 10, semitones: 17)
    public static let augmentedEleventh = Interval(steps: 10, semitones: 18)
    public static let minorThirteenth = Interval(steps: 12, semitones: 20)
    public static let majorThirteenth = Interval(steps: 12, semitones: 21)

    /// The interval from `lower` up to `upper`, within one octave (steps 0...6).
    public static func between(_ lower: NoteName, _ upper: NoteName) -> Interval {
        let steps = ((upper.letter.rawValue - lower.letter.rawValue) % 7 + 7) % 7
        var semitones = upper.pitchClass.semitones(above: lower.pitchClass)
        let reference = [0, 2, 4, 5, 7, 9, 11][steps]
        // Keep the size near its letter distance: C to Cb is a diminished unison, not a major seventh.
        if semitones - reference > 6 { semitones -= 12 }
        if reference - semitones > 6 { semitones += 12 }
        return Interval(steps: steps, semitones: semitones)
    }
}
