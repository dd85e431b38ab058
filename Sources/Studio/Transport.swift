import Arrangement
import Atomics
import Synthesis

/// Playing takes live: the control side (this class, any one thread) sends commands to the audio
/// side (`TransportAudio`, the audio thread) through a wait-free queue, and they take effect at
/// the start of the next period. A new take replaces the playing one at the next bar line, so
/// playback never stops to regenerate.
///
/// Scores cross to the audio thread retained and come back through a second queue to be
/// released here, so the audio thread never frees one.
public final class Transport: @unchecked Sendable {
    public let sampleRate: Int
    public let layout: BandLayout
    /// Hand this to the audio output; it renders on the audio thread.
    public let audio: TransportAudio
    private let commands: SPSCQueue<TransportCommand>
    private let retired: SPSCQueue<Unmanaged<Score>>

    public init(sampleRate: Int = 48000, layout: BandLayout = BandLayout(), commandCapacity: Int = 256) {
        self.sampleRate = sampleRate
        self.layout = layout
        commands = SPSCQueue(capacity: commandCapacity)
        retired = SPSCQueue(capacity: commandCapacity)
        audio = TransportAudio(sampleRate: sampleRate, patches: layout.patches, commands: commands, retired: retired)
    }

    deinit {
        releaseRetiredScores()
        audio.releaseHeldScores()
    }

    // MARK: commands (control thread)

    /// Plays `take` from its start, `repeats` more times after the first (or forever when `looping`).
    @discardableResult
    public func play(_ take: Take, repeats: Int = 0, looping: Bool = false) -> Bool {
        send(.tempo(take.tempo)) && send(.play(retain(take), repeats: repeats, looping: looping))
    }

    /// Puts `take` in place of the playing one at the next bar line, without stopping.
    @discardableResult
    public func replaceAtNextBar(_ take: Take) -> Bool { send(.replace(retain(take))) }

    @discardableResult public func stop() -> Bool { send(.stop) }
    @discardableResult public func setTempo(_ quarterNotesPerMinute: Double) -> Bool { send(.tempo(quarterNotesPerMinute)) }
    @discardableResult public func setTranspose(_ semitones: Int) -> Bool { send(.transpose(semitones)) }

    @discardableResult
    public func setTimbre(_ timbre: Timbre, for instrument: Instrument) -> Bool {
        guard let track = layout.trackIndex(instrument) else { return false }
        return send(.timbre(track: track, timbre))
    }

    @discardableResult
    public func setMix(_ mix: TrackMix, for instrument: Instrument) -> Bool {
        guard let track = layout.trackIndex(instrument) else { return false }
        return send(.mix(track: track, mix))
    }

    /// The playing position in ticks, as of the last period.
    public var position: Double { Double(bitPattern: audio.published.position.load(ordering: .relaxed)) }
    /// Whether the take has played to its end.
    public var isFinished: Bool { audio.published.finished.load(ordering: .relaxed) }
    /// Periods the audio thread has rendered.
    public var periodsRendered: Int { audio.published.periods.load(ordering: .relaxed) }

    /// Releases the scores the audio thread has finished with. Called by every command; call it
    /// now and then while idle.
    public func releaseRetiredScores() {
        while let score = retired.pop() { score.release() }
    }

    private func retain(_ take: Take) -> Unmanaged<Score> { Unmanaged.passRetained(take.score(layout: layout)) }

    private func send(_ command: TransportCommand) -> Bool {
        releaseRetiredScores()
        if commands.push(command) { return true }
        // A full queue drops the command; a score in it would leak, so let it go here.
        switch command {
        case .play(let score, _, _), .replace(let score): score.release()
        default: break
        }
        return false
    }
}

/// What the control side asks of the audio side. Trivial to copy: the ring holds bits.
enum TransportCommand: BitwiseCopyable {
    case play(Unmanaged<Score>, repeats: Int, looping: Bool)
    case replace(Unmanaged<Score>)
    case stop
    case tempo(Double)
    case transpose(Int)
    case timbre(track: Int, Timbre)
    case mix(track: Int, TrackMix)
}

/// The audio-thread side of a transport: the engine, the performer, and the scores in play.
///
/// `render` is the only method for the audio thread; it drains the command queue, swaps a
/// waiting score in at its bar line, renders, and publishes the position. It never allocates,
/// locks or frees an object.
public final class TransportAudio: @unchecked Sendable {
    /// What the audio thread tells the rest, in atomics.
    final class Published: Sendable {
        let position = ManagedAtomic<UInt64>(0)
        let finished = ManagedAtomic<Bool>(false)
        let periods = ManagedAtomic<Int>(0)
    }

    public let engine: SynthEngine
    public let performer: Performer
    let published = Published()
    private let commands: SPSCQueue<TransportCommand>
    private let retired: SPSCQueue<Unmanaged<Score>>
    private var current: Unmanaged<Score>?
    private var waiting: Unmanaged<Score>?

    init(sampleRate: Int, patches: [Patch], commands: SPSCQueue<TransportCommand>, retired: SPSCQueue<Unmanaged<Score>>) {
        engine = SynthEngine(sampleRate: Double(sampleRate), patches: patches)
        performer = Performer(engine: engine)
        self.commands = commands
        self.retired = retired
    }

    /// Renders one period. Audio thread only.
    public func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
        while let command = commands.pop() { apply(command) }
        var done = 0
        while done < frames {
            var count = frames - done
            if let score = waiting {
                let until = performer.isPlaying ? performer.frames(untilTick: performer.nextBarTick) : 0
                if until == 0 {
                    swapIn(score)
                } else {
                    count = min(count, until)
                }
            }
            performer.render(left: left + done, right: right + done, frames: count)
            done += count
        }
        published.position.store(performer.position.bitPattern, ordering: .relaxed)
        published.finished.store(performer.isFinished, ordering: .relaxed)
        published.periods.wrappingIncrement(ordering: .relaxed)
    }

    private func apply(_ command: TransportCommand) {
        switch command {
        case .play(let score, let repeats, let looping):
            if let waiting { retire(waiting); self.waiting = nil }
            if let current { retire(current) }
            current = score
            performer.isLooping = looping
            performer.repeatsLeft = repeats
            performer.play(score.takeUnretainedValue())
        case .replace(let score):
            if let waiting { retire(waiting) }
            waiting = score
        case .stop:
            performer.stop()
        case .tempo(let tempo):
            performer.setTempo(tempo)
        case .transpose(let semitones):
            performer.transpose = semitones
        case .timbre(let track, let timbre):
            engine.setTimbre(timbre, track: track)
        case .mix(let track, let mix):
            engine.setMix(mix, track: track)
        }
    }

    private func swapIn(_ score: Unmanaged<Score>) {
        waiting = nil
        performer.replaceScore(score.takeUnretainedValue())
        if let current { retire(current) }
        current = score
    }

    /// Sends a score back to be released off the audio thread (if the ring is full, it leaks
    /// rather than being freed here).
    private func retire(_ score: Unmanaged<Score>) { _ = retired.push(score) }

    /// Releases the scores still held; only when no thread renders any more (the transport's deinit).
    func releaseHeldScores() {
        performer.stop()
        current?.release()
        waiting?.release()
        current = nil
        waiting = nil
    }
}
