import Arrangement
import MusicTheory

/// The dense arrangement the synthesizer's speed is measured on: 8 bars of 4/4 at 120, the bass
/// in eighths, four-note keys chords on every eighth, a sustained pad and sixteenth-note drums.
public enum BenchmarkTake {
    public static func dense() -> Take {
        let eighth = Take.defaultTicksPerQuarter / 2, sixteenth = eighth / 2
        let progression: [[Int]] = [[60, 64, 67, 71], [57, 60, 64, 67], [62, 65, 69, 72], [55, 59, 62, 65]]
        var bass = Track(.bass), keys = Track(.keys), pad = Track(.pad), drums = Track(.drums)
        for bar in 0..<8 {
            let chord = progression[bar % progression.count]
            let barStart = bar * eighth * 8
            for step in 0..<8 {
                let start = barStart + step * eighth
                bass.add(Note(pitch: chord[0] - 24 + (step % 2 == 0 ? 0 : 7), velocity: 96, start: start, duration: eighth * 9 / 10))
                for pitch in chord { keys.add(Note(pitch: pitch, velocity: 76, start: start, duration: eighth * 3 / 4)) }
            }
            for pitch in chord.prefix(3) { pad.add(Note(pitch: pitch, velocity: 60, start: barStart, duration: eighth * 8)) }
            for step in 0..<16 {
                let start = barStart + step * sixteenth
                drums.add(Note(pitch: 42, velocity: step % 4 == 0 ? 90 : 60, start: start, duration: sixteenth / 2))
                if step % 8 == 0 { drums.add(Note(pitch: 36, velocity: 110, start: start, duration: sixteenth)) }
                if step % 8 == 4 { drums.add(Note(pitch: 38, velocity: 100, start: start, duration: sixteenth)) }
            }
        }
        return Take(tempo: 120, meter: .common, title: "benchmark", tracks: [bass, keys, pad, drums])
    }
}
