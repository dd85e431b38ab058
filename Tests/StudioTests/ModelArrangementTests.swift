import Accompanist
import Arrangement
import MusicTheory
import Testing
@testable import Studio

/// The model's take of a chart: styles checked against the model's, fills, and 12/8 played as
/// 4/4 with a triplet feel.
@Suite struct ModelArrangementTests {
    /// A stand-in that strikes the keys' lowest lane on tick 4 of every token (a triplet eighth).
    final class TripletStriker: DenoisingModel {
        let configuration = DenoiserConfiguration(width: 8, layers: 1, heads: 1)
        func forward(_ w: DenoiserWorkspace<Float>) {
            let values = RollLayout.valuesPerToken
            for row in 0..<(w.batch * w.tokens) {
                for j in 0..<values {
                    w.output.data[row * values + j] = j == 4 * RollLayout.channelsPerTick + RollLayout.keys.offset ? 0.8 : -1
                }
            }
        }
    }

    @Test func twelveEightIsPlayedAsFourFourTripletsAndStretchedBack() throws {
        let chart = try ChartParser.parse("meter: 12/8\n| C . . . . . G . . . . . |")
        let sheet = try ModelArrangement.sheet(for: chart)
        #expect(sheet.meter == .common && sheet.tokens == 4)
        #expect(sheet.changes.map(\.tick) == [0, 24])  // G on the sixth eighth: the third beat of 4/4
        let (take, _) = try ModelArrangement.arrange(chart, model: TripletStriker(),
                                                     request: GenerationRequest(sheet: sheet, settings: SamplerSettings(steps: 4, guidance: 1)))
        #expect(take.meter == chart.meter)
        // Tick 4 of each quarter of 4/4 is the second eighth of each dotted-quarter beat of 12/8.
        #expect(take.track(.keys)!.notes.map(\.start) == [240, 960, 1680, 2400])
    }

    @Test func anUnknownStyleListsTheKnownOnesAndFillsMustBeBarsOfTheChart() throws {
        let chart = try ChartParser.parse("style: Polka\n| C | G |")
        #expect(throws: ArrangementError(message: "unknown style 'polka'; the model knows: pop, rock")) {
            try ModelArrangement.controls(for: chart, style: nil, density: 0.5, complexity: 0.3, swing: 0.5, styles: ["pop", "rock"])
        }
        #expect(try ModelArrangement.controls(for: chart, style: "Rock", density: 0.5, complexity: 0.3, swing: 0.5, styles: ["pop", "rock"]).style == "rock")
        #expect(try ModelArrangement.sheet(for: chart, fills: [2]).fills == [1])
        #expect(throws: ArrangementError(message: "--fill 3: the chart has bars 1…2")) { try ModelArrangement.sheet(for: chart, fills: [3]) }
        #expect(throws: ArrangementError.self) { try ModelArrangement.sheet(for: try ChartParser.parse("meter: 7/8\n| C |")) }
    }
}
