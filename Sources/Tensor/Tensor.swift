/// A contiguous, row-major block of scalars with a shape.
///
/// A tensor either owns its memory or views memory another object owns (a slice of the model's
/// parameters, a buffer reused across steps); a view keeps its owner alive. Reference semantics:
/// ops write into tensors the caller made once and passes again, so a training or sampling step
/// allocates nothing.
public final class Tensor<Scalar: TensorScalar>: @unchecked Sendable {
    public let shape: [Int]
    public let count: Int
    public let data: UnsafeMutablePointer<Scalar>
    private let owner: AnyObject?

    /// A tensor of zeros.
    public init(zeros shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        count = shape.reduce(1, *)
        data = .allocate(capacity: max(count, 1))
        data.initialize(repeating: 0, count: max(count, 1))
        owner = nil
    }

    /// A tensor holding `values`, whose count must match the shape.
    public convenience init(shape: [Int], values: [Scalar]) {
        self.init(zeros: shape)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    /// A view of `count` scalars at `data`, kept alive by `owner`.
    public init(viewing data: UnsafeMutablePointer<Scalar>, shape: [Int], owner: AnyObject) {
        self.shape = shape
        count = shape.reduce(1, *)
        self.data = data
        self.owner = owner
    }

    deinit { if owner == nil { data.deallocate() } }

    /// The same memory seen with another shape of the same count (or fewer scalars: a prefix).
    public func view(_ shape: [Int]) -> Tensor {
        let viewCount = shape.reduce(1, *)
        precondition(viewCount <= count, "a view of \(shape) is larger than \(self.shape)")
        return Tensor(viewing: data, shape: shape, owner: owner ?? self)
    }

    public var scalars: [Scalar] { Array(UnsafeBufferPointer(start: data, count: count)) }

    public subscript(index: Int) -> Scalar {
        get { data[index] }
        set { data[index] = newValue }
    }

    public func fill(_ value: Scalar) { data.update(repeating: value, count: count) }

    public func copy(from other: Tensor) {
        precondition(other.count == count, "copying \(other.shape) into \(shape)")
        data.update(from: other.data, count: count)
    }

    /// The size of dimension `axis`, counting from the end when negative.
    public func dimension(_ axis: Int) -> Int { shape[axis < 0 ? shape.count + axis : axis] }

    /// Stops with the op's name when the shape is not the one an op needs (a programming error).
    @inlinable
    public func expect(_ expected: [Int], _ op: StaticString) {
        precondition(shape == expected, "\(op): expected shape \(expected), got \(shape)")
    }
}

extension Tensor {
    /// Scalars drawn from a normal distribution, deterministic for a given generator state.
    public convenience init(randomNormal shape: [Int], standardDeviation: Scalar = 1, using random: inout RandomSource) {
        self.init(zeros: shape)
        for index in 0..<count { data[index] = Scalar(random.nextNormal()) * standardDeviation }
    }
}
