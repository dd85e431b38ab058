import Arrangement
import MusicTheory
import Testing
@testable import Accompanist

/// The evaluation figures, on takes small enough to count by hand.
@Suite struct MetricsTests {
    static let sheet = LeadSheet(chart: try! ChartParser.parse("| C7 . F/A . | N.C. |"))

    @Test func chordTonesCountExtensionsAndSkipNoChord() {
        let keys = Track(.keys, notes: [
            Note(pitch: 70, velocity: 80, start: 0, duration: 6),   // B♭: the seventh of C7
            Note(pitch: 61, velocity: 80, start: 6, duration: 6),   // C♯: not in C7
            Note(pitch: 69, velocity: 80, start: 24, duration: 6),  // A: in F/A
            Note(pitch: 62, velocity: 80, start: 50, duration: 6),  // under N.C.: left out
        ])
        #expect(Metrics.keysChordTones([keys], sheet: Self.sheet) == Metrics.Share(hits: 2, total: 3))
    }

    @Test func bassOnTheChangeWantsTheSlashBassWithinABeat() {
        let hit = Track(.bass, notes: [Note(pitch: 36, velocity: 90, start: 0, duration: 12), Note(pitch: 45, velocity: 90, start: 30, duration: 12)])
        #expect(Metrics.bassOnTheChange([hit], sheet: Self.sheet) == Metrics.Share(hits: 2, total: 2))
        // F/A answered with F: the root, not the bass asked for; and a late first note misses.
        let miss = Track(.bass, notes: [Note(pitch: 36, velocity: 90, start: 12, duration: 12), Note(pitch: 41, velocity: 90, start: 24, duration: 12)])
        #expect(Metrics.bassOnTheChange([miss], sheet: Self.sheet) == Metrics.Share(hits: 0, total: 2))
    }

    @Test func takeDistanceIsOneMinusJaccardOfOnsets() {
        let a = [Track(.keys, notes: [Note(pitch: 60, velocity: 80, start: 0, duration: 6), Note(pitch: 64, velocity: 80, start: 0, duration: 6)])]
        let b = [Track(.keys, notes: [Note(pitch: 60, velocity: 99, start: 1, duration: 9), Note(pitch: 67, velocity: 80, start: 0, duration: 6)])]
        // Shared: (keys, sixteenth 0, 60); union of three.
        #expect(abs(Metrics.takeDistance(a, b) - 2.0 / 3) < 1e-12)
        #expect(Metrics.takeDistance(a, a) == 0)
    }

    @Test func rankCorrelationIsOneForAnyRisingSeriesAndHandlesTies() {
        #expect(Metrics.rankCorrelation([1, 2, 3, 4], [10, 100, 1000, 10000]) == 1)
        #expect(Metrics.rankCorrelation([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        #expect(abs(Metrics.rankCorrelation([1, 2, 2, 3], [1, 2, 3, 4]) - 0.948_683) < 1e-5)
    }

    @Test func histogramsNormaliseAndTheirDistanceIsTotalVariation() {
        let straight = Metrics.onsetHistogram([Track(.drums, notes: [0, 6, 12, 18].map { Note(pitch: 42, velocity: 80, start: $0, duration: 3) })])
        let swung = Metrics.onsetHistogram([Track(.drums, notes: [0, 8, 12, 20].map { Note(pitch: 42, velocity: 80, start: $0, duration: 3) })])
        #expect(abs(straight.reduce(0, +) - 1) < 1e-12)
        #expect(Metrics.histogramDistance(straight, swung) == 0.5)
        #expect(Metrics.outOfRange([Track(.bass, notes: [Note(pitch: 20, velocity: 80, start: 0, duration: 3)])]) == 1)
    }
}
