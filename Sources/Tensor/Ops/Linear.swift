/// A fully connected layer, as PyTorch stores it: weight (OC, C), bias (OC).
///
/// out (N, OC) = input (N, C) · weightᵀ + bias. Any leading dimensions of input and out are
/// flattened into N.
@inlinable
public func linearForward<T>(out: Tensor<T>, input: Tensor<T>, weight: Tensor<T>, bias: Tensor<T>?) {
    let outputs = weight.dimension(0), inputs = weight.dimension(1)
    let rows = input.count / max(inputs, 1)
    precondition(input.dimension(-1) == inputs && out.dimension(-1) == outputs && out.count == rows * outputs,
                 "linearForward: input \(input.shape), weight \(weight.shape), out \(out.shape)")
    if let bias {
        bias.expect([outputs], "linearForward bias")
        for row in 0..<rows { (out.data + row * outputs).update(from: bias.data, count: outputs) }
    }
    T.gemm(transposeA: false, transposeB: true, m: rows, n: outputs, k: inputs, alpha: 1,
           a: input.data, lda: inputs, b: weight.data, ldb: inputs, beta: bias == nil ? 0 : 1, c: out.data, ldc: outputs)
}

/// gradInput += gradOut · weight; gradWeight += gradOutᵀ · input; gradBias += Σ rows of gradOut.
@inlinable
public func linearBackward<T>(gradInput: Tensor<T>?, gradWeight: Tensor<T>?, gradBias: Tensor<T>?,
                              gradOut: Tensor<T>, input: Tensor<T>, weight: Tensor<T>) {
    let outputs = weight.dimension(0), inputs = weight.dimension(1)
    let rows = input.count / max(inputs, 1)
    precondition(gradOut.count == rows * outputs, "linearBackward: gradOut \(gradOut.shape) for \(input.shape) → \(outputs)")
    if let gradInput {
        precondition(gradInput.count == input.count, "linearBackward: gradInput \(gradInput.shape)")
        T.gemm(transposeA: false, transposeB: false, m: rows, n: inputs, k: outputs, alpha: 1,
               a: gradOut.data, lda: outputs, b: weight.data, ldb: inputs, beta: 1, c: gradInput.data, ldc: inputs)
    }
    if let gradWeight {
        gradWeight.expect(weight.shape, "linearBackward gradWeight")
        T.gemm(transposeA: true, transposeB: false, m: outputs, n: inputs, k: rows, alpha: 1,
               a: gradOut.data, lda: outputs, b: input.data, ldb: inputs, beta: 1, c: gradWeight.data, ldc: inputs)
    }
    if let gradBias {
        gradBias.expect([outputs], "linearBackward gradBias")
        for row in 0..<rows {
            let dOut = gradOut.data + row * outputs
            for o in 0..<outputs { gradBias.data[o] += dOut[o] }
        }
    }
}
