/// The style labels of the corpus: what the musician picks and the model is conditioned on.
///
/// Each label stands for a family of MMA grooves (see `GrooveCatalog`). The fourteen the model
/// issue names are here, plus three that MMA's library has enough grooves for to keep apart:
/// `jazzwaltz` (jazz waltzes, not the oom-pah-pah of `waltz`), `dixieland` and `showtune`.
public enum CorpusStyle: String, CaseIterable, Sendable, Comparable {
    case swing, bossa, latin, pop, rock, funk, ballad, blues, waltz, jazzwaltz
    case ska, country, gospel, march, shuffle, dixieland, showtune

    /// Quarter notes per minute that suit the style in 4/4 and 3/4 (6/8 and 5/4 families set
    /// their own, see `GrooveFamily.tempoRange`).
    public var tempoRange: ClosedRange<Int> {
        switch self {
        case .swing: 110...220
        case .jazzwaltz: 120...180
        case .waltz: 90...160
        case .bossa: 110...150
        case .latin: 90...180
        case .pop: 90...130
        case .rock: 100...150
        case .funk: 88...116
        case .ballad: 58...84
        case .blues: 70...130
        case .shuffle: 110...160
        case .ska: 140...180
        case .country: 100...170
        case .gospel: 64...110
        case .march: 100...124
        case .dixieland: 160...220
        case .showtune: 100...180
        }
    }

    public static func < (lhs: CorpusStyle, rhs: CorpusStyle) -> Bool { lhs.rawValue < rhs.rawValue }
}
