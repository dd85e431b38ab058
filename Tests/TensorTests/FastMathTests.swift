import Testing
@testable import Tensor

/// The libm-free exp and tanh the Float kernels use, against Float64's own.
@Suite struct FastMathTests {
    @Test func expIsWithinTwoTenMillionthsRelativeAcrossItsRange() {
        var worst = 0.0, at: Float = 0
        for i in 0...200_000 {
            let x = -87 + Float(i) * (175 / 200_000)
            let exact = Double.exp(Double(x))
            let error = abs(Double(FastMath.exp(x)) - exact) / exact
            if error > worst { (worst, at) = (error, x) }
        }
        #expect(worst < 2e-7, "relative error \(worst) at \(at)")
        #expect(FastMath.exp(-200) < 1e-37 && FastMath.exp(200).isFinite && FastMath.exp(0) == 1)
    }

    @Test func tanhIsWithinTwoTenMillionthsAndOddAndBounded() {
        var worst = 0.0, at: Float = 0
        for i in 0...200_000 {
            let x = -12 + Float(i) * (24 / 200_000)
            let error = abs(Double(FastMath.tanh(x)) - Double.tanh(Double(x)))
            if error > worst { (worst, at) = (error, x) }
            #expect(FastMath.tanh(-x) == -FastMath.tanh(x))
        }
        #expect(worst < 2e-7, "absolute error \(worst) at \(at)")
        #expect(FastMath.tanh(1e-30) == 1e-30 && FastMath.tanh(100) == 1 && FastMath.tanh(-100) == -1)
    }
}
