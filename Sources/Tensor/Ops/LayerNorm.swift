/// Layer normalisation over the last dimension, with an optional gain and shift.
///
/// out (N, C) = (input − mean) · rstd · weight + bias, where mean (N) and rstd (N), the reciprocal
/// standard deviation, are kept for the backward pass. Without weight and bias (as adaptive layer
/// norm uses it) the gain is 1 and the shift 0.
@inlinable
public func layerNormForward<T>(out: Tensor<T>, mean: Tensor<T>, rstd: Tensor<T>, input: Tensor<T>,
                                weight: Tensor<T>?, bias: Tensor<T>?, epsilon: T = 1e-5) {
    let channels = input.dimension(-1), rows = input.count / max(channels, 1)
    precondition(out.count == input.count && mean.count == rows && rstd.count == rows, "layerNormForward: shapes")
    for row in 0..<rows {
        let x = input.data + row * channels, y = out.data + row * channels
        var sum: T = 0
        for c in 0..<channels { sum += x[c] }
        let m = sum / T(channels)
        var variance: T = 0
        for c in 0..<channels { let d = x[c] - m; variance += d * d }
        let s = 1 / T.sqrt(variance / T(channels) + epsilon)
        for c in 0..<channels {
            var v = (x[c] - m) * s
            if let weight { v *= weight.data[c] }
            if let bias { v += bias.data[c] }
            y[c] = v
        }
        mean.data[row] = m
        rstd.data[row] = s
    }
}

/// gradInput += ∂L/∂input, gradWeight and gradBias += theirs, from gradOut and the saved mean and rstd.
@inlinable
public func layerNormBackward<T>(gradInput: Tensor<T>, gradWeight: Tensor<T>?, gradBias: Tensor<T>?, gradOut: Tensor<T>,
                                 input: Tensor<T>, weight: Tensor<T>?, mean: Tensor<T>, rstd: Tensor<T>) {
    let channels = input.dimension(-1), rows = input.count / max(channels, 1)
    for row in 0..<rows {
        let x = input.data + row * channels, dy = gradOut.data + row * channels, dx = gradInput.data + row * channels
        let m = mean.data[row], s = rstd.data[row]
        // Two reductions: the mean of the gradient through the gain, and of it times the normalised input.
        var meanG: T = 0, meanGX: T = 0
        for c in 0..<channels {
            let g = dy[c] * (weight?.data[c] ?? 1)
            meanG += g
            meanGX += g * (x[c] - m) * s
        }
        meanG /= T(channels)
        meanGX /= T(channels)
        for c in 0..<channels {
            let normalised = (x[c] - m) * s
            let g = dy[c] * (weight?.data[c] ?? 1)
            dx[c] += (g - meanG - normalised * meanGX) * s
            if let gradWeight { gradWeight.data[c] += dy[c] * normalised }
            if let gradBias { gradBias.data[c] += dy[c] }
        }
    }
}

/// RMS normalisation over the last dimension: out (N, C) = input · rstd · weight, with
/// rstd (N) = 1 / √(mean(input²) + ε) kept for the backward pass.
@inlinable
public func rmsNormForward<T>(out: Tensor<T>, rstd: Tensor<T>, input: Tensor<T>, weight: Tensor<T>?, epsilon: T = 1e-6) {
    let channels = input.dimension(-1), rows = input.count / max(channels, 1)
    precondition(out.count == input.count && rstd.count == rows, "rmsNormForward: shapes")
    for row in 0..<rows {
        let x = input.data + row * channels, y = out.data + row * channels
        var squares: T = 0
        for c in 0..<channels { squares += x[c] * x[c] }
        let s = 1 / T.sqrt(squares / T(channels) + epsilon)
        for c in 0..<channels { y[c] = x[c] * s * (weight?.data[c] ?? 1) }
        rstd.data[row] = s
    }
}

/// gradInput += ∂L/∂input and gradWeight += ∂L/∂weight for `rmsNormForward`.
@inlinable
public func rmsNormBackward<T>(gradInput: Tensor<T>, gradWeight: Tensor<T>?, gradOut: Tensor<T>, input: Tensor<T>,
                               weight: Tensor<T>?, rstd: Tensor<T>) {
    let channels = input.dimension(-1), rows = input.count / max(channels, 1)
    for row in 0..<rows {
        let x = input.data + row * channels, dy = gradOut.data + row * channels, dx = gradInput.data + row * channels
        let s = rstd.data[row]
        // ∂rstd/∂x_j = −rstd³ x_j / C
        var dot: T = 0
        for c in 0..<channels { dot += dy[c] * (weight?.data[c] ?? 1) * x[c] }
        let k = s * s * s * dot / T(channels)
        for c in 0..<channels {
            dx[c] += dy[c] * (weight?.data[c] ?? 1) * s - x[c] * k
            if let gradWeight { gradWeight.data[c] += dy[c] * x[c] * s }
        }
    }
}
