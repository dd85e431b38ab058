import Tensor

/// The denoiser: given a noisy piano roll, the chords and position of each token, the diffusion
/// time, the style and the controls, it predicts the clean roll.
///
/// A DiT-style transformer: the roll and the token features are projected to the model width
/// and added; the time, style and controls make one conditioning vector per sequence, which sets
/// the shift, scale and gate of every layer norm (adaLN-Zero: the gates start at zero, so each
/// block starts as the identity); 4 blocks of bidirectional self-attention and a GELU MLP; a final
/// modulated layer norm and a projection back to the roll.
///
/// Generic over the scalar so the whole model's backward pass can be checked in Float64.
public final class Denoiser<T: TensorScalar>: @unchecked Sendable {
    public let configuration: DenoiserConfiguration
    public let parameters: ParameterSet<T>
    let named: Weights

    public init(configuration: DenoiserConfiguration) {
        self.configuration = configuration
        parameters = ParameterSet(configuration.parameterLayout)
        quantised = [:]
        named = Weights(parameters, configuration)
    }

    /// A denoiser over parameters that already exist (an EMA copy, weights loaded from a file);
    /// their layout must be the configuration's, except for the matrices given as int8, which
    /// the parameters hold as empty placeholders (see `parameterLayout(omitting:)`).
    public init(configuration: DenoiserConfiguration, parameters: ParameterSet<T>, quantised: [String: Int8Matrix] = [:]) {
        let layout = configuration.parameterLayout(omitting: Set(quantised.keys))
        precondition(parameters.entries.map(\.name) == layout.map(\.name) && parameters.entries.map(\.shape) == layout.map(\.shape),
                     "Denoiser: parameters of another layout")
        precondition(quantised.isEmpty || T.self == Float.self, "Denoiser: int8 weights are for Float inference")
        for (name, matrix) in quantised {
            precondition(configuration.parameterLayout.first { $0.name == name }?.shape == matrix.shape, "Denoiser: int8 '\(name)' of another shape")
        }
        self.configuration = configuration
        self.parameters = parameters
        self.quantised = quantised
        named = Weights(parameters, configuration)
    }

    /// The linear layers whose weights are int8 (inference only), by weight name.
    public let quantised: [String: Int8Matrix]

    /// Draws starting weights: small normal matrices (std 0.02, the residual outputs scaled down by
    /// √(2·layers) as GPT-2 does), zero biases, and zero modulation and output layers (adaLN-Zero).
    public func initialise(using random: inout RandomSource) {
        parameters.values.update(repeating: 0, count: parameters.count)
        let residualScale = 1 / (2 * Double(configuration.layers)).squareRoot()
        for entry in parameters.entries where entry.decays {
            if entry.name.contains("modulation") || entry.name.hasPrefix("output.") { continue }
            let std = 0.02 * (entry.name.hasSuffix("proj.weight") || entry.name.hasSuffix("fc2.weight") ? residualScale : 1)
            for i in entry.offset..<(entry.offset + entry.count) { parameters.values[i] = T(random.nextNormal() * std) }
        }
    }

    /// The parameters by role, as views into the one allocation.
    struct Weights {
        struct Linear {
            let name: String
            let weight: Tensor<T>, bias: Tensor<T>
            let gradWeight: Tensor<T>, gradBias: Tensor<T>
            init(_ parameters: ParameterSet<T>, _ name: String) {
                self.name = name + ".weight"
                weight = parameters.value(name + ".weight")
                bias = parameters.value(name + ".bias")
                gradWeight = parameters.gradient(name + ".weight")
                gradBias = parameters.gradient(name + ".bias")
            }
        }
        struct Block { let modulation, qkv, proj, fc1, fc2: Linear }
        let input, features, timeFC1, timeFC2, controls, finalModulation, output: Linear
        let style: Tensor<T>, gradStyle: Tensor<T>
        let blocks: [Block]

        init(_ p: ParameterSet<T>, _ configuration: DenoiserConfiguration) {
            input = Linear(p, "input"); features = Linear(p, "features")
            timeFC1 = Linear(p, "time.fc1"); timeFC2 = Linear(p, "time.fc2")
            controls = Linear(p, "controls"); finalModulation = Linear(p, "final.modulation"); output = Linear(p, "output")
            style = p.value("style.embedding"); gradStyle = p.gradient("style.embedding")
            blocks = (0..<configuration.layers).map { l in
                let n = "blocks.\(l)."
                return Block(modulation: Linear(p, n + "modulation"), qkv: Linear(p, n + "qkv"), proj: Linear(p, n + "proj"),
                             fc1: Linear(p, n + "fc1"), fc2: Linear(p, n + "fc2"))
            }
        }
    }

    /// A linear layer's forward pass, through its int8 weights where the model has them.
    func linear(_ layer: Weights.Linear, out: Tensor<T>, input: Tensor<T>) {
        if !quantised.isEmpty, let matrix = quantised[layer.name] {
            // T is Float here (checked when the model was made): the same objects, seen as Float tensors.
            int8LinearForward(out: unsafeBitCast(out, to: Tensor<Float>.self), input: unsafeBitCast(input, to: Tensor<Float>.self),
                              weight: matrix, bias: unsafeBitCast(layer.bias, to: Tensor<Float>.self))
            return
        }
        linearForward(out: out, input: input, weight: layer.weight, bias: layer.bias)
    }

    /// Predicts the clean roll into `workspace.output` from the inputs in the workspace.
    /// (Specialised for Float and exported, so callers in other modules run the fast code.)
    @_specialize(exported: true, where T == Float)
    public func forward(_ w: DenoiserWorkspace<T>) {
        let d = configuration.width
        precondition(w.configuration == configuration, "Denoiser: a workspace made for another configuration")
        // One conditioning vector per sequence: time MLP + style + controls, through SiLU.
        for b in 0..<w.batch { GlobalFeatures.embedTime(w.times[b], into: w.timeEmbedding.data + b * GlobalFeatures.timeEmbedding) }
        linear(named.timeFC1, out: w.timeHidden, input: w.timeEmbedding)
        siluForward(out: w.timeActivated, input: w.timeHidden)
        linear(named.timeFC2, out: w.timeOut, input: w.timeActivated)
        w.styles.withUnsafeBufferPointer { embeddingForward(out: w.styleOut, table: named.style, ids: $0.baseAddress!, count: w.batch) }
        linear(named.controls, out: w.controlsOut, input: w.controls)
        for i in 0..<(w.batch * d) { w.condition.data[i] = w.timeOut.data[i] + w.styleOut.data[i] + w.controlsOut.data[i] }
        siluForward(out: w.conditionActivated, input: w.condition)

        // The token path.
        linear(named.input, out: w.inputOut, input: w.roll)
        linear(named.features, out: w.featuresOut, input: w.features)
        addForward(out: w.streams[0], a: w.inputOut, b: w.featuresOut)
        for (l, block) in w.blocks.enumerated() {
            let weights = named.blocks[l]
            let before = w.streams[2 * l], middle = w.streams[2 * l + 1], after = w.streams[2 * l + 2]
            linear(weights.modulation, out: block.modulation, input: w.conditionActivated)
            // Attention: h + gate ⊙ proj(attention(qkv(modulate(norm(h))))).
            layerNormForward(out: block.norm1, mean: block.mean1, rstd: block.rstd1, input: before, weight: nil, bias: nil)
            modulateForward(out: block.modulated1, input: block.norm1, modulation: block.modulation, shiftColumn: 0, scaleColumn: d)
            linear(weights.qkv, out: block.qkv, input: block.modulated1)
            attentionForward(out: block.attended, att: block.attention, qkv: block.qkv, heads: configuration.heads, lengths: w.lengths)
            linear(weights.proj, out: block.projected, input: block.attended)
            gatedAddForward(out: middle, residual: before, input: block.projected, modulation: block.modulation, gateColumn: 2 * d)
            // MLP: h + gate ⊙ fc2(GELU(fc1(modulate(norm(h))))).
            layerNormForward(out: block.norm2, mean: block.mean2, rstd: block.rstd2, input: middle, weight: nil, bias: nil)
            modulateForward(out: block.modulated2, input: block.norm2, modulation: block.modulation, shiftColumn: 3 * d, scaleColumn: 4 * d)
            linear(weights.fc1, out: block.hidden, input: block.modulated2)
            geluForward(out: block.activated, input: block.hidden)
            linear(weights.fc2, out: block.mlpOut, input: block.activated)
            gatedAddForward(out: after, residual: middle, input: block.mlpOut, modulation: block.modulation, gateColumn: 5 * d)
        }
        linear(named.finalModulation, out: w.finalModulation, input: w.conditionActivated)
        layerNormForward(out: w.finalNorm, mean: w.finalMean, rstd: w.finalRstd, input: w.streams.last!, weight: nil, bias: nil)
        modulateForward(out: w.finalModulated, input: w.finalNorm, modulation: w.finalModulation, shiftColumn: 0, scaleColumn: d)
        linear(named.output, out: w.output, input: w.finalModulated)
    }

    /// Accumulates the parameters' gradients for ∂L/∂output, which the caller has put in
    /// `workspace.gradients.output`. Mirrors `forward` step for step, in reverse. The workspace
    /// must have been made for training, and `forward` run on it with the same inputs.
    @_specialize(exported: true, where T == Float)
    public func backward(_ w: DenoiserWorkspace<T>) {
        guard let g = w.gradients else { preconditionFailure("Denoiser.backward: the workspace was not made for training") }
        precondition(quantised.isEmpty, "Denoiser.backward: int8 weights are for inference, not training")
        let d = configuration.width
        w.zeroGradients()

        let dStream = g.streams.last!
        linearBackward(gradInput: g.finalModulated, gradWeight: named.output.gradWeight, gradBias: named.output.gradBias,
                       gradOut: g.output, input: w.finalModulated, weight: named.output.weight)
        modulateBackward(gradInput: g.finalNorm, gradModulation: g.finalModulation, gradOut: g.finalModulated, input: w.finalNorm,
                         modulation: w.finalModulation, shiftColumn: 0, scaleColumn: d)
        layerNormBackward(gradInput: dStream, gradWeight: nil, gradBias: nil, gradOut: g.finalNorm, input: w.streams.last!,
                          weight: nil, mean: w.finalMean, rstd: w.finalRstd)
        linearBackward(gradInput: g.conditionActivated, gradWeight: named.finalModulation.gradWeight,
                       gradBias: named.finalModulation.gradBias, gradOut: g.finalModulation, input: w.conditionActivated,
                       weight: named.finalModulation.weight)

        for l in stride(from: configuration.layers - 1, through: 0, by: -1) {
            let block = w.blocks[l], gb = g.blocks[l], weights = named.blocks[l]
            let before = w.streams[2 * l], middle = w.streams[2 * l + 1]
            // The MLP's branch; the residual path passes dStream on unchanged.
            gatedAddBackward(gradInput: gb.mlpOut, gradModulation: gb.modulation, gradOut: dStream, input: block.mlpOut,
                             modulation: block.modulation, gateColumn: 5 * d)
            linearBackward(gradInput: gb.activated, gradWeight: weights.fc2.gradWeight, gradBias: weights.fc2.gradBias,
                           gradOut: gb.mlpOut, input: block.activated, weight: weights.fc2.weight)
            geluBackward(gradInput: gb.hidden, gradOut: gb.activated, input: block.hidden)
            linearBackward(gradInput: gb.modulated2, gradWeight: weights.fc1.gradWeight, gradBias: weights.fc1.gradBias,
                           gradOut: gb.hidden, input: block.modulated2, weight: weights.fc1.weight)
            modulateBackward(gradInput: gb.norm2, gradModulation: gb.modulation, gradOut: gb.modulated2, input: block.norm2,
                             modulation: block.modulation, shiftColumn: 3 * d, scaleColumn: 4 * d)
            layerNormBackward(gradInput: dStream, gradWeight: nil, gradBias: nil, gradOut: gb.norm2, input: middle,
                              weight: nil, mean: block.mean2, rstd: block.rstd2)
            // The attention branch.
            gatedAddBackward(gradInput: gb.projected, gradModulation: gb.modulation, gradOut: dStream, input: block.projected,
                             modulation: block.modulation, gateColumn: 2 * d)
            linearBackward(gradInput: gb.attended, gradWeight: weights.proj.gradWeight, gradBias: weights.proj.gradBias,
                           gradOut: gb.projected, input: block.attended, weight: weights.proj.weight)
            attentionBackward(gradQKV: gb.qkv, scratch: w.attentionScratch, gradOut: gb.attended, qkv: block.qkv,
                              att: block.attention, heads: configuration.heads)
            linearBackward(gradInput: gb.modulated1, gradWeight: weights.qkv.gradWeight, gradBias: weights.qkv.gradBias,
                           gradOut: gb.qkv, input: block.modulated1, weight: weights.qkv.weight)
            modulateBackward(gradInput: gb.norm1, gradModulation: gb.modulation, gradOut: gb.modulated1, input: block.norm1,
                             modulation: block.modulation, shiftColumn: 0, scaleColumn: d)
            layerNormBackward(gradInput: dStream, gradWeight: nil, gradBias: nil, gradOut: gb.norm1, input: before,
                              weight: nil, mean: block.mean1, rstd: block.rstd1)
            linearBackward(gradInput: g.conditionActivated, gradWeight: weights.modulation.gradWeight,
                           gradBias: weights.modulation.gradBias, gradOut: gb.modulation, input: w.conditionActivated,
                           weight: weights.modulation.weight)
        }
        // streams[0] = input + features: both receive dStream.
        linearBackward(gradInput: nil, gradWeight: named.input.gradWeight, gradBias: named.input.gradBias,
                       gradOut: dStream, input: w.roll, weight: named.input.weight)
        linearBackward(gradInput: nil, gradWeight: named.features.gradWeight, gradBias: named.features.gradBias,
                       gradOut: dStream, input: w.features, weight: named.features.weight)
        // The conditioning vector: through SiLU into time, style and controls.
        siluBackward(gradInput: g.condition, gradOut: g.conditionActivated, input: w.condition)
        linearBackward(gradInput: g.timeActivated, gradWeight: named.timeFC2.gradWeight, gradBias: named.timeFC2.gradBias,
                       gradOut: g.condition, input: w.timeActivated, weight: named.timeFC2.weight)
        siluBackward(gradInput: g.timeHidden, gradOut: g.timeActivated, input: w.timeHidden)
        linearBackward(gradInput: nil, gradWeight: named.timeFC1.gradWeight, gradBias: named.timeFC1.gradBias,
                       gradOut: g.timeHidden, input: w.timeEmbedding, weight: named.timeFC1.weight)
        w.styles.withUnsafeBufferPointer {
            embeddingBackward(gradTable: named.gradStyle, gradOut: g.condition, ids: $0.baseAddress!, count: w.batch)
        }
        linearBackward(gradInput: nil, gradWeight: named.controls.gradWeight, gradBias: named.controls.gradBias,
                       gradOut: g.condition, input: w.controls, weight: named.controls.weight)
    }
}
