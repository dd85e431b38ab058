import Arrangement
import MusicTheory
import Studio
import Synthesis
import Testing

/// The transport: commands take effect within a period, a new take comes in at a bar line, and
/// a bounce is what playback sounds like.
@Suite struct TransportTests {
    static func render(_ transport: Transport, periods: Int, frames: Int = 256) -> [Float] {
        var output: [Float] = []
        var left = [Float](repeating: 0, count: frames), right = left
        for _ in 0..<periods {
            left.withUnsafeMutableBufferPointer { l in right.withUnsafeMutableBufferPointer { r in
                transport.audio.render(left: l.baseAddress!, right: r.baseAddress!, frames: frames)
            } }
            output += left
        }
        return output
    }

    static func take(_ chart: String) throws -> Take { PatternArranger.arrange(try Chart(parsing: chart)) }

    @Test func aNewTakeComesInAtTheNextBarLine() throws {
        let transport = Transport()
        transport.play(try Self.take("tempo: 120\n| C | C | C | C |"), looping: true)
        _ = Self.render(transport, periods: 10)      // 2560 frames into bar 1
        transport.replaceAtNextBar(try Self.take("tempo: 120\n| G | G |"))
        _ = Self.render(transport, periods: 1)
        // Still the first take until the bar line at 2 s (96000 frames): then the 2-bar take.
        #expect(transport.audio.performer.score?.length == 4 * 1920)
        _ = Self.render(transport, periods: 370)     // past 96000 frames
        #expect(transport.audio.performer.score?.length == 2 * 1920)
        #expect(transport.position >= 1920 && transport.position < 2 * 1920)
    }

    @Test func tempoChangesWithinOnePeriod() throws {
        let transport = Transport()
        transport.play(try Self.take("tempo: 120\n| C | F |"))
        _ = Self.render(transport, periods: 4)
        let before = transport.position
        transport.setTempo(240)
        _ = Self.render(transport, periods: 4)
        // 4 periods of 256 at 48 kHz are 1024 frames: 20.48 ticks at 120, twice that at 240.
        #expect(abs(transport.position - before - 2 * 1024 * 0.02) < 0.01)
    }

    @Test func aTakePlaysToItsEndAndRepeatsWhenAsked() throws {
        let transport = Transport()
        transport.play(try Self.take("tempo: 240\n| C |"), repeats: 1)
        _ = Self.render(transport, periods: 200)   // 1 s of a 1 s bar played twice
        #expect(!transport.isFinished)
        _ = Self.render(transport, periods: 200)
        #expect(transport.isFinished)
    }

    @Test func commandsBeyondTheQueueAreRefusedNotLost() throws {
        let transport = Transport(commandCapacity: 4)
        var accepted = 0
        for _ in 0..<10 where transport.setTempo(100) { accepted += 1 }
        #expect(accepted == 4)
        _ = Self.render(transport, periods: 1)
        #expect(transport.setTempo(110))
    }

    /// The offline bounce renders the same samples the transport plays (before the tail).
    @Test func theBounceIsSampleIdenticalToPlayback() throws {
        let take = try Self.take("tempo: 150\n| Cm7 F7 | Bbmaj7 |")
        var settings = SoundSettings()
        settings.period = 256
        let bounce = Bounce.render(take, settings: settings)
        let transport = Transport()
        transport.play(take)
        let live = Self.render(transport, periods: bounce.frameCount / 256)
        #expect(live.count <= bounce.frameCount)
        let difference = zip(live, bounce.channels[0]).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(difference == nil, "differs from frame \(difference ?? 0)")
    }

    @Test func stemsAreOneTrackEachAndTogetherAboutTheMix() throws {
        let take = try Self.take("| C | G |")
        let stems = Bounce.stems(take)
        #expect(stems.map(\.0) == [.bass, .keys, .pad, .drums])
        for (_, stem) in stems { #expect(stem.channels.count == 2 && stem.channels[0].contains { $0 != 0 }) }
        // A stem holds only its own track: the bass stem has no energy above a few hundred Hz
        // beyond what a low saw makes, the drums stem has the hats' highs.
        func highShare(_ samples: [Float]) -> Float {
            let differences = zip(samples.dropFirst(), samples).map { $0 - $1 }
            let energy = samples.reduce(0) { $0 + $1 * $1 }
            return energy > 0 ? differences.reduce(0) { $0 + $1 * $1 } / energy : 0
        }
        let bass = stems[0].1.channels[0], drums = stems[3].1.channels[0]
        #expect(highShare(drums) > 4 * highShare(bass))
    }
}
