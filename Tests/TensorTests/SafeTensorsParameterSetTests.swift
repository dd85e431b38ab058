import Testing
@testable import Tensor

/// A model's parameters saved by name and loaded back, with every name, shape and dtype checked.
@Suite struct SafeTensorsParameterSetTests {
    static func model(seed: UInt64) -> ParameterSet<Float> {
        let parameters = ParameterSet<Float>([
            (name: "embed.weight", shape: [10, 4], decays: true),
            (name: "blocks.0.qkv.weight", shape: [12, 4], decays: true),
            (name: "blocks.0.qkv.bias", shape: [12], decays: false),
        ])
        var random = RandomSource(seed: seed)
        for index in 0..<parameters.count { parameters.values[index] = Float(random.nextNormal()) }
        return parameters
    }

    static func values(_ parameters: ParameterSet<Float>) -> [Float] {
        Array(UnsafeBufferPointer(start: parameters.values, count: parameters.count))
    }

    static func message(_ body: () throws(SafeTensorsError) -> Void) -> String? {
        do throws(SafeTensorsError) {
            try body()
            return nil
        } catch { return error.description }
    }

    @Test func savedParametersLoadIntoAnotherSetExactly() throws {
        let saved = Self.model(seed: 1)
        var archive = SafeTensorsArchive(metadata: ["architecture": "test"])
        try archive.add(saved)
        let read = try SafeTensorsArchive(bytes: try archive.serialized(), source: "model.safetensors")
        let loaded = Self.model(seed: 2)
        loaded.gradients[0] = 5
        try read.load(into: loaded, expecting: .f32)
        #expect(Self.values(loaded) == Self.values(saved))
        #expect(loaded.gradients[0] == 5)
    }

    @Test func matricesSavedAsI8LoadWithinHalfTheirRowScale() throws {
        let saved = Self.model(seed: 3)
        var archive = SafeTensorsArchive()
        try archive.add(saved, as: { $0.shape.count == 2 ? .i8 : .f32 })
        #expect(Set(archive.names) == ["embed.weight", "embed.weight.scale", "blocks.0.qkv.weight", "blocks.0.qkv.weight.scale", "blocks.0.qkv.bias"])
        let loaded = Self.model(seed: 4)
        try archive.load(into: loaded)
        for entry in saved.entries {
            let scales = entry.shape.count == 2 ? try archive.quantizedRows(entry.name).scales : [0]
            let columns = entry.shape.last ?? 1
            for index in 0..<entry.count {
                let bound = scales[entry.shape.count == 2 ? index / columns : 0] / 2 * (1 + 0x1p-20)
                #expect(abs(loaded.values[entry.offset + index] - saved.values[entry.offset + index]) <= bound)
            }
        }
    }

    @Test func aMissingTensorIsNamedAndNothingIsChanged() throws {
        var archive = SafeTensorsArchive()
        try archive.add(name: "embed.weight", shape: [10, 4], floats: [Float](repeating: 1, count: 40))
        try archive.add(name: "blocks.0.qkv.weight", shape: [12, 4], floats: [Float](repeating: 1, count: 48))
        let loaded = Self.model(seed: 5), before = Self.values(loaded)
        #expect(Self.message { () throws(SafeTensorsError) in try archive.load(into: loaded) }
            == "tensor 'blocks.0.qkv.bias': missing (the model has it, shape [12])")
        #expect(Self.values(loaded) == before)
    }

    @Test func anExtraTensorIsNamed() throws {
        var archive = SafeTensorsArchive()
        try archive.add(Self.model(seed: 6), as: .i8)
        try archive.add(name: "head.weight", shape: [1], floats: [1])
        #expect(Self.message { () throws(SafeTensorsError) in try archive.load(into: Self.model(seed: 7)) }
            == "tensor 'head.weight': not a parameter of the model")
    }

    @Test func aTensorOfAnotherShapeOrDtypeIsNamed() throws {
        var archive = SafeTensorsArchive()
        try archive.add(Self.model(seed: 8), as: { $0.name == "embed.weight" ? .f16 : .f32 })
        let bytes = try archive.serialized()
        let read = try SafeTensorsArchive(bytes: bytes, source: "model.safetensors")
        #expect(Self.message { () throws(SafeTensorsError) in try read.load(into: Self.model(seed: 9), expecting: .f32) }
            == "model.safetensors: tensor 'embed.weight': is F16 where F32 is expected")

        let other = ParameterSet<Float>([
            (name: "embed.weight", shape: [4, 10], decays: true),
            (name: "blocks.0.qkv.weight", shape: [12, 4], decays: true),
            (name: "blocks.0.qkv.bias", shape: [12], decays: false),
        ])
        #expect(Self.message { () throws(SafeTensorsError) in try read.load(into: other) }
            == "model.safetensors: tensor 'embed.weight': shape [10, 4] where the model has [4, 10]")
    }

    @Test func aTensorAndTheTensorOfItsValuesAgree() throws {
        var archive = SafeTensorsArchive()
        let tensor = Tensor<Float>(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        try archive.add(name: "t", tensor: tensor, as: .bf16)
        let back = try archive.tensor("t")
        #expect(back.shape == [2, 3] && back.scalars == tensor.scalars)
    }
}
