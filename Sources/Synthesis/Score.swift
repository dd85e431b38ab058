/// What the band plays, as the audio thread reads it: note-on and note-off events per track in
/// ticks, sorted, with the score's length (where a loop wraps).
///
/// Made off the audio thread (it allocates); immutable afterwards, so the audio thread can read
/// it while another thread holds it too.
public final class Score: @unchecked Sendable {
    public struct Note: Sendable, Equatable {
        public var track: Int
        public var key: Int
        /// 1...127.
        public var velocity: Int
        public var start: Int
        public var duration: Int

        public init(track: Int, key: Int, velocity: Int, start: Int, duration: Int) {
            self.track = track
            self.key = key
            self.velocity = velocity
            self.start = start
            self.duration = duration
        }
    }

    struct Event {
        let tick: Int
        let track: Int
        let key: Int
        /// 0 for a note-off.
        let velocity: Int
    }

    public let ticksPerQuarter: Int
    /// Ticks from the start to the end of the last bar; a loop returns to 0 here.
    public let length: Int
    /// Ticks in a bar, where a new score may take over from a playing one.
    public let ticksPerBar: Int
    /// Tracks whose notes are not transposed (drums).
    public let untransposedTracks: Set<Int>
    let events: [Event]

    /// A score of `notes` at `ticksPerQuarter`; `length` defaults to where the last note ends.
    public init(notes: [Note], ticksPerQuarter: Int, length: Int? = nil, ticksPerBar: Int? = nil, untransposedTracks: Set<Int> = []) {
        self.ticksPerQuarter = max(1, ticksPerQuarter)
        self.ticksPerBar = max(1, ticksPerBar ?? 4 * ticksPerQuarter)
        self.length = max(length ?? 0, notes.map { $0.start + max(1, $0.duration) }.max() ?? 0, 1)
        self.untransposedTracks = untransposedTracks
        var events: [Event] = []
        events.reserveCapacity(notes.count * 2)
        for note in notes where note.velocity > 0 {
            events.append(Event(tick: note.start, track: note.track, key: note.key, velocity: min(note.velocity, 127)))
            events.append(Event(tick: note.start + max(1, note.duration), track: note.track, key: note.key, velocity: 0))
        }
        // At one tick, notes end before new ones start, so a repeated note is struck again.
        self.events = events.sorted { ($0.tick, $0.velocity > 0 ? 1 : 0) < ($1.tick, $1.velocity > 0 ? 1 : 0) }
    }
}
