/// A weight matrix (rows, columns) kept as int8 with one Float scale per row, for inference.
///
/// Element (r, c) stands for `Float(values[r · columns + c]) · scales[r]`. The matrix takes a
/// quarter of a Float32 copy's memory and is never expanded to one: `int8LinearForward` expands
/// at most `blockRows` rows at a time into a scratch buffer this object owns. That scratch makes the
/// matrix unsafe to use from two threads at once (each thread needs its own copy).
public final class Int8Matrix: @unchecked Sendable {
    public let rows: Int
    public let columns: Int
    /// rows × columns, row-major.
    public let values: UnsafeMutablePointer<Int8>
    /// One per row, finite and not negative.
    public let scales: UnsafeMutablePointer<Float>
    /// The most rows `int8LinearForward` expands to Float at a time (it takes fewer for small inputs).
    public let blockRows: Int
    /// blockRows × columns Floats, reused by every `int8LinearForward` call.
    let scratch: UnsafeMutablePointer<Float>

    /// A block of 64 rows keeps the scratch within the L2 cache for the widths a small transformer
    /// uses (64 × 768 Floats is 192 KiB) and gives sgemm blocks wide enough to run near full speed
    /// (see `int8BlockRows` for the measurements).
    public static let defaultBlockRows = 64

    /// A matrix of the given int8 values (rows × columns, row-major) and per-row scales.
    ///
    /// The counts must match the shape (a programming error otherwise; readers check file data first).
    public init(rows: Int, columns: Int, values: [Int8], scales: [Float], blockRows: Int = defaultBlockRows) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns && scales.count == rows,
                     "Int8Matrix: \(values.count) values and \(scales.count) scales for \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = newBuffer(copying: values)
        self.scales = newBuffer(copying: scales)
        self.blockRows = max(1, min(blockRows, rows))
        scratch = .allocate(capacity: max(self.blockRows * columns, 1))
        scratch.initialize(repeating: 0, count: max(self.blockRows * columns, 1))
    }

    /// Quantises a Float matrix (rows, columns) row by row (see `quantizeRow`).
    ///
    /// Throws when a row holds NaN or infinity, which int8 cannot carry.
    public convenience init(quantizing weight: Tensor<Float>, blockRows: Int = defaultBlockRows) throws(Int8QuantizationError) {
        precondition(weight.shape.count == 2, "Int8Matrix: quantising \(weight.shape), not a matrix")
        let rows = weight.shape[0], columns = weight.shape[1]
        var values = [Int8](repeating: 0, count: rows * columns)
        var scales = [Float](repeating: 0, count: rows)
        try quantizeRows(UnsafeBufferPointer(start: weight.data, count: weight.count), columns: columns,
                         values: &values, scales: &scales)
        self.init(rows: rows, columns: columns, values: values, scales: scales, blockRows: blockRows)
    }

    deinit {
        values.deallocate()
        scales.deallocate()
        scratch.deallocate()
    }

    public var shape: [Int] { [rows, columns] }

    /// The Float matrix this one stands for (a full copy: for tests and tools, not for inference).
    public func dequantized() -> Tensor<Float> {
        let out = Tensor<Float>(zeros: shape)
        dequantizeRows(0..<rows, into: out.data)
        return out
    }

    /// Expands `range` of rows into `destination` (range.count × columns Floats).
    func dequantizeRows(_ range: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
        for (block, row) in range.enumerated() {
            let source = values + row * columns, target = destination + block * columns, scale = scales[row]
            for c in 0..<columns { target[c] = Float(source[c]) * scale }
        }
    }
}

/// A new allocation holding `elements` (at least one element long, so it is never empty).
private func newBuffer<Element: Numeric>(copying elements: [Element]) -> UnsafeMutablePointer<Element> {
    let buffer = UnsafeMutablePointer<Element>.allocate(capacity: max(elements.count, 1))
    buffer.initialize(repeating: 0, count: max(elements.count, 1))
    for (index, element) in elements.enumerated() { buffer[index] = element }
    return buffer
}

/// Why a Float matrix could not be quantised to int8.
public struct Int8QuantizationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The 0-based row holding a value int8 cannot carry.
    public var row: Int
    public var description: String { "row \(row) holds NaN or infinity, which int8 cannot store" }
}

/// Quantises `source`, rows of `columns` values, into `values` and one scale per row in `scales`.
func quantizeRows(_ source: UnsafeBufferPointer<Float>, columns: Int, values: inout [Int8],
                  scales: inout [Float]) throws(Int8QuantizationError) {
    for row in scales.indices {
        let range = row * columns..<(row + 1) * columns
        guard let scale = quantizeRow(UnsafeBufferPointer(rebasing: source[range]), into: &values[range]) else {
            throw Int8QuantizationError(row: row)
        }
        scales[row] = scale
    }
}

/// Symmetric quantisation of one row: scale = max|x| / 127, q = round(x / scale) clamped to
/// -127...127; a row of zeros gets scale 0 and all zeros. Returns the scale, or nil when the row
/// holds NaN or infinity.
///
/// Each value comes back as q · scale within scale / 2 (q is rounded against the Float scale
/// that is stored, so the bound holds for what a reader computes).
func quantizeRow(_ row: UnsafeBufferPointer<Float>, into values: inout ArraySlice<Int8>) -> Float? {
    var largest: Float = 0
    for x in row {
        guard x.isFinite else { return nil }
        largest = max(largest, abs(x))
    }
    // In Double, so that the largest Float over 127 does not lose bits before it is rounded once.
    let scale = Float(Double(largest) / 127)
    for (index, x) in zip(values.indices, row) {
        // A row of subnormals can give a scale that rounds to 0; its values (all below 1e-36) become 0.
        let q = scale > 0 ? (Double(x) / Double(scale)).rounded() : 0
        values[index] = Int8(min(127, max(-127, q)))
    }
    return scale
}
