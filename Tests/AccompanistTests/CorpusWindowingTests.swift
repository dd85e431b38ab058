@testable import Accompanist
import Arrangement
import MusicTheory
import TestSupport
import Testing

/// Cutting renders into examples: real bar lengths in every meter, the swing measure, and the
/// density rank.
@Suite struct CorpusWindowingTests {
    static let sixEight = """
        key: C
        meter: 6/8
        | C | F | G7 | C . . Am . . | Dm | G7 | C | C . . G7 . . | F | G | C | G7 |
        """

    @Test(
        .enabled(if: mmaAvailable, "mma is not installed (make test installs it)"),
        arguments: ["68Swing", "Afro-Cuban", "68March", "Blues68", "Arpeggio68"])
    func sixEightBarsAreThirtySixTicks(_ groove: String) throws {
        let job = try makeJob(Self.sixEight, groove: groove)
        let midi = try makeRunner().render(MMAScript.source(for: job), name: groove, label: groove)
        let examples = CorpusWindowing.examples(of: job, midi: midi)
        #expect(examples.count == 2)
        for example in examples {
            #expect(example.meter.description == "6/8")
            #expect(example.chords.allSatisfy { $0.tick % 18 == 0 })
            #expect(example.chords.contains { $0.tick == 7 * 36 } || example.chords.contains { $0.tick == 6 * 36 })
            let all = example.notes.values.joined()
            #expect(all.allSatisfy { $0.start >= 0 && $0.start + $0.duration <= 8 * 36 })
            for bar in 0..<8 {
                // Every bar has a note on its downbeat, and something happens in its second half.
                #expect(all.contains { $0.start == bar * 36 }, "\(groove) bar \(bar + 1)")
                #expect(all.contains { $0.start >= bar * 36 + 12 && $0.start < bar * 36 + 36 }, "\(groove) bar \(bar + 1)")
            }
        }
    }

    @Test func straightEighthsAreNotSwung() {
        #expect(CorpusWindowing.swing([[0, 0.5, 1, 1.5, 2, 2.5]]) == 0)
    }

    @Test func tripletEighthsAreSwung() {
        #expect(CorpusWindowing.swing([[0, 0.667, 1, 1.66, 2, 2.68], [0, 1, 2]]) == 1)
        #expect(CorpusWindowing.swing([[0, 0.5, 1, 1.667]]) == 0.5)
    }

    @Test func noOffBeatEighthsMeansNoSwing() {
        #expect(CorpusWindowing.swing([[0, 1, 2, 3], [0.25, 0.75, 1.333]]) == 0)
        #expect(CorpusWindowing.swing([]) == 0)
    }

    @Test func aStrummedChordCountsOnce() {
        // A straight off-beat chord strummed over 0.08 quarter notes is one straight onset, not swung notes.
        #expect(CorpusWindowing.swing([[0.5, 0.53, 0.56, 0.58, 1.667]]) == 0.5)
    }

    @Test func densityRanksWithinTheGivenCounts() {
        #expect(DensityRank.percentiles([5, 1, 3]) == [1, 0, 0.5])
        #expect(DensityRank.percentiles([2, 2, 2]) == [0.5, 0.5, 0.5])
        #expect(DensityRank.percentiles([7]) == [0.5])
        #expect(DensityRank.percentiles([1, 2, 2, 9]) == [0, 0.5, 0.5, 1])
    }

    @Test func moreNotesNeverRankLower() {
        var random = SplitMix64(seed: 3)
        for _ in 0..<50 {
            let counts = (0..<Int.random(in: 2...60, using: &random)).map { _ in Int.random(in: 0...40, using: &random) }
            let ranks = DensityRank.percentiles(counts)
            for i in counts.indices {
                #expect((0...1).contains(ranks[i]))
                for j in counts.indices where counts[i] < counts[j] { #expect(ranks[i] < ranks[j]) }
                for j in counts.indices where counts[i] == counts[j] { #expect(ranks[i] == ranks[j]) }
            }
        }
    }

    @Test func chordChangesMergeHeldChords() throws {
        let chart = try Chart(parsing: "meter: 3/4\n| C | % | G7 . C | N.C. |")
        let changes = CorpusWindowing.chordChanges(chart).map { "\($0.tick) \($0.chord)" }
        #expect(changes == ["0 C", "72 G7", "96 C", "108 N.C."])
    }
}
