/// A Standard MIDI File held in memory: the header's format and division, and its tracks.
///
/// Read one with `init(bytes:)` or `read(contentsOf:)`, write one with `bytes()` or `write(to:)`.
/// Only metrical time (ticks per quarter note) is supported; SMPTE division and format 2 files
/// are refused when read.
public struct MIDIFile: Sendable, Equatable {
    /// The header's format word: 0 is one multi-channel track, 1 is simultaneous tracks.
    public enum Format: Int, Sendable, Equatable {
        case single = 0
        case multiTrack = 1
    }

    public var format: Format
    /// Ticks per quarter note, 1...32767 (the header's division word).
    public var ticksPerQuarter: Int
    /// One entry per MTrk chunk, in file order.
    public var tracks: [MIDITrack]

    public init(format: Format = .multiTrack, ticksPerQuarter: Int = 480, tracks: [MIDITrack] = []) {
        self.format = format
        self.ticksPerQuarter = ticksPerQuarter
        self.tracks = tracks
    }
}

/// One MTrk chunk: its events in file order, with absolute ticks.
///
/// A track read from a file always ends with exactly one `.meta(.endOfTrack)`: the reader adds one
/// at the last event's tick when the chunk lacks it. The writer writes one at the end whatever the
/// events hold, so an end of track in the middle of `events` is dropped when written.
public struct MIDITrack: Sendable, Equatable {
    public var events: [MIDIEvent]

    public init(events: [MIDIEvent] = []) {
        self.events = events
    }

    /// The first track-name meta event's text, if the track has one.
    public var name: String? {
        for event in events {
            if case .meta(.trackName(let name)) = event.message { return name }
        }
        return nil
    }
}

/// A message at an absolute time, in ticks from the start of its track.
public struct MIDIEvent: Sendable, Equatable {
    /// Ticks from the start of the track, 0...Int32.max when read from a file.
    public var tick: Int
    public var message: MIDIMessage

    public init(tick: Int, _ message: MIDIMessage) {
        self.tick = tick
        self.message = message
    }
}

/// The event kinds a track holds: channel messages, system exclusive, and meta events.
///
/// Channels are 0...15 (channel 10 in a manual is 9 here) and data values 0...127; the writer keeps
/// only the low bits of larger values, so such values do not survive a round trip.
public enum MIDIMessage: Sendable, Equatable {
    case noteOff(channel: UInt8, key: UInt8, velocity: UInt8)
    /// A note on; velocity 0 is kept as written, and `isNoteOff` reads it as a note off.
    case noteOn(channel: UInt8, key: UInt8, velocity: UInt8)
    case polyPressure(channel: UInt8, key: UInt8, pressure: UInt8)
    case controlChange(channel: UInt8, controller: UInt8, value: UInt8)
    case programChange(channel: UInt8, program: UInt8)
    case channelPressure(channel: UInt8, pressure: UInt8)
    /// A pitch bend, 0...16383 with 8192 the centre.
    case pitchBend(channel: UInt8, value: UInt16)
    /// An F0 (`escape` false) or F7 (`escape` true) event; `data` is what follows the length.
    case sysex(escape: Bool, data: [UInt8])
    case meta(MIDIMeta)

    /// Whether this ends a note: a note off, or a note on with velocity 0.
    public var isNoteOff: Bool {
        switch self {
        case .noteOff: true
        case .noteOn(_, _, let velocity): velocity == 0
        default: false
        }
    }

    /// The channel of a channel message, 0...15; nil for sysex and meta events.
    public var channel: UInt8? {
        switch self {
        case .noteOff(let channel, _, _), .noteOn(let channel, _, _),
            .polyPressure(let channel, _, _), .controlChange(let channel, _, _),
            .programChange(let channel, _), .channelPressure(let channel, _),
            .pitchBend(let channel, _):
            channel
        case .sysex, .meta:
            nil
        }
    }
}

/// The meta events (FF type length data) the app reads by name; the rest are kept as `other`.
public enum MIDIMeta: Sendable, Equatable {
    /// Type 0x00 with 2 bytes; other lengths are read as `other(type: 0, ...)`.
    case sequenceNumber(UInt16)
    /// Types 0x01...0x0F other than 0x03, with the raw bytes (encodings vary in the wild).
    case text(type: UInt8, bytes: [UInt8])
    /// Type 0x03, read as UTF-8, or as Latin-1 when it is not valid UTF-8; written as UTF-8.
    case trackName(String)
    /// Type 0x20 with 1 byte; other lengths are read as `other(type: 0x20, ...)`.
    case channelPrefix(UInt8)
    /// Type 0x2F; reading a track stops here.
    case endOfTrack
    /// Type 0x51: microseconds per quarter note, 1...0xFFFFFF (500000 is 120 quarters a minute).
    case tempo(microsecondsPerQuarter: Int)
    /// Type 0x54 with 5 bytes (hours, minutes, seconds, frames, hundredths of a frame).
    case smpteOffset([UInt8])
    /// Type 0x58. `denominator` is the real value (4, 8); the file stores its power of two.
    case timeSignature(numerator: Int, denominator: Int, clocksPerClick: Int, thirtySecondsPerQuarter: Int)
    /// Type 0x59: flats are negative sharps, -7...7.
    case keySignature(sharps: Int, minor: Bool)
    /// Any other type, or a known type whose length the names above cannot hold.
    case other(type: UInt8, data: [UInt8])
}
