import Arrangement
import Glibc
import Tensor

/// The piano roll the model reads and writes: a token per quarter note, each carrying the 12
/// ticks of its quarter (so sixteenths, at ticks 0 3 6 9, and triplets, at 0 4 8, both fit),
/// and on every tick one value per channel:
///
/// - bass: 24 pitch lanes, a semitone apart, from the chord's root in the bass register up two
///   octaves, then one length channel;
/// - keys: 36 pitch lanes from the root below middle C up three octaves, then a length channel;
/// - pad: 24 pitch lanes from the root around middle C up two octaves, then a length channel;
/// - drums: 16 lanes of General MIDI drum families (kick, snare, hats…).
///
/// Pitches are written relative to the chord sounding at the note, chromatically: every
/// semitone has its lane, so a wrong note stays possible and the model must learn to avoid it.
/// An onset lane holds −1 for silence or velocity/127 for a note struck on that tick; a length
/// channel holds −1 where the track strikes nothing, else log₂(length in ticks) / log₂(96) (so
/// a tick is 0 and two 4/4 bars are 1) for the notes it strikes there.
public enum RollLayout {
    public static let ticksPerQuarter = 12
    public static let ticksPerToken = 12

    /// One pitched track's lanes: how many, and where the lowest sits relative to the root.
    public struct PitchedTrack: Sendable, Equatable {
        public let instrument: Instrument
        public let lanes: Int
        /// The lowest lane is the root's pitch class at or above this MIDI note.
        public let floor: Int
        /// The first channel of this track within a tick.
        public let offset: Int
        /// The track's length channel within a tick.
        public var lengthChannel: Int { offset + lanes }

        /// The MIDI note of the lowest lane for a chord with this root.
        public func reference(root: Int) -> Int { floor + ((root - floor) % 12 + 12) % 12 }
    }

    public static let bass = PitchedTrack(instrument: .bass, lanes: 24, floor: 28, offset: 0)
    public static let keys = PitchedTrack(instrument: .keys, lanes: 36, floor: 43, offset: 25)
    public static let pad = PitchedTrack(instrument: .pad, lanes: 24, floor: 48, offset: 62)
    public static let pitched = [bass, keys, pad]
    public static let drumOffset = 87
    public static let drumLanes = 16
    public static let channelsPerTick = drumOffset + drumLanes
    public static let valuesPerToken = channelsPerTick * ticksPerToken

    /// The value of a silent lane.
    public static let silent: Float = -1
    /// Two 4/4 bars: the longest length the length channel tells apart.
    public static let longestLength = 96

    /// The drum families, each with the General MIDI notes it gathers and the one it plays back.
    public static let drumFamilies: [(name: String, notes: [Int], plays: Int)] = [
        ("kick", [35, 36], 36), ("snare", [38, 40], 38), ("side stick", [37], 37), ("clap", [39], 39),
        ("closed hat", [42], 42), ("pedal hat", [44], 44), ("open hat", [46], 46), ("low tom", [41, 43, 45], 45),
        ("high tom", [47, 48, 50], 48), ("crash", [49, 52, 55, 57], 49), ("ride", [51, 53, 59], 51),
        ("shaker", [54, 69, 70, 82], 70), ("clave", [31, 33, 75, 76, 77], 75), ("high conga", [60, 62, 63], 63),
        ("low conga", [61, 64, 65, 66], 64), ("other percussion", [], 56),
    ]

    /// The lane of a General MIDI drum note; notes of no family go to "other percussion".
    public static func drumLane(ofNote note: Int) -> Int {
        drumLaneTable[min(max(note, 0), 127)]
    }

    private static let drumLaneTable: [Int] = {
        var table = [Int](repeating: drumLanes - 1, count: 128)
        for (lane, family) in drumFamilies.enumerated() { for note in family.notes { table[note] = lane } }
        return table
    }()

    /// The length channel's value for a length in ticks.
    public static func lengthValue(ticks: Int) -> Float {
        min(1, log2f(Float(max(ticks, 1))) / log2f(Float(longestLength)))
    }

    /// The length in ticks a length channel's value stands for (at least one tick).
    public static func ticks(lengthValue value: Float) -> Int {
        max(1, Int((Float.pow(2, min(max(value, 0), 1) * log2f(Float(longestLength)))).rounded()))
    }
}
