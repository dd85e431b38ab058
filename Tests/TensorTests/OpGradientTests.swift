import Testing
@testable import Tensor

/// Every op's backward pass against central finite differences in Float64 (GradientCheck): the
/// backward in Float64 must agree to about seven digits (`Tolerance.float64`), and the same
/// backward in Float32 to about three (`Tolerance.float32`). Shapes are small and odd-sized, so a
/// mixed-up stride or dimension shows.
@Suite struct OpGradientTests {
    typealias Case = GradientCheck.Case
    typealias Input = GradientCheck.Input

    /// Checks a computation in Float64 and Float32; records the first mismatch of each.
    static func check(_ computation: some GradientCheck.Checkable, sourceLocation: SourceLocation = #_sourceLocation) {
        let double = GradientCheck.run(computation, as: Double.self, tolerance: .float64)
        #expect(double == nil, "Float64: \(double.map(String.init(describing:)) ?? "")", sourceLocation: sourceLocation)
        let float = GradientCheck.run(computation, as: Float.self, tolerance: .float32)
        #expect(float == nil, "Float32: \(float.map(String.init(describing:)) ?? "")", sourceLocation: sourceLocation)
    }

    struct MatMul: GradientCheck.Checkable {
        let batched: Bool, transposeB: Bool
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let lead = batched ? [2] : []
            let a = Input("a", Tensor<T>(randomNormal: lead + [3, 5], using: &random))
            let b = Input("b", Tensor<T>(randomNormal: lead + (transposeB ? [4, 5] : [5, 4]), using: &random))
            let out = Tensor<T>(zeros: lead + [3, 4])
            return Case(inputs: [a, b], forward: {
                matmulForward(out: out, a: a.value, b: b.value, transposeB: transposeB)
                return out
            }, backward: { gradOut in
                matmulBackward(gradA: a.gradient, gradB: b.gradient, gradOut: gradOut, a: a.value, b: b.value, transposeB: transposeB)
            })
        }
    }

    @Test func matmulGradientsMatchFiniteDifferences() {
        Self.check(MatMul(batched: false, transposeB: false))
        Self.check(MatMul(batched: false, transposeB: true))
        Self.check(MatMul(batched: true, transposeB: false))
        Self.check(MatMul(batched: true, transposeB: true))
    }

    struct Linear: GradientCheck.Checkable {
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let input = Input("input", Tensor<T>(randomNormal: [2, 3, 5], using: &random))
            let weight = Input("weight", Tensor<T>(randomNormal: [7, 5], using: &random))
            let bias = Input("bias", Tensor<T>(randomNormal: [7], using: &random))
            let out = Tensor<T>(zeros: [2, 3, 7])
            return Case(inputs: [input, weight, bias], forward: {
                linearForward(out: out, input: input.value, weight: weight.value, bias: bias.value)
                return out
            }, backward: { gradOut in
                linearBackward(gradInput: input.gradient, gradWeight: weight.gradient, gradBias: bias.gradient,
                               gradOut: gradOut, input: input.value, weight: weight.value)
            })
        }
    }

    @Test func linearGradientsMatchFiniteDifferences() { Self.check(Linear()) }

    struct LayerNorm: GradientCheck.Checkable {
        let affine: Bool
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let input = Input("input", Tensor<T>(randomNormal: [4, 6], using: &random))
            let weight = Input("weight", Tensor<T>(randomNormal: [6], using: &random))
            let bias = Input("bias", Tensor<T>(randomNormal: [6], using: &random))
            let out = Tensor<T>(zeros: [4, 6]), mean = Tensor<T>(zeros: [4]), rstd = Tensor<T>(zeros: [4])
            return Case(inputs: affine ? [input, weight, bias] : [input], forward: {
                layerNormForward(out: out, mean: mean, rstd: rstd, input: input.value,
                                 weight: affine ? weight.value : nil, bias: affine ? bias.value : nil)
                return out
            }, backward: { gradOut in
                layerNormBackward(gradInput: input.gradient, gradWeight: affine ? weight.gradient : nil,
                                  gradBias: affine ? bias.gradient : nil, gradOut: gradOut, input: input.value,
                                  weight: affine ? weight.value : nil, mean: mean, rstd: rstd)
            })
        }
    }

    @Test func layerNormGradientsMatchFiniteDifferences() {
        Self.check(LayerNorm(affine: true))
        Self.check(LayerNorm(affine: false))
    }

    struct RMSNorm: GradientCheck.Checkable {
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let input = Input("input", Tensor<T>(randomNormal: [3, 7], using: &random))
            let weight = Input("weight", Tensor<T>(randomNormal: [7], using: &random))
            let out = Tensor<T>(zeros: [3, 7]), rstd = Tensor<T>(zeros: [3])
            return Case(inputs: [input, weight], forward: {
                rmsNormForward(out: out, rstd: rstd, input: input.value, weight: weight.value)
                return out
            }, backward: { gradOut in
                rmsNormBackward(gradInput: input.gradient, gradWeight: weight.gradient, gradOut: gradOut,
                                input: input.value, weight: weight.value, rstd: rstd)
            })
        }
    }

    @Test func rmsNormGradientsMatchFiniteDifferences() { Self.check(RMSNorm()) }

    struct Activation: GradientCheck.Checkable {
        let gelu: Bool
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            // Spread wide enough to reach both tails and the bend.
            let input = Input("input", Tensor<T>(randomNormal: [5, 7], standardDeviation: 2, using: &random))
            let out = Tensor<T>(zeros: [5, 7])
            return Case(inputs: [input], forward: {
                if gelu { geluForward(out: out, input: input.value) } else { siluForward(out: out, input: input.value) }
                return out
            }, backward: { gradOut in
                if gelu { geluBackward(gradInput: input.gradient, gradOut: gradOut, input: input.value) }
                else { siluBackward(gradInput: input.gradient, gradOut: gradOut, input: input.value) }
            })
        }
    }

    @Test func geluAndSiLUGradientsMatchFiniteDifferences() {
        Self.check(Activation(gelu: true))
        Self.check(Activation(gelu: false))
    }

    struct Softmax: GradientCheck.Checkable {
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let input = Input("input", Tensor<T>(randomNormal: [3, 8], standardDeviation: 2, using: &random))
            let out = Tensor<T>(zeros: [3, 8])
            return Case(inputs: [input], forward: {
                softmaxForward(out: out, input: input.value)
                return out
            }, backward: { gradOut in softmaxBackward(gradInput: input.gradient, gradOut: gradOut, out: out) })
        }
    }

    @Test func softmaxGradientsMatchFiniteDifferences() { Self.check(Softmax()) }

    struct Attention: GradientCheck.Checkable {
        let lengths: [Int]?
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let (batch, steps, channels, heads) = (2, 5, 6, 2)
            let qkv = Input("qkv", Tensor<T>(randomNormal: [batch, steps, 3 * channels], using: &random))
            let out = Tensor<T>(zeros: [batch, steps, channels]), att = Tensor<T>(zeros: [batch, heads, steps, steps])
            let scratch = Tensor<T>(zeros: [steps, steps])
            return Case(inputs: [qkv], forward: {
                attentionForward(out: out, att: att, qkv: qkv.value, heads: heads, lengths: lengths)
                return out
            }, backward: { gradOut in
                attentionBackward(gradQKV: qkv.gradient, scratch: scratch, gradOut: gradOut, qkv: qkv.value, att: att, heads: heads)
            })
        }
    }

    @Test func attentionGradientsMatchFiniteDifferences() {
        Self.check(Attention(lengths: nil))
        // Padding past each item's length: those keys get no weight and no gradient.
        Self.check(Attention(lengths: [3, 5]))
    }

    struct Broadcast: GradientCheck.Checkable {
        let multiply: Bool, shapeA: [Int], shapeB: [Int]
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let a = Input("a", Tensor<T>(randomNormal: shapeA, using: &random))
            let b = Input("b", Tensor<T>(randomNormal: shapeB, using: &random))
            let out = Tensor<T>(zeros: BroadcastPlan(shapeA, shapeB).shape)
            return Case(inputs: [a, b], forward: {
                if multiply { mulForward(out: out, a: a.value, b: b.value) } else { addForward(out: out, a: a.value, b: b.value) }
                return out
            }, backward: { gradOut in
                if multiply { mulBackward(gradA: a.gradient, gradB: b.gradient, gradOut: gradOut, a: a.value, b: b.value) }
                else { addBackward(gradA: a.gradient, gradB: b.gradient, gradOut: gradOut, a: a.value, b: b.value) }
            })
        }
    }

    @Test func addAndMulBackwardSumOverBroadcastDimensions() {
        for multiply in [false, true] {
            Self.check(Broadcast(multiply: multiply, shapeA: [2, 3, 4], shapeB: [2, 3, 4]))
            Self.check(Broadcast(multiply: multiply, shapeA: [2, 3, 4], shapeB: [4]))       // a bias on the last dimension
            Self.check(Broadcast(multiply: multiply, shapeA: [2, 3, 4], shapeB: [3, 1]))    // repeated along the last
            Self.check(Broadcast(multiply: multiply, shapeA: [2, 1, 4], shapeB: [1, 3, 1])) // both repeat
        }
    }

    @Test func broadcastShapesFollowNumPy() {
        #expect(BroadcastPlan([2, 3, 4], [4]).shape == [2, 3, 4])
        #expect(BroadcastPlan([2, 1, 4], [1, 3, 1]).shape == [2, 3, 4])
        #expect(BroadcastPlan([5], [3, 1]).shape == [3, 5])
    }

    struct Embedding: GradientCheck.Checkable {
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let table = Input("table", Tensor<T>(randomNormal: [5, 3], using: &random))
            // Id 1 appears twice: its rows of gradient must add up.
            let ids: [Int32] = [1, 4, 1, 0]
            let out = Tensor<T>(zeros: [4, 3])
            return Case(inputs: [table], forward: {
                ids.withUnsafeBufferPointer { embeddingForward(out: out, table: table.value, ids: $0.baseAddress!, count: 4) }
                return out
            }, backward: { gradOut in
                ids.withUnsafeBufferPointer { embeddingBackward(gradTable: table.gradient, gradOut: gradOut, ids: $0.baseAddress!, count: 4) }
            })
        }
    }

    @Test func embeddingBackwardAddsUpRepeatedIds() { Self.check(Embedding()) }

    struct Dropout: GradientCheck.Checkable {
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let input = Input("input", Tensor<T>(randomNormal: [4, 5], using: &random))
            let out = Tensor<T>(zeros: [4, 5]), mask = Tensor<T>(zeros: [4, 5])
            return Case(inputs: [input], forward: {
                // The same seed every call: the same values dropped while the check perturbs the input.
                var draws = RandomSource(seed: 3)
                dropoutForward(out: out, mask: mask, input: input.value, probability: 0.3, random: &draws)
                return out
            }, backward: { gradOut in dropoutBackward(gradInput: input.gradient, gradOut: gradOut, mask: mask) })
        }
    }

    @Test func dropoutGradientsMatchFiniteDifferences() { Self.check(Dropout()) }

    @Test func dropoutKeepsTheExpectedValueAndDropsAboutTheRightShare() {
        var random = RandomSource(seed: 11)
        let input = Tensor<Double>(zeros: [100_000]); input.fill(1)
        let out = Tensor<Double>(zeros: [100_000]), mask = Tensor<Double>(zeros: [100_000])
        dropoutForward(out: out, mask: mask, input: input, probability: 0.25, random: &random)
        let dropped = Double(out.scalars.filter { $0 == 0 }.count) / 100_000
        let mean = out.scalars.reduce(0, +) / 100_000
        #expect(abs(dropped - 0.25) < 0.01)
        #expect(abs(mean - 1) < 0.01)
    }

    struct Modulation: GradientCheck.Checkable {
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let (batch, steps, channels) = (2, 3, 4)
            let input = Input("input", Tensor<T>(randomNormal: [batch, steps, channels], using: &random))
            let branch = Input("branch", Tensor<T>(randomNormal: [batch, steps, channels], using: &random))
            // shift | scale | gate, side by side, with a spare column so offsets matter.
            let modulation = Input("modulation", Tensor<T>(randomNormal: [batch, 3 * channels + 1], using: &random))
            let modulated = Tensor<T>(zeros: [batch, steps, channels]), out = Tensor<T>(zeros: [batch, steps, channels])
            return Case(inputs: [input, branch, modulation], forward: {
                modulateForward(out: modulated, input: input.value, modulation: modulation.value, shiftColumn: 1, scaleColumn: 1 + channels)
                gatedAddForward(out: out, residual: modulated, input: branch.value, modulation: modulation.value, gateColumn: 1 + 2 * channels)
                return out
            }, backward: { gradOut in
                // out = modulated + gate ⊙ branch: gradOut reaches `modulated` unchanged.
                modulateBackward(gradInput: input.gradient, gradModulation: modulation.gradient, gradOut: gradOut,
                                 input: input.value, modulation: modulation.value, shiftColumn: 1, scaleColumn: 1 + channels)
                gatedAddBackward(gradInput: branch.gradient, gradModulation: modulation.gradient, gradOut: gradOut,
                                 input: branch.value, modulation: modulation.value, gateColumn: 1 + 2 * channels)
            })
        }
    }

    @Test func modulationAndGatedResidualGradientsMatchFiniteDifferences() { Self.check(Modulation()) }

    struct MSE: GradientCheck.Checkable {
        let weighted: Bool
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let input = Input("input", Tensor<T>(randomNormal: [3, 4], using: &random))
            let target = Tensor<T>(randomNormal: [3, 4], using: &random)
            let weights = Tensor<T>(zeros: [3, 4])
            for i in 0..<12 { weights[i] = T(i % 3) }
            let out = Tensor<T>(zeros: [1])
            return Case(inputs: [input], forward: {
                out[0] = T(mseForward(input: input.value, target: target, weights: weighted ? weights : nil))
                return out
            }, backward: { gradOut in
                mseBackward(gradInput: input.gradient, input: input.value, target: target, weights: weighted ? weights : nil,
                            scale: Double(gradOut[0]))
            })
        }
    }

    @Test func meanSquaredErrorGradientMatchesFiniteDifferences() {
        Self.check(MSE(weighted: false))
        Self.check(MSE(weighted: true))
    }

    /// A backward pass with a term left out (GELU's derivative without the tanh's own slope, an
    /// easy slip) must fail the check: a checker that cannot fail proves nothing.
    struct WrongGELU: GradientCheck.Checkable {
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
            let input = Input("input", Tensor<T>(randomNormal: [5, 7], using: &random))
            let out = Tensor<T>(zeros: [5, 7])
            return Case(inputs: [input], forward: {
                geluForward(out: out, input: input.value)
                return out
            }, backward: { gradOut in
                let scale = T.sqrt(2 / T.pi)
                for i in 0..<input.value.count {
                    let x = input.value[i]
                    input.gradient[i] += gradOut[i] * 0.5 * (1 + T.tanh(scale * (x + 0.044715 * x * x * x)))
                }
            })
        }
    }

    @Test func aDeliberatelyWrongBackwardFailsTheCheck() {
        #expect(GradientCheck.run(WrongGELU(), as: Double.self, tolerance: .float64) != nil)
        #expect(GradientCheck.run(WrongGELU(), as: Float.self, tolerance: .float32) != nil)
        // And a subtler slip: the right formula, but one scalar's gradient off by 1%.
        struct OffByOnePercent: GradientCheck.Checkable {
            func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> Case<T> {
                let inner = Linear().make(T.self, random: &random)
                return Case(inputs: inner.inputs, forward: inner.forward, backward: { gradOut in
                    inner.backward(gradOut)
                    inner.inputs[1].gradient[4] *= 1.01
                })
            }
        }
        let mismatch = GradientCheck.run(OffByOnePercent(), as: Double.self, tolerance: .float64)
        #expect(mismatch?.input == "weight" && mismatch?.index == 4)
    }
}
