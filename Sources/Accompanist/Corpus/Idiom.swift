import MusicTheory

/// A family of chord progressions the corpus draws from: its meter, the styles it is played in,
/// how often it is drawn, and how it is varied (see `ProgressionVariation`).
public enum Idiom: String, CaseIterable, Sendable, Comparable {
    case popLoop = "pop-loop"
    case twoFiveOne = "ii-V-I"
    case turnaround
    case rhythmChanges = "rhythm-changes"
    case majorBlues = "major-blues"
    case minorBlues = "minor-blues"
    case jazzBlues = "jazz-blues"
    case modalVamp = "modal-vamp"
    case minorCadence = "minor-cadence"
    case gospelSoul = "gospel-soul"
    case latin
    case waltz
    case fiveFour = "five-four"
    case sixEight = "six-eight"

    public var meter: Meter {
        switch self {
        case .waltz: Meter(beats: 3, unit: 4) ?? .common
        case .fiveFour: Meter(beats: 5, unit: 4) ?? .common
        case .sixEight: Meter(beats: 6, unit: 8) ?? .common
        default: .common
        }
    }

    /// The styles this idiom is rendered in (those with grooves in its meter; see `GrooveCatalog`).
    public var styles: [CorpusStyle] {
        switch self {
        case .popLoop: [.pop, .rock, .ballad, .funk, .ska, .country, .gospel, .latin, .shuffle, .march, .showtune]
        case .twoFiveOne: [.swing, .bossa, .ballad, .latin, .showtune, .dixieland]
        case .turnaround: [.swing, .bossa, .dixieland, .showtune, .ballad, .shuffle]
        case .rhythmChanges: [.swing, .dixieland, .showtune, .shuffle, .bossa]
        case .majorBlues: [.blues, .shuffle, .swing, .rock, .funk, .country, .dixieland, .ska]
        case .minorBlues: [.blues, .swing, .latin, .funk, .bossa]
        case .jazzBlues: [.swing, .blues, .bossa, .shuffle]
        case .modalVamp: [.funk, .latin, .rock, .swing, .bossa, .pop]
        case .minorCadence: [.latin, .bossa, .ballad, .swing, .showtune]
        case .gospelSoul: [.gospel, .funk, .ballad, .pop, .blues, .shuffle]
        case .latin: [.latin, .bossa]
        case .waltz: [.waltz, .jazzwaltz]
        case .fiveFour: [.swing]
        case .sixEight: [.ballad, .blues, .latin, .march, .swing]
        }
    }

    /// Relative share of the corpus's progressions.
    var weight: Double {
        switch self {
        case .popLoop: 14
        case .twoFiveOne: 9
        case .turnaround: 6
        case .rhythmChanges: 4
        case .majorBlues: 7
        case .minorBlues: 4
        case .jazzBlues: 4
        case .modalVamp: 7
        case .minorCadence: 7
        case .gospelSoul: 8
        case .latin: 8
        case .waltz: 11
        case .fiveFour: 4
        case .sixEight: 9
        }
    }

    /// How much jazz harmony the variations add: colour tones, altered dominants, tritone
    /// substitutes, inserted ii–V's (0 plain … 1 bebop).
    var jazziness: Double {
        switch self {
        case .twoFiveOne, .turnaround, .rhythmChanges, .jazzBlues: 1
        case .minorCadence, .latin, .fiveFour: 0.7
        case .waltz, .modalVamp, .minorBlues: 0.5
        case .gospelSoul: 0.4
        case .popLoop, .majorBlues, .sixEight: 0.15
        }
    }

    /// How often a chord gets a slash bass: inversions, pedal points, `IV/5` for a dominant.
    var slashRate: Double {
        switch self {
        case .gospelSoul: 0.22
        case .popLoop, .sixEight, .waltz: 0.12
        case .minorCadence, .modalVamp, .latin: 0.06
        default: 0.03
        }
    }

    public static func < (lhs: Idiom, rhs: Idiom) -> Bool { lhs.rawValue < rhs.rawValue }
}
