// A model's parameters to and from a safetensors archive, one tensor per named parameter.

extension SafeTensorsArchive {
    /// Adds every parameter of `parameters` as a tensor of its name and shape, stored as the dtype
    /// `dtype` picks for it (for example I8 for matrices and F32 for the rest).
    ///
    /// Throws as `add(name:shape:floats:as:)` does; parameters added before the failure stay.
    public mutating func add(_ parameters: ParameterSet<Float>, as dtype: (ParameterSet<Float>.Entry) -> SafeTensorsDType)
        throws(SafeTensorsError)
    {
        for entry in parameters.entries {
            let values = Array(UnsafeBufferPointer(start: parameters.values + entry.offset, count: entry.count))
            try add(name: entry.name, shape: entry.shape, floats: values, as: dtype(entry))
        }
    }

    /// Adds every parameter of `parameters`, all stored as `dtype`.
    public mutating func add(_ parameters: ParameterSet<Float>, as dtype: SafeTensorsDType = .f32) throws(SafeTensorsError) {
        try add(parameters, as: { _ in dtype })
    }

    /// Sets every parameter of `parameters` from the tensor of the same name, dequantising as needed.
    ///
    /// Checks everything before changing anything: every parameter must have a tensor of its shape
    /// (and of `dtype`, when given), and every tensor must be a parameter (or the row scales of an
    /// I8 one). Throws naming the first tensor that is missing, extra or mismatched; the parameters
    /// are then left as they were. Gradients are not touched.
    public func load(into parameters: ParameterSet<Float>, expecting dtype: SafeTensorsDType? = nil) throws(SafeTensorsError) {
        for parameter in parameters.entries { try checkParameter(parameter, dtype: dtype) }
        for entry in entries where parameters.entry(entry.name) == nil && !isScalesOfParameter(entry.name, parameters) {
            throw error(.tensor(entry.name), "not a parameter of the model")
        }
        var staged: [(offset: Int, values: [Float])] = []
        for parameter in parameters.entries { staged.append((parameter.offset, try floats(parameter.name).values)) }
        for (offset, values) in staged {
            values.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { (parameters.values + offset).update(from: base, count: source.count) }
            }
        }
    }

    private func checkParameter(_ parameter: ParameterSet<Float>.Entry, dtype: SafeTensorsDType?) throws(SafeTensorsError) {
        guard let entry = entry(parameter.name) else {
            throw error(.tensor(parameter.name), "missing (the model has it, shape \(shapeText(parameter.shape)))")
        }
        guard entry.shape == parameter.shape else {
            throw error(.tensor(parameter.name), "shape \(shapeText(entry.shape)) where the model has \(shapeText(parameter.shape))")
        }
        if let dtype, entry.dtype != dtype {
            throw error(.tensor(parameter.name), "is \(entry.dtype.rawValue) where \(dtype.rawValue) is expected")
        }
    }

    /// Whether `name` holds the row scales of an I8 tensor that is a parameter.
    private func isScalesOfParameter(_ name: String, _ parameters: ParameterSet<Float>) -> Bool {
        guard name.hasSuffix(".scale") else { return false }
        let base = String(name.dropLast(".scale".count))
        return parameters.entry(base) != nil && entry(base)?.dtype == .i8
    }
}
