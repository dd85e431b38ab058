/// A fully connected layer with int8 weights: out (N, OC) = input (N, C) · weightᵀ + bias, as
/// `linearForward` computes it, for weight an `Int8Matrix` (OC, C) and bias (OC).
///
/// Expands a block of weight rows at a time into the matrix's own scratch and multiplies each
/// block with sgemm into its block of output columns, so no Float copy of the whole weight is ever
/// made and a call allocates nothing (OpenBLAS, when threaded, allocates a job table in each
/// sgemm). Any leading dimensions of input and out are flattened into N. Not safe to call from two
/// threads with the same weight (they would share its scratch).
///
/// Each output differs from the Float32 product with the weight before quantisation by at most
/// Σ_c |x_c| · scale_o / 2 (each stored weight is within scale_o / 2 of the Float it stands for),
/// plus Float32 rounding.
public func int8LinearForward(out: Tensor<Float>, input: Tensor<Float>, weight: Int8Matrix, bias: Tensor<Float>?) {
    let outputs = weight.rows, inputs = weight.columns
    let rows = input.count / max(inputs, 1)
    precondition(input.dimension(-1) == inputs && out.dimension(-1) == outputs && out.count == rows * outputs,
                 "int8LinearForward: input \(input.shape), weight \(weight.shape), out \(out.shape)")
    if let bias {
        // Not `expect([outputs])`: that array literal would be the call's one allocation.
        precondition(bias.shape.count == 1 && bias.shape[0] == outputs, "int8LinearForward: bias \(bias.shape) for \(outputs) outputs")
        for row in 0..<rows { (out.data + row * outputs).update(from: bias.data, count: outputs) }
    }
    let block = int8BlockRows(inputRows: rows, weight: weight)
    var first = 0
    while first < outputs {
        let count = min(block, outputs - first)
        weight.dequantizeRows(first..<first + count, into: weight.scratch)
        // out[:, first..<first+count] (N × count, row stride OC) = input (N × C) · blockᵀ (C × count)
        Float.gemm(transposeA: false, transposeB: true, m: rows, n: count, k: inputs, alpha: 1,
                   a: input.data, lda: inputs, b: weight.scratch, ldb: inputs,
                   beta: bias == nil ? 0 : 1, c: out.data + first, ldc: outputs)
        first += count
    }
}

/// Weight rows per block for N rows of input: 16 up to N = 64, else the matrix's `blockRows`.
///
/// Measured with OpenBLAS 0.3.21 on the 2-core Zen 4 machine, one BLAS thread: at N = 64, C = 192,
/// OC = 576, blocks of 16 rows cost 1.04× the Float32 product and blocks of 64 cost 1.13× (likely
/// OpenBLAS's small-matrix path, which skips packing); from N = 96 up, blocks of 16 cost 1.25× or
/// more and blocks of 64 about 1.1×.
func int8BlockRows(inputRows: Int, weight: Int8Matrix) -> Int {
    inputRows <= 64 ? min(16, weight.blockRows) : weight.blockRows
}
