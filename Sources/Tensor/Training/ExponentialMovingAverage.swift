/// An exponential moving average of the weights (θ̄ ← d·θ̄ + (1−d)·θ), the copy a diffusion
/// model ships: it samples better than the raw weights of the last step.
public final class ExponentialMovingAverage: @unchecked Sendable {
    public let decay: Float
    /// The averaged weights, in the parameters' layout.
    public let average: ParameterSet<Float>

    /// Starts the average at the parameters' current values.
    public init(of parameters: ParameterSet<Float>, decay: Float = 0.999) {
        self.decay = decay
        average = ParameterSet(parameters.entries.map { ($0.name, $0.shape, $0.decays) })
        average.values.update(from: parameters.values, count: parameters.count)
    }

    /// Moves the average toward the parameters' current values. Early on (step below about
    /// 1/(1−d)) a smaller decay, (1 + step)/(10 + step), lets the average catch up with training.
    public func update(from parameters: ParameterSet<Float>, step: Int) {
        precondition(parameters.count == average.count, "EMA: a parameter set of another layout")
        let d = min(decay, Float(1 + step) / Float(10 + step))
        for i in 0..<parameters.count { average.values[i] = d * average.values[i] + (1 - d) * parameters.values[i] }
    }
}
