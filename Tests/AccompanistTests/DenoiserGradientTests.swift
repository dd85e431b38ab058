import Testing
import Tensor
@testable import Accompanist

/// The whole denoiser's backward pass against Float64 finite differences, on a configuration
/// small enough to perturb every parameter: two blocks, two heads, padding in the batch.
@Suite struct DenoiserGradientTests {
    static let tiny = DenoiserConfiguration(width: 8, layers: 2, heads: 2, feedForward: 2, styles: ["a", "b"], values: 10, features: 6)

    /// Every parameter of the model as one input; the output is the predicted roll.
    struct WholeModel: GradientCheck.Checkable {
        func make<T: TensorScalar>(_: T.Type, random: inout RandomSource) -> GradientCheck.Case<T> {
            let model = Denoiser<T>(configuration: DenoiserGradientTests.tiny)
            // Every parameter drawn at random (the adaLN-Zero start would hide whole paths behind zero gates).
            for i in 0..<model.parameters.count { model.parameters.values[i] = T(random.nextNormal() * 0.3) }
            let workspace = DenoiserWorkspace<T>(configuration: DenoiserGradientTests.tiny, batch: 2, tokens: 3, training: true)
            for i in 0..<workspace.roll.count { workspace.roll[i] = T(random.nextNormal()) }
            for i in 0..<workspace.features.count { workspace.features[i] = T(random.nextUnit() < 0.3 ? 1 : 0) }
            for i in 0..<workspace.controls.count { workspace.controls[i] = T(random.nextUnit()) }
            workspace.times = [0.3, 0.8]
            workspace.styles = [2, 0]
            workspace.lengths = [3, 2]
            let all = GradientCheck.Input("parameters",
                                          Tensor(viewing: model.parameters.values, shape: [model.parameters.count], owner: model.parameters),
                                          gradient: Tensor(viewing: model.parameters.gradients, shape: [model.parameters.count], owner: model.parameters))
            return GradientCheck.Case(inputs: [all], forward: {
                model.forward(workspace)
                return workspace.output
            }, backward: { gradOut in
                workspace.gradients!.output.copy(from: gradOut)
                model.backward(workspace)
            })
        }
    }

    /// The parameter a flat index falls in, for a readable failure.
    static func describe(_ mismatch: GradientCheck.Mismatch?) -> String {
        guard let mismatch else { return "" }
        let entry = ParameterSet<Double>(tiny.parameterLayout).entries.last { $0.offset <= mismatch.index }
        return "\(entry?.name ?? "?")[\(mismatch.index - (entry?.offset ?? 0))]: \(mismatch)"
    }

    @Test func everyParameterGradientMatchesFiniteDifferences() {
        let double = GradientCheck.run(WholeModel(), as: Double.self, tolerance: .float64)
        #expect(double == nil, "Float64: \(Self.describe(double))")
        let float = GradientCheck.run(WholeModel(), as: Float.self, tolerance: .float32)
        #expect(float == nil, "Float32: \(Self.describe(float))")
    }

    @Test func theDefaultModelHasAboutAMillionAndAHalfParameters() {
        let count = DenoiserConfiguration().parameterCount
        #expect(count > 1_000_000 && count < 1_600_000, "\(count)")
    }
}
