import Accompanist
import Foundation
import Tensor

/// The model a command runs and the sampler settings it uses by default.
struct ModelChoice {
    let denoiser: Denoiser<Float>
    let settings: SamplerSettings
    let description: String

    /// The model `bench` measures: the file given, else the shipped model with its defaults, else
    /// (in a build without one) the default shape with seeded random weights.
    static func benchmarkModel(_ path: String?) throws -> ModelChoice {
        if path != nil || ShippedModel.path != nil {
            let loaded = try load(path)
            return ModelChoice(denoiser: loaded.denoiser, settings: loaded.defaults.settings(seed: 1),
                               description: "\(loaded.path) (\(loaded.defaults.weights) weights)")
        }
        return untrained()
    }

    /// The default shape with seeded random weights: the timing of a generation does not depend on
    /// the values of the weights, though decoding does on how many notes they write.
    static func untrained() -> ModelChoice {
        let denoiser = Denoiser<Float>(configuration: DenoiserConfiguration())
        var random = RandomSource(seed: 1)
        for i in 0..<denoiser.parameters.count { denoiser.parameters.values[i] = Float(random.nextNormal() * 0.02) }
        return ModelChoice(denoiser: denoiser, settings: SamplerSettings(), description: "untrained (random weights, default shape)")
    }

    /// A model file, or the shipped model when `path` is nil; a failure is one line naming the file.
    static func load(_ path: String?) throws -> LoadedModel {
        guard let path = path ?? ShippedModel.path else {
            throw CommandFailure("no model ships in this build; give a model file")
        }
        do { return try ModelFile.load(contentsOf: path) } catch let error as ModelFileError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }
}
