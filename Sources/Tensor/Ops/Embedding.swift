/// A lookup table: out (N, C) = table[ids[n]] for table (V, C).
@inlinable
public func embeddingForward<T>(out: Tensor<T>, table: Tensor<T>, ids: UnsafePointer<Int32>, count: Int) {
    let vocabulary = table.dimension(0), channels = table.dimension(1)
    precondition(out.count == count * channels, "embeddingForward: out \(out.shape) for \(count) ids of \(channels)")
    for n in 0..<count {
        let id = Int(ids[n])
        precondition(id >= 0 && id < vocabulary, "embeddingForward: id \(id) outside 0..<\(vocabulary)")
        (out.data + n * channels).update(from: table.data + id * channels, count: channels)
    }
}

/// gradTable[ids[n]] += gradOut[n].
@inlinable
public func embeddingBackward<T>(gradTable: Tensor<T>, gradOut: Tensor<T>, ids: UnsafePointer<Int32>, count: Int) {
    let channels = gradTable.dimension(1)
    for n in 0..<count {
        let row = gradTable.data + Int(ids[n]) * channels, g = gradOut.data + n * channels
        for c in 0..<channels { row[c] += g[c] }
    }
}
