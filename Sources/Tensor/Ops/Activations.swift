/// GELU with the tanh approximation (as GPT-2 and llm.c use it), elementwise over any shape:
/// out = ½ x (1 + tanh(√(2/π) (x + 0.044715 x³))).
@inlinable
public func geluForward<T>(out: Tensor<T>, input: Tensor<T>) {
    precondition(out.count == input.count, "geluForward: \(out.shape) from \(input.shape)")
    let scale = T.sqrt(2 / T.pi)
    let x = input.data, y = out.data
    for i in 0..<input.count {
        let v = x[i]
        y[i] = 0.5 * v * (1 + T.tanh(scale * (v + 0.044715 * v * v * v)))
    }
}

/// gradInput += gradOut · GELU′(input).
@inlinable
public func geluBackward<T>(gradInput: Tensor<T>, gradOut: Tensor<T>, input: Tensor<T>) {
    let scale = T.sqrt(2 / T.pi)
    for i in 0..<input.count {
        let x = input.data[i]
        let t = T.tanh(scale * (x + 0.044715 * x * x * x))
        let derivative = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * scale * (1 + 3 * 0.044715 * x * x)
        gradInput.data[i] += gradOut.data[i] * derivative
    }
}

/// SiLU (swish), elementwise: out = x · σ(x).
@inlinable
public func siluForward<T>(out: Tensor<T>, input: Tensor<T>) {
    precondition(out.count == input.count, "siluForward: \(out.shape) from \(input.shape)")
    for i in 0..<input.count {
        let x = input.data[i]
        out.data[i] = x / (1 + T.exp(-x))
    }
}

/// gradInput += gradOut · σ(x)(1 + x(1 − σ(x))).
@inlinable
public func siluBackward<T>(gradInput: Tensor<T>, gradOut: Tensor<T>, input: Tensor<T>) {
    for i in 0..<input.count {
        let x = input.data[i]
        let sigmoid = 1 / (1 + T.exp(-x))
        gradInput.data[i] += gradOut.data[i] * sigmoid * (1 + x * (1 - sigmoid))
    }
}
