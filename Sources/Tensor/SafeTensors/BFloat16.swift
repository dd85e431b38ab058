/// A bfloat16 value: the top 16 bits of a Float (sign, 8 exponent bits, 7 mantissa bits).
///
/// Same range as Float with about 3 significant decimal digits. Converting from Float rounds to
/// nearest, ties to even; NaN stays NaN (quiet, with its sign) and values past the largest
/// bfloat16 become infinity, as in PyTorch and the Python safetensors files it writes.
public struct BFloat16: Equatable, Sendable {
    public var bitPattern: UInt16

    public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    public init(_ value: Float) {
        let bits = value.bitPattern
        if value.isNaN {
            // Rounding could carry a NaN with only low mantissa bits into infinity; set the quiet bit instead.
            bitPattern = UInt16(truncatingIfNeeded: bits >> 16) | 0x0040
            return
        }
        let roundingBias: UInt32 = 0x7FFF + ((bits >> 16) & 1)
        bitPattern = UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
    }

    /// The exact Float this bfloat16 stands for.
    public var floatValue: Float { Float(bitPattern: UInt32(bitPattern) << 16) }
}
