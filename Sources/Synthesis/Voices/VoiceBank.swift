/// A fixed set of voices of one kind, allocated once, with note-on, note-off and click-free
/// stealing.
///
/// Audio thread only once made. When every voice is busy, the quietest is faded out over
/// `stealFade` samples and the new note starts in it afterwards, so a steal never jumps.
final class VoiceBank<V: Voice>: @unchecked Sendable {
    private struct Slot {
        var voice: V
        /// Samples of fade left while the voice is being stolen; 0 while it plays normally.
        var fadeLeft = 0
        var pending: (key: Int, velocity: Float, released: Bool)?
        var started: UInt64 = 0
    }

    let capacity: Int
    private let slots: UnsafeMutablePointer<Slot>
    private let scratchLeft: UnsafeMutablePointer<Float>
    private let scratchRight: UnsafeMutablePointer<Float>
    private var clock: UInt64 = 0

    /// Samples over which a stolen voice fades out (about 3 ms).
    let stealFade: Int

    init(sampleRate: Float, seed: UInt32, maximumBlock: Int) {
        capacity = V.polyphony
        slots = .allocate(capacity: capacity)
        for index in 0..<capacity {
            let voice = V(sampleRate: sampleRate, seed: seed &+ UInt32(index) &* 0x9E37_79B9)
            (slots + index).initialize(to: Slot(voice: voice))
        }
        scratchLeft = .allocate(capacity: maximumBlock)
        scratchRight = .allocate(capacity: maximumBlock)
        stealFade = max(16, Int(sampleRate * 0.003))
    }

    deinit {
        for index in 0..<capacity { slots[index].voice.deallocate() }
        slots.deinitialize(count: capacity)
        slots.deallocate()
        scratchLeft.deallocate()
        scratchRight.deallocate()
    }

    /// Voices sounding or about to.
    var activeCount: Int {
        var count = 0
        for index in 0..<capacity where slots[index].voice.isActive || slots[index].pending != nil { count += 1 }
        return count
    }

    /// Starts `key`: in a free voice, else by stealing the quietest. A key already sounding is
    /// faded and struck again in its own voice.
    func noteOn(key: Int, velocity: Float, context: VoiceContext) {
        clock &+= 1
        for index in 0..<capacity where slots[index].voice.isActive && slots[index].voice.isChoked(by: key) {
            steal(index, for: nil)
        }
        if let same = firstIndex(where: { $0.voice.isActive && $0.voice.key == key && $0.pending == nil }) {
            steal(same, for: (key, velocity, false))
            return
        }
        if let free = firstIndex(where: { !$0.voice.isActive && $0.pending == nil && $0.fadeLeft == 0 }) {
            slots[free].started = clock
            slots[free].voice.start(key: key, velocity: velocity, context: context)
            return
        }
        var victim = 0
        var quietest = Float.infinity
        for index in 0..<capacity where slots[index].pending == nil {
            let loudness = slots[index].voice.loudness
            if loudness < quietest { quietest = loudness; victim = index }
        }
        steal(victim, for: (key, velocity, false))
    }

    /// Releases every voice playing `key` (and a pending start of it, once it has started).
    func noteOff(key: Int, context: VoiceContext) {
        for index in 0..<capacity {
            if slots[index].pending?.key == key {
                slots[index].pending?.released = true
            } else if slots[index].voice.isActive && slots[index].voice.key == key {
                slots[index].voice.release(context: context)
            }
        }
    }

    /// Fades every voice out quickly (stop, panic), dropping pending starts.
    func silence() {
        for index in 0..<capacity where slots[index].voice.isActive { steal(index, for: nil) }
        for index in 0..<capacity { slots[index].pending = nil }
    }

    func control(context: VoiceContext) {
        for index in 0..<capacity where slots[index].voice.isActive { slots[index].voice.control(context: context) }
    }

    /// Adds `count` samples (at most the maximum block) of every voice to left and right.
    func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext) {
        for index in 0..<capacity {
            if slots[index].fadeLeft > 0 {
                renderFading(index, left: left, right: right, count: count, context: context)
            } else if slots[index].voice.isActive {
                slots[index].voice.render(left: left, right: right, count: count, context: context)
            }
        }
    }

    private func steal(_ index: Int, for note: (key: Int, velocity: Float, released: Bool)?) {
        if slots[index].fadeLeft == 0 { slots[index].fadeLeft = stealFade }
        slots[index].pending = note
    }

    /// Renders a voice being stolen through a falling gain; once silent, starts its pending note.
    private func renderFading(_ index: Int, left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext) {
        // Only as many samples as the fade has left: the old voice must not run on past its end,
        // or the state it leaves would depend on how rendering was split.
        let fading = min(count, slots[index].fadeLeft)
        scratchLeft.update(repeating: 0, count: fading)
        scratchRight.update(repeating: 0, count: fading)
        if slots[index].voice.isActive {
            slots[index].voice.render(left: scratchLeft, right: scratchRight, count: fading, context: context)
        }
        let step = 1 / Float(stealFade)
        for frame in 0..<fading {
            let gain = Float(slots[index].fadeLeft - frame) * step
            left[frame] += scratchLeft[frame] * gain
            right[frame] += scratchRight[frame] * gain
        }
        slots[index].fadeLeft -= fading
        guard slots[index].fadeLeft == 0 else { return }
        slots[index].voice.reset()
        if let note = slots[index].pending {
            slots[index].pending = nil
            slots[index].started = clock
            slots[index].voice.start(key: note.key, velocity: note.velocity, context: context)
            if note.released { slots[index].voice.release(context: context) }
            if fading < count {
                slots[index].voice.render(left: left + fading, right: right + fading, count: count - fading, context: context)
            }
        }
    }

    private func firstIndex(where predicate: (Slot) -> Bool) -> Int? {
        for index in 0..<capacity where predicate(slots[index]) { return index }
        return nil
    }
}
