import Tensor

/// Every buffer one forward (and, when training, backward) pass of the denoiser needs for a
/// batch of `batch` sequences of `tokens` tokens, made once and reused every step.
///
/// The caller fills the inputs (`roll`, `features`, `times`, `styles`, `controls`, `lengths`),
/// runs the denoiser, and reads `output`: the predicted clean roll.
public final class DenoiserWorkspace<T: TensorScalar>: @unchecked Sendable {
    public let batch: Int
    public let tokens: Int
    public let configuration: DenoiserConfiguration

    // Inputs.
    public let roll: Tensor<T>          // (B, T, V) the noisy roll
    public let features: Tensor<T>      // (B, T, F)
    public var times: [Double]          // (B) diffusion time in [0, 1]
    public var styles: [Int32]          // (B) style embedding rows
    public let controls: Tensor<T>      // (B, 3)
    /// Valid tokens per sequence (the rest is padding), or nil when all are valid.
    public var lengths: [Int]?

    // The conditioning path, per sequence.
    let timeEmbedding: Tensor<T>        // (B, 64)
    let timeHidden: Tensor<T>           // (B, d)
    let timeActivated: Tensor<T>        // (B, d)
    let timeOut: Tensor<T>              // (B, d)
    let styleOut: Tensor<T>             // (B, d)
    let controlsOut: Tensor<T>          // (B, d)
    let condition: Tensor<T>            // (B, d) = time + style + controls
    let conditionActivated: Tensor<T>   // (B, d) SiLU of it, what every modulation reads

    // The token path.
    let inputOut: Tensor<T>             // (B, T, d)
    let featuresOut: Tensor<T>          // (B, T, d)
    /// The residual stream before each sublayer and after the last: 2·layers + 1 states.
    let streams: [Tensor<T>]            // (B, T, d) each
    let blocks: [Block]
    let finalModulation: Tensor<T>      // (B, 2d)
    let finalNorm: Tensor<T>, finalMean: Tensor<T>, finalRstd: Tensor<T>
    let finalModulated: Tensor<T>       // (B, T, d)
    public let output: Tensor<T>        // (B, T, V)

    /// One transformer block's saved activations.
    struct Block {
        let modulation: Tensor<T>       // (B, 6d): shift, scale, gate for attention; shift, scale, gate for the MLP
        let norm1: Tensor<T>, mean1: Tensor<T>, rstd1: Tensor<T>
        let modulated1: Tensor<T>
        let qkv: Tensor<T>              // (B, T, 3d)
        let attention: Tensor<T>        // (B, H, T, T)
        let attended: Tensor<T>         // (B, T, d)
        let projected: Tensor<T>        // (B, T, d)
        let norm2: Tensor<T>, mean2: Tensor<T>, rstd2: Tensor<T>
        let modulated2: Tensor<T>
        let hidden: Tensor<T>           // (B, T, 4d) before GELU
        let activated: Tensor<T>        // (B, T, 4d) after
        let mlpOut: Tensor<T>           // (B, T, d)
    }

    /// Gradients of the activations, present when the workspace is made for training.
    let gradients: DenoiserWorkspace<T>?

    public init(configuration: DenoiserConfiguration, batch: Int, tokens: Int, training: Bool = false) {
        self.configuration = configuration
        self.batch = batch
        self.tokens = tokens
        let (b, t, d) = (batch, tokens, configuration.width)
        func zeros(_ shape: Int...) -> Tensor<T> { Tensor(zeros: shape) }
        roll = zeros(b, t, configuration.values)
        features = zeros(b, t, configuration.features)
        times = Array(repeating: 0, count: b)
        styles = Array(repeating: 0, count: b)
        controls = zeros(b, GlobalFeatures.controls)
        timeEmbedding = zeros(b, GlobalFeatures.timeEmbedding)
        timeHidden = zeros(b, d); timeActivated = zeros(b, d); timeOut = zeros(b, d)
        styleOut = zeros(b, d); controlsOut = zeros(b, d); condition = zeros(b, d); conditionActivated = zeros(b, d)
        inputOut = zeros(b, t, d); featuresOut = zeros(b, t, d)
        streams = (0...(2 * configuration.layers)).map { _ in zeros(b, t, d) }
        blocks = (0..<configuration.layers).map { _ in
            Block(modulation: zeros(b, 6 * d), norm1: zeros(b, t, d), mean1: zeros(b * t), rstd1: zeros(b * t),
                  modulated1: zeros(b, t, d), qkv: zeros(b, t, 3 * d), attention: zeros(b, configuration.heads, t, t),
                  attended: zeros(b, t, d), projected: zeros(b, t, d), norm2: zeros(b, t, d), mean2: zeros(b * t),
                  rstd2: zeros(b * t), modulated2: zeros(b, t, d), hidden: zeros(b, t, configuration.feedForward * d),
                  activated: zeros(b, t, configuration.feedForward * d), mlpOut: zeros(b, t, d))
        }
        finalModulation = zeros(b, 2 * d)
        finalNorm = zeros(b, t, d); finalMean = zeros(b * t); finalRstd = zeros(b * t)
        finalModulated = zeros(b, t, d)
        output = zeros(b, t, configuration.values)
        gradients = training ? DenoiserWorkspace(configuration: configuration, batch: batch, tokens: tokens) : nil
        attentionScratch = zeros(t, t)
    }

    /// One head's score gradients at a time, for attention's backward pass.
    let attentionScratch: Tensor<T>

    /// Sets every activation gradient to zero (they accumulate in the backward pass), except
    /// the output's, which the caller has set.
    func zeroGradients() {
        guard let g = gradients else { return }
        for tensor in g.allActivations { tensor.fill(0) }
    }

    var allActivations: [Tensor<T>] {
        var list = [roll, features, controls, timeEmbedding, timeHidden, timeActivated, timeOut, styleOut, controlsOut,
                    condition, conditionActivated, inputOut, featuresOut, finalModulation, finalNorm, finalModulated]
        list += streams
        for block in blocks {
            list += [block.modulation, block.norm1, block.modulated1, block.qkv, block.attention, block.attended, block.projected,
                     block.norm2, block.modulated2, block.hidden, block.activated, block.mlpOut]
        }
        return list
    }
}
