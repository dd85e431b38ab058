import RealtimeProbe
import Testing
@testable import Tensor

/// Int8 weights for inference: the product stays within the quantisation bound of the Float32
/// one, weights load from an I8 safetensors entry as int8, and a call allocates nothing.
@Suite struct Int8LinearTests {
    static func random(_ shape: [Int], seed: UInt64) -> Tensor<Float> {
        var random = RandomSource(seed: seed)
        return Tensor<Float>(randomNormal: shape, using: &random)
    }

    /// A random (N, C) input, (OC, C) weight and (OC) bias, the Float32 output and the int8 one.
    static func outputs(rows: Int, inputs: Int, outputs: Int, blockRows: Int, bias: Bool)
        throws -> (input: Tensor<Float>, weight: Tensor<Float>, matrix: Int8Matrix, float: Tensor<Float>, int8: Tensor<Float>)
    {
        let input = random([rows, inputs], seed: 1), weight = random([outputs, inputs], seed: 2)
        let biasTensor = bias ? random([outputs], seed: 3) : nil
        let matrix = try Int8Matrix(quantizing: weight, blockRows: blockRows)
        let float = Tensor<Float>(zeros: [rows, outputs]), int8 = Tensor<Float>(zeros: [rows, outputs])
        int8.fill(.nan)  // every output must be written, bias or not
        linearForward(out: float, input: input, weight: weight, bias: biasTensor)
        int8LinearForward(out: int8, input: input, weight: matrix, bias: biasTensor)
        return (input, weight, matrix, float, int8)
    }

    /// Up to 64 input rows take narrow blocks of weight rows, more take `blockRows`; 150 weight rows
    /// leave a partial block either way.
    @Test(arguments: [(9, 64, true), (9, 16, false), (9, 1, true), (100, 64, false), (100, 1000, true), (100, 7, true)])
    func int8ProductIsWithinTheQuantisationBoundOfTheFloatProduct(rows: Int, blockRows: Int, bias: Bool) throws {
        let inputs = 40, outputs = 150
        let (input, weight, matrix, float, int8) = try Self.outputs(rows: rows, inputs: inputs, outputs: outputs,
                                                                    blockRows: blockRows, bias: bias)
        // Each weight is within scale_o / 2 of its Float, so output (n, o) is within
        // Σ_c |x_nc| · scale_o / 2 of the Float32 one, plus Float32 rounding of two C-term sums.
        for n in 0..<rows {
            let magnitude = (0..<inputs).reduce(Float(0)) { $0 + abs(input[n * inputs + $1]) }
            for o in 0..<outputs {
                let largestWeight = (0..<inputs).map { abs(weight[o * inputs + $0]) }.max() ?? 0
                let rounding = 2 * Float(inputs) * 0x1p-24 * magnitude * largestWeight + 1e-6
                let bound = magnitude * matrix.scales[o] / 2 + rounding
                #expect(abs(int8[n * outputs + o] - float[n * outputs + o]) <= bound, "output (\(n), \(o))")
            }
        }
    }

    @Test(arguments: [5, 80])
    func int8ProductEqualsTheFloatProductWithTheDequantisedWeight(rows: Int) throws {
        let inputs = 24, outputs = 130
        let (input, _, matrix, _, int8) = try Self.outputs(rows: rows, inputs: inputs, outputs: outputs, blockRows: 64, bias: true)
        let expected = Tensor<Float>(zeros: [rows, outputs])
        linearForward(out: expected, input: input, weight: matrix.dequantized(), bias: Self.random([outputs], seed: 3))
        for index in 0..<expected.count { #expect(abs(int8[index] - expected[index]) <= 1e-5 * max(1, abs(expected[index]))) }
    }

    @Test func leadingDimensionsOfTheInputAreFlattened() throws {
        let input = Self.random([2, 3, 8], seed: 4), weight = Self.random([5, 8], seed: 5)
        let matrix = try Int8Matrix(quantizing: weight)
        let flat = Tensor<Float>(zeros: [6, 5]), batched = Tensor<Float>(zeros: [2, 3, 5])
        int8LinearForward(out: flat, input: input.view([6, 8]), weight: matrix, bias: nil)
        int8LinearForward(out: batched, input: input, weight: matrix, bias: nil)
        #expect(flat.scalars == batched.scalars)
    }

    @Test func weightsLoadFromAnI8EntryAsTheFileBytesWithOnlyABlockOfFloats() throws {
        let weight = Self.random([200, 32], seed: 6)
        var archive = SafeTensorsArchive()
        try archive.add(name: "head.weight", tensor: weight, as: .i8)
        let read = try SafeTensorsArchive(bytes: try archive.serialized(), source: "model.safetensors")
        let matrix = try read.int8Matrix("head.weight")
        let raw = try read.quantizedRows("head.weight")
        #expect(matrix.shape == [200, 32])
        #expect(Array(UnsafeBufferPointer(start: matrix.values, count: 200 * 32)) == raw.values)
        #expect(Array(UnsafeBufferPointer(start: matrix.scales, count: 200)) == raw.scales)
        // The Floats it holds: one scale per row and a scratch of one block of rows, not 200.
        #expect(matrix.blockRows == Int8Matrix.defaultBlockRows && matrix.blockRows < matrix.rows)

        var again = SafeTensorsArchive()
        try again.add(name: "head.weight", int8: matrix)
        #expect(try again.serialized() == archive.serialized())
    }

    @Test func aRowOfZerosQuantisesToScaleZeroAndAnInfiniteRowIsRefused() throws {
        let weight = Tensor<Float>(shape: [2, 3], values: [0, 0, 0, 1, -2, 0.5])
        let matrix = try Int8Matrix(quantizing: weight)
        #expect(matrix.scales[0] == 0 && matrix.scales[1] == 2 / 127)
        #expect(Array(UnsafeBufferPointer(start: matrix.values, count: 6)) == [0, 0, 0, 64, -127, 32])
        #expect(throws: Int8QuantizationError(row: 1)) {
            try Int8Matrix(quantizing: Tensor<Float>(shape: [2, 2], values: [1, 2, .infinity, 0]))
        }
    }

    /// OpenBLAS itself allocates in sgemm when it runs threaded (a job table per call), so the
    /// count is compared with the same sgemm calls made directly: int8LinearForward must add none.
    @Test func int8ProductAllocatesNothingBeyondItsSgemmCalls() throws {
        let rows = 64, inputs = 192, outputs = 576
        let input = Self.random([rows, inputs], seed: 7), bias = Self.random([outputs], seed: 8)
        let matrix = try Int8Matrix(quantizing: Self.random([outputs, inputs], seed: 9))
        let out = Tensor<Float>(zeros: [rows, outputs])
        int8LinearForward(out: out, input: input, weight: matrix, bias: bias)  // let OpenBLAS set up its buffers
        // Counted on this thread, as differences of the process-wide count (a probe_reset by
        // another suite meanwhile can only lower them, never fail this test).
        probe_watch_this_thread(1)
        var before = probe_allocations()
        let block = int8BlockRows(inputRows: rows, weight: matrix)
        var first = 0
        while first < outputs {
            Float.gemm(transposeA: false, transposeB: true, m: rows, n: min(block, outputs - first), k: inputs,
                       alpha: 1, a: input.data, lda: inputs, b: matrix.scratch, ldb: inputs, beta: 1, c: out.data + first, ldc: outputs)
            first += block
        }
        let sgemmAllocations = probe_allocations() - before
        before = probe_allocations()
        int8LinearForward(out: out, input: input, weight: matrix, bias: bias)
        let withBias = probe_allocations() - before
        before = probe_allocations()
        int8LinearForward(out: out, input: input, weight: matrix, bias: nil)
        let withoutBias = probe_allocations() - before
        probe_watch_this_thread(0)
        #expect(probe_is_active() == 1)
        #expect(withBias <= sgemmAllocations && withoutBias <= sgemmAllocations,
                "sgemm alone \(sgemmAllocations), with bias \(withBias), without \(withoutBias)")
    }
}
