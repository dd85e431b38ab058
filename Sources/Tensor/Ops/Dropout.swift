/// Inverted dropout: each value is zeroed with probability p and the survivors scaled by 1/(1−p),
/// so the expected output equals the input and inference needs no rescaling. mask keeps the
/// factor (0 or 1/(1−p)) of each value for the backward pass; the draws come from `random`, so a
/// seeded run repeats exactly.
@inlinable
public func dropoutForward<T>(out: Tensor<T>, mask: Tensor<T>, input: Tensor<T>, probability: Double, random: inout RandomSource) {
    precondition(out.count == input.count && mask.count == input.count, "dropoutForward: shapes")
    precondition(probability >= 0 && probability < 1, "dropoutForward: probability \(probability)")
    let keep = T(1 / (1 - probability))
    for i in 0..<input.count {
        let factor: T = random.nextUnit() < probability ? 0 : keep
        mask.data[i] = factor
        out.data[i] = input.data[i] * factor
    }
}

/// gradInput += gradOut ⊙ mask.
@inlinable
public func dropoutBackward<T>(gradInput: Tensor<T>, gradOut: Tensor<T>, mask: Tensor<T>) {
    for i in 0..<mask.count { gradInput.data[i] += gradOut.data[i] * mask.data[i] }
}
