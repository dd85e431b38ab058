/// Checks hand-written backward passes against central finite differences computed in Float64
/// (as ggml's `test-backend-ops` does, but failing loudly).
///
/// A check sees an op, or a whole model, as a function of named input tensors to one output
/// tensor, and the scalar loss L = Σ output ⊙ R for a fixed random R, so ∂L/∂output = R reaches
/// every output value. The numeric gradient perturbs each input scalar by ±h in a Float64 copy of
/// the computation; the analytic one is the backward pass, in Float64 or Float32.
public enum GradientCheck {
    /// One input of a checked computation: its values, and the buffer its backward pass
    /// accumulates the gradient into.
    public struct Input<Scalar: TensorScalar> {
        public let name: String
        public let value: Tensor<Scalar>
        public let gradient: Tensor<Scalar>
        public init(_ name: String, _ value: Tensor<Scalar>, gradient: Tensor<Scalar>? = nil) {
            self.name = name
            self.value = value
            self.gradient = gradient ?? Tensor(zeros: value.shape)
        }
    }

    /// A computation to check: its inputs, a forward that returns the output (reading the inputs'
    /// current values), and a backward that, given ∂L/∂output, accumulates into the inputs' gradients.
    public struct Case<Scalar: TensorScalar> {
        public let inputs: [Input<Scalar>]
        public let forward: () -> Tensor<Scalar>
        public let backward: (Tensor<Scalar>) -> Void
        public init(inputs: [Input<Scalar>], forward: @escaping () -> Tensor<Scalar>, backward: @escaping (Tensor<Scalar>) -> Void) {
            self.inputs = inputs
            self.forward = forward
            self.backward = backward
        }
    }

    /// Where an analytic gradient and the numeric reference disagree beyond the tolerance.
    public struct Mismatch: Error, CustomStringConvertible {
        public let input: String
        public let index: Int
        public let analytic: Double
        public let numeric: Double
        public var description: String {
            "∂L/∂\(input)[\(index)]: backward gives \(analytic), finite differences \(numeric)"
        }
    }

    /// The tolerance: |analytic − numeric| ≤ absolute + relative · |numeric| for every scalar.
    public struct Tolerance: Sendable {
        public let absolute: Double
        public let relative: Double
        public init(absolute: Double, relative: Double) {
            self.absolute = absolute
            self.relative = relative
        }
        /// The backward pass in Float64: agreement to about seven digits.
        public static let float64 = Tolerance(absolute: 1e-7, relative: 1e-5)
        /// The backward pass in Float32 against the Float64 reference: about three digits (Float32
        /// keeps seven, and sums over a few hundred terms lose some).
        public static let float32 = Tolerance(absolute: 2e-4, relative: 2e-3)
    }

    /// ∂L/∂input by central differences: (L(x + h) − L(x − h)) / 2h for each scalar, in Float64.
    public static func numericGradients(of check: Case<Double>, projection: Tensor<Double>, step: Double = 1e-5) -> [[Double]] {
        func loss() -> Double {
            let output = check.forward()
            var sum = 0.0
            for i in 0..<output.count { sum += output.data[i] * projection.data[i] }
            return sum
        }
        return check.inputs.map { input in
            (0..<input.value.count).map { i in
                let saved = input.value.data[i]
                input.value.data[i] = saved + step
                let above = loss()
                input.value.data[i] = saved - step
                let below = loss()
                input.value.data[i] = saved
                return (above - below) / (2 * step)
            }
        }
    }

    /// The backward pass's gradients for the loss Σ output ⊙ projection.
    public static func analyticGradients<Scalar>(of check: Case<Scalar>, projection: [Double]) -> [[Double]] {
        for input in check.inputs { input.gradient.fill(0) }
        let output = check.forward()
        precondition(output.count == projection.count, "gradient check: output \(output.shape) for \(projection.count) projections")
        let gradOut = Tensor<Scalar>(zeros: output.shape)
        for i in 0..<output.count { gradOut.data[i] = Scalar(projection[i]) }
        check.backward(gradOut)
        return check.inputs.map { input in input.gradient.scalars.map { Double($0) } }
    }

    /// Runs the check: builds the computation in Float64 (the reference) and in `Scalar` (the
    /// backward pass checked) from the same seed, and returns the first mismatch, if any.
    public static func run<Scalar: TensorScalar>(_ computation: some Checkable, as scalar: Scalar.Type,
                                                 tolerance: Tolerance, seed: UInt64 = 7) -> Mismatch? {
        var referenceRandom = RandomSource(seed: seed), checkedRandom = RandomSource(seed: seed)
        let reference = computation.make(Double.self, random: &referenceRandom)
        let checked = computation.make(Scalar.self, random: &checkedRandom)
        var random = RandomSource(seed: seed ^ 0x5EED)
        let output = reference.forward()
        let projection = Tensor<Double>(randomNormal: output.shape, using: &random)
        let numeric = numericGradients(of: reference, projection: projection)
        let analytic = analyticGradients(of: checked, projection: projection.scalars)
        for (k, input) in checked.inputs.enumerated() {
            for i in numeric[k].indices {
                let a = analytic[k][i], n = numeric[k][i]
                if !(abs(a - n) <= tolerance.absolute + tolerance.relative * abs(n)) {
                    return Mismatch(input: input.name, index: i, analytic: a, numeric: n)
                }
            }
        }
        return nil
    }
}

extension GradientCheck {
    /// Something whose backward pass can be checked: it builds itself for any scalar type, drawing
    /// its inputs from `random`, so the Float64 reference and the checked build hold the same values.
    public protocol Checkable {
        func make<Scalar: TensorScalar>(_ scalar: Scalar.Type, random: inout RandomSource) -> GradientCheck.Case<Scalar>
    }
}
