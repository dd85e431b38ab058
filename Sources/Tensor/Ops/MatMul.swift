/// Matrix products through CBLAS, batched over a leading dimension.
///
/// out (B, M, N) = a (B, M, K) · b (B, K, N); 2-D tensors are a batch of one. With `transposeB`,
/// b is stored (B, N, K) and used transposed (as a weight matrix is).
@inlinable
public func matmulForward<T>(out: Tensor<T>, a: Tensor<T>, b: Tensor<T>, transposeB: Bool = false, accumulate: Bool = false) {
    let (batch, m, k, n) = matmulShape(a: a, b: b, transposeB: transposeB)
    out.expect(a.shape.count == 3 ? [batch, m, n] : [m, n], "matmulForward")
    for item in 0..<batch {
        T.gemm(transposeA: false, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
               a: a.data + item * m * k, lda: k, b: b.data + item * k * n, ldb: transposeB ? k : n,
               beta: accumulate ? 1 : 0, c: out.data + item * m * n, ldc: n)
    }
}

/// gradA += gradOut · bᵀ and gradB += aᵀ · gradOut (either may be nil when not wanted).
@inlinable
public func matmulBackward<T>(gradA: Tensor<T>?, gradB: Tensor<T>?, gradOut: Tensor<T>, a: Tensor<T>, b: Tensor<T>, transposeB: Bool = false) {
    let (batch, m, k, n) = matmulShape(a: a, b: b, transposeB: transposeB)
    gradOut.expect(a.shape.count == 3 ? [batch, m, n] : [m, n], "matmulBackward")
    for item in 0..<batch {
        let dOut = gradOut.data + item * m * n
        if let gradA {
            gradA.expect(a.shape, "matmulBackward gradA")
            // dA (m, k) = dOut (m, n) · op(B)ᵀ (n, k)
            T.gemm(transposeA: false, transposeB: !transposeB, m: m, n: k, k: n, alpha: 1,
                   a: dOut, lda: n, b: b.data + item * k * n, ldb: transposeB ? k : n,
                   beta: 1, c: gradA.data + item * m * k, ldc: k)
        }
        if let gradB {
            gradB.expect(b.shape, "matmulBackward gradB")
            if transposeB {
                // B stored (n, k): dB (n, k) = dOutᵀ (n, m) · A (m, k)
                T.gemm(transposeA: true, transposeB: false, m: n, n: k, k: m, alpha: 1,
                       a: dOut, lda: n, b: a.data + item * m * k, ldb: k, beta: 1, c: gradB.data + item * k * n, ldc: k)
            } else {
                // dB (k, n) = Aᵀ (k, m) · dOut (m, n)
                T.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1,
                       a: a.data + item * m * k, lda: k, b: dOut, ldb: n, beta: 1, c: gradB.data + item * k * n, ldc: n)
            }
        }
    }
}

@inlinable
func matmulShape<T>(a: Tensor<T>, b: Tensor<T>, transposeB: Bool) -> (batch: Int, m: Int, k: Int, n: Int) {
    precondition(a.shape.count == b.shape.count && (a.shape.count == 2 || a.shape.count == 3),
                 "matmul: shapes \(a.shape) and \(b.shape)")
    let batch = a.shape.count == 3 ? a.shape[0] : 1
    precondition(a.shape.count == 2 || b.shape[0] == batch, "matmul: batches \(a.shape) and \(b.shape)")
    let m = a.dimension(-2), k = a.dimension(-1)
    let bRows = b.dimension(-2), bColumns = b.dimension(-1)
    precondition((transposeB ? bColumns : bRows) == k, "matmul: inner dimensions of \(a.shape) and \(b.shape)")
    return (batch, m, k, transposeB ? bRows : bColumns)
}
