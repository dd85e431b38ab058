import Accompanist
import ArgumentParser
import Dispatch
import Foundation
import Tensor

/// `sideman train`: trains the denoiser on a corpus from `sideman corpus`.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the denoiser on a corpus written by `sideman corpus`.",
        discussion: """
            Shows loss, speed and time left; every --validate-every steps the validation loss of the EMA \
            weights; every --checkpoint-every steps a checkpoint (the whole state: weights, EMA, optimizer, \
            random generator), from which --resume carries on exactly. At the end the EMA weights are \
            written to --out as a model file. The same corpus, seed and thread count train the same model.
            """
    )

    @Option(help: "The corpus directory (manifest.json, train.jsonl, validation.jsonl).")
    var corpus: String

    @Option(help: "The model file to write at the end.")
    var out: String

    @Option(help: "The checkpoint file (default: the --out path with .checkpoint.safetensors).")
    var checkpoint: String?

    @Flag(help: "Carry on from the checkpoint.")
    var resume = false

    @Flag(help: "Write the checkpoint's EMA weights to --out as a model file, without training (to evaluate a run midway).")
    var exportCheckpoint = false

    @Option(help: "Optimisation steps in all.")
    var steps: Int = 30_000

    @Option(help: "Examples per batch.")
    var batch: Int = 16

    @Option(help: "Peak learning rate.")
    var learningRate: Float = 1e-3

    @Option(help: "Model width.")
    var width: Int = 128

    @Option(help: "Transformer blocks.")
    var layers: Int = 4

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "BLAS threads.")
    var threads: Int = 2

    @Option(help: "Steps between validation losses.")
    var validateEvery: Int = 1000

    @Option(help: "Steps between checkpoints.")
    var checkpointEvery: Int = 1000

    func validate() throws {
        guard steps >= 1, batch >= 1, (1...64).contains(threads), validateEvery >= 1, checkpointEvery >= 1 else {
            throw ValidationError("--steps, --batch, --threads, --validate-every and --checkpoint-every must be positive")
        }
        // Heads of 32 channels each: the width must divide into them.
        guard width % 32 == 0, (32...1024).contains(width), (1...24).contains(layers) else {
            throw ValidationError("--width must be a multiple of 32 in 32…1024, --layers 1…24")
        }
    }

    func run() throws {
        BLASThreads.set(threads)
        let manifest = try CorpusManifest.read(directory: corpus)
        let train = try readExamples("train.jsonl")
        let validation = Array(try readExamples("validation.jsonl").prefix(512))
        let checkpointPath = checkpoint ?? (out.hasSuffix(".safetensors") ? String(out.dropLast(12)) : out) + ".checkpoint.safetensors"
        let trainer: Trainer
        if resume || exportCheckpoint {
            trainer = try Checkpoint.resume(from: checkpointPath, examples: train)
            FileHandle.standardError.write(Data("resuming at step \(trainer.step) from \(checkpointPath)\n".utf8))
        } else {
            var settings = TrainingSettings()
            settings.steps = steps
            settings.batchSize = batch
            settings.peakLearningRate = learningRate
            settings.seed = seed
            settings.warmupSteps = min(1000, steps / 10)
            let configuration = DenoiserConfiguration(width: width, layers: layers, heads: width / 32,
                                                      styles: manifest.styles)
            let model = Denoiser<Float>(configuration: configuration)
            var random = RandomSource(seed: seed)
            model.initialise(using: &random)
            trainer = Trainer(model: model, examples: train, settings: settings)
        }
        let total = exportCheckpoint ? trainer.step : trainer.settings.steps
        let started = DispatchTime.now().uptimeNanoseconds
        let bar = ProgressBar(total: total, unit: "steps", startingAt: trainer.step)
        var recent: [Double] = []
        var lastValidation = Double.nan
        while trainer.step < total {
            let (loss, _) = trainer.trainStep()
            recent.append(loss)
            if recent.count > 100 { recent.removeFirst() }
            if trainer.step % validateEvery == 0 || trainer.step == total {
                lastValidation = trainer.validationLoss(validation)
                bar.update(trainer.step, figures(recent, lastValidation, trainer), force: true)
                bar.finish()
            }
            if trainer.step % checkpointEvery == 0 || trainer.step == total { try Checkpoint.write(trainer, to: checkpointPath) }
            bar.update(trainer.step, figures(recent, lastValidation, trainer))
        }
        bar.finish()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let training: [String: String] = [
            "steps": String(total), "batch": String(trainer.settings.batchSize), "seed": String(trainer.settings.seed),
            "learningRate": String(trainer.settings.peakLearningRate), "threads": String(threads),
            "secondsThisRun": String(Int(seconds)), "validationLoss": String(lastValidation),
            "trainExamples": String(train.count), "corpusSeed": manifest.seedText,
        ]
        let description = try String(decoding: JSONSerialization.data(withJSONObject: training, options: [.sortedKeys]), as: UTF8.self)
        // Each style's onset histogram in the training renders: what `eval` measures style against.
        let references = try String(decoding: JSONEncoder().encode(Evaluator.styleReferences(train)), as: UTF8.self)
        try ModelFile.write(trainer.ema.average, configuration: trainer.model.configuration, defaults: ModelDefaults(),
                            metadata: ["training": description, "data": manifest.description, "styleReferences": references], to: out)
        print("wrote \(out): \(trainer.model.configuration.parameterCount) parameters, \(total) steps, validation loss \(lastValidation)")
    }

    private func figures(_ recent: [Double], _ validation: Double, _ trainer: Trainer) -> String {
        let loss = recent.reduce(0, +) / Double(max(recent.count, 1))
        return String(format: "loss %.4f  val %.4f  lr %.2e", loss, validation, trainer.schedule.rate(at: trainer.step))
    }

    private func readExamples(_ name: String) throws -> [TrainingExample] {
        do { return try TrainingExample.read(contentsOf: (corpus as NSString).appendingPathComponent(name)) } catch {
            throw CommandFailure(error.description)
        }
    }
}

/// What training needs from a corpus's manifest.json.
struct CorpusManifest {
    let styles: [String]
    let seedText: String
    let description: String

    static func read(directory: String) throws -> CorpusManifest {
        let path = (directory as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot be read (is --corpus a directory written by `sideman corpus`?)") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CommandFailure("\(path): not a JSON object") }
        guard let styles = object["styles"] as? [String], !styles.isEmpty else { throw CommandFailure("\(path): field 'styles' is missing or empty") }
        let counts = (object["counts"] as? [String: Any]).map { counts in counts.keys.sorted().map { "\($0) \(counts[$0]!)" }.joined(separator: ", ") } ?? ""
        let seed = object["seed"].map { "\($0)" } ?? "?"
        return CorpusManifest(styles: styles, seedText: seed,
                              description: "MMA (Musical MIDI Accompaniment) renders of generated chord progressions, corpus seed \(seed); examples: \(counts)")
    }
}
