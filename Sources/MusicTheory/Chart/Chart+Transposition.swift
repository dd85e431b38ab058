extension ChordSymbol {
    /// The chord moved from one key to another, keeping its function: in F the A7 of bar 3 is
    /// III7, so in G it is B7. Double sharps and flats, and E♯, B♯, C♭, F♭ outside the new key's
    /// scale, are respelt the way the new key leans.
    public func transposed(from source: Key, to target: Key) -> ChordSymbol {
        let newRoot = Self.respell(target.tonic.transposed(by: Interval.between(source.tonic, root)), in: target)
        let newBass = slashBass.map { Self.respell(newRoot.transposed(by: Interval.between(root, $0)), in: target) }
        return ChordSymbol(root: newRoot, tones: tones, bass: newBass)
    }

    private static func respell(_ note: NoteName, in key: Key) -> NoteName {
        if abs(note.accidental) > 1 { return note.simplified(preferFlats: key.prefersFlats) }
        if note.isOddEnharmonic && !key.scale.notes.contains(note) {
            return note.simplified(preferFlats: key.prefersFlats)
        }
        return note
    }
}

extension Chart {
    /// The chart moved by `semitones`; chords are spelt in the new key (the chart's own key moved
    /// the shorter way round the circle of fifths, or the key its chords suggest).
    public func transposed(bySemitones semitones: Int) -> Chart {
        let source = keyOrEstimate
        var result = transposed(from: source, to: source.transposed(bySemitones: semitones))
        result.key = key.map { _ in source.transposed(bySemitones: semitones) }
        return result
    }

    /// The chart moved into `target`. A chart with a `key:` header must be in the same mode; one
    /// without is read in the mode of `target` (A minor chords asked into F are read as C major).
    public func transposed(to target: Key) throws(ChartTransposeError) -> Chart {
        var source = keyOrEstimate
        if source.isMinor != target.isMinor {
            guard key == nil else { throw ChartTransposeError(from: source, to: target) }
            source = source.isMinor
                ? Key(source.tonic.transposed(by: .minorThird), minor: false)
                : Key(source.tonic.transposed(by: Interval(steps: 5, semitones: 9)), minor: true)
        }
        var result = transposed(from: source, to: target)
        result.key = target
        return result
    }

    private func transposed(from source: Key, to target: Key) -> Chart {
        var result = self
        for barIndex in result.bars.indices {
            for spanIndex in result.bars[barIndex].spans.indices {
                if case .chord(let chord) = result.bars[barIndex].spans[spanIndex].chord {
                    result.bars[barIndex].spans[spanIndex].chord = .chord(chord.transposed(from: source, to: target))
                }
            }
        }
        return result
    }
}

/// A chart asked into a key of the other mode.
public struct ChartTransposeError: Error, Sendable, CustomStringConvertible {
    public let from: Key
    public let to: Key

    public var description: String {
        "the chart is in \(from.isMinor ? "minor" : "major") (key: \(from)); ask for a \(from.isMinor ? "minor" : "major") key, not \(to)"
    }
}
