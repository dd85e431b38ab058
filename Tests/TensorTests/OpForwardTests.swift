import Testing
@testable import Tensor

/// What each op computes, against definitions written out plainly (the gradient checks only show
/// that a backward matches its forward; these show the forward is the op it claims to be).
@Suite struct OpForwardTests {
    @Test func layerNormGivesZeroMeanUnitVarianceRows() {
        var random = RandomSource(seed: 2)
        let input = Tensor<Double>(randomNormal: [3, 16], standardDeviation: 5, using: &random)
        let out = Tensor<Double>(zeros: [3, 16]), mean = Tensor<Double>(zeros: [3]), rstd = Tensor<Double>(zeros: [3])
        layerNormForward(out: out, mean: mean, rstd: rstd, input: input, weight: nil, bias: nil, epsilon: 0)
        for row in 0..<3 {
            let values = out.scalars[(row * 16)..<(row * 16 + 16)]
            let m = values.reduce(0, +) / 16
            let variance = values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 16
            #expect(abs(m) < 1e-12 && abs(variance - 1) < 1e-12)
        }
    }

    @Test func softmaxRowsSumToOneEvenForHugeInputs() {
        let input = Tensor<Float>(shape: [2, 3], values: [1000, 1001, 1002, -5, 0, 5])
        let out = Tensor<Float>(zeros: [2, 3])
        softmaxForward(out: out, input: input)
        #expect(out.scalars.allSatisfy { $0.isFinite })
        #expect(abs(out.scalars[0..<3].reduce(0, +) - 1) < 1e-6)
        #expect(abs(out[2] - 0.66524) < 1e-4)  // e² / (1 + e + e²)
    }

    @Test func geluAndSiLUMatchTheirDefinitionsAtKnownPoints() {
        let input = Tensor<Double>(shape: [3], values: [-1, 0, 1])
        let gelu = Tensor<Double>(zeros: [3]), silu = Tensor<Double>(zeros: [3])
        geluForward(out: gelu, input: input)
        siluForward(out: silu, input: input)
        #expect(abs(gelu[2] - 0.841192) < 1e-5 && gelu[1] == 0 && abs(gelu[0] + 0.158808) < 1e-5)
        #expect(abs(silu[2] - 0.731059) < 1e-5 && abs(silu[0] + 0.268941) < 1e-5)
    }

    @Test func linearIsAProductWithTheTransposedWeightPlusBias() {
        let input = Tensor<Double>(shape: [1, 2], values: [1, 2])
        let weight = Tensor<Double>(shape: [3, 2], values: [1, 0, 0, 1, 1, 1])
        let bias = Tensor<Double>(shape: [3], values: [10, 20, 30])
        let out = Tensor<Double>(zeros: [1, 3])
        linearForward(out: out, input: input, weight: weight, bias: bias)
        #expect(out.scalars == [11, 22, 33])
    }

    /// Attention written out head by head with plain loops, against the CBLAS version.
    @Test func attentionMatchesAPlainLoopAndIgnoresPadding() {
        let (batch, steps, channels, heads) = (2, 4, 6, 3)
        let headSize = channels / heads
        var random = RandomSource(seed: 5)
        let qkv = Tensor<Double>(randomNormal: [batch, steps, 3 * channels], using: &random)
        let out = Tensor<Double>(zeros: [batch, steps, channels]), att = Tensor<Double>(zeros: [batch, heads, steps, steps])
        let lengths = [4, 2]
        attentionForward(out: out, att: att, qkv: qkv, heads: heads, lengths: lengths)
        func at(_ b: Int, _ t: Int, _ part: Int, _ h: Int, _ d: Int) -> Double {
            qkv[(b * steps + t) * 3 * channels + part * channels + h * headSize + d]
        }
        for b in 0..<batch {
            for h in 0..<heads {
                for t in 0..<steps {
                    let scores = (0..<lengths[b]).map { s in
                        (0..<headSize).map { at(b, t, 0, h, $0) * at(b, s, 1, h, $0) }.reduce(0, +) / Double(headSize).squareRoot()
                    }
                    let largest = scores.max()!
                    let weights = scores.map { Double.exp($0 - largest) }
                    let total = weights.reduce(0, +)
                    for d in 0..<headSize {
                        let expected = (0..<lengths[b]).map { weights[$0] / total * at(b, $0, 2, h, d) }.reduce(0, +)
                        #expect(abs(out[(b * steps + t) * channels + h * headSize + d] - expected) < 1e-12)
                    }
                }
            }
        }
        // Padded keys of item 1 get no weight.
        #expect(att[((1 * heads + 0) * steps + 0) * steps + 3] == 0)
    }

    @Test func embeddingCopiesTheRowsOfTheIds() {
        let table = Tensor<Float>(shape: [3, 2], values: [0, 1, 10, 11, 20, 21])
        let out = Tensor<Float>(zeros: [2, 2])
        let ids: [Int32] = [2, 0]
        ids.withUnsafeBufferPointer { embeddingForward(out: out, table: table, ids: $0.baseAddress!, count: 2) }
        #expect(out.scalars == [20, 21, 0, 1])
    }

    @Test func theSameSeedDrawsTheSameNumbersAndAnotherSeedOthers() {
        var a = RandomSource(seed: 42), b = RandomSource(seed: 42), c = RandomSource(seed: 43)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
        var normal = RandomSource(seed: 1)
        let draws = (0..<20000).map { _ in normal.nextNormal() }
        let mean = draws.reduce(0, +) / 20000
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20000
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
    }
}
