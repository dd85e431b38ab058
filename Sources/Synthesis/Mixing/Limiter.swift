/// A look-ahead peak limiter: the output is delayed by a millisecond or so while the gain
/// comes down ahead of each peak, then recovers slowly; whatever still exceeds the ceiling is
/// soft-clipped, so the mix never clips.
final class Limiter: @unchecked Sendable {
    /// The highest output level, linear (-0.3 dBFS).
    let ceiling: Float = 0.966
    private let lookahead: Int
    private let leftDelay: UnsafeMutablePointer<Float>
    private let rightDelay: UnsafeMutablePointer<Float>
    private var position = 0
    private var gain: Float = 1
    private let attack: Float
    private let recovery: Float
    /// Blocks in which a sample that was not a finite number reached the limiter and was silenced.
    private(set) var nonFiniteBlocks = 0

    init(sampleRate: Float) {
        lookahead = max(1, Int(sampleRate * 0.0015))
        leftDelay = .allocate(capacity: lookahead)
        rightDelay = .allocate(capacity: lookahead)
        leftDelay.initialize(repeating: 0, count: lookahead)
        rightDelay.initialize(repeating: 0, count: lookahead)
        // The gain reaches a new target within the look-ahead, and recovers over about 150 ms.
        attack = DSPMath.decayCoefficient(seconds: Float(lookahead) / sampleRate / 4, sampleRate: sampleRate)
        recovery = DSPMath.decayCoefficient(seconds: 0.15, sampleRate: sampleRate)
    }

    deinit {
        leftDelay.deallocate()
        rightDelay.deallocate()
    }

    /// Limits `left` and `right` in place.
    func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        // Locals, not stored properties, in the loop: the compiler keeps them in registers.
        var sawNonFinite = false
        var gain = self.gain, position = self.position
        let ceiling = self.ceiling, attack = self.attack, recovery = self.recovery, lookahead = self.lookahead
        let leftDelay = self.leftDelay, rightDelay = self.rightDelay
        for frame in 0..<count {
            var inLeft = left[frame], inRight = right[frame]
            if !inLeft.isFinite || !inRight.isFinite {
                inLeft = 0
                inRight = 0
                sawNonFinite = true
            }
            let peak = max(abs(inLeft), abs(inRight))
            let target = peak > ceiling ? ceiling / peak : 1
            gain = target < gain ? target + (gain - target) * attack : target + (gain - target) * recovery
            let outLeft = leftDelay[position] * gain, outRight = rightDelay[position] * gain
            leftDelay[position] = inLeft
            rightDelay[position] = inRight
            position = position + 1 == lookahead ? 0 : position + 1
            left[frame] = Self.clip(outLeft, ceiling)
            right[frame] = Self.clip(outRight, ceiling)
        }
        self.gain = gain
        self.position = position
        if sawNonFinite { nonFiniteBlocks += 1 }
    }

    /// Unchanged below 90% of the ceiling, then bent smoothly to reach it and no further.
    @inline(__always)
    private static func clip(_ x: Float, _ ceiling: Float) -> Float {
        let knee = ceiling * 0.9
        let magnitude = abs(x)
        guard magnitude > knee else { return x }
        // softClip has slope 1 at 0 and reaches 1 at 3: the curve leaves the line smoothly and
        // meets the ceiling three knee-widths above the knee.
        let over = (magnitude - knee) / (ceiling - knee)
        let bent = knee + (ceiling - knee) * DSPMath.softClip(over)
        return min(bent, ceiling) * (x < 0 ? -1 : 1)
    }

    func clear() {
        leftDelay.update(repeating: 0, count: lookahead)
        rightDelay.update(repeating: 0, count: lookahead)
        gain = 1
    }
}
