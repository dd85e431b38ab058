import Testing
@testable import Tensor

/// Matrix products against a plain triple loop.
@Suite struct MatMulTests {
    static func naive(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i * n + j] += a[i * k + p] * b[p * n + j] } } }
        return c
    }

    @Test func matmulMatchesATripleLoopAndTransposedWeightsMatchToo() {
        var random = RandomSource(seed: 1)
        let a = Tensor<Double>(randomNormal: [3, 5], using: &random)
        let b = Tensor<Double>(randomNormal: [5, 4], using: &random)
        let out = Tensor<Double>(zeros: [3, 4])
        matmulForward(out: out, a: a, b: b)
        let expected = Self.naive(a.scalars, b.scalars, m: 3, k: 5, n: 4)
        #expect(zip(out.scalars, expected).allSatisfy { abs($0 - $1) < 1e-12 })

        // b stored transposed, (4, 5), gives the same product.
        let bT = Tensor<Double>(zeros: [4, 5])
        for i in 0..<5 { for j in 0..<4 { bT[j * 5 + i] = b[i * 4 + j] } }
        let outT = Tensor<Double>(zeros: [3, 4])
        matmulForward(out: outT, a: a, b: bT, transposeB: true)
        #expect(zip(outT.scalars, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }
}
