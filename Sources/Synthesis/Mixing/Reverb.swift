/// A stereo reverb as a feedback delay network: the send is diffused by two all-passes, then
/// circulates in four delay lines of mutually prime lengths, mixed by a Householder matrix
/// and darkened by a low-pass in each line; two lines feed each side.
///
/// About a quarter of the work of a Freeverb for a comparable tail. All delay lines are
/// allocated when it is made; `process` only reads and writes them.
final class Reverb: @unchecked Sendable {
    /// A circular delay line of fixed length.
    private struct Line {
        let buffer: UnsafeMutablePointer<Float>
        let length: Int
        var position = 0

        init(length: Int) {
            self.length = max(length, 2)
            buffer = .allocate(capacity: self.length)
            buffer.initialize(repeating: 0, count: self.length)
        }

        func free() { buffer.deallocate() }
        func clear() { buffer.update(repeating: 0, count: length) }
    }

    /// Delay lengths at 48 kHz (scaled for other rates): about 30 to 48 ms, mutually prime.
    private static let lineLengths = [1447, 1787, 2053, 2311]
    private static let diffuserLengths = [337, 113]

    private var lines: (Line, Line, Line, Line)
    private var diffusers: (Line, Line)
    private var damping: (Float, Float, Float, Float) = (0, 0, 0, 0)
    private var feedback: (Float, Float, Float, Float) = (0, 0, 0, 0)
    private let sampleRate: Float
    /// How much high frequencies are absorbed on each pass, 0...1.
    var dampingAmount: Float = 0.35
    /// Seconds for the tail to fall by 60 dB.
    var decayTime: Float = 1.6 { didSet { computeFeedback() } }

    init(sampleRate: Float) {
        self.sampleRate = sampleRate
        let scale = sampleRate / 48000
        let make = { (length: Int) in Line(length: Int(Float(length) * scale)) }
        lines = (make(Self.lineLengths[0]), make(Self.lineLengths[1]), make(Self.lineLengths[2]), make(Self.lineLengths[3]))
        diffusers = (make(Self.diffuserLengths[0]), make(Self.diffuserLengths[1]))
        computeFeedback()
    }

    deinit {
        lines.0.free(); lines.1.free(); lines.2.free(); lines.3.free()
        diffusers.0.free(); diffusers.1.free()
    }

    /// Each line loses 60 dB over `decayTime`, in proportion to its length.
    private func computeFeedback() {
        func gain(_ line: Line) -> Float { powf(0.001, Float(line.length) / (max(decayTime, 0.1) * sampleRate)) }
        feedback = (gain(lines.0), gain(lines.1), gain(lines.2), gain(lines.3))
    }

    /// Replaces `left` and `right` (the send) with the reverb's wet output.
    func process(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int) {
        // Locals, not stored properties, in the loop: the compiler keeps them in registers.
        var (a, b, c, d) = lines
        var (diffuserA, diffuserB) = diffusers
        var (dampA, dampB, dampC, dampD) = damping
        let (gainA, gainB, gainC, gainD) = feedback
        let absorb = min(max(dampingAmount, 0), 0.95)
        for frame in 0..<count {
            var input = (left[frame] + right[frame]) * 0.2
            input = Self.allPass(&diffuserA, input)
            input = Self.allPass(&diffuserB, input)
            // Read the four lines, darken each, and mix them with the Householder matrix
            // (each output is its input less half the sum), which keeps the energy.
            dampA = DSPMath.flushDenormal(a.buffer[a.position] + (dampA - a.buffer[a.position]) * absorb)
            dampB = DSPMath.flushDenormal(b.buffer[b.position] + (dampB - b.buffer[b.position]) * absorb)
            dampC = DSPMath.flushDenormal(c.buffer[c.position] + (dampC - c.buffer[c.position]) * absorb)
            dampD = DSPMath.flushDenormal(d.buffer[d.position] + (dampD - d.buffer[d.position]) * absorb)
            let half = (dampA + dampB + dampC + dampD) * 0.5
            left[frame] = dampA + dampC
            right[frame] = dampB + dampD
            Self.write(&a, (dampA - half) * gainA + input)
            Self.write(&b, (dampB - half) * gainB + input)
            Self.write(&c, (dampC - half) * gainC - input)
            Self.write(&d, (dampD - half) * gainD - input)
        }
        lines = (a, b, c, d)
        diffusers = (diffuserA, diffuserB)
        damping = (dampA, dampB, dampC, dampD)
    }

    @inline(__always)
    private static func write(_ line: inout Line, _ value: Float) {
        line.buffer[line.position] = value
        line.position = line.position + 1 == line.length ? 0 : line.position + 1
    }

    /// A Schroeder all-pass with gain 0.6: spreads the input in time without colouring it.
    @inline(__always)
    private static func allPass(_ line: inout Line, _ input: Float) -> Float {
        let delayed = line.buffer[line.position]
        let stored = DSPMath.flushDenormal(input + delayed * 0.6)
        write(&line, stored)
        return delayed - stored * 0.6
    }

    func clear() {
        lines.0.clear(); lines.1.clear(); lines.2.clear(); lines.3.clear()
        diffusers.0.clear(); diffusers.1.clear()
        damping = (0, 0, 0, 0)
    }
}
