/// Scales and modes as spelled intervals above a tonic.
public enum Mode: String, CaseIterable, Sendable {
    case ionian, dorian, phrygian, lydian, mixolydian, aeolian, locrian
    case harmonicMinor, melodicMinor
    case majorPentatonic, minorPentatonic, blues
    case wholeTone, halfWholeDiminished, wholeHalfDiminished

    public static let major = Mode.ionian
    public static let naturalMinor = Mode.aeolian

    /// The spelled intervals from the tonic, ascending within one octave.
    public var intervals: [Interval] {
        switch self {
        case .ionian: return [.unison, .majorSecond, .majorThird, .perfectFourth, .perfectFifth, .majorSixth, .majorSeventh]
        case .dorian: return [.unison, .majorSecond, .minorThird, .perfectFourth, .perfectFifth, .majorSixth, .minorSeventh]
        case .phrygian: return [.unison, .minorSecond, .minorThird, .perfectFourth, .perfectFifth, .minorSixth, .minorSeventh]
        case .lydian: return [.unison, .majorSecond, .majorThird, .augmentedFourth, .perfectFifth, .majorSixth, .majorSeventh]
        case .mixolydian: return [.unison, .majorSecond, .majorThird, .perfectFourth, .perfectFifth, .majorSixth, .minorSeventh]
        case .aeolian: return [.unison, .majorSecond, .minorThird, .perfectFourth, .perfectFifth, .minorSixth, .minorSeventh]
        case .locrian: return [.unison, .minorSecond, .minorThird, .perfectFourth, .diminishedFifth, .minorSixth, .minorSeventh]
        case .harmonicMinor: return [.unison, .majorSecond, .minorThird, .perfectFourth, .perfectFifth, .minorSixth, .majorSeventh]
        case .melodicMinor: return [.unison, .majorSecond, .minorThird, .perfectFourth, .perfectFifth, .majorSixth, .majorSeventh]
        case .majorPentatonic: return [.unison, .majorSecond, .majorThird, .perfectFifth, .majorSixth]
        case .minorPentatonic: return [.unison, .minorThird, .perfectFourth, .perfectFifth, .minorSeventh]
        case .blues: return [.unison, .minorThird, .perfectFourth, .diminishedFifth, .perfectFifth, .minorSeventh]
        case .wholeTone:
            return [.unison, .majorSecond, .majorThird, .augmentedFourth, .augmentedFifth, .minorSeventh]
        case .halfWholeDiminished:
            return [.unison, .minorSecond, .minorThird, .majorThird, .augmentedFourth, .perfectFifth, .majorSixth, .minorSeventh]
        case .wholeHalfDiminished:
            return [.unison, .majorSecond, .minorThird, .perfectFourth, .diminishedFifth, .minorSixth, .majorSixth, .majorSeventh]
        }
    }
}

/// A scale: a tonic and a mode, with its notes spelled.
public struct Scale: Hashable, Sendable, CustomStringConvertible {
    public var tonic: NoteName
    public var mode: Mode

    public init(_ tonic: NoteName, _ mode: Mode) {
        self.tonic = tonic
        self.mode = mode
    }

    /// The notes from the tonic upward, spelled by interval (F major has B♭, not A♯).
    public var notes: [NoteName] { mode.intervals.map { tonic.transposed(by: $0) } }

    public var pitchClasses: Set<PitchClass> { Set(notes.map(\.pitchClass)) }

    public func contains(_ pitchClass: PitchClass) -> Bool { pitchClasses.contains(pitchClass) }

    public var description: String { "\(tonic) \(mode.rawValue)" }
}
