// I8 tensors quantised per row: the int8 values under the tensor's name, and one F32 scale per
// row (every dimension but the last) under `<name>.scale`. Element i of row r is values[i] · scale[r].

extension SafeTensorsArchive {
    /// The raw int8 values and row scales of the I8 tensor `name`, with its shape.
    ///
    /// Throws when the tensor is missing or not I8, or its `<name>.scale` is missing, not F32 of
    /// shape [rows], or holds a scale that is negative or not finite.
    public func quantizedRows(_ name: String) throws(SafeTensorsError) -> (shape: [Int], values: [Int8], scales: [Float]) {
        let entry = try requireEntry(name)
        guard entry.dtype == .i8 else { throw error(.tensor(name), "is \(entry.dtype.rawValue), not I8") }
        let scaleName = Self.scaleName(of: name)
        guard let scaleEntry = self.entry(scaleName) else {
            throw error(.tensor(name), "I8 without its row scales \(quotedName(scaleName))")
        }
        let scales = try checkedScales(scaleEntry, rows: quantizedRowCount(entry.shape), of: name)
        return (entry.shape, entry.bytes.map { Int8(bitPattern: $0) }, scales)
    }

    /// The I8 matrix `name` as an `Int8Matrix`, for `int8LinearForward`: the int8 values and
    /// scales are copied as they are, never expanded to Floats.
    ///
    /// Throws as `quantizedRows(_:)` does, and when the tensor is not 2-D.
    public func int8Matrix(_ name: String, blockRows: Int = Int8Matrix.defaultBlockRows) throws(SafeTensorsError) -> Int8Matrix {
        let (shape, values, scales) = try quantizedRows(name)
        guard shape.count == 2 else { throw error(.tensor(name), "I8 shape \(shapeText(shape)) is not a matrix") }
        return Int8Matrix(rows: shape[0], columns: shape[1], values: values, scales: scales, blockRows: blockRows)
    }

    /// Adds already-quantised values as I8 under `name` and their row scales as F32 `<name>.scale`.
    ///
    /// Throws as `add(name:shape:floats:as:)` does, and when there is not one scale per row (every
    /// dimension but the last) or a scale is negative or not finite.
    public mutating func add(name: String, shape: [Int], int8 values: [Int8], scales: [Float]) throws(SafeTensorsError) {
        try checkNewTensor(name, shape: shape, count: values.count)
        let scaleName = Self.scaleName(of: name)
        guard entry(scaleName) == nil else {
            throw error(.tensor(name), "the name of its row scales \(quotedName(scaleName)) is taken")
        }
        let scaleEntry = Entry(name: scaleName, dtype: .f32, shape: [scales.count], bytes: encodeFloats(scales, as: .f32))
        _ = try checkedScales(scaleEntry, rows: quantizedRowCount(shape), of: name)
        append(Entry(name: name, dtype: .i8, shape: shape, bytes: values.map { UInt8(bitPattern: $0) }))
        append(scaleEntry)
    }

    /// Adds `matrix` as I8 under `name`, with its scales as `<name>.scale`.
    public mutating func add(name: String, int8 matrix: Int8Matrix) throws(SafeTensorsError) {
        let values = Array(UnsafeBufferPointer(start: matrix.values, count: matrix.rows * matrix.columns))
        let scales = Array(UnsafeBufferPointer(start: matrix.scales, count: matrix.rows))
        try add(name: name, shape: matrix.shape, int8: values, scales: scales)
    }

    /// The scales in `scaleEntry`, checked to be F32 of shape [rows], finite and not negative.
    func checkedScales(_ scaleEntry: Entry, rows: Int, of name: String) throws(SafeTensorsError) -> [Float] {
        let subject = SafeTensorsError.Subject.tensor(scaleEntry.name)
        guard scaleEntry.dtype == .f32, scaleEntry.shape == [rows] else {
            throw error(subject, "row scales of I8 tensor \(quotedName(name)) must be F32 of shape [\(rows)], "
                + "not \(scaleEntry.dtype.rawValue) of shape \(shapeText(scaleEntry.shape))")
        }
        let scales = decodeFloats(scaleEntry.bytes, as: .f32)
        if let row = scales.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            // Swift prints a NaN with its payload (`-nan(0x1fffff)`); the payload means nothing here.
            let shown = scales[row].isNaN ? "NaN" : "\(scales[row])"
            throw error(subject, "scale of row \(row) is \(shown); a scale must be finite and not negative")
        }
        return scales
    }
}
