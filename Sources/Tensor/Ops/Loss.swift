/// Weighted mean squared error: Σ w (input − target)² / Σ w, over all values (w = 1 without
/// weights). Returned in Double, as losses are summed over many values.
@inlinable
public func mseForward<T>(input: Tensor<T>, target: Tensor<T>, weights: Tensor<T>? = nil) -> Double {
    precondition(input.count == target.count && (weights?.count ?? input.count) == input.count, "mseForward: shapes")
    var sum = 0.0, total = 0.0
    for i in 0..<input.count {
        let w = Double(weights?.data[i] ?? 1), d = Double(input.data[i] - target.data[i])
        sum += w * d * d
        total += w
    }
    return total > 0 ? sum / total : 0
}

/// gradInput += scale · 2 w (input − target) / Σ w.
@inlinable
public func mseBackward<T>(gradInput: Tensor<T>, input: Tensor<T>, target: Tensor<T>, weights: Tensor<T>? = nil, scale: Double = 1) {
    var total = 0.0
    if let weights { for i in 0..<weights.count { total += Double(weights.data[i]) } } else { total = Double(input.count) }
    guard total > 0 else { return }
    let factor = T(2 * scale / total)
    for i in 0..<input.count {
        gradInput.data[i] += factor * (weights?.data[i] ?? 1) * (input.data[i] - target.data[i])
    }
}
