import Testing
@testable import Tensor

/// The training pieces: AdamW against its formula, clipping, the learning-rate schedule, EMA.
@Suite struct TrainingTests {
    static func parameters(_ values: [Float], decays: Bool = true) -> ParameterSet<Float> {
        let set = ParameterSet<Float>([("w", [values.count], decays)])
        for (i, v) in values.enumerated() { set.values[i] = v }
        return set
    }

    /// Two steps worked by hand from the AdamW paper's update (as PyTorch's AdamW computes it).
    @Test func adamWTakesTheStepsItsFormulaGives() {
        let set = Self.parameters([1.0, -2.0])
        let optimizer = AdamW(parameters: set, learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01)
        var expected: [Double] = [1.0, -2.0], m: [Double] = [0, 0], v: [Double] = [0, 0]
        for step in 1...2 {
            let gradients: [Double] = step == 1 ? [0.5, -1.0] : [0.25, 2.0]
            for i in 0..<2 {
                set.gradients[i] = Float(gradients[i])
                m[i] = 0.9 * m[i] + 0.1 * gradients[i]
                v[i] = 0.999 * v[i] + 0.001 * gradients[i] * gradients[i]
                let mHat = m[i] / (1 - Double.pow(0.9, Double(step))), vHat = v[i] / (1 - Double.pow(0.999, Double(step)))
                expected[i] -= 0.1 * (mHat / (vHat.squareRoot() + 1e-8) + 0.01 * expected[i])
            }
            optimizer.update(set)
        }
        #expect(abs(Double(set.values[0]) - expected[0]) < 1e-6 && abs(Double(set.values[1]) - expected[1]) < 1e-6)
        #expect(optimizer.step == 2)
    }

    @Test func weightDecaySparesEntriesNotMarkedToDecay() {
        let set = ParameterSet<Float>([("w", [1], true), ("bias", [1], false)])
        set.values[0] = 1; set.values[1] = 1
        let optimizer = AdamW(parameters: set, learningRate: 0.1, weightDecay: 0.5)
        optimizer.update(set)  // zero gradients: only decay moves anything
        #expect(abs(set.values[0] - 0.95) < 1e-6)
        #expect(set.values[1] == 1)
    }

    @Test func adamWMinimisesAQuadratic() {
        let set = Self.parameters([3, -4, 5])
        let optimizer = AdamW(parameters: set, learningRate: 0.05, weightDecay: 0)
        for _ in 0..<2000 {
            for i in 0..<3 { set.gradients[i] = 2 * (set.values[i] - Float(i)) }  // minimum at (0, 1, 2)
            optimizer.update(set)
        }
        for i in 0..<3 { #expect(abs(set.values[i] - Float(i)) < 0.01) }
    }

    @Test func clippingScalesTheGlobalNormDownAndLeavesSmallGradientsAlone() {
        let set = Self.parameters([0, 0])
        set.gradients[0] = 3; set.gradients[1] = 4
        #expect(clipGradients(set, maximumNorm: 1) == 5)
        #expect(abs(set.gradients[0] - 0.6) < 1e-6 && abs(set.gradients[1] - 0.8) < 1e-6)
        #expect(abs(clipGradients(set, maximumNorm: 10) - 1) < 1e-6)
        #expect(abs(set.gradients[0] - 0.6) < 1e-6)
    }

    @Test func scheduleWarmsUpLinearlyThenFollowsACosineToTheFloor() {
        let schedule = LearningRateSchedule(peak: 1, floor: 0.1, warmupSteps: 10, totalSteps: 110)
        #expect(abs(schedule.rate(at: 0) - 0.1) < 1e-6)
        #expect(abs(schedule.rate(at: 9) - 1) < 1e-6)
        #expect(abs(schedule.rate(at: 10) - 1) < 1e-6)
        #expect(abs(schedule.rate(at: 59) - 0.55) < 0.01)  // half way down the cosine
        #expect(abs(schedule.rate(at: 109) - 0.1) < 1e-6)
        #expect(abs(schedule.rate(at: 500) - 0.1) < 1e-6)
        let rates = (10..<110).map(schedule.rate(at:))
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func emaFollowsTheWeightsSlowly() {
        let set = Self.parameters([0])
        let ema = ExponentialMovingAverage(of: set, decay: 0.9)
        set.values[0] = 1
        for step in 1000..<1010 { ema.update(from: set, step: step) }
        // Ten steps of decay 0.9 toward 1 from 0: 1 − 0.9¹⁰.
        #expect(abs(ema.average.values[0] - (1 - Float.pow(0.9, 10))) < 1e-5)
    }
}
