/// AdamW (Loshchilov & Hutter): Adam's moment estimates with weight decay applied to the weights
/// directly rather than through the gradient, over a whole `ParameterSet` at once.
///
/// Decay applies only to entries marked `decays` (matrices and embeddings). The moments live in
/// two flat buffers of the parameters' layout, kept for checkpoints (`firstMoment`, `secondMoment`, `step`).
public final class AdamW: @unchecked Sendable {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    /// Steps taken so far (the bias correction needs it).
    public var step: Int = 0
    public let firstMoment: UnsafeMutablePointer<Float>
    public let secondMoment: UnsafeMutablePointer<Float>
    public let count: Int
    private let decayMask: [Bool]
    private let entries: [(offset: Int, count: Int)]

    public init(parameters: ParameterSet<Float>, learningRate: Float = 3e-4, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0.01) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        count = parameters.count
        firstMoment = .allocate(capacity: max(count, 1))
        firstMoment.initialize(repeating: 0, count: max(count, 1))
        secondMoment = .allocate(capacity: max(count, 1))
        secondMoment.initialize(repeating: 0, count: max(count, 1))
        decayMask = parameters.entries.map(\.decays)
        entries = parameters.entries.map { ($0.offset, $0.count) }
    }

    deinit {
        firstMoment.deallocate()
        secondMoment.deallocate()
    }

    /// One update of every parameter from its gradient:
    /// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr·(m̂ / (√v̂ + ε) + λθ).
    public func update(_ parameters: ParameterSet<Float>) {
        precondition(parameters.count == count, "AdamW: a parameter set of another layout")
        step += 1
        let correction1 = 1 - Float.pow(beta1, Float(step)), correction2 = 1 - Float.pow(beta2, Float(step))
        let values = parameters.values, gradients = parameters.gradients
        let (m, v) = (firstMoment, secondMoment)
        let (beta1, beta2, epsilon, rate) = (self.beta1, self.beta2, self.epsilon, learningRate)
        for (k, entry) in entries.enumerated() {
            let decay = decayMask[k] ? weightDecay : 0
            for i in entry.offset..<(entry.offset + entry.count) {
                let g = gradients[i]
                m[i] = beta1 * m[i] + (1 - beta1) * g
                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                let mHat = m[i] / correction1, vHat = v[i] / correction2
                values[i] -= rate * (mHat / (vHat.squareRoot() + epsilon) + decay * values[i])
            }
        }
    }
}

/// Scales all gradients down together when their global L2 norm exceeds `maximumNorm`, so one
/// bad batch cannot throw the weights far. Returns the norm before clipping (worth logging).
@discardableResult
public func clipGradients(_ parameters: ParameterSet<Float>, maximumNorm: Float) -> Float {
    var sum = 0.0
    for i in 0..<parameters.count { sum += Double(parameters.gradients[i]) * Double(parameters.gradients[i]) }
    let norm = Float(sum.squareRoot())
    if norm > maximumNorm && norm.isFinite {
        let scale = maximumNorm / norm
        for i in 0..<parameters.count { parameters.gradients[i] *= scale }
    }
    return norm
}
