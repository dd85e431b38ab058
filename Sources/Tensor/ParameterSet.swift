/// A model's parameters in one allocation, each named with its shape, and their gradients in a
/// second allocation of the same layout (as llm.c keeps its `ParameterTensors`).
///
/// Optimizers, clipping, EMA and checkpoints work on the two flat buffers at once; layers see
/// named views. Gradients accumulate (`+=`) in the backward passes and are cleared by one
/// explicit `zeroGradients()`.
public final class ParameterSet<Scalar: TensorScalar>: @unchecked Sendable {
    public struct Entry: Sendable, Equatable {
        public let name: String
        public let shape: [Int]
        /// Where the entry starts in the flat buffers.
        public let offset: Int
        public var count: Int { shape.reduce(1, *) }
        /// Whether weight decay applies (matrices and embeddings, not biases or norm gains).
        public let decays: Bool
    }

    public let entries: [Entry]
    public let count: Int
    public let values: UnsafeMutablePointer<Scalar>
    public let gradients: UnsafeMutablePointer<Scalar>
    private let index: [String: Int]

    /// Lays out the named shapes one after another; values and gradients start at zero.
    public init(_ layout: [(name: String, shape: [Int], decays: Bool)]) {
        var entries: [Entry] = []
        var offset = 0
        for item in layout {
            entries.append(Entry(name: item.name, shape: item.shape, offset: offset, decays: item.decays))
            offset += item.shape.reduce(1, *)
        }
        self.entries = entries
        count = offset
        values = .allocate(capacity: max(offset, 1))
        values.initialize(repeating: 0, count: max(offset, 1))
        gradients = .allocate(capacity: max(offset, 1))
        gradients.initialize(repeating: 0, count: max(offset, 1))
        index = Dictionary(entries.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in
            preconditionFailure("parameter '\(entries[first].name)' named twice")
        })
    }

    deinit {
        values.deallocate()
        gradients.deallocate()
    }

    public func entry(_ name: String) -> Entry? { index[name].map { entries[$0] } }

    /// The named parameter's values.
    public func value(_ name: String) -> Tensor<Scalar> {
        guard let entry = entry(name) else { preconditionFailure("no parameter '\(name)'") }
        return Tensor(viewing: values + entry.offset, shape: entry.shape, owner: self)
    }

    /// The named parameter's gradient.
    public func gradient(_ name: String) -> Tensor<Scalar> {
        guard let entry = entry(name) else { preconditionFailure("no parameter '\(name)'") }
        return Tensor(viewing: gradients + entry.offset, shape: entry.shape, owner: self)
    }

    public func zeroGradients() { gradients.update(repeating: 0, count: count) }

    /// Copies every value from a set of the same layout (of any scalar type).
    public func copyValues<Other>(from other: ParameterSet<Other>) {
        precondition(other.entries.map(\.shape) == entries.map(\.shape), "copying between different layouts")
        for i in 0..<count { values[i] = Scalar(other.values[i]) }
    }
}
