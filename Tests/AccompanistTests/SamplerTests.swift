import Arrangement
import MusicTheory
import Tensor
import Testing
@testable import Accompanist

/// The samplers, guidance, inpainting, seeds, cancellation and explanations, with stand-in
/// models whose right answers are known, and with an untrained denoiser where only
/// repeatability matters.
@Suite struct SamplerTests {
    static let sheet = LeadSheet(chart: try! ChartParser.parse("| C | F G7 |"))
    static var count: Int { sheet.tokens * RollLayout.valuesPerToken }

    /// The exact denoiser of a world with two takes, A and B, equally likely: E[x₀ | x_t], the
    /// posterior-weighted mean. A good solver ends on one of the two, not between them.
    final class TwoTakeWorld: DenoisingModel {
        let configuration = DenoiserConfiguration(width: 8, layers: 1, heads: 1)
        let a: [Double], b: [Double]
        init(seed: UInt64) {
            var random = RandomSource(seed: seed)
            a = (0..<SamplerTests.count).map { _ in random.nextUnit() < 0.05 ? 0.8 : -1 }
            b = (0..<SamplerTests.count).map { _ in random.nextUnit() < 0.05 ? 0.8 : -1 }
        }
        func forward(_ w: DenoiserWorkspace<Float>) {
            let n = SamplerTests.count
            for row in 0..<w.batch {
                let (alpha, sigma) = NoiseSchedule.signalAndNoise(w.times[row])
                var distanceA = 0.0, distanceB = 0.0
                for j in 0..<n {
                    let x = Double(w.roll.data[row * n + j])
                    distanceA += (x - alpha * a[j]) * (x - alpha * a[j])
                    distanceB += (x - alpha * b[j]) * (x - alpha * b[j])
                }
                // p(A | x) = 1 / (1 + exp((dA − dB) / 2σ²))
                let logit = (distanceA - distanceB) / (2 * sigma * sigma)
                let pA = logit > 50 ? 0 : 1 / (1 + Double.exp(logit))
                for j in 0..<n { w.output.data[row * n + j] = Float(pA * a[j] + (1 - pA) * b[j]) }
            }
        }
    }

    static func distanceToNearest(_ world: TwoTakeWorld, method: SamplerSettings.Method, steps: Int, seed: UInt64) throws -> Double {
        let sampler = Sampler(model: world)
        // Guidance 1: the stand-in ignores the chords, so the two rows agree anyway.
        let result = try sampler.generate(GenerationRequest(sheet: sheet, settings: SamplerSettings(method: method, steps: steps, guidance: 1, seed: seed)))
        _ = result
        return sampler.lastRoll.map { roll in
            let toA = zip(roll, world.a).map { abs(Double($0) - $1) }.max()!
            let toB = zip(roll, world.b).map { abs(Double($0) - $1) }.max()!
            return min(toA, toB)
        } ?? .infinity
    }

    @Test(arguments: [SamplerSettings.Method.ddim, .dpmSolver2M])
    func bothSolversLandOnATakeOfTheWorldNotBetweenTwo(method: SamplerSettings.Method) throws {
        let world = TwoTakeWorld(seed: 3)
        for seed in 1...3 as ClosedRange<UInt64> {
            let distance = try Self.distanceToNearest(world, method: method, steps: 10, seed: seed)
            #expect(distance < 0.01, "seed \(seed): \(distance) from the nearest take")
        }
    }

    /// A world where every roll value is drawn from N(μ, s²) on its own. Its exact denoiser is
    /// E[x₀ | x_t] = μ + α s² (x_t − αμ) / (α²s² + σ²), and the probability-flow ODE the solvers
    /// integrate keeps each value's standard score, so from the starting noise z the exact end is
    /// μ + s·(z − α(1)μ) / √(α(1)²s² + σ(1)²). How far a solver ends from there is its error.
    final class GaussianWorld: DenoisingModel {
        let configuration = DenoiserConfiguration(width: 8, layers: 1, heads: 1)
        static let (mean, spread) = (0.2, 0.15)  // within the ±1 the sampler clamps predictions to
        func forward(_ w: DenoiserWorkspace<Float>) {
            let (m, s) = (Self.mean, Self.spread)
            for row in 0..<w.batch {
                let (alpha, sigma) = NoiseSchedule.signalAndNoise(w.times[row])
                let gain = alpha * s * s / (alpha * alpha * s * s + sigma * sigma)
                let n = SamplerTests.count
                for j in 0..<n {
                    let x = Double(w.roll.data[row * n + j])
                    w.output.data[row * n + j] = Float(m + gain * (x - alpha * m))
                }
            }
        }

        static func solverError(_ method: SamplerSettings.Method, steps: Int) throws -> Double {
            let sampler = Sampler(model: GaussianWorld())
            _ = try sampler.generate(GenerationRequest(sheet: SamplerTests.sheet,
                                                       settings: SamplerSettings(method: method, steps: steps, guidance: 1, seed: 4)))
            var random = RandomSource(seed: 4)
            let (alpha, sigma) = NoiseSchedule.signalAndNoise(1)
            let (m, s) = (mean, spread)
            return sampler.lastRoll!.map { value in
                let z = random.nextNormal()
                return abs(Double(value) - (m + s * (z - alpha * m) / (alpha * alpha * s * s + sigma * sigma).squareRoot()))
            }.max()!
        }
    }

    /// Both solvers converge on the exact end as steps grow, and the second-order DPM-Solver++
    /// gets there with fewer steps than first-order DDIM.
    @Test func solversConvergeOnTheExactFlowAndDPMSolverFaster() throws {
        let ddim8 = try GaussianWorld.solverError(.ddim, steps: 8), ddim32 = try GaussianWorld.solverError(.ddim, steps: 32)
        let dpm8 = try GaussianWorld.solverError(.dpmSolver2M, steps: 8), dpm32 = try GaussianWorld.solverError(.dpmSolver2M, steps: 32)
        #expect(ddim32 < ddim8 && dpm32 < dpm8)
        #expect(dpm8 < ddim8, "DPM-Solver++ \(dpm8), DDIM \(ddim8) at 8 steps")
        #expect(dpm8 < 0.05 && dpm32 < 0.01, "DPM-Solver++ ends \(dpm8) (8 steps) and \(dpm32) (32) from the exact end")
        print("solver error at 8/32 steps: DDIM \(ddim8) / \(ddim32), DPM-Solver++(2M) \(dpm8) / \(dpm32)")
    }

    /// A stand-in that predicts A when it sees chords and B when they are dropped.
    final class ChordFollower: DenoisingModel {
        let configuration = DenoiserConfiguration(width: 8, layers: 1, heads: 1)
        func forward(_ w: DenoiserWorkspace<Float>) {
            let n = SamplerTests.count
            for row in 0..<w.batch {
                let seesChords = (0..<TokenFeatures.chordFeatures).contains { w.features.data[row * w.tokens * TokenFeatures.count + $0] != 0 }
                for j in 0..<n { w.output.data[row * n + j] = j % 103 == 30 ? (seesChords ? 0.5 : -0.5) : -1 }
            }
        }
    }

    @Test func guidanceExtrapolatesFromTheChordlessPredictionAndExplainsIt() throws {
        let sampler = Sampler(model: ChordFollower())
        for (guidance, expected) in [(1 as Float, 0.5 as Float), (1.5, 1.0), (0, -0.5)] {
            let result = try sampler.generate(GenerationRequest(sheet: Self.sheet, settings: SamplerSettings(steps: 4, guidance: guidance)))
            #expect(sampler.lastRoll?[30] == expected)
            // Channel 30 is the keys' lane 5 above the root's reference: a note on every tick.
            let keys = result.tracks[1].notes
            #expect(keys.count == (expected > PianoRollCodec.threshold ? Self.sheet.ticks : 0))
            if let first = result.explanations.first {
                #expect(first.chordInfluence == 1)
                #expect(first.confidence == min(1, (expected + 1) / 2))
            }
        }
    }

    static func untrainedSampler() -> Sampler {
        let configuration = DenoiserConfiguration(width: 32, layers: 2, heads: 2)
        let model = Denoiser<Float>(configuration: configuration)
        var random = RandomSource(seed: 99)
        // Random everywhere (the zero start of adaLN-Zero would predict the same for any input).
        for i in 0..<model.parameters.count { model.parameters.values[i] = Float(random.nextNormal() * 0.05) }
        return Sampler(model: model)
    }

    @Test func theSameSeedGivesTheSameTakeBitForBitAndAnotherSeedAnother() throws {
        let sampler = Self.untrainedSampler()
        let request = GenerationRequest(sheet: Self.sheet, settings: SamplerSettings(steps: 6, seed: 5))
        let first = try sampler.generate(request)
        let firstRoll = sampler.lastRoll
        let again = try Self.untrainedSampler().generate(request)
        #expect(first == again)
        var other = request
        other.settings.seed = 6
        _ = try sampler.generate(other)
        #expect(sampler.lastRoll != firstRoll)
    }

    @Test func inpaintingRewritesOnlyTheChosenBarsAndTracks() throws {
        let sampler = Self.untrainedSampler()
        let original = try sampler.generate(GenerationRequest(sheet: Self.sheet, settings: SamplerSettings(steps: 6, seed: 5)))
        let inpainting = Inpainting(tracks: original.tracks, bars: [1], instruments: [.keys])
        let redone = try sampler.generate(GenerationRequest(sheet: Self.sheet, settings: SamplerSettings(steps: 6, seed: 8), inpainting: inpainting))
        let ticksPerBar = Self.sheet.ticksPerBar
        for (before, after) in zip(original.tracks, redone.tracks) {
            let keptBefore = before.notes.filter { before.instrument != .keys || $0.start < ticksPerBar }
            let keptAfter = after.notes.filter { after.instrument != .keys || $0.start < ticksPerBar }
            #expect(keptBefore == keptAfter, "\(before.instrument) changed outside the region")
        }
        // Only notes of the regenerated region are explained as new.
        #expect(redone.explanations.allSatisfy { $0.instrument == .keys && $0.note.start >= ticksPerBar })
        #expect(original.tracks[1].notes.filter { $0.start >= ticksPerBar } != redone.tracks[1].notes.filter { $0.start >= ticksPerBar })
    }

    @Test func progressCountsEveryStepAndCancellingStopsBetweenSteps() {
        let sampler = Self.untrainedSampler()
        var heard: [Int] = []
        let request = GenerationRequest(sheet: Self.sheet, settings: SamplerSettings(steps: 5))
        #expect(throws: Never.self) { try sampler.generate(request, progress: { step, total in heard.append(step); #expect(total == 5) }) }
        #expect(heard == [1, 2, 3, 4, 5])
        heard = []
        #expect(throws: GenerationCancelled.self) {
            try sampler.generate(request, progress: { step, _ in heard.append(step) }, isCancelled: { heard.count >= 2 })
        }
        #expect(heard == [1, 2])
    }

    @Test func stepsAreKeptBetweenFourAndFifty() {
        #expect(SamplerSettings(steps: 1).steps == 4)
        #expect(SamplerSettings(steps: 500).steps == 50)
    }
}
