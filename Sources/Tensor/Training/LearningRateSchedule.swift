import Glibc

/// Linear warmup from zero to the peak rate, then cosine decay to a floor at the last step.
public struct LearningRateSchedule: Sendable, Equatable {
    public let peak: Float
    public let floor: Float
    public let warmupSteps: Int
    public let totalSteps: Int

    public init(peak: Float, floor: Float = 0, warmupSteps: Int, totalSteps: Int) {
        self.peak = peak
        self.floor = floor
        self.warmupSteps = max(0, warmupSteps)
        self.totalSteps = max(totalSteps, warmupSteps + 1)
    }

    /// The rate for step `step`, counted from 0.
    public func rate(at step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let progress = min(1, Float(step - warmupSteps) / Float(max(1, totalSteps - 1 - warmupSteps)))
        return floor + (peak - floor) * 0.5 * (1 + cosf(.pi * progress))
    }
}
