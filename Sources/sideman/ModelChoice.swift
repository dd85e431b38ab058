import Accompanist
import Foundation

/// The model a command runs and the sampler settings it uses by default.
struct ModelChoice {
    let denoiser: Denoiser<Float>
    let settings: SamplerSettings
    let description: String

    /// The model `bench` measures: the file given, else the shipped model, with its defaults.
    static func benchmarkModel(_ path: String?) throws -> ModelChoice {
        let loaded = try load(path)
        return ModelChoice(denoiser: loaded.denoiser, settings: loaded.defaults.settings(seed: 1),
                           description: "\(loaded.path) (\(loaded.defaults.weights) weights)")
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
