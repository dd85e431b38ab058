import Foundation
import Testing
import TestSupport
@testable import Tensor

// MARK: - An independent reader and writer: Python's safetensors package

/// Whether Python scripts can use the safetensors package and numpy, and what they share.
private enum PythonSafeTensors {
    static let isAvailable = pythonCanImport("safetensors", "numpy")
    static let missing: Comment = "pip install safetensors numpy (make test installs them)"

    /// numpy's bfloat16-free way to BF16: the top 16 bits of float32, rounded to nearest even.
    static let bfloat16Helpers = """
        import numpy as np
        def bf16_bits(x):
            bits = np.asarray(x, np.float32).view(np.uint32)
            return ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype(np.uint16)
        def bf16_floats(raw):
            return (np.frombuffer(raw, dtype='<u2').astype(np.uint32) << 16).view(np.float32)

        """
}

/// What a script prints about a file: its metadata, and each tensor's dtype, shape and values as
/// Float bit patterns (so the comparison is exact).
private struct PythonView: Decodable {
    struct Tensor: Decodable {
        var dtype: String
        var shape: [Int]
        var bits: [UInt32]
    }
    var metadata: [String: String]?
    var tensors: [String: Tensor]

    init(_ json: String) throws { self = try JSONDecoder().decode(PythonView.self, from: Data(json.utf8)) }
}

/// Files written here load in Python with the same values, and files Python writes load here
/// with the same values: F32, F16, BF16 and I8 with row scales, and the metadata.
@Suite(.enabled(if: PythonSafeTensors.isAvailable || externalToolsRequired, PythonSafeTensors.missing))
struct SafeTensorsPythonTests {
    private let directory: URL

    init() throws { directory = try makeTemporaryDirectory("sideman-safetensors-python") }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// One tensor of each dtype, with values that exercise rounding, and a zero row for I8.
    static func everyDtype(metadata: [String: String]) throws -> SafeTensorsArchive {
        var archive = SafeTensorsArchive(metadata: metadata)
        var random = RandomSource(seed: 11)
        func values(_ count: Int, _ scale: Double) -> [Float] { (0..<count).map { _ in Float(random.nextNormal() * scale) } }
        try archive.add(name: "blocks.0.qkv.weight", shape: [3, 4], floats: values(12, 1))
        try archive.add(name: "scalar", shape: [], floats: [-1.5])
        try archive.add(name: "norm.gain", shape: [5], floats: values(5, 100), as: .f16)
        try archive.add(name: "embed", shape: [2, 3], floats: values(6, 1e5), as: .bf16)
        var quantized = values(24, 2)
        for c in 0..<6 { quantized[12 + c] = 0 }
        try archive.add(name: "head.weight", shape: [4, 6], floats: quantized, as: .i8)
        return archive
    }

    @Test func fileWeWriteLoadsInPythonWithTheSameValuesAndMetadata() throws {
        try #require(PythonSafeTensors.isAvailable, PythonSafeTensors.missing)
        defer { try? FileManager.default.removeItem(at: directory) }
        let metadata = ["architecture": "denoiser", "note": "ünï \"quoted\"\nline", "version": "1"]
        let archive = try Self.everyDtype(metadata: metadata)
        try archive.write(to: path("ours.safetensors"))
        let printed = try runPython(PythonSafeTensors.bfloat16Helpers + """
            import json, sys
            from safetensors import safe_open, deserialize
            path = sys.argv[1]
            raw = {name: view for name, view in deserialize(open(path, 'rb').read())}
            out = {'tensors': {}}
            with safe_open(path, framework='numpy') as f:
                out['metadata'] = f.metadata()
                for name in f.keys():
                    dtype = f.get_slice(name).get_dtype()
                    shape = list(f.get_slice(name).get_shape())
                    if dtype == 'BF16':
                        values = bf16_floats(raw[name]['data'])
                    elif dtype == 'I8':
                        q = f.get_tensor(name).astype(np.float32)
                        values = q.reshape(-1, shape[-1]) * f.get_tensor(name + '.scale')[:, None]
                    else:
                        values = f.get_tensor(name).astype(np.float32)
                    bits = np.ascontiguousarray(values, np.float32).reshape(-1).view(np.uint32)
                    out['tensors'][name] = {'dtype': dtype, 'shape': shape, 'bits': bits.tolist()}
            print(json.dumps(out))
            """, [path("ours.safetensors")])
        let view = try PythonView(printed)
        #expect(view.metadata == metadata)
        #expect(Set(view.tensors.keys) == Set(archive.names))
        for entry in archive.entries {
            let theirs = try #require(view.tensors[entry.name])
            let ours = try archive.floats(entry.name)
            #expect(theirs.dtype == entry.dtype.rawValue && theirs.shape == entry.shape, "\(entry.name)")
            #expect(theirs.bits == ours.values.map(\.bitPattern), "\(entry.name)")
        }
    }

    @Test func fileWeWriteHasTheBytesPythonWritesForTheSameTensors() throws {
        try #require(PythonSafeTensors.isAvailable, PythonSafeTensors.missing)
        defer { try? FileManager.default.removeItem(at: directory) }
        // One metadata key: Python writes several in its hash map's order, which changes each run.
        let archive = try Self.everyDtype(metadata: ["architecture": "denoiser"])
        try archive.write(to: path("ours.safetensors"))
        try runPython("""
            import sys, numpy as np
            from safetensors import deserialize, serialize_file, safe_open, TensorSpec
            ours, theirs = sys.argv[1], sys.argv[2]
            names = {'F32': 'float32', 'F16': 'float16', 'BF16': 'bfloat16', 'I8': 'int8'}
            keep = []
            specs = {}
            for name, view in deserialize(open(ours, 'rb').read()):
                data = np.frombuffer(bytes(view['data']), np.uint8)
                keep.append(data)
                specs[name] = TensorSpec(dtype=names[view['dtype']], shape=view['shape'],
                                         data_ptr=data.ctypes.data, data_len=data.nbytes)
            with safe_open(ours, framework='numpy') as f:
                metadata = f.metadata()
            serialize_file(specs, theirs, metadata)
            """, [path("ours.safetensors"), path("theirs.safetensors")])
        let ours = try Data(contentsOf: URL(fileURLWithPath: path("ours.safetensors")))
        let theirs = try Data(contentsOf: URL(fileURLWithPath: path("theirs.safetensors")))
        #expect(ours == theirs)
    }

    @Test func filePythonWritesLoadsWithTheSameValuesAndMetadata() throws {
        try #require(PythonSafeTensors.isAvailable, PythonSafeTensors.missing)
        defer { try? FileManager.default.removeItem(at: directory) }
        let printed = try runPython(PythonSafeTensors.bfloat16Helpers + """
            import json, sys
            from safetensors import serialize_file, TensorSpec
            rng = np.random.default_rng(7)
            w = rng.standard_normal((3, 4)).astype(np.float32)
            h = (rng.standard_normal(5) * 100).astype(np.float16)
            b = bf16_bits(rng.standard_normal((2, 3)) * 1e5)
            x = rng.standard_normal((4, 6)).astype(np.float32)
            x[2] = 0
            scale = (np.abs(x).max(axis=1) / np.float32(127)).astype(np.float32)
            safe = np.where(scale > 0, scale, np.float32(1))[:, None]
            q = np.clip(np.round(x / safe), -127, 127).astype(np.int8)
            arrays = {'w': (w, 'float32'), 'h': (h, 'float16'), 'b': (b, 'bfloat16'), 'q': (q, 'int8'), 'q.scale': (scale, 'float32')}
            specs = {name: TensorSpec(dtype=dtype, shape=list(a.shape), data_ptr=a.ctypes.data, data_len=a.nbytes)
                     for name, (a, dtype) in arrays.items()}
            metadata = {'architecture': 'denoiser', 'é': 'line\\nbreak "quoted"'}
            serialize_file(specs, sys.argv[1], metadata)
            floats = {'w': w, 'h': h.astype(np.float32), 'b': bf16_floats(b.tobytes()),
                      'q': q.astype(np.float32) * scale[:, None], 'q.scale': scale}
            dtypes = {'w': 'F32', 'h': 'F16', 'b': 'BF16', 'q': 'I8', 'q.scale': 'F32'}
            out = {'metadata': metadata, 'tensors': {name: {'dtype': dtypes[name], 'shape': list(arrays[name][0].shape),
                   'bits': np.ascontiguousarray(v, np.float32).reshape(-1).view(np.uint32).tolist()} for name, v in floats.items()},
                   'q': q.reshape(-1).tolist()}
            print(json.dumps(out))
            """, [path("theirs.safetensors")])
        let view = try PythonView(printed)
        let archive = try SafeTensorsArchive.read(contentsOf: path("theirs.safetensors"))
        #expect(archive.metadata == view.metadata)
        #expect(Set(archive.names) == Set(view.tensors.keys))
        for (name, theirs) in view.tensors {
            let entry = try #require(archive.entry(name))
            #expect(entry.dtype.rawValue == theirs.dtype && entry.shape == theirs.shape, "\(name)")
            #expect(try archive.floats(name).values.map(\.bitPattern) == theirs.bits, "\(name)")
        }
        // The raw int8 values are Python's, and its zero row has scale 0.
        struct Quantized: Decodable { var q: [Int8] }
        let expected = try JSONDecoder().decode(Quantized.self, from: Data(printed.utf8)).q
        let rows = try archive.quantizedRows("q")
        #expect(rows.values == expected && rows.scales[2] == 0)
    }
}
