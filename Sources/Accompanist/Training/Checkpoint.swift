import Foundation
import Tensor

/// A training run's whole state in one safetensors file, so an interrupted run resumes exactly:
/// the weights (`model.*`), their EMA (`ema.*`), AdamW's two moments (`adam.m`, `adam.v`, flat),
/// and in the metadata the configuration, the settings, the step and the random generator's state.
/// Written atomically, so a run stopped mid-write leaves the previous checkpoint whole.
public enum Checkpoint {
    public static let format = "sideman-checkpoint"

    public static func write(_ trainer: Trainer, to path: String) throws {
        var archive = SafeTensorsArchive()
        let model = trainer.model.parameters, average = trainer.ema.average
        for entry in model.entries {
            try archive.add(name: "model." + entry.name, shape: entry.shape,
                            floats: Array(UnsafeBufferPointer(start: model.values + entry.offset, count: entry.count)))
            try archive.add(name: "ema." + entry.name, shape: entry.shape,
                            floats: Array(UnsafeBufferPointer(start: average.values + entry.offset, count: entry.count)))
        }
        let optimizer = trainer.optimizer
        try archive.add(name: "adam.m", shape: [optimizer.count], floats: Array(UnsafeBufferPointer(start: optimizer.firstMoment, count: optimizer.count)))
        try archive.add(name: "adam.v", shape: [optimizer.count], floats: Array(UnsafeBufferPointer(start: optimizer.secondMoment, count: optimizer.count)))
        let state = trainer.random.state
        archive.metadata = [
            "format": format,
            "configuration": try ModelFile.json(trainer.model.configuration),
            "settings": try ModelFile.json(trainer.settings),
            "step": String(trainer.step),
            "adamStep": String(optimizer.step),
            "random": [state.0, state.1, state.2, state.3].map(String.init).joined(separator: " "),
            "randomSpare": trainer.random.spare.map { String($0.bitPattern) } ?? "",
        ]
        try archive.write(to: path)
    }

    /// A trainer in the state the checkpoint holds, over `examples` (the same corpus the run used).
    public static func resume(from path: String, examples: [TrainingExample]) throws -> Trainer {
        func fail(_ message: String) -> ModelFileError { ModelFileError(path: path, message: message) }
        let archive = try SafeTensorsArchive.read(contentsOf: path)
        let metadata = archive.metadata
        guard metadata["format"] == format else { throw fail("not a sideman checkpoint") }
        guard let configuration = metadata["configuration"].flatMap({ try? ModelFile.decode(DenoiserConfiguration.self, $0) }),
              let settings = metadata["settings"].flatMap({ try? ModelFile.decode(TrainingSettings.self, $0) }),
              let step = metadata["step"].flatMap(Int.init), let adamStep = metadata["adamStep"].flatMap(Int.init),
              let words = metadata["random"]?.split(separator: " ").compactMap({ UInt64($0) }), words.count == 4 else {
            throw fail("checkpoint metadata is missing or malformed")
        }
        if let problem = configuration.problem { throw fail("metadata 'configuration': \(problem)") }
        let spare = metadata["randomSpare"].flatMap(UInt64.init).map(Double.init(bitPattern:))
        let model = Denoiser<Float>(configuration: configuration)
        let trainer = Trainer(model: model, examples: examples, settings: settings)
        try load(archive, prefix: "model.", into: model.parameters)
        try load(archive, prefix: "ema.", into: trainer.ema.average)
        for (name, buffer) in [("adam.m", trainer.optimizer.firstMoment), ("adam.v", trainer.optimizer.secondMoment)] {
            let values = try archive.floats(name).values
            guard values.count == trainer.optimizer.count else { throw fail("tensor '\(name)' has \(values.count) values for \(trainer.optimizer.count) parameters") }
            buffer.update(from: values, count: values.count)
        }
        trainer.optimizer.step = adamStep
        trainer.restore(step: step, random: RandomSource(state: (words[0], words[1], words[2], words[3]), spare: spare))
        return trainer
    }

    private static func load(_ archive: SafeTensorsArchive, prefix: String, into parameters: ParameterSet<Float>) throws {
        var part = SafeTensorsArchive()
        for entry in archive.entries where entry.name.hasPrefix(prefix) {
            try part.add(name: String(entry.name.dropFirst(prefix.count)), shape: entry.shape, floats: try archive.floats(entry.name).values)
        }
        try part.load(into: parameters)
    }
}
