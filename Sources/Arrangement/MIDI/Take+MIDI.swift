import MusicTheory

extension Take {
    /// The take as a type 1 MIDI file: a conductor track (title, time signature, tempo), then one
    /// named track per instrument with its program, drums on channel 10.
    public var midiFile: MIDIFile {
        let microseconds = Int((60_000_000 / tempo).rounded())
        var conductor: [MIDIEvent] = title.map { [MIDIEvent(tick: 0, .meta(.trackName($0)))] } ?? []
        conductor += [
            MIDIEvent(tick: 0, .meta(.timeSignature(numerator: meter.beats, denominator: meter.unit,
                                                      clocksPerClick: 96 / meter.unit, thirtySecondsPerQuarter: 8))),
            MIDIEvent(tick: 0, .meta(.tempo(microsecondsPerQuarter: microseconds))),
        ]
        conductor.append(MIDIEvent(tick: endTick, .meta(.endOfTrack)))
        var tracks = [MIDITrack(events: conductor)]
        for track in self.tracks { tracks.append(Self.midiTrack(track, endTick: endTick)) }
        return MIDIFile(format: .multiTrack, ticksPerQuarter: ticksPerQuarter, tracks: tracks)
    }

    private static func midiTrack(_ track: Track, endTick: Int) -> MIDITrack {
        let channel = track.instrument.channel
        var noteEvents: [(tick: Int, isOn: Bool, event: MIDIEvent)] = []
        for note in track.notes {
            let key = UInt8(clamping: note.pitch)
            noteEvents.append((note.start, true, MIDIEvent(tick: note.start,
                .noteOn(channel: channel, key: key, velocity: UInt8(clamping: max(1, note.velocity))))))
            let end = note.start + max(1, note.duration)
            noteEvents.append((end, false, MIDIEvent(tick: end, .noteOff(channel: channel, key: key, velocity: 0))))
        }
        // At one tick, notes end before new ones start, so a repeated pitch is struck again.
        noteEvents.sort { ($0.tick, $0.isOn ? 1 : 0) < ($1.tick, $1.isOn ? 1 : 0) }
        var events = [
            MIDIEvent(tick: 0, .meta(.trackName(track.instrument.trackName))),
            MIDIEvent(tick: 0, .programChange(channel: channel, program: track.instrument.program)),
        ]
        events += noteEvents.map(\.event)
        events.append(MIDIEvent(tick: endTick, .meta(.endOfTrack)))
        return MIDITrack(events: events)
    }

    /// A take from a MIDI file: tempo and meter from the first meta events, and the notes of
    /// each track named Bass, Keys, Pad or Drums (tracks with other names are left out; notes on
    /// channel 10 of an unnamed track are drums).
    public init(midi: MIDIFile) {
        // MIDI stores whole microseconds per quarter: 220 a minute comes back as 220.0002.
        let tempo = (midi.initialTempo * 1000).rounded() / 1000
        self.init(ticksPerQuarter: midi.ticksPerQuarter, tempo: tempo, meter: midi.initialMeter)
        var byInstrument: [Instrument: [Note]] = [:]
        let names = midi.tracks.map(\.name)
        for note in midi.notes {
            let instrument = names[note.track].flatMap(Instrument.init(trackName:)) ?? (note.channel == 9 ? .drums : nil)
            guard let instrument else { continue }
            byInstrument[instrument, default: []].append(
                Note(pitch: note.pitch, velocity: note.velocity, start: note.start, duration: note.duration))
        }
        tracks = Instrument.allCases.compactMap { instrument in
            byInstrument[instrument].map { Track(instrument, notes: $0) }
        }
        if case .meta(.trackName(let name))? = midi.tracks.first?.events.first?.message, Instrument(trackName: name) == nil {
            title = name
        }
    }
}
