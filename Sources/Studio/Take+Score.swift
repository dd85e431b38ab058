import Arrangement
import Synthesis

/// How a take's instruments map onto the engine's tracks.
public struct BandLayout: Sendable, Equatable {
    /// The engine's tracks in order, one per instrument of the take.
    public var instruments: [Instrument] = Instrument.allCases
    /// What the keys track plays: the FM electric piano, or the plucked guitar.
    public var keysPatch: Patch = .electricPiano

    public init(keysPatch: Patch = .electricPiano) { self.keysPatch = keysPatch }

    public var patches: [Patch] {
        instruments.map { instrument in
            switch instrument {
            case .bass: .bass
            case .keys: keysPatch
            case .pad: .pad
            case .drums: .drums
            }
        }
    }

    public func trackIndex(_ instrument: Instrument) -> Int? { instruments.firstIndex(of: instrument) }
}

extension Take {
    /// The take as the engine plays it: every note on its instrument's track, drums kept out of
    /// transposition, and the length rounded up to whole bars.
    public func score(layout: BandLayout = BandLayout()) -> Score {
        var notes: [Score.Note] = []
        for track in tracks {
            guard let index = layout.trackIndex(track.instrument) else { continue }
            for note in track.notes {
                notes.append(Score.Note(track: index, key: note.pitch, velocity: note.velocity, start: note.start, duration: note.duration))
            }
        }
        let ticksPerBar = ticksPerQuarter * 4 / meter.unit * meter.beats
        let bars = (endTick + ticksPerBar - 1) / max(ticksPerBar, 1)
        let drums = layout.trackIndex(.drums).map { Set([$0]) } ?? []
        return Score(notes: notes, ticksPerQuarter: ticksPerQuarter, length: bars * ticksPerBar, ticksPerBar: ticksPerBar,
                     untransposedTracks: drums)
    }
}
