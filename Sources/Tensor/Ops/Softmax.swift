/// Softmax over the last dimension: out (N, C) with each row summing to 1. The largest value is
/// subtracted first, so large inputs do not overflow.
@inlinable
public func softmaxForward<T>(out: Tensor<T>, input: Tensor<T>) {
    precondition(out.count == input.count, "softmaxForward: \(out.shape) from \(input.shape)")
    let columns = input.dimension(-1)
    for row in 0..<(input.count / max(columns, 1)) {
        softmaxRow(out.data + row * columns, input.data + row * columns, columns)
    }
}

/// gradInput += out ⊙ (gradOut − Σ out ⊙ gradOut), row by row, from the forward's output.
@inlinable
public func softmaxBackward<T>(gradInput: Tensor<T>, gradOut: Tensor<T>, out: Tensor<T>) {
    let columns = out.dimension(-1)
    for row in 0..<(out.count / max(columns, 1)) {
        softmaxRowBackward(gradInput.data + row * columns, gradOut.data + row * columns, out.data + row * columns, columns)
    }
}

@inlinable
func softmaxRow<T: TensorScalar>(_ y: UnsafeMutablePointer<T>, _ x: UnsafePointer<T>, _ count: Int) {
    var largest = -T.infinity
    for c in 0..<count where x[c] > largest { largest = x[c] }
    var sum: T = 0
    for c in 0..<count {
        let e = x[c] == -T.infinity ? 0 : T.exp(x[c] - largest)
        y[c] = e
        sum += e
    }
    let scale = sum > 0 ? 1 / sum : 0
    for c in 0..<count { y[c] *= scale }
}

@inlinable
func softmaxRowBackward<T: TensorScalar>(_ dx: UnsafeMutablePointer<T>, _ dy: UnsafePointer<T>, _ y: UnsafePointer<T>, _ count: Int) {
    var dot: T = 0
    for c in 0..<count { dot += y[c] * dy[c] }
    for c in 0..<count { dx[c] += y[c] * (dy[c] - dot) }
}
