/// Elementwise addition and multiplication with NumPy broadcasting: shapes are aligned at their
/// last dimension, and a dimension of 1 (or a missing leading one) repeats to match the other.
/// out takes the broadcast shape. Backward passes sum the gradient over the repeated dimensions.

/// out = a + b, broadcast.
@inlinable
public func addForward<T>(out: Tensor<T>, a: Tensor<T>, b: Tensor<T>) {
    let plan = BroadcastPlan(a.shape, b.shape)
    out.expect(plan.shape, "addForward")
    plan.forEachRow { o, ia, ib in
        for c in 0..<plan.columns { out.data[o + c] = a.data[ia + c * plan.strideA] + b.data[ib + c * plan.strideB] }
    }
}

/// gradA += gradOut and gradB += gradOut, each summed over the dimensions it was repeated along.
@inlinable
public func addBackward<T>(gradA: Tensor<T>?, gradB: Tensor<T>?, gradOut: Tensor<T>, a: Tensor<T>, b: Tensor<T>) {
    let plan = BroadcastPlan(a.shape, b.shape)
    plan.forEachRow { o, ia, ib in
        for c in 0..<plan.columns {
            let g = gradOut.data[o + c]
            if let gradA { gradA.data[ia + c * plan.strideA] += g }
            if let gradB { gradB.data[ib + c * plan.strideB] += g }
        }
    }
}

/// out = a ⊙ b, broadcast.
@inlinable
public func mulForward<T>(out: Tensor<T>, a: Tensor<T>, b: Tensor<T>) {
    let plan = BroadcastPlan(a.shape, b.shape)
    out.expect(plan.shape, "mulForward")
    plan.forEachRow { o, ia, ib in
        for c in 0..<plan.columns { out.data[o + c] = a.data[ia + c * plan.strideA] * b.data[ib + c * plan.strideB] }
    }
}

/// gradA += gradOut ⊙ b and gradB += gradOut ⊙ a, summed over repeated dimensions.
@inlinable
public func mulBackward<T>(gradA: Tensor<T>?, gradB: Tensor<T>?, gradOut: Tensor<T>, a: Tensor<T>, b: Tensor<T>) {
    let plan = BroadcastPlan(a.shape, b.shape)
    plan.forEachRow { o, ia, ib in
        for c in 0..<plan.columns {
            let g = gradOut.data[o + c]
            let x = a.data[ia + c * plan.strideA], y = b.data[ib + c * plan.strideB]
            if let gradA { gradA.data[ia + c * plan.strideA] += g * y }
            if let gradB { gradB.data[ib + c * plan.strideB] += g * x }
        }
    }
}

/// How two shapes broadcast: the result's shape, and for each operand the stride of every
/// result dimension in its own storage (0 where it repeats). Rows of the last dimension are
/// visited with an odometer over the others, so the inner loop is a plain strided run.
public struct BroadcastPlan {
    public let shape: [Int]
    public let columns: Int
    public let strideA: Int
    public let strideB: Int
    @usableFromInline let outer: [(size: Int, strideA: Int, strideB: Int)]

    public init(_ a: [Int], _ b: [Int]) {
        let rank = max(a.count, b.count, 1)
        let paddedA = Array(repeating: 1, count: rank - a.count) + a
        let paddedB = Array(repeating: 1, count: rank - b.count) + b
        var shape: [Int] = [], stridesA = [Int](repeating: 0, count: rank), stridesB = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            let x = paddedA[axis], y = paddedB[axis]
            precondition(x == y || x == 1 || y == 1, "broadcast: shapes \(a) and \(b) do not match")
            shape.append(max(x, y))
        }
        var runA = 1, runB = 1
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            stridesA[axis] = paddedA[axis] == 1 ? 0 : runA
            stridesB[axis] = paddedB[axis] == 1 ? 0 : runB
            runA *= paddedA[axis]
            runB *= paddedB[axis]
        }
        self.shape = Array(shape.suffix(max(a.count, b.count)))
        columns = shape[rank - 1]
        strideA = stridesA[rank - 1]
        strideB = stridesB[rank - 1]
        outer = (0..<(rank - 1)).map { (shape[$0], stridesA[$0], stridesB[$0]) }
    }

    /// Calls `body(outputOffset, offsetA, offsetB)` at the start of every row of the result.
    @inlinable
    public func forEachRow(_ body: (Int, Int, Int) -> Void) {
        let rows = outer.reduce(1) { $0 * $1.size }
        guard rows > 0, columns > 0 else { return }
        var counters = [Int](repeating: 0, count: outer.count)
        var offsetA = 0, offsetB = 0
        for row in 0..<rows {
            body(row * columns, offsetA, offsetB)
            var axis = outer.count - 1
            while axis >= 0 {
                counters[axis] += 1
                offsetA += outer[axis].strideA
                offsetB += outer[axis].strideB
                if counters[axis] < outer[axis].size { break }
                offsetA -= outer[axis].strideA * outer[axis].size
                offsetB -= outer[axis].strideB * outer[axis].size
                counters[axis] = 0
                axis -= 1
            }
        }
    }
}
