/// One tone of a chord above its root, named by its function so that spelling and naming follow
/// from it: a ♯9 and a minor third sound alike but are spelled and named apart.
public enum ChordTone: Int, CaseIterable, Comparable, Hashable, Sendable {
    case suspendedSecond
    case minorThird
    case majorThird
    case suspendedFourth
    case flatFifth
    case fifth
    case sharpFifth
    case sixth
    case diminishedSeventh
    case minorSeventh
    case majorSeventh
    case flatNinth
    case ninth
    case sharpNinth
    case eleventh
    case sharpEleventh
    case flatThirteenth
    case thirteenth

    /// The spelled interval above the root.
    public var interval: Interval {
        switch self {
        case .suspendedSecond: .majorSecond
        case .minorThird: .minorThird
        case .majorThird: .majorThird
        case .suspendedFourth: .perfectFourth
        case .flatFifth: .diminishedFifth
        case .fifth: .perfectFifth
        case .sharpFifth: .augmentedFifth
        case .sixth: .majorSixth
        case .diminishedSeventh: .diminishedSeventh
        case .minorSeventh: .minorSeventh
        case .majorSeventh: .majorSeventh
        case .flatNinth: .minorNinth
        case .ninth: .majorNinth
        case .sharpNinth: .augmentedNinth
        case .eleventh: .perfectEleventh
        case .sharpEleventh: .augmentedEleventh
        case .flatThirteenth: .minorThirteenth
        case .thirteenth: .majorThirteenth
        }
    }

    public static func < (lhs: ChordTone, rhs: ChordTone) -> Bool { lhs.rawValue < rhs.rawValue }

    static let thirds: [ChordTone] = [.minorThird, .majorThird, .suspendedSecond, .suspendedFourth]
    static let fifths: [ChordTone] = [.flatFifth, .fifth, .sharpFifth]
    static let sevenths: [ChordTone] = [.diminishedSeventh, .minorSeventh, .majorSeventh]
    static let ninths: [ChordTone] = [.flatNinth, .ninth, .sharpNinth]
    static let elevenths: [ChordTone] = [.eleventh, .sharpEleventh]
    static let thirteenths: [ChordTone] = [.flatThirteenth, .thirteenth]

    /// The tones of `7alt`: 1 3 ♭7 ♭9 ♯9 ♯11 ♭13, no fifth.
    static let altered: Set<ChordTone> = [.majorThird, .minorSeventh, .flatNinth, .sharpNinth, .sharpEleventh, .flatThirteenth]
}
