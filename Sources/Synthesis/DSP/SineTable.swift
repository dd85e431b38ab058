/// A sine wave in a table, read with linear interpolation: a fraction of the cost of `sinf` and
/// accurate to about 1e-6 with 4096 points.
///
/// Owned by the engine and allocated when it is made, so the audio thread never builds it.
/// Voices read it through `lookup`, a plain pointer, so passing it around costs no reference
/// counting on the audio thread.
final class SineTable: @unchecked Sendable {
    static let size = 4096
    private let table: UnsafeMutablePointer<Float>

    init() {
        table = .allocate(capacity: Self.size + 1)
        for index in 0...Self.size { table[index] = sinf(Float(index) / Float(SineTable.size) * DSPMath.twoPi) }
    }

    deinit { table.deallocate() }

    /// Reads of this table; valid as long as the table lives (the engine keeps it).
    var lookup: SineLookup { SineLookup(table: table) }
}

/// Reads of a `SineTable`: the table's address, copied freely without reference counting.
struct SineLookup {
    let table: UnsafeMutablePointer<Float>

    /// A phase increment of `cycles` per sample in the 32-bit fixed-point form `sine(fixed:)` reads.
    static func fixedIncrement(cycles: Float) -> UInt32 {
        let wrapped = cycles - floorf(cycles)
        return UInt32(min(Double(wrapped) * 4_294_967_296, 4_294_967_295))
    }

    /// sin(2π · phase / 2³²): a phase held as a 32-bit fraction of a cycle, which wraps by itself
    /// as it overflows, so the hot loop needs no floor and no branch.
    @inline(__always)
    func sine(fixed phase: UInt32) -> Float {
        let index = Int(phase >> 20)
        let fraction = Float(phase & 0xF_FFFF) * (1 / 1_048_576)
        let a = table[index], b = table[index + 1]
        return a + (b - a) * fraction
    }

    /// sin(2π · phase) for a phase in cycles; any real phase works, the whole cycles are dropped.
    @inline(__always)
    func sine(_ phase: Float) -> Float {
        // Beyond 2^24 a Float has no fraction left, and NaN fails the test too: silence, not a trap.
        guard abs(phase) < 16_777_216 else { return 0 }
        // floor without a call into libm (baseline x86-64 has no rounding instruction for it).
        let truncated = Float(Int32(phase))
        let wrapped = phase - (phase < truncated ? truncated - 1 : truncated)
        let position = wrapped * Float(SineTable.size)
        let index = min(Int(position), SineTable.size - 1)
        let fraction = position - Float(index)
        let a = table[index], b = table[index + 1]
        return a + (b - a) * fraction
    }
}
