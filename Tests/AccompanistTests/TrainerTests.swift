import Arrangement
import Crypto
import Foundation
import MusicTheory
import Tensor
import Testing
@testable import Accompanist

/// Reading corpus lines, and training: the loss falls on a small corpus, and a seed repeats a run.
@Suite struct TrainerTests {
    static let line = """
        {"id":"x1","template":"t1","idiom":"pop","key":"C","meterNumerator":4,"meterDenominator":4,"tempo":120,"style":"pop",\
        "groove":"8Beat","bars":2,"chart":"| C | G |","chords":[{"tick":0,"symbol":"C"},{"tick":48,"symbol":"G7/B"}],\
        "density":0.5,"complexity":0,"swing":0.1,"fills":[false,true],\
        "notes":{"bass":[[0,12,36,100],[48,12,47,90]],"keys":[[0,24,60,70],[0,24,64,70]],"pad":[],"drums":[[0,3,36,110]]}}
        """

    static func parse(_ text: String) throws(CorpusFileError) -> TrainingExample {
        try TrainingExample.parse(Data(text.utf8), decoder: JSONDecoder(), file: "train.jsonl", line: 3)
    }

    @Test func aCorpusLineBecomesASheetNotesAndControls() throws {
        let example = try Self.parse(Self.line)
        #expect(example.sheet.bars == 2 && example.sheet.tokens == 8)
        #expect(example.sheet.changes.map(\.tick) == [0, 48])
        #expect(example.sheet.fills == [1])
        #expect(example.tracks[0].notes == [Note(pitch: 36, velocity: 100, start: 0, duration: 12), Note(pitch: 47, velocity: 90, start: 48, duration: 12)])
        #expect(example.style == "pop" && example.swing == 0.1)
    }

    @Test func aBadLineIsRefusedNamingTheFileLineAndField() {
        let cases: [(String, String)] = [
            (Self.line.replacingOccurrences(of: "\"bars\":2,", with: ""), "train.jsonl:3: field 'bars': missing"),
            (Self.line.replacingOccurrences(of: "G7/B", with: "Gmaj8"), "train.jsonl:3: field 'chords': unknown chord 'Gmaj8'"),
            (Self.line.replacingOccurrences(of: "[0,3,36,110]", with: "[0,3,36]"), "train.jsonl:3: field 'notes.drums': note [0, 3, 36] is not [start, length, pitch, velocity]"),
            (Self.line.replacingOccurrences(of: "\"meterNumerator\":4", with: "\"meterNumerator\":7").replacingOccurrences(of: "\"meterDenominator\":4", with: "\"meterDenominator\":8"),
             "train.jsonl:3: field 'meterNumerator': meter 7/8 is not one the model plays"),
            ("{not json", "train.jsonl:3: field 'line': not a JSON object of an example"),
        ]
        for (text, message) in cases {
            #expect(throws: CorpusFileError.self) { try Self.parse(text) }
            do { _ = try Self.parse(text) } catch { #expect(error.description == message) }
        }
    }

    /// A small world of examples: a root-fifth bass and a triad on each beat over random chords.
    static func corpus(_ count: Int, seed: UInt64) -> [TrainingExample] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { index in
            let roots = (0..<2).map { _ in Int(random.next() % 12) }
            let changes = roots.enumerated().map { LeadSheet.Change(tick: $0.offset * 48, chord: .chord(try! ChordSymbol(parsing: NoteName.defaultSpelling(of: PitchClass($0.element)).description))) }
            let sheet = LeadSheet(meter: .common, bars: 2, changes: changes)
            var bass: [Note] = [], keys: [Note] = []
            for (bar, root) in roots.enumerated() {
                for beat in 0..<4 {
                    let tick = bar * 48 + beat * 12
                    bass.append(Note(pitch: 36 + root + (beat % 2 == 0 ? 0 : 7) - (root > 6 ? 12 : 0), velocity: 100, start: tick, duration: 10))
                    for third in [0, 4, 7] { keys.append(Note(pitch: 60 + root + third, velocity: 80, start: tick, duration: 10)) }
                }
            }
            return TrainingExample(id: "\(index)", template: "t\(index % 4)", style: "pop", groove: "8Beat", chart: "", sheet: sheet,
                                   tracks: [Track(.bass, notes: bass), Track(.keys, notes: keys), Track(.pad), Track(.drums)],
                                   density: 0.5, complexity: 0, swing: 0)
        }
    }

    static func trainer(seed: UInt64) -> Trainer {
        let configuration = DenoiserConfiguration(width: 32, layers: 2, heads: 2, feedForward: 2)
        let model = Denoiser<Float>(configuration: configuration)
        var random = RandomSource(seed: 1)
        model.initialise(using: &random)
        var settings = TrainingSettings()
        settings.batchSize = 4
        settings.steps = 150
        settings.warmupSteps = 10
        settings.peakLearningRate = 3e-3
        settings.seed = seed
        return Trainer(model: model, examples: corpus(24, seed: 5), settings: settings)
    }

    @Test func lossFallsAsTheModelLearnsASmallCorpus() {
        let trainer = Self.trainer(seed: 3)
        let held = Self.corpus(8, seed: 77)
        let before = trainer.validationLoss(held)
        for _ in 0..<150 { trainer.trainStep() }
        let after = trainer.validationLoss(held)
        #expect(after < before * 0.5, "validation loss \(before) → \(after)")
    }

    @Test func theSameSeedTrainsTheSameWeights() {
        let a = Self.trainer(seed: 9), b = Self.trainer(seed: 9)
        for _ in 0..<5 { a.trainStep(); b.trainStep() }
        let same = (0..<a.model.parameters.count).allSatisfy { a.model.parameters.values[$0] == b.model.parameters.values[$0] }
        #expect(same)
    }
}

/// Checkpoints and model files.
@Suite struct ModelFileTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sideman-\(getpid())-\(name)").path
    }

    /// Ten steps straight, or five, a checkpoint, a fresh process's worth of state, and five more:
    /// the same weights to the last bit.
    @Test func aResumedRunEndsExactlyWhereAnUninterruptedOneDoes() throws {
        let straight = TrainerTests.trainer(seed: 4)
        for _ in 0..<10 { straight.trainStep() }
        let first = TrainerTests.trainer(seed: 4)
        for _ in 0..<5 { first.trainStep() }
        let path = Self.temporary("checkpoint.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.write(first, to: path)
        let resumed = try Checkpoint.resume(from: path, examples: TrainerTests.corpus(24, seed: 5))
        #expect(resumed.step == 5)
        for _ in 0..<5 { resumed.trainStep() }
        let same = (0..<straight.model.parameters.count).allSatisfy { straight.model.parameters.values[$0] == resumed.model.parameters.values[$0] }
        let sameAverage = (0..<straight.ema.average.count).allSatisfy { straight.ema.average.values[$0] == resumed.ema.average.values[$0] }
        #expect(same && sameAverage)
    }

    /// Written with int8 linear layers and read back: the weights stay int8, the predictions stay
    /// within what int8 rounding allows, and the defaults and metadata come back as written.
    @Test func aModelFileLoadsWithInt8WeightsAndItsDefaults() throws {
        let trainer = TrainerTests.trainer(seed: 2)
        for _ in 0..<20 { trainer.trainStep() }
        let path = Self.temporary("model.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let defaults = ModelDefaults(sampler: .ddim, steps: 9, guidance: 1.5, weights: "int8")
        try ModelFile.write(trainer.ema.average, configuration: trainer.model.configuration, defaults: defaults,
                            metadata: ["training": "a test"], to: path)
        let loaded = try ModelFile.load(contentsOf: path)
        #expect(loaded.defaults == defaults && loaded.metadata["training"] == "a test")
        #expect(loaded.denoiser.quantised.count == ModelFile.quantisable(trainer.model.configuration).count)
        #expect(loaded.denoiser.parameters.count < trainer.model.parameters.count / 2)
        #expect(loaded.fileSHA256.count == 64)

        let float = Denoiser<Float>(configuration: trainer.model.configuration, parameters: trainer.ema.average)
        let sheet = TrainerTests.corpus(1, seed: 1)[0].sheet
        func predict(_ model: DenoisingModel) -> [Float] {
            let w = DenoiserWorkspace<Float>(configuration: model.configuration, batch: 1, tokens: sheet.tokens)
            TokenFeatures.write(sheet, into: w.features.data)
            var random = RandomSource(seed: 3)
            for i in 0..<w.roll.count { w.roll[i] = Float(random.nextNormal()) }
            w.times = [0.5]
            model.forward(w)
            return w.output.scalars
        }
        let difference = zip(predict(float), predict(loaded.denoiser)).map { abs($0 - $1) }.max()!
        #expect(difference < 0.05, "int8 and Float32 predictions differ by \(difference)")
    }

    @Test func aDamagedOrForeignModelFileIsRefusedWithItsPath() throws {
        let trainer = TrainerTests.trainer(seed: 2)
        let path = Self.temporary("damaged.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(trainer.model.parameters, configuration: trainer.model.configuration, defaults: ModelDefaults(), to: path)
        var bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        bytes[bytes.count - 3] ^= 0x40
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        #expect(throws: ModelFileError(path: path, message: "tensor data does not match its SHA-256 in the metadata (the file is damaged or was altered)")) {
            try ModelFile.load(contentsOf: path)
        }
        var plain = SafeTensorsArchive()
        try plain.add(name: "x", shape: [1], floats: [1])
        try plain.write(to: path)
        #expect(throws: ModelFileError(path: path, message: "not a sideman model (metadata 'format' is missing)")) {
            try ModelFile.load(contentsOf: path)
        }
    }
}

extension ModelFileTests {
    /// A file whose int8 matrix does not fit its own configuration is refused, not trapped on.
    @Test func anInt8MatrixOfTheWrongShapeIsRefused() throws {
        let trainer = TrainerTests.trainer(seed: 2)
        let configuration = trainer.model.configuration
        var archive = SafeTensorsArchive()
        try archive.add(trainer.model.parameters) { ModelFile.quantisable(configuration).contains($0.name) ? .i8 : .f32 }
        // Swap one matrix for an int8 one of another shape.
        var other = SafeTensorsArchive()
        for entry in archive.entries where entry.name != "blocks.0.qkv.weight" && !entry.name.hasSuffix(".scale") {
            try other.add(name: entry.name, shape: entry.shape, floats: try archive.floats(entry.name).values)
        }
        try other.add(name: "blocks.0.qkv.weight", shape: [2, 3], int8: [1, 2, 3, 4, 5, 6], scales: [0.1, 0.1])
        let path = Self.temporary("misshapen.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(trainer.model.parameters, configuration: configuration, defaults: ModelDefaults(weights: "f32"), to: path)
        let written = try SafeTensorsArchive.read(contentsOf: path)
        other.metadata = written.metadata
        let data = Array(try other.serialized().dropFirst(ModelFile.headerEnd(of: try other.serialized())))
        other.metadata["tensorSHA256"] = ModelFile.hex(SHA256.hash(data: data))
        try other.write(to: path)
        #expect(throws: ModelFileError(path: path, message: "tensor 'blocks.0.qkv.weight' has shape [2, 3], the configuration needs [96, 32]")) {
            try ModelFile.load(contentsOf: path)
        }
    }
}

extension ModelFileTests {
    /// The configuration comes from the file: an impossible one is refused before anything is allocated.
    @Test func anImpossibleConfigurationIsRefused() throws {
        let trainer = TrainerTests.trainer(seed: 2)
        let path = Self.temporary("impossible.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.write(trainer.model.parameters, configuration: trainer.model.configuration, defaults: ModelDefaults(), to: path)
        var impossible = trainer.model.configuration
        impossible.heads = 3
        try ModelFile.rewrite(path, defaults: ModelDefaults(), metadata: ["configuration": try ModelFile.json(impossible)])
        #expect(throws: ModelFileError(path: path, message: "metadata 'configuration': width 32, 2 layers, 3 heads, feed-forward ×2 is not a shape sideman runs")) {
            try ModelFile.load(contentsOf: path)
        }
    }
}
