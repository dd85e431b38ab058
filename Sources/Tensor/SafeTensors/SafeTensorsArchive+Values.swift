extension SafeTensorsArchive {
    /// The named tensor's shape and values as Floats, whatever its dtype (I8 is dequantised with
    /// its row scales).
    ///
    /// Throws when there is no such tensor, or an I8 tensor has no valid `<name>.scale`. Time and
    /// memory: O(elements).
    public func floats(_ name: String) throws(SafeTensorsError) -> (shape: [Int], values: [Float]) {
        let entry = try requireEntry(name)
        guard entry.dtype == .i8 else { return (entry.shape, decodeFloats(entry.bytes, as: entry.dtype)) }
        let rows = try quantizedRows(name)
        let columns = entry.shape.last ?? 1
        var values = [Float](repeating: 0, count: rows.values.count)
        for (index, q) in rows.values.enumerated() { values[index] = Float(q) * rows.scales[index / max(columns, 1)] }
        return (entry.shape, values)
    }

    /// The named tensor as a new `Tensor<Float>` of its shape (see `floats(_:)`).
    public func tensor(_ name: String) throws(SafeTensorsError) -> Tensor<Float> {
        let (shape, values) = try floats(name)
        return Tensor(shape: shape, values: values)
    }

    /// Adds a tensor of `shape` holding `values` (row-major), stored as `dtype`.
    ///
    /// F16 and BF16 round to nearest even; I8 quantises each row (the last dimension) and adds the
    /// F32 scales as `<name>.scale` (see `scaleName(of:)`). Throws when the name is taken (the
    /// scales' name too, for I8) or reserved, the shape has a negative dimension or does not hold
    /// `values.count` values, or an I8 row holds NaN or infinity.
    public mutating func add(name: String, shape: [Int], floats values: [Float], as dtype: SafeTensorsDType = .f32)
        throws(SafeTensorsError)
    {
        try checkNewTensor(name, shape: shape, count: values.count)
        guard dtype == .i8 else {
            append(Entry(name: name, dtype: dtype, shape: shape, bytes: encodeFloats(values, as: dtype)))
            return
        }
        let rows = quantizedRowCount(shape)
        var quantized = [Int8](repeating: 0, count: values.count)
        var scales = [Float](repeating: 0, count: rows)
        do {
            try values.withUnsafeBufferPointer { (source) throws(Int8QuantizationError) in
                try quantizeRows(source, columns: shape.last ?? 1, values: &quantized, scales: &scales)
            }
        } catch {
            throw self.error(.tensor(name), "\(error)")
        }
        try add(name: name, shape: shape, int8: quantized, scales: scales)
    }

    /// Adds `tensor`'s values under `name`, stored as `dtype` (see `add(name:shape:floats:as:)`).
    public mutating func add(name: String, tensor: Tensor<Float>, as dtype: SafeTensorsDType = .f32) throws(SafeTensorsError) {
        try add(name: name, shape: tensor.shape, floats: tensor.scalars, as: dtype)
    }

    /// Refuses a name that is taken or reserved, and a shape that does not hold `count` values.
    func checkNewTensor(_ name: String, shape: [Int], count: Int) throws(SafeTensorsError) {
        guard name != Self.metadataKey else {
            throw error(.tensor(name), "the name is reserved for the metadata map")
        }
        guard entry(name) == nil else { throw error(.tensor(name), "already in the archive") }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw error(.tensor(name), "shape \(shapeText(shape)) has a negative dimension")
        }
        guard let elements = checkedProduct(shape), elements == count else {
            throw error(.tensor(name), "shape \(shapeText(shape)) does not hold the \(count) values given")
        }
    }
}

/// The product of `factors`, or nil when it overflows `Int`.
func checkedProduct(_ factors: [Int]) -> Int? {
    var product = 1
    for factor in factors {
        let (result, overflow) = product.multipliedReportingOverflow(by: factor)
        if overflow { return nil }
        product = result
    }
    return product
}
