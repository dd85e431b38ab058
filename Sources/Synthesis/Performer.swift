/// Plays a score on an engine in time: turns ticks into samples at the tempo, starts and ends
/// each note at its exact sample, transposes, and loops.
///
/// Audio thread only (or an offline bounce). A note's timing is computed from the sample count
/// since the tempo was last set, never accumulated period by period, so where the periods fall
/// does not move a note by even one sample.
public final class Performer: @unchecked Sendable {
    public let engine: SynthEngine
    public private(set) var score: Score?
    /// Quarter notes per minute.
    public private(set) var tempo: Double = 120
    /// Semitones added to every note of a transposed track, from the next note on.
    public var transpose = 0
    public var isLooping = false
    /// Times more the score plays through after this pass, when not looping forever.
    public var repeatsLeft = 0
    public private(set) var isPlaying = false
    /// Whether the score has played to its end (and its last notes were released).
    public private(set) var isFinished = false

    /// Samples played since `anchorTick` was at `anchorFrame` (the last tempo or position change).
    private var anchorFrame: Int64 = 0
    private var anchorTick: Double = 0
    private var nextEvent = 0
    /// The key each (track, written key) is sounding at, so its note-off finds it after a transpose.
    private var sounding: [Int16]
    private let maximumTracks: Int

    public init(engine: SynthEngine) {
        self.engine = engine
        maximumTracks = engine.trackCount
        sounding = [Int16](repeating: -1, count: max(1, engine.trackCount) * 128)
    }

    /// The score position in ticks now.
    public var position: Double {
        guard let score else { return 0 }
        return anchorTick + Double(engine.frame - anchorFrame) * ticksPerFrame(score)
    }

    private func ticksPerFrame(_ score: Score) -> Double {
        tempo / 60 * Double(score.ticksPerQuarter) / Double(engine.sampleRate)
    }

    // MARK: control (audio thread)

    /// Starts `score` from `tick`; notes still sounding from before are released.
    public func play(_ score: Score, fromTick tick: Int = 0) {
        releaseSounding()
        self.score = score
        isPlaying = true
        isFinished = false
        anchor(at: Double(tick))
        nextEvent = score.events.firstIndex { $0.tick >= tick } ?? score.events.count
    }

    /// Replaces the score without stopping, keeping the position (for a new take at a bar line).
    public func replaceScore(_ score: Score) {
        let tick = position
        releaseSounding()
        self.score = score
        isFinished = false
        anchor(at: tick)
        nextEvent = score.events.firstIndex { Double($0.tick) >= tick } ?? score.events.count
    }

    /// Samples from now until the position reaches `tick` (0 if it has), at the current tempo.
    public func frames(untilTick tick: Double) -> Int {
        guard let score else { return 0 }
        return Int(max(0, min(frameOf(tick: tick, score) - engine.frame, Int64(Int.max / 2))))
    }

    /// The tick of the next bar line after the position (the position itself on a bar line).
    public var nextBarTick: Double {
        guard let score else { return 0 }
        let bar = Double(score.ticksPerBar)
        return (position / bar).rounded(.up) * bar
    }

    public func stop() {
        releaseSounding()
        isPlaying = false
    }

    /// Sets the tempo from now on; the position does not jump.
    public func setTempo(_ quarterNotesPerMinute: Double) {
        guard quarterNotesPerMinute.isFinite, quarterNotesPerMinute > 0 else { return }
        let tick = position
        tempo = quarterNotesPerMinute
        anchor(at: tick)
    }

    private func anchor(at tick: Double) {
        anchorTick = tick
        anchorFrame = engine.frame
    }

    // MARK: rendering (audio thread)

    /// Renders `frames` samples, firing each event at the first sample at or after its tick.
    public func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
        var done = 0
        while done < frames {
            fireDueEvents()
            let count = min(frames - done, framesUntilNextEvent())
            engine.render(left: left + done, right: right + done, frames: count)
            done += count
        }
    }

    /// Frames until the next event (or the loop point), at least 1; all remaining when idle.
    private func framesUntilNextEvent() -> Int {
        guard isPlaying, let score else { return Int.max }
        let nextTick = nextEvent < score.events.count ? Double(score.events[nextEvent].tick) : Double(score.length)
        if nextEvent >= score.events.count && isFinished { return Int.max }
        let frames = frameOf(tick: nextTick, score) - engine.frame
        return Int(max(1, min(frames, Int64(Int.max / 2))))
    }

    /// The first engine frame at which the position reaches `tick`.
    private func frameOf(tick: Double, _ score: Score) -> Int64 {
        let offset = ((tick - anchorTick) / ticksPerFrame(score)).rounded(.up)
        return anchorFrame + Int64(max(offset, 0))
    }

    private func fireDueEvents() {
        guard isPlaying, let score else { return }
        while true {
            if nextEvent < score.events.count {
                let event = score.events[nextEvent]
                guard frameOf(tick: Double(event.tick), score) <= engine.frame else { return }
                fire(event, score)
                nextEvent += 1
            } else if !isFinished, frameOf(tick: Double(score.length), score) <= engine.frame {
                releaseSounding()
                if isLooping || repeatsLeft > 0 {
                    if !isLooping { repeatsLeft -= 1 }
                    anchor(at: 0)
                    nextEvent = 0
                } else {
                    isFinished = true
                }
            } else {
                return
            }
        }
    }

    private func fire(_ event: Score.Event, _ score: Score) {
        guard event.track >= 0, event.track < maximumTracks, (0...127).contains(event.key) else { return }
        let slot = event.track * 128 + event.key
        if event.velocity > 0 {
            let shift = score.untransposedTracks.contains(event.track) ? 0 : transpose
            let key = min(max(event.key + shift, 0), 127)
            if sounding[slot] >= 0 { engine.noteOff(track: event.track, key: Int(sounding[slot])) }
            sounding[slot] = Int16(key)
            engine.noteOn(track: event.track, key: key, velocity: event.velocity)
        } else if sounding[slot] >= 0 {
            engine.noteOff(track: event.track, key: Int(sounding[slot]))
            sounding[slot] = -1
        }
    }

    private func releaseSounding() {
        for slot in sounding.indices where sounding[slot] >= 0 {
            engine.noteOff(track: slot / 128, key: Int(sounding[slot]))
            sounding[slot] = -1
        }
    }
}
