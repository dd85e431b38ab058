import MusicTheory

/// A note found in a MIDI file: a note on paired with its note off.
public struct MIDINote: Hashable, Sendable {
    /// 0-based index of the MTrk chunk the note is in.
    public var track: Int
    /// 0...15; 9 is the General MIDI drum channel.
    public var channel: Int
    public var pitch: Int
    public var velocity: Int
    public var start: Int
    public var duration: Int
    public var end: Int { start + duration }
}

extension MIDIFile {
    /// Every note in the file. A note on is closed by the first note off (or note on with velocity
    /// 0) of the same key and channel in the same track, oldest first; one left open ends at the
    /// track's last event.
    public var notes: [MIDINote] {
        var result: [MIDINote] = []
        for (trackIndex, track) in tracks.enumerated() {
            var open: [Int: [(tick: Int, velocity: Int)]] = [:]
            let trackEnd = track.events.last?.tick ?? 0
            for event in track.events {
                switch event.message {
                case .noteOn(let channel, let key, let velocity) where velocity > 0:
                    open[Int(channel) << 7 | Int(key), default: []].append((event.tick, Int(velocity)))
                case .noteOn(let channel, let key, _), .noteOff(let channel, let key, _):
                    let slot = Int(channel) << 7 | Int(key)
                    guard var started = open[slot], !started.isEmpty else { continue }
                    let first = started.removeFirst()
                    open[slot] = started
                    result.append(MIDINote(track: trackIndex, channel: Int(channel), pitch: Int(key), velocity: first.velocity,
                                           start: first.tick, duration: event.tick - first.tick))
                default:
                    continue
                }
            }
            for (slot, started) in open {
                for note in started {
                    result.append(MIDINote(track: trackIndex, channel: slot >> 7, pitch: slot & 0x7F, velocity: note.velocity,
                                           start: note.tick, duration: trackEnd - note.tick))
                }
            }
        }
        return result.sorted { ($0.start, $0.track, $0.channel, $0.pitch) < ($1.start, $1.track, $1.channel, $1.pitch) }
    }

    /// The first tempo in the file, in quarter notes per minute (120 when it sets none).
    public var initialTempo: Double {
        firstMeta { if case .tempo(let micros) = $0, micros > 0 { 60_000_000 / Double(micros) } else { nil } } ?? 120
    }

    /// The first time signature in the file (4/4 when it sets none or an unusable one).
    public var initialMeter: Meter {
        firstMeta { meta -> Meter? in
            if case .timeSignature(let numerator, let denominator, _, _) = meta { Meter(beats: numerator, unit: denominator) } else { nil }
        } ?? .common
    }

    /// The first key signature, as a key (nil when the file has none).
    public var initialKey: Key? {
        firstMeta { meta -> Key? in
            guard case .keySignature(let sharps, let minor) = meta, (-7...7).contains(sharps) else { return nil }
            // The tonic sits `sharps` fifths from C (major) or A (minor).
            let majorTonic = NoteName(.c).transposed(byFifths: sharps)
            return minor ? Key(majorTonic.transposed(by: Interval(steps: 5, semitones: 9)), minor: true) : Key(majorTonic)
        }
    }

    /// The value of the earliest meta event (by tick, then track order) that `read` accepts.
    private func firstMeta<T>(_ read: (MIDIMeta) -> T?) -> T? {
        var best: (tick: Int, value: T)?
        for track in tracks {
            for event in track.events {
                guard case .meta(let meta) = event.message, let value = read(meta) else { continue }
                if best.map({ event.tick < $0.tick }) ?? true { best = (event.tick, value) }
                break
            }
        }
        return best?.value
    }
}

extension NoteName {
    /// The note `fifths` perfect fifths above (negative: below), spelled by letter.
    func transposed(byFifths fifths: Int) -> NoteName {
        var note = self
        for _ in 0..<abs(fifths) {
            note = note.transposed(by: fifths > 0 ? .perfectFifth : .perfectFourth)
        }
        return note
    }
}
