import Arrangement
import Tensor

/// How the denoiser is trained.
public struct TrainingSettings: Sendable, Codable, Equatable {
    public var batchSize = 16
    public var steps = 30_000
    public var warmupSteps = 1_000
    public var peakLearningRate: Float = 1e-3
    public var finalLearningRate: Float = 1e-5
    public var weightDecay: Float = 0.01
    public var clipNorm: Float = 1
    public var emaDecay: Float = 0.999
    /// How often the chords are hidden, so the model also learns the unconditional prediction
    /// that classifier-free guidance extrapolates from.
    public var chordDropout = 0.15
    /// How often the style is hidden, so "no style" means something.
    public var styleDropout = 0.1
    public var seed: UInt64 = 1

    public init() {}
}

/// Trains a denoiser on corpus examples: x₀-prediction with a weighted mean squared error at a
/// diffusion time drawn uniformly, AdamW with warmup and cosine decay, gradient clipping, and an
/// EMA of the weights (the copy that ships). Deterministic for a seed and BLAS thread count.
///
/// Examples are grouped by length (a bar of 3/4 is three tokens, of 5/4 five), and each batch
/// comes from one group, so batches need no padding.
public final class Trainer {
    public let model: Denoiser<Float>
    public let optimizer: AdamW
    public let ema: ExponentialMovingAverage
    public let settings: TrainingSettings
    public private(set) var step = 0
    public private(set) var random: RandomSource
    let examples: [TrainingExample]
    /// Example indices by token count.
    let groups: [(tokens: Int, members: [Int])]
    private var buffers: [Int: Batch] = [:]

    /// The buffers of one batch shape: the workspace, the clean target and the loss weights.
    final class Batch {
        let workspace: DenoiserWorkspace<Float>
        let target: Tensor<Float>
        let weights: Tensor<Float>
        init(_ configuration: DenoiserConfiguration, batch: Int, tokens: Int) {
            workspace = DenoiserWorkspace(configuration: configuration, batch: batch, tokens: tokens, training: true)
            target = Tensor(zeros: [batch, tokens, configuration.values])
            weights = Tensor(zeros: [batch, tokens, configuration.values])
        }
    }

    public init(model: Denoiser<Float>, examples: [TrainingExample], settings: TrainingSettings) {
        precondition(!examples.isEmpty, "Trainer: no examples")
        self.model = model
        self.examples = examples
        self.settings = settings
        optimizer = AdamW(parameters: model.parameters, learningRate: settings.peakLearningRate, weightDecay: settings.weightDecay)
        ema = ExponentialMovingAverage(of: model.parameters, decay: settings.emaDecay)
        random = RandomSource(seed: settings.seed)
        var byTokens: [Int: [Int]] = [:]
        for (index, example) in examples.enumerated() { byTokens[example.sheet.tokens, default: []].append(index) }
        groups = byTokens.keys.sorted().map { ($0, byTokens[$0]!) }
    }

    /// Puts the run back where a checkpoint left it.
    func restore(step: Int, random: RandomSource) {
        self.step = step
        self.random = random
    }

    public var schedule: LearningRateSchedule {
        LearningRateSchedule(peak: settings.peakLearningRate, floor: settings.finalLearningRate,
                             warmupSteps: settings.warmupSteps, totalSteps: settings.steps)
    }

    /// One optimisation step on a random batch; returns its loss and the gradient norm before clipping.
    @discardableResult
    public func trainStep() -> (loss: Double, gradientNorm: Float) {
        let chosen = drawBatch()
        let batch = buffers(tokens: examples[chosen[0]].sheet.tokens)
        fill(batch, with: chosen.map { examples[$0] }, random: &random, dropout: true)
        model.forward(batch.workspace)
        let loss = mseForward(input: batch.workspace.output, target: batch.target, weights: batch.weights)
        let gradOut = batch.workspace.gradients!.output
        gradOut.fill(0)
        mseBackward(gradInput: gradOut, input: batch.workspace.output, target: batch.target, weights: batch.weights)
        model.parameters.zeroGradients()
        model.backward(batch.workspace)
        let norm = clipGradients(model.parameters, maximumNorm: settings.clipNorm)
        optimizer.learningRate = schedule.rate(at: step)
        optimizer.update(model.parameters)
        ema.update(from: model.parameters, step: step)
        step += 1
        return (loss, norm)
    }

    /// The mean loss of the EMA weights over `examples`, at fixed diffusion times and noise (so
    /// figures from different steps compare).
    public func validationLoss(_ examples: [TrainingExample], seed: UInt64 = 2024) -> Double {
        guard !examples.isEmpty else { return .nan }
        let averaged = Denoiser<Float>(configuration: model.configuration, parameters: ema.average)
        var draws = RandomSource(seed: seed)
        var total = 0.0, batches = 0
        var byTokens: [Int: [TrainingExample]] = [:]
        for example in examples { byTokens[example.sheet.tokens, default: []].append(example) }
        for tokens in byTokens.keys.sorted() {
            let group = byTokens[tokens]!
            let batch = buffers(tokens: tokens)
            for start in stride(from: 0, to: group.count - settings.batchSize + 1, by: settings.batchSize) {
                fill(batch, with: Array(group[start..<(start + settings.batchSize)]), random: &draws, dropout: false)
                averaged.forward(batch.workspace)
                total += mseForward(input: batch.workspace.output, target: batch.target, weights: batch.weights)
                batches += 1
            }
        }
        return batches > 0 ? total / Double(batches) : .nan
    }

    /// Indices of one batch, all of one length: a group drawn in proportion to its size.
    private func drawBatch() -> [Int] {
        var pick = Int(random.next() % UInt64(examples.count))
        var group = groups[0]
        for candidate in groups {
            if pick < candidate.members.count { group = candidate; break }
            pick -= candidate.members.count
        }
        return (0..<settings.batchSize).map { _ in group.members[Int(random.next() % UInt64(group.members.count))] }
    }

    private func buffers(tokens: Int) -> Batch {
        if let batch = buffers[tokens] { return batch }
        let batch = Batch(model.configuration, batch: settings.batchSize, tokens: tokens)
        buffers[tokens] = batch
        return batch
    }

    /// Writes the batch's clean rolls, noisy rolls, features, controls, times and loss weights.
    func fill(_ batch: Batch, with chosen: [TrainingExample], random: inout RandomSource, dropout: Bool) {
        let w = batch.workspace
        let values = model.configuration.values, features = model.configuration.features
        let perRow = w.tokens * values
        for (b, example) in chosen.enumerated() {
            let target = batch.target.data + b * perRow, weights = batch.weights.data + b * perRow
            PianoRollCodec.encode(example.tracks, sheet: example.sheet, into: target)
            Self.lossWeights(target, into: weights, ticks: example.sheet.ticks)
            let row = w.features.data + b * w.tokens * features
            TokenFeatures.write(example.sheet, into: row)
            if dropout && random.nextUnit() < settings.chordDropout { TokenFeatures.dropChords(row, tokens: w.tokens) }
            let hideStyle = dropout && random.nextUnit() < settings.styleDropout
            w.styles[b] = hideStyle ? 0 : model.configuration.styleIndex(example.style)
            w.controls[b * 3] = example.density
            w.controls[b * 3 + 1] = example.complexity
            w.controls[b * 3 + 2] = example.swing
            let t = random.nextUnit()
            w.times[b] = t
            let (alpha, sigma) = NoiseSchedule.signalAndNoise(t)
            let noisy = w.roll.data + b * perRow
            for j in 0..<perRow { noisy[j] = Float(alpha) * target[j] + Float(sigma) * Float(random.nextNormal()) }
        }
        w.lengths = nil
    }

    /// Every onset lane counts; a length channel counts only where its track strikes a note
    /// (elsewhere it has nothing to say).
    static func lossWeights(_ target: UnsafePointer<Float>, into weights: UnsafeMutablePointer<Float>, ticks: Int) {
        for tick in 0..<ticks {
            let row = tick * RollLayout.channelsPerTick
            for channel in 0..<RollLayout.channelsPerTick { weights[row + channel] = 1 }
            for layout in RollLayout.pitched {
                let strikes = (0..<layout.lanes).contains { target[row + layout.offset + $0] > RollLayout.silent }
                weights[row + layout.lengthChannel] = strikes ? 1 : 0
            }
        }
    }
}
