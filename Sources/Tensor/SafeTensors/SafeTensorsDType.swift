/// The element types sideman reads and writes in safetensors files, spelled as the header spells them.
///
/// I8 holds a matrix quantised per row: its companion F32 tensor `<name>.scale` has one scale per
/// row (see `SafeTensorsArchive.scaleName(of:)`). Other safetensors dtypes (F64, I32, U8, …) are
/// refused by the reader, since nothing in sideman stores them.
public enum SafeTensorsDType: String, CaseIterable, Sendable {
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"
    case i8 = "I8"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .f32: 4
        case .f16, .bf16: 2
        case .i8: 1
        }
    }

    /// The rank of the dtype in the Rust crate's `Dtype` enum, whose order the Python package sorts
    /// tensors by (largest first) when it writes a file; we sort the same way so that the same
    /// tensors give the same bytes from either writer.
    var pythonWriteRank: Int {
        switch self {
        case .i8: 5
        case .f16: 13
        case .bf16: 14
        case .f32: 17
        }
    }

    /// The dtypes for an error message: `F32, F16, BF16 and I8`.
    static var listed: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }
}
