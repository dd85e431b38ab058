import Glibc

/// The cosine noise schedule (Nichol & Dhariwal): at diffusion time t in [0, 1] the noisy roll is
/// x_t = α(t)·x₀ + σ(t)·ε with α² = ᾱ(t) = cos²((t + s)/(1 + s)·π/2) / cos²(s/(1 + s)·π/2),
/// σ² = 1 − ᾱ, s = 0.008. ᾱ is kept within [10⁻⁵, 1] so that t = 1 is noise through and through
/// yet the log signal-to-noise ratio stays finite.
public enum NoiseSchedule {
    static let offset = 0.008

    public static func alphaBar(_ t: Double) -> Double {
        func f(_ t: Double) -> Double {
            let c = cos((t + offset) / (1 + offset) * .pi / 2)
            return c * c
        }
        return min(1, max(1e-5, f(min(max(t, 0), 1)) / f(0)))
    }

    /// α(t) and σ(t).
    public static func signalAndNoise(_ t: Double) -> (alpha: Double, sigma: Double) {
        let a = alphaBar(t)
        return (a.squareRoot(), (1 - a).squareRoot())
    }

    /// λ(t) = log(α/σ), the half log signal-to-noise ratio DPM-Solver steps in.
    public static func lambda(_ t: Double) -> Double {
        let (alpha, sigma) = signalAndNoise(t)
        return log(alpha) - log(max(sigma, 1e-12))
    }

    /// The times a sampler of `steps` steps visits, from 1 down to 0: spaced evenly in λ (the
    /// log signal-to-noise ratio) from t = 1 to where σ is a hundredth, then a last step to 0.
    /// Even spacing in t would spend the steps at high noise and take the last, most delicate
    /// part of the path (where the notes settle) in one stride.
    public static func times(steps: Int) -> [Double] {
        let start = lambda(1), end = lambda(lowNoiseTime)
        var times = (0..<steps).map { i in time(atLambda: start + (end - start) * Double(i) / Double(max(steps - 1, 1))) }
        times[0] = 1
        return times + [0]
    }

    /// The time where σ = 0.01 (the last step before the clean roll).
    static let lowNoiseTime = time(atLambda: log(0.99995 / 0.01))

    /// t for a given λ, by bisection (λ falls as t rises).
    static func time(atLambda target: Double) -> Double {
        var low = 0.0, high = 1.0
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if lambda(middle) > target { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
