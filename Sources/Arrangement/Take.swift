import MusicTheory

/// The four parts of the band. Each has its MIDI track name, channel and General MIDI program.
public enum Instrument: String, CaseIterable, Sendable, Codable {
    case bass, keys, pad, drums

    /// The track name in exported MIDI files: `Bass`, `Keys`, `Pad`, `Drums`.
    public var trackName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// 0-based MIDI channel; drums are on channel 10 (9 here).
    public var channel: UInt8 {
        switch self {
        case .bass: 0
        case .keys: 1
        case .pad: 2
        case .drums: 9
        }
    }

    /// General MIDI program (0-based): fingered bass, electric piano, warm pad, standard kit.
    public var program: UInt8 {
        switch self {
        case .bass: 33
        case .keys: 4
        case .pad: 89
        case .drums: 0
        }
    }

    /// The instrument a track name stands for, ignoring case.
    public init?(trackName: String) {
        self.init(rawValue: trackName.lowercased())
    }
}

/// One note: MIDI pitch and velocity, start and length in ticks.
public struct Note: Hashable, Sendable, Comparable {
    /// MIDI note number, 0...127 (for drums, the General MIDI drum note).
    public var pitch: Int
    /// 1...127.
    public var velocity: Int
    public var start: Int
    public var duration: Int

    public init(pitch: Int, velocity: Int, start: Int, duration: Int) {
        self.pitch = pitch
        self.velocity = velocity
        self.start = start
        self.duration = duration
    }

    public var end: Int { start + duration }

    /// By start, then pitch, then length: the order tracks keep their notes in.
    public static func < (lhs: Note, rhs: Note) -> Bool {
        (lhs.start, lhs.pitch, lhs.duration, lhs.velocity) < (rhs.start, rhs.pitch, rhs.duration, rhs.velocity)
    }
}

/// The notes one instrument plays in a take, kept sorted.
public struct Track: Hashable, Sendable {
    public var instrument: Instrument
    public private(set) var notes: [Note]

    public init(_ instrument: Instrument, notes: [Note] = []) {
        self.instrument = instrument
        self.notes = notes.sorted()
    }

    public mutating func add(_ note: Note) {
        let index = notes.firstIndex { note < $0 } ?? notes.endIndex
        notes.insert(note, at: index)
    }
}

/// One generated accompaniment: tempo, meter and a track per instrument, timed in ticks.
public struct Take: Hashable, Sendable {
    /// The resolution sideman writes at: divisible by 3 (triplets), 4 and 16 (sixteenths).
    public static let defaultTicksPerQuarter = 480

    public var ticksPerQuarter: Int
    /// Quarter notes per minute.
    public var tempo: Double
    public var meter: Meter
    public var title: String?
    public var tracks: [Track]

    public init(
        ticksPerQuarter: Int = Take.defaultTicksPerQuarter, tempo: Double = 120, meter: Meter = .common,
        title: String? = nil, tracks: [Track] = []
    ) {
        self.ticksPerQuarter = ticksPerQuarter
        self.tempo = tempo
        self.meter = meter
        self.title = title
        self.tracks = tracks
    }

    public func track(_ instrument: Instrument) -> Track? { tracks.first { $0.instrument == instrument } }

    /// The tick where the last note ends.
    public var endTick: Int { tracks.flatMap(\.notes).map(\.end).max() ?? 0 }
}

extension Take {
    /// The take with every pitched note moved by `semitones` (drums stay), kept within MIDI's range.
    public func transposed(by semitones: Int) -> Take {
        var take = self
        take.tracks = tracks.map { track in
            guard track.instrument != .drums else { return track }
            return Track(track.instrument, notes: track.notes.map { note in
                var moved = note
                moved.pitch = min(max(note.pitch + semitones, 0), 127)
                return moved
            })
        }
        return take
    }
}
