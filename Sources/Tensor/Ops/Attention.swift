/// Multi-head self-attention, bidirectional (every position sees every other, as a denoiser
/// needs), over packed queries, keys and values.
///
/// qkv (B, T, 3C) holds each position's query, key and value side by side; out (B, T, C);
/// att (B, NH, T, T) keeps the attention weights for the backward pass. Head size C / NH. With
/// `lengths`, batch item b attends only to its first lengths[b] positions (padding is ignored).
/// The products run through CBLAS straight on the packed rows (leading dimension 3C), no copies.
@inlinable
public func attentionForward<T>(out: Tensor<T>, att: Tensor<T>, qkv: Tensor<T>, heads: Int, lengths: [Int]? = nil) {
    let (batch, steps, channels) = (qkv.dimension(0), qkv.dimension(1), qkv.dimension(2) / 3)
    precondition(qkv.shape.count == 3 && qkv.dimension(2) == 3 * channels && channels % heads == 0,
                 "attentionForward: qkv \(qkv.shape) with \(heads) heads")
    out.expect([batch, steps, channels], "attentionForward out")
    att.expect([batch, heads, steps, steps], "attentionForward att")
    let headSize = channels / heads
    let scale = 1 / T.sqrt(T(headSize))
    for b in 0..<batch {
        let length = lengths?[b] ?? steps
        precondition(length >= 1 && length <= steps, "attentionForward: length \(length) of \(steps)")
        for h in 0..<heads {
            let q = qkv.data + b * steps * 3 * channels + h * headSize
            let k = q + channels, v = q + 2 * channels
            let weights = att.data + (b * heads + h) * steps * steps
            // scores (T, T) = Q Kᵀ / √hs
            T.gemm(transposeA: false, transposeB: true, m: steps, n: steps, k: headSize, alpha: scale,
                   a: q, lda: 3 * channels, b: k, ldb: 3 * channels, beta: 0, c: weights, ldc: steps)
            for row in 0..<steps {
                let r = weights + row * steps
                for column in length..<steps { r[column] = -T.infinity }
                softmaxRow(r, r, steps)
            }
            // out_h (T, hs) = weights (T, T) · V (T, hs)
            T.gemm(transposeA: false, transposeB: false, m: steps, n: headSize, k: steps, alpha: 1,
                   a: weights, lda: steps, b: v, ldb: 3 * channels, beta: 0,
                   c: out.data + b * steps * channels + h * headSize, ldc: channels)
        }
    }
}

/// gradQKV += ∂L/∂qkv from gradOut and the saved weights. `scratch` (T, T) holds one head's
/// score gradient at a time.
@inlinable
public func attentionBackward<T>(gradQKV: Tensor<T>, scratch: Tensor<T>, gradOut: Tensor<T>, qkv: Tensor<T>, att: Tensor<T>, heads: Int) {
    let (batch, steps, channels) = (qkv.dimension(0), qkv.dimension(1), qkv.dimension(2) / 3)
    gradQKV.expect(qkv.shape, "attentionBackward gradQKV")
    scratch.expect([steps, steps], "attentionBackward scratch")
    let headSize = channels / heads
    let scale = 1 / T.sqrt(T(headSize))
    for b in 0..<batch {
        for h in 0..<heads {
            let offset = b * steps * 3 * channels + h * headSize
            let q = qkv.data + offset, k = q + channels, v = q + 2 * channels
            let dq = gradQKV.data + offset, dk = dq + channels, dv = dq + 2 * channels
            let weights = att.data + (b * heads + h) * steps * steps
            let dOut = gradOut.data + b * steps * channels + h * headSize
            // dV (T, hs) += weightsᵀ · dOut
            T.gemm(transposeA: true, transposeB: false, m: steps, n: headSize, k: steps, alpha: 1,
                   a: weights, lda: steps, b: dOut, ldb: channels, beta: 1, c: dv, ldc: 3 * channels)
            // dWeights (T, T) = dOut · Vᵀ, then through the softmax into score gradients
            T.gemm(transposeA: false, transposeB: true, m: steps, n: steps, k: headSize, alpha: 1,
                   a: dOut, lda: channels, b: v, ldb: 3 * channels, beta: 0, c: scratch.data, ldc: steps)
            for row in 0..<steps {
                let dw = scratch.data + row * steps, w = weights + row * steps
                var dot: T = 0
                for c in 0..<steps { dot += w[c] * dw[c] }
                for c in 0..<steps { dw[c] = w[c] * (dw[c] - dot) }
            }
            // dQ += dScores · K / √hs; dK += dScoresᵀ · Q / √hs
            T.gemm(transposeA: false, transposeB: false, m: steps, n: headSize, k: steps, alpha: scale,
                   a: scratch.data, lda: steps, b: k, ldb: 3 * channels, beta: 1, c: dq, ldc: 3 * channels)
            T.gemm(transposeA: true, transposeB: false, m: steps, n: headSize, k: steps, alpha: scale,
                   a: scratch.data, lda: steps, b: q, ldb: 3 * channels, beta: 1, c: dk, ldc: 3 * channels)
        }
    }
}
