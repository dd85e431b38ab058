import Arrangement

/// Which of sideman's four parts each track of an MMA render plays.
///
/// MMA writes one MIDI track per channel, named after the MMA track that plays on it (`Drum`,
/// `Bass`, `Walk`, `Chord-Sus`, `Arpeggio-Piano`, `Bass-Sax` …), with a program change. The name's
/// first part is the MMA track type; the rest is free. Rules, in order:
///
/// - channel 10, or a `Drum…` name → drums;
/// - `Solo…` and `Melody…` → left out;
/// - `Bass…` and `Walk…` tracks playing a bass program (GM 32–39 basses, 43 contrabass, 58 tuba)
///   → bass; when a render has none, its tracks named plain `Bass`, `Walk` or `Walk-…` are the
///   bass whatever they sound like (MMA's folk and jazz-guitar grooves play bass on a guitar);
///   other `Bass-…` tracks are horn or piano lines and fall through;
/// - a `…-Sus…` name (MMA's sustained layer, added by the `Sus` variants), or a `Chord…` track on
///   a sustained ensemble program (GM 40–42 and 44 bowed strings, 48–54 string ensembles and
///   choirs, 88–95 synth pads) → pad;
/// - the remaining `Chord`, `Plectrum`, `Arpeggio`, `Scale`, `Aria` and `Bass` tracks → keys.
public enum MMATrackMapping {
    static let bassPrograms: Set<Int> = Set(32...39).union([43, 58])
    static let padPrograms: Set<Int> = Set([40, 41, 42, 44]).union(48...54).union(88...95)
    static let keysTypes = ["Chord", "Plectrum", "Arpeggio", "Scale", "Aria", "Bass"]

    /// The part of each MIDI track that has one, by track index.
    public static func parts(of midi: MIDIFile) -> [Int: Instrument] {
        let tracks = midi.tracks.map(TrackFacts.init)
        let hasBassProgram = tracks.contains { $0.isBassType && $0.program.map(bassPrograms.contains) == true }
        var parts: [Int: Instrument] = [:]
        for (index, track) in tracks.enumerated() {
            parts[index] = part(of: track, bassByName: !hasBassProgram)
        }
        return parts
    }

    static func part(of track: TrackFacts, bassByName: Bool) -> Instrument? {
        let name = track.name
        if track.channel == 9 || name.hasPrefix("Drum") { return .drums }
        if name.hasPrefix("Solo") || name.hasPrefix("Melody") { return nil }
        if track.isBassType {
            if track.program.map(bassPrograms.contains) == true { return .bass }
            if bassByName, name == "Bass" || name == "Walk" || name.hasPrefix("Walk-") { return .bass }
        }
        if name.contains("-Sus") { return .pad }
        if name.hasPrefix("Chord"), track.program.map(padPrograms.contains) == true { return .pad }
        return keysTypes.contains(where: name.hasPrefix) ? .keys : nil
    }
}

/// What the mapping needs to know of one MIDI track.
struct TrackFacts {
    let name: String
    /// The first program change's program, 0-based.
    let program: Int?
    /// The channel of the first note, 0-based.
    let channel: Int?

    init(_ track: MIDITrack) {
        name = track.name ?? ""
        var program: Int?
        var channel: Int?
        for event in track.events {
            switch event.message {
            case .programChange(_, let value) where program == nil: program = Int(value)
            case .noteOn(let value, _, let velocity) where channel == nil && velocity > 0: channel = Int(value)
            default: continue
            }
        }
        self.program = program
        self.channel = channel
    }

    init(name: String, program: Int?, channel: Int?) {
        self.name = name
        self.program = program
        self.channel = channel
    }

    var isBassType: Bool { name.hasPrefix("Bass") || name.hasPrefix("Walk") }
}
