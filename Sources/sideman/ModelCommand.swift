import Accompanist
import ArgumentParser
import Foundation

/// `sideman model`: what is in a model file.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Inspect model files.",
        subcommands: [Info.self, Defaults.self]
    )

    /// Rewrites the sampler defaults a model file ships with (its weights stay as they are).
    struct Defaults: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "defaults",
            abstract: "Set the sampler, steps and guidance a model file uses by default."
        )

        @Argument(help: "The model file to change.")
        var file: String

        @Option(help: "ddim or dpm++2m.")
        var sampler: SamplerSettings.Method?

        @Option(help: "Steps, 4…50.")
        var steps: Int?

        @Option(help: "Guidance scale.")
        var guidance: Float?

        @Option(help: "Onset threshold, -1…1: a lane of the final roll above it is a note.")
        var threshold: Float?

        func validate() throws {
            if let steps, !SamplerSettings.stepRange.contains(steps) { throw ValidationError("--steps must be 4…50") }
            if let guidance, !(0...20).contains(guidance) { throw ValidationError("--guidance must be 0…20") }
        }

        func run() throws {
            let model = try ModelChoice.load(file)
            var defaults = model.defaults
            if let sampler { defaults.sampler = sampler }
            if let steps { defaults.steps = steps }
            if let guidance { defaults.guidance = guidance }
            if let threshold { defaults.threshold = threshold }
            do { try ModelFile.rewrite(file, defaults: defaults) } catch { throw CommandFailure("\(file): \(error)") }
            print("\(file): \(defaults.sampler.rawValue), \(defaults.steps) steps, guidance \(defaults.guidance), threshold \(defaults.threshold)")
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Print a model's metadata, parameter count and SHA-256 (the shipped model without FILE)."
        )

        @Argument(help: "A model file (.safetensors); the shipped model when left out.")
        var file: String?

        @Flag(help: "Print one JSON object: path, parameters, sha256, metadata.")
        var json = false

        func run() throws {
            let model = try ModelChoice.load(file)
            if json {
                let metadata = model.metadata.keys.sorted().map { ($0, JSON.string(model.metadata[$0]!)) }
                print(JSON.object([("path", .string(model.path)), ("parameters", .integer(model.parameterCount)),
                                   ("sha256", .string(model.fileSHA256)), ("metadata", .object(metadata))]).text)
                return
            }
            let configuration = model.denoiser.configuration
            print("path: \(model.path)")
            print("sha256: \(model.fileSHA256)")
            print("parameters: \(model.parameterCount) (width \(configuration.width), \(configuration.layers) blocks, \(configuration.heads) heads)")
            print("weights: \(model.defaults.weights) (\(model.denoiser.quantised.count) linear layers in int8)")
            print("defaults: \(model.defaults.sampler.rawValue), \(model.defaults.steps) steps, guidance \(model.defaults.guidance), threshold \(model.defaults.threshold)")
            print("styles: \(configuration.styles.joined(separator: ", "))")
            for key in model.metadata.keys.sorted() where !["configuration", "defaults"].contains(key) {
                print("\(key): \(model.metadata[key]!)")
            }
        }
    }
}
