import Crypto
import Foundation
import Tensor

/// The defaults a model ships with: `generate`, `play`, `bench` and `eval` all sample with these
/// unless told otherwise.
public struct ModelDefaults: Sendable, Equatable, Codable {
    public var sampler: SamplerSettings.Method
    public var steps: Int
    public var guidance: Float
    /// How the weights of the linear layers are stored and used: "int8" or "f32".
    public var weights: String
    /// The onset threshold the final roll is read with.
    public var threshold: Float

    public init(sampler: SamplerSettings.Method = .dpmSolver2M, steps: Int = 12, guidance: Float = 2, weights: String = "int8",
                threshold: Float = PianoRollCodec.threshold) {
        self.sampler = sampler
        self.steps = steps
        self.guidance = guidance
        self.weights = weights
        self.threshold = threshold
    }

    enum CodingKeys: String, CodingKey { case sampler, steps, guidance, weights, threshold }

    /// Reads the defaults; a file written before the threshold was a default uses the codec's.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sampler = try container.decode(SamplerSettings.Method.self, forKey: .sampler)
        steps = try container.decode(Int.self, forKey: .steps)
        guidance = try container.decode(Float.self, forKey: .guidance)
        weights = try container.decode(String.self, forKey: .weights)
        threshold = try container.decodeIfPresent(Float.self, forKey: .threshold) ?? PianoRollCodec.threshold
    }

    public func settings(seed: UInt64) -> SamplerSettings {
        SamplerSettings(method: sampler, steps: steps, guidance: guidance, seed: seed, threshold: threshold)
    }
}

/// A model file that cannot be used, naming the file and what is wrong.
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

/// A denoiser loaded from a model file, with its defaults and metadata.
public final class LoadedModel: @unchecked Sendable {
    public let denoiser: Denoiser<Float>
    public let defaults: ModelDefaults
    /// Every metadata entry of the file, as written.
    public let metadata: [String: String]
    /// Parameters as the model counts them (a quantised matrix counts its elements, not its scales).
    public let parameterCount: Int
    /// SHA-256 of the whole file, hex.
    public let fileSHA256: String
    public let path: String

    init(denoiser: Denoiser<Float>, defaults: ModelDefaults, metadata: [String: String], parameterCount: Int, fileSHA256: String, path: String) {
        self.denoiser = denoiser
        self.defaults = defaults
        self.metadata = metadata
        self.parameterCount = parameterCount
        self.fileSHA256 = fileSHA256
        self.path = path
    }
}

/// The model file: safetensors, the linear layers' weights as I8 with one scale per row (or F32),
/// everything else F32, and metadata that says what the model is:
///
/// - `format`: "sideman-denoiser", `version`: "1";
/// - `configuration`: the denoiser's shape and styles (JSON);
/// - `defaults`: sampler, steps, guidance and weight type (JSON);
/// - `tensorSHA256`: SHA-256 of the tensor data (the bytes after the header), checked at load;
/// - anything else the trainer adds (`training`, `data`, `metrics`, …), kept as written.
public enum ModelFile {
    public static let format = "sideman-denoiser"
    public static let version = "1"

    /// The linear layers' weight matrices: what int8 applies to.
    public static func quantisable(_ configuration: DenoiserConfiguration) -> Set<String> {
        Set(configuration.parameterLayout.filter { $0.name.hasSuffix(".weight") && $0.shape.count == 2 }.map(\.name))
    }

    /// Writes `parameters` (in `configuration`'s layout) as a model file, atomically.
    public static func write(_ parameters: ParameterSet<Float>, configuration: DenoiserConfiguration, defaults: ModelDefaults,
                             metadata extra: [String: String] = [:], to path: String) throws {
        let quantised = defaults.weights == "int8" ? quantisable(configuration) : []
        var archive = SafeTensorsArchive()
        try archive.add(parameters) { quantised.contains($0.name) ? .i8 : .f32 }
        let bytes = try archive.serialized()
        let data = Array(bytes.dropFirst(headerEnd(of: bytes)))
        var metadata = extra
        metadata["format"] = format
        metadata["version"] = version
        metadata["configuration"] = try json(configuration)
        metadata["defaults"] = try json(defaults)
        metadata["tensorSHA256"] = hex(SHA256.hash(data: data))
        archive.metadata = metadata
        try archive.write(to: path)
    }

    /// Replaces a model file's defaults and adds to its metadata, leaving its tensors as they are
    /// (the tensor hash still holds). Written atomically.
    public static func rewrite(_ path: String, defaults: ModelDefaults, metadata extra: [String: String] = [:]) throws {
        _ = try load(contentsOf: path)
        var archive = try SafeTensorsArchive.read(contentsOf: path)
        archive.metadata["defaults"] = try json(defaults)
        for (key, value) in extra { archive.metadata[key] = value }
        try archive.write(to: path)
    }

    /// Reads a model file, checking its format, configuration, tensor hash and every tensor. With
    /// int8 weights the linear layers stay int8 in memory (see `Int8Matrix`).
    public static func load(contentsOf path: String) throws -> LoadedModel {
        func fail(_ message: String) -> ModelFileError { ModelFileError(path: path, message: message) }
        guard let bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else { throw fail("cannot be read") }
        let archive = try SafeTensorsArchive(bytes: bytes, source: path)
        let metadata = archive.metadata
        guard metadata["format"] == format else { throw fail("not a sideman model (metadata 'format' is \(metadata["format"].map { "'\($0)'" } ?? "missing"))") }
        guard metadata["version"] == version else { throw fail("model format version \(metadata["version"] ?? "?"), this sideman reads \(version)") }
        guard let configurationText = metadata["configuration"], let configuration = try? decode(DenoiserConfiguration.self, configurationText) else {
            throw fail("metadata 'configuration' is missing or malformed")
        }
        if let problem = configuration.problem { throw fail("metadata 'configuration': \(problem)") }
        guard let defaultsText = metadata["defaults"], let defaults = try? decode(ModelDefaults.self, defaultsText),
              SamplerSettings.stepRange.contains(defaults.steps), ["int8", "f32"].contains(defaults.weights) else {
            throw fail("metadata 'defaults' is missing or malformed")
        }
        let data = Array(bytes.dropFirst(headerEnd(of: bytes)))
        guard metadata["tensorSHA256"] == hex(SHA256.hash(data: data)) else {
            throw fail("tensor data does not match its SHA-256 in the metadata (the file is damaged or was altered)")
        }
        let quantised = Set(configuration.parameterLayout.map(\.name).filter { archive.entry($0)?.dtype == .i8 })
        guard quantised.isSubset(of: quantisable(configuration)) else { throw fail("tensor '\(quantised.subtracting(quantisable(configuration)).sorted()[0])' is int8 but is not a linear layer's weight") }
        let layout = configuration.parameterLayout(omitting: quantised)
        let parameters = ParameterSet<Float>(layout)
        var archiveOfFloats = SafeTensorsArchive()
        for entry in archive.entries where !quantised.contains(entry.name) && !quantised.contains(where: { SafeTensorsArchive.scaleName(of: $0) == entry.name }) {
            try archiveOfFloats.add(name: entry.name, shape: entry.shape, floats: try archive.floats(entry.name).values)
        }
        for name in quantised { try archiveOfFloats.add(name: name, shape: [0], floats: []) }
        try archiveOfFloats.load(into: parameters)
        var matrices: [String: Int8Matrix] = [:]
        let shapes = Dictionary(uniqueKeysWithValues: configuration.parameterLayout.map { ($0.name, $0.shape) })
        for name in quantised {
            let matrix = try archive.int8Matrix(name)
            guard matrix.shape == shapes[name] else {
                throw fail("tensor '\(name)' has shape \(matrix.shape), the configuration needs \(shapes[name] ?? [])")
            }
            matrices[name] = matrix
        }
        let denoiser = Denoiser<Float>(configuration: configuration, parameters: parameters, quantised: matrices)
        return LoadedModel(denoiser: denoiser, defaults: defaults, metadata: metadata, parameterCount: configuration.parameterCount,
                           fileSHA256: hex(SHA256.hash(data: bytes)), path: path)
    }

    /// Where the tensor data starts: after the 8-byte length and the header.
    static func headerEnd(of bytes: [UInt8]) -> Int {
        guard bytes.count >= 8 else { return bytes.count }
        let length = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        return min(bytes.count, 8 + Int(min(length, UInt64(bytes.count))))
    }

    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
