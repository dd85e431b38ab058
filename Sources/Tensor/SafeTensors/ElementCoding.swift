// Floats to and from the little-endian bytes of each dtype. I8 is not here: its values need the
// row scales (see SafeTensorsArchive+Int8.swift).

/// `values` as the bytes of `dtype` (F32, F16 or BF16), rounding to nearest even for the halves.
func encodeFloats(_ values: [Float], as dtype: SafeTensorsDType) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * dtype.size)
    switch dtype {
    case .f32: for value in values { appendLittleEndian(value.bitPattern, to: &bytes) }
    case .f16: for value in values { appendLittleEndian(Float16(value).bitPattern, to: &bytes) }
    case .bf16: for value in values { appendLittleEndian(BFloat16(value).bitPattern, to: &bytes) }
    case .i8: preconditionFailure("encodeFloats: I8 needs row scales")
    }
    return bytes
}

/// The Floats that `bytes` of `dtype` (F32, F16 or BF16) hold; a partial element at the end is ignored.
func decodeFloats(_ bytes: [UInt8], as dtype: SafeTensorsDType) -> [Float] {
    let count = bytes.count / dtype.size
    var values = [Float](repeating: 0, count: count)
    bytes.withUnsafeBytes { raw in
        switch dtype {
        case .f32:
            for i in 0..<count { values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
        case .f16:
            for i in 0..<count { values[i] = Float(Float16(bitPattern: littleEndian16(raw, i))) }
        case .bf16:
            for i in 0..<count { values[i] = BFloat16(bitPattern: littleEndian16(raw, i)).floatValue }
        case .i8:
            for i in 0..<count { values[i] = Float(Int8(bitPattern: raw[i])) }
        }
    }
    return values
}

private func littleEndian16(_ raw: UnsafeRawBufferPointer, _ index: Int) -> UInt16 {
    UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * index, as: UInt16.self))
}

func appendLittleEndian<Word: FixedWidthInteger>(_ word: Word, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
}
