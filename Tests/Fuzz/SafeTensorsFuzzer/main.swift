// libFuzzer target for the safetensors reader: `make fuzz` builds it with -sanitize=fuzzer,address
// and runs it (see the README).
import FuzzSupport
import Tensor

/// Reads the bytes as a safetensors file; one that reads must give every tensor's values without
/// a trap, and survive a write and read back with the same tensors, metadata and bytes. A crash, a
/// trap or a failed check is what the fuzzer reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let archive = try? SafeTensorsArchive(bytes: bytes, source: "fuzz") else { return 0 }
    for entry in archive.entries {
        // An I8 tensor without its scales is read but cannot be dequantised: that throws.
        if let (shape, values) = try? archive.floats(entry.name) {
            precondition(shape == entry.shape && values.count == entry.count, "floats disagree with the entry")
        }
    }
    guard let written = try? archive.serialized(), let reread = try? SafeTensorsArchive(bytes: written, source: "written") else {
        preconditionFailure("the writer's bytes do not read back")
    }
    precondition(reread.metadata == archive.metadata, "metadata changed in a round trip")
    precondition(reread.entries.sorted { $0.name < $1.name } == archive.entries.sorted { $0.name < $1.name },
                 "tensors changed in a round trip")
    precondition((try? reread.serialized()) == written, "the same content wrote different bytes")
    return 0
}

runFuzzer(name: "fuzz-safetensors") { data, size in data.map { fuzzSafeTensors($0, size) } ?? 0 }
